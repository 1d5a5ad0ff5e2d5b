// Queries and small helpers shared by the disclosure pages.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import { useMe } from "../../auth/useMe";
import type { Page } from "../../types";
import type { Category, Disclosure, DisclosureDetail, DisclosureTemplate, ListingDetail, Listing } from "./types";

export const disclosureKeys = {
  all: ["disclosures"] as const,
  list: (params: Record<string, unknown>) => ["disclosures", "list", params] as const,
  one: (id: string) => ["disclosures", "one", id] as const,
  opinions: (params: Record<string, unknown>) => ["disclosures", "opinions", params] as const,
  stats: (params: Record<string, unknown>) => ["disclosures", "stats", params] as const,
  listings: ["listings"] as const,
  listing: (id: string) => ["listings", "one", id] as const,
};

export function useIsResident(): boolean {
  const { data: me } = useMe();
  return me?.kind === "resident" || me?.role === "resident";
}

export function useTemplates() {
  return useQuery({
    queryKey: ["disclosure-templates"],
    queryFn: () => api.get<{ items: DisclosureTemplate[] }>("/api/decide/disclosures/templates"),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}

export function useDisclosures(params: {
  category?: Category;
  status?: string;
  periodFrom?: string;
  periodTo?: string;
  q?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: disclosureKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<Disclosure>>("/api/decide/disclosures", params, signal),
    placeholderData: (prev) => prev,
  });
}

export function useDisclosure(id: string | undefined) {
  return useQuery({
    queryKey: disclosureKeys.one(id ?? ""),
    queryFn: ({ signal }) => api.get<DisclosureDetail>(`/api/decide/disclosures/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useListings(params: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...disclosureKeys.listings, "list", params],
    queryFn: ({ signal }) => api.get<Page<Listing>>("/api/decide/listings", params, signal),
    placeholderData: (prev) => prev,
  });
}

export function useListing(id: string | undefined) {
  return useQuery({
    queryKey: disclosureKeys.listing(id ?? ""),
    queryFn: ({ signal }) => api.get<ListingDetail>(`/api/decide/listings/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Exact cents of a yuan amount typed by a user ("12", "12.3", "12.30"); null when not one. */
export function toCents(v: unknown): bigint | null {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

export function formatCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}
