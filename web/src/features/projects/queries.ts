// Types and queries of the practical-project and agreement pages.
import { useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "../../api";
import type { Me, Page } from "../../types";

export type ProjectStatus = "planned" | "in_progress" | "done" | "reopened" | "cancelled";
export type SourceType = "proposal" | "budget" | "order" | "manual";
export type AgreementKind = "duty" | "org_resident" | "convention";
export type AgreementStatus = "draft" | "published" | "retired";

export const PROJECT_STATUSES: ProjectStatus[] = ["planned", "in_progress", "done", "reopened", "cancelled"];
export const SOURCE_TYPES: SourceType[] = ["proposal", "budget", "order", "manual"];
export const AGREEMENT_KINDS: AgreementKind[] = ["convention", "org_resident", "duty"];
export const AGREEMENT_STATUSES: AgreementStatus[] = ["draft", "published", "retired"];

export interface ProjectSummary {
  id: string;
  title: string;
  status: ProjectStatus;
  progress: string;
  budget: string;
  sourceType: SourceType;
  sourceId: string | null;
  parentId: string | null;
  areaId: string;
  areaName: string;
  ownerUserId: string | null;
  ownerUserName: string | null;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
  plannedEnd: string | null;
  updatedAt: string;
  childCount: number;
  followerCount: number;
  following: boolean;
}

export interface Milestone {
  id: string;
  title: string;
  dueOn: string | null;
  doneOn: string | null;
  weight: string | null;
  position: number;
}

export interface ProjectDetail extends ProjectSummary {
  description: string;
  plannedStart: string | null;
  startedAt: string | null;
  doneAt: string | null;
  cancelledAt: string | null;
  reopenedAt: string | null;
  reopenCount: number;
  version: number;
  createdAt: string;
  parent: { id: string; title: string } | null;
  source: { type: SourceType; id: string; title: string } | null;
  children: ProjectSummary[];
  milestones: Milestone[];
  milestoneProgress: string | null;
  can: {
    manage: boolean;
    postUpdate: boolean;
    setProgress: boolean;
    nextStatuses: ProjectStatus[];
    follow: boolean;
    comment: boolean;
  };
}

export interface TimelineEntry {
  id: string;
  kind: "update" | "status" | "reopen" | "milestone" | "created";
  body: string;
  progress: string | null;
  statusFrom: string | null;
  statusTo: string | null;
  authorName: string | null;
  createdAt: string;
  photos: { id: string; name: string; mime: string; size: number }[];
}

export interface ProjectComment {
  id: string;
  authorName: string;
  staff: boolean;
  mine: boolean;
  body: string;
  createdAt: string;
}

export interface AgreementSummary {
  id: string;
  kind: AgreementKind;
  title: string;
  summary: string;
  status: AgreementStatus;
  areaId: string;
  areaName: string;
  publishedAt: string | null;
  updatedAt: string;
  versionNumber: number | null;
  effectiveOn: string | null;
  signatureCount: number;
  signedByMe: boolean;
}

export interface AgreementVersion {
  id: string;
  number: number;
  status: "draft" | "published" | "superseded";
  body: string;
  effectiveOn: string;
  note: string | null;
  publishedAt: string | null;
  supersededAt: string | null;
  signatureCount: number;
}

export interface AgreementDetail {
  id: string;
  kind: AgreementKind;
  title: string;
  summary: string;
  status: AgreementStatus;
  areaId: string;
  areaName: string;
  currentVersionId: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
  createdAt: string;
  versions: AgreementVersion[];
  mySignature: { signedAt: string; channel: "online" | "paper" } | null;
  can: { manage: boolean; sign: boolean; record: boolean; readSignatures: boolean };
}

export interface Signature {
  id: string;
  signerType: "resident" | "user" | "household";
  signerId: string;
  signerName: string;
  channel: "online" | "paper";
  signedAt: string;
  recordedBy: string | null;
}

export const isResidentUser = (me: Me | null | undefined) => me?.kind === "resident" || me?.role === "resident";

export const projectKey = (id: string) => ["decide-project", id] as const;
export const agreementKey = (id: string) => ["decide-agreement", id] as const;

export function useProjects(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ["decide-projects", params],
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>("/api/decide/projects", params, signal),
    enabled,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKey(id ?? ""),
    queryFn: ({ signal }) => api.get<ProjectDetail>(`/api/decide/projects/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTimeline(id: string | undefined) {
  return useQuery({
    queryKey: [...projectKey(id ?? ""), "updates"],
    queryFn: ({ signal }) => api.get<{ items: TimelineEntry[] }>(`/api/decide/projects/${id}/updates`, undefined, signal),
    enabled: !!id,
    select: (d) => d.items,
  });
}

export function useComments(id: string | undefined, page: number) {
  return useQuery({
    queryKey: [...projectKey(id ?? ""), "comments", page],
    queryFn: ({ signal }) => api.get<Page<ProjectComment>>(`/api/decide/projects/${id}/comments`, { page, pageSize: 10 }, signal),
    enabled: !!id,
  });
}

export function useAgreements(params: QueryParams) {
  return useQuery({
    queryKey: ["decide-agreements", params],
    queryFn: ({ signal }) => api.get<Page<AgreementSummary>>("/api/decide/agreements", params, signal),
  });
}

export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: agreementKey(id ?? ""),
    queryFn: ({ signal }) => api.get<AgreementDetail>(`/api/decide/agreements/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSignatures(id: string | undefined, versionId: string | undefined, page: number, enabled: boolean) {
  return useQuery({
    queryKey: [...agreementKey(id ?? ""), "signatures", versionId ?? "", page],
    queryFn: ({ signal }) =>
      api.get<Page<Signature>>(`/api/decide/agreements/${id}/signatures`, { versionId, page, pageSize: 20 }, signal),
    enabled: !!id && enabled,
  });
}

/** Yuan with thousands separators: "1200000.00" → "1,200,000.00". */
export function formatYuan(v: string): string {
  const [int, frac = "00"] = v.split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac.padEnd(2, "0")}`;
}
