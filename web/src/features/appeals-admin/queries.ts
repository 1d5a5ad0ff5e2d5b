// Queries and writes of the appeal configuration page (system admin, `appeal.admin`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import type {
  AdminCategory,
  CalendarChange,
  CalendarDay,
  CategoryCreate,
  CategoryFields,
  NewRoutingRule,
  RoutingRule,
} from "./types";

export const adminKeys = {
  categories: ["appeal-admin", "categories"] as const,
  rules: ["appeal-admin", "routing-rules"] as const,
  calendar: (year: number) => ["appeal-admin", "calendar", year] as const,
};

/** The whole catalogue, inactive entries included. */
export function useAdminCategories() {
  return useQuery({
    queryKey: adminKeys.categories,
    queryFn: ({ signal }) => api.get<{ items: AdminCategory[] }>("/api/categories", { all: true }, signal),
    select: (d) => d.items,
    retry: false,
  });
}

/** Create or change a category; refreshes both the admin list and the pickers' catalogue. */
export function useSaveCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { code: string | null; body: CategoryFields | CategoryCreate }) =>
      v.code === null
        ? api.post<AdminCategory>("/api/categories", v.body)
        : api.put<AdminCategory>(`/api/categories/${encodeURIComponent(v.code)}`, v.body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: adminKeys.categories });
      qc.invalidateQueries({ queryKey: ["appeal-categories"] });
    },
  });
}

export function useRoutingRules() {
  return useQuery({
    queryKey: adminKeys.rules,
    queryFn: ({ signal }) => api.get<{ items: RoutingRule[] }>("/api/routing-rules", undefined, signal),
    select: (d) => d.items,
    retry: false,
  });
}

export function useCreateRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: NewRoutingRule) => api.post<{ id: string }>("/api/routing-rules", v),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.rules }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/routing-rules/${encodeURIComponent(id)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.rules }),
  });
}

export function useCalendar(year: number) {
  return useQuery({
    queryKey: adminKeys.calendar(year),
    queryFn: ({ signal }) => api.get<{ items: CalendarDay[] }>("/api/calendar", { year }, signal),
    select: (d) => d.items,
    retry: false,
  });
}

export function useSetCalendarDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { day: string; body: CalendarChange }) => api.put(`/api/calendar/${v.day}`, v.body),
    onSuccess: (_r, v) => qc.invalidateQueries({ queryKey: adminKeys.calendar(Number(v.day.slice(0, 4))) }),
  });
}
