// Shared queries used by several features.
import { useQuery } from "@tanstack/react-query";
import { api } from "../api";
import type { Area, Tag } from "../types";

export function useAreas() {
  return useQuery({
    queryKey: ["areas"],
    queryFn: () => api.get<{ items: Area[] }>("/api/areas"),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

export function useTags() {
  return useQuery({
    queryKey: ["tags"],
    queryFn: () => api.get<{ items: Tag[] }>("/api/tags"),
    staleTime: 10 * 60_000,
    select: (d) => d.items,
  });
}

export interface AreaNode extends Area {
  children: AreaNode[];
}

const levelOrder: Record<Area["level"], number> = { city: 0, district: 1, street: 2, community: 3, grid: 4 };

/** Build a forest from a flat area list; areas whose parent is not visible become roots. */
export function buildAreaTree(areas: Area[]): AreaNode[] {
  const nodes = new Map<string, AreaNode>();
  for (const a of areas) nodes.set(a.id, { ...a, children: [] });
  const roots: AreaNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: AreaNode[]) => {
    list.sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.code.localeCompare(b.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
