// Queries and requests of the evaluation pages.
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type { Page } from "../../types";
import type { Candidate, Survey, SurveyDetail, SurveyResults, TargetType } from "./types";

export const SURVEYS = "/api/decide/surveys";
export const surveysKey = ["eval-surveys"] as const;

export function useSurveys(params: Record<string, string | number | boolean | undefined>, enabled = true) {
  return useQuery({
    queryKey: [...surveysKey, "list", params],
    queryFn: ({ signal }) => api.get<Page<Survey>>(SURVEYS, params, signal),
    enabled,
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({
    queryKey: [...surveysKey, "one", id],
    queryFn: ({ signal }) => api.get<SurveyDetail>(`${SURVEYS}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useResults(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: [...surveysKey, "results", id],
    queryFn: ({ signal }) => api.get<SurveyResults>(`${SURVEYS}/${id}/results`, undefined, signal),
    enabled: !!id && enabled,
    retry: false,
  });
}

export function useCandidates(areaId: string | undefined, type: TargetType | undefined) {
  return useQuery({
    queryKey: [...surveysKey, "candidates", areaId, type],
    queryFn: ({ signal }) =>
      api.get<{ items: Candidate[] }>(`${SURVEYS}/candidates`, { areaId, type }, signal).then((d) => d.items),
    enabled: !!areaId && !!type && type !== "decision" && type !== "other",
    staleTime: 60_000,
  });
}
