// Queries and requests shared by the appeal pages.
import { useQuery } from "@tanstack/react-query";
import { ApiError, api, readCookie } from "../../api";
import { getLang } from "../../i18n/lang";
import type { AppealCategory, FeatureCollection, HandlingUnit, OrderDetail } from "../../types";

export const orderKey = (id: string) => ["order", id] as const;

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: orderKey(id ?? ""),
    queryFn: ({ signal }) => api.get<OrderDetail>(`/api/orders/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ["appeal-categories"],
    queryFn: () => api.get<{ items: AppealCategory[] }>("/api/categories"),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}

export function useUnits(enabled = true) {
  return useQuery({
    queryKey: ["appeal-units"],
    queryFn: () => api.get<{ items: HandlingUnit[] }>("/api/units"),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
    enabled,
  });
}

/** Grid polygons (same cache as the grid map); only users who may read the registry get them. */
export function useGridGeo(enabled: boolean) {
  return useQuery({
    queryKey: ["grids", "geojson"],
    queryFn: () => api.get<FeatureCollection>("/api/grids/geojson"),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** True when the endpoint is not there (yet): pages show an empty state instead of an error. */
export function isMissing(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 501);
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID();
  return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/**
 * POST with an Idempotency-Key, so a double tap or a retry of the same submission never creates
 * a second order (the server replays the first answer). Same headers as `api.post` otherwise.
 */
export async function postWithKey<T>(path: string, body: unknown, key: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": getLang() === "en" ? "en" : "zh-CN",
    "Content-Type": "application/json",
    "Idempotency-Key": key,
  };
  const csrf = readCookie("gz_csrf");
  if (csrf) headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
  if (!res.ok) {
    let code = `http_${res.status}`;
    let message = res.statusText || `HTTP ${res.status}`;
    let details: ApiError["details"] = [];
    try {
      const data = (await res.json()) as { error?: { code?: string; message?: string; details?: ApiError["details"] } };
      code = data.error?.code ?? code;
      message = data.error?.message ?? message;
      details = Array.isArray(data.error?.details) ? data.error.details : [];
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(res.status, code, message, details);
  }
  return (await res.json()) as T;
}

/** Upload photos to a freshly created order; returns how many failed (the order stands either way). */
export async function uploadAttachments(orderId: string, files: File[], stage: "intake" | "progress" | "answer" = "intake") {
  let failed = 0;
  for (const file of files) {
    const form = new FormData();
    form.append("file", file);
    form.append("stage", stage);
    try {
      await api.upload(`/api/orders/${orderId}/attachments`, form);
    } catch {
      failed++;
    }
  }
  return failed;
}
