import { useQuery } from "@tanstack/react-query";
import { ApiError, api } from "../api";
import type { Me } from "../types";

export const meKey = ["auth", "me"] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>("/api/auth/me");
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export function hasPermission(me: Me | null | undefined, perm: string): boolean {
  return !!me?.permissions.includes(perm);
}

/** Permissions of the current user (empty while loading or logged out). */
export function usePermissions() {
  const { data } = useMe();
  return {
    me: data ?? null,
    can: (perm: string) => hasPermission(data, perm),
  };
}
