// Queries and requests of the meetings and votes pages.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryParams } from "../../api";
import type { Page } from "../../types";
import type {
  Attendance,
  BallotList,
  Elector,
  Meeting,
  MeetingCount,
  MeetingItem,
  Recount,
  Topic,
  Vote,
  VoteItem,
} from "./types";

export const vtKeys = {
  meetings: (p?: QueryParams) => ["vt-meetings", p ?? {}] as const,
  meeting: (id: string) => ["vt-meeting", id] as const,
  count: (id: string) => ["vt-meeting-count", id] as const,
  attendance: (id: string) => ["vt-meeting-attendance", id] as const,
  topics: (id: string) => ["vt-meeting-topics", id] as const,
  votes: (p?: QueryParams) => ["vt-votes", p ?? {}] as const,
  vote: (id: string) => ["vt-vote", id] as const,
  electors: (id: string, p?: QueryParams) => ["vt-electors", id, p ?? {}] as const,
  ballots: (id: string) => ["vt-ballots", id] as const,
  recount: (id: string) => ["vt-recount", id] as const,
};

export function useMeetings(params: QueryParams) {
  return useQuery({
    queryKey: vtKeys.meetings(params),
    queryFn: ({ signal }) => api.get<Page<MeetingItem>>("/api/decide/meetings", params, signal),
    placeholderData: (prev) => prev,
  });
}

export function useMeeting(id: string | undefined) {
  return useQuery({
    queryKey: vtKeys.meeting(id ?? ""),
    queryFn: ({ signal }) => api.get<Meeting>(`/api/decide/meetings/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The live sign-in count, polled while the meeting is on. */
export function useMeetingCount(id: string | undefined, live: boolean) {
  return useQuery({
    queryKey: vtKeys.count(id ?? ""),
    queryFn: ({ signal }) => api.get<MeetingCount>(`/api/decide/meetings/${id}/count`, undefined, signal),
    enabled: !!id,
    refetchInterval: live ? 3000 : false,
  });
}

export function useAttendance(id: string | undefined, live: boolean) {
  return useQuery({
    queryKey: vtKeys.attendance(id ?? ""),
    queryFn: ({ signal }) => api.get<Attendance>(`/api/decide/meetings/${id}/attendance`, undefined, signal),
    enabled: !!id,
    refetchInterval: live ? 5000 : false,
  });
}

export function useTopics(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: vtKeys.topics(id ?? ""),
    queryFn: ({ signal }) => api.get<{ items: Topic[] }>(`/api/decide/meetings/${id}/topics`, undefined, signal),
    select: (d) => d.items,
    enabled: !!id && enabled,
    refetchInterval: 10_000,
  });
}

export function useVotes(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: vtKeys.votes(params),
    queryFn: ({ signal }) => api.get<Page<VoteItem>>("/api/decide/votes", params, signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useVote(id: string | undefined, live = false) {
  return useQuery({
    queryKey: vtKeys.vote(id ?? ""),
    queryFn: ({ signal }) => api.get<Vote>(`/api/decide/votes/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: live ? 5000 : false,
  });
}

export function useElectors(id: string, params: QueryParams, enabled: boolean) {
  return useQuery({
    queryKey: vtKeys.electors(id, params),
    queryFn: ({ signal }) => api.get<Page<Elector>>(`/api/decide/votes/${id}/electors`, params, signal),
    placeholderData: (prev) => prev,
    enabled,
  });
}

export function useBallotList(id: string, enabled: boolean) {
  return useQuery({
    queryKey: vtKeys.ballots(id),
    queryFn: ({ signal }) => api.get<BallotList>(`/api/decide/votes/${id}/ballots`, undefined, signal),
    enabled,
  });
}

export function useRecount(id: string, enabled: boolean) {
  return useQuery({
    queryKey: vtKeys.recount(id),
    queryFn: ({ signal }) => api.get<Recount>(`/api/decide/votes/${id}/recount`, undefined, signal),
    enabled,
  });
}

/** Bodies (helper A's API) for the set-up forms: id, name, kind, members. */
export interface BodyLite {
  id: string;
  name: string;
  kind: string;
  areaId: string;
}
export function useBodiesLite(enabled = true) {
  return useQuery({
    queryKey: ["vt-bodies"],
    queryFn: ({ signal }) => api.get<{ items: BodyLite[] }>("/api/decide/bodies", undefined, signal),
    select: (d) => d.items,
    enabled,
    staleTime: 60_000,
  });
}
export function useBodyMembers(bodyId: string | undefined) {
  return useQuery({
    queryKey: ["vt-body-members", bodyId ?? ""],
    queryFn: ({ signal }) =>
      api.get<{ members: { id: string; name: string; role: string; current: boolean }[] }>(
        `/api/decide/bodies/${bodyId}`,
        undefined,
        signal,
      ),
    select: (d) => d.members.filter((m) => m.current !== false),
    enabled: !!bodyId,
  });
}

/** Refreshes everything that shows meetings or votes after a change. */
export function useVtRefresh() {
  const qc = useQueryClient();
  return () =>
    qc.invalidateQueries({
      predicate: (q) => typeof q.queryKey[0] === "string" && (q.queryKey[0] as string).startsWith("vt-"),
    });
}
