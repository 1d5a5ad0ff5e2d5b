// Queries and requests of the deliberation pages.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryParams } from "../../api";
import type { Backing, BodyDetail, Body, FlowTemplate, ProposalDetail, ProposalPage, ProposalStats, Standing } from "./types";

export const dlKeys = {
  bodies: (p?: QueryParams) => ["dl-bodies", p ?? {}] as const,
  body: (id: string) => ["dl-body", id] as const,
  proposals: (p?: QueryParams) => ["dl-proposals", p ?? {}] as const,
  proposal: (id: string) => ["dl-proposal", id] as const,
  backings: (id: string) => ["dl-backings", id] as const,
  standing: ["dl-standing"] as const,
  templates: ["dl-templates"] as const,
  stats: (p?: QueryParams) => ["dl-stats", p ?? {}] as const,
};

export function useBodies(params: QueryParams = {}) {
  return useQuery({
    queryKey: dlKeys.bodies(params),
    queryFn: ({ signal }) => api.get<{ items: Body[] }>("/api/decide/bodies", params, signal),
    select: (d) => d.items,
  });
}

export function useBody(id: string | undefined) {
  return useQuery({
    queryKey: dlKeys.body(id ?? ""),
    queryFn: ({ signal }) => api.get<BodyDetail>(`/api/decide/bodies/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useProposals(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: dlKeys.proposals(params),
    queryFn: ({ signal }) => api.get<ProposalPage>("/api/decide/proposals", params, signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: dlKeys.proposal(id ?? ""),
    queryFn: ({ signal }) => api.get<ProposalDetail>(`/api/decide/proposals/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useBackings(id: string, enabled: boolean) {
  return useQuery({
    queryKey: dlKeys.backings(id),
    queryFn: ({ signal }) => api.get<{ items: Backing[] }>(`/api/decide/proposals/${id}/backings`, undefined, signal),
    select: (d) => d.items,
    enabled,
  });
}

export function useStanding(enabled = true) {
  return useQuery({
    queryKey: dlKeys.standing,
    queryFn: ({ signal }) => api.get<Standing>("/api/decide/bodies/me", undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: dlKeys.templates,
    queryFn: ({ signal }) => api.get<{ items: FlowTemplate[] }>("/api/decide/flow-templates", undefined, signal),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useProposalStats(params: QueryParams) {
  return useQuery({
    queryKey: dlKeys.stats(params),
    queryFn: ({ signal }) => api.get<ProposalStats>("/api/decide/stats/proposals", params, signal),
    placeholderData: (prev) => prev,
  });
}

/** Everything that shows proposals or bodies is refreshed after a change. */
export function useInvalidateDeliberation() {
  const qc = useQueryClient();
  return () =>
    qc.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === "string" && (q.queryKey[0] as string).startsWith("dl-"),
    });
}

/** Uploads files one by one to an owner (decide_files). */
export async function uploadFiles(ownerType: string, ownerId: string, files: File[]) {
  for (const f of files) {
    const form = new FormData();
    form.append("file", f);
    form.append("ownerType", ownerType);
    form.append("ownerId", ownerId);
    await api.upload("/api/decide/files", form);
  }
}
