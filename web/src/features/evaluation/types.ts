// Shapes of the evaluation API (/api/decide/surveys).
export type SurveyKind = "decisions" | "projects" | "units" | "cadres" | "mixed";
export type SurveyStatus = "draft" | "open" | "closed";
export type TargetType = "proposal" | "project" | "unit" | "cadre" | "decision" | "other";
export type Rating = "satisfied" | "basic" | "dissatisfied";
export type ItemStatus = "open" | "kept" | "reopened";

export const SURVEY_KINDS: SurveyKind[] = ["mixed", "projects", "cadres", "decisions", "units"];
export const TARGET_TYPES: TargetType[] = ["project", "cadre", "proposal", "unit", "decision", "other"];
export const RATINGS: Rating[] = ["satisfied", "basic", "dissatisfied"];

/** Which item types each kind of survey may hold (mirrors the server's rule). */
export function kindAllows(kind: SurveyKind, t: TargetType): boolean {
  if (kind === "cadres") return t === "cadre";
  if (kind === "projects") return t === "project";
  if (kind === "units") return t === "unit";
  if (kind === "decisions") return t === "decision" || t === "proposal";
  return true;
}

export const needsTarget = (t: TargetType) => t !== "decision" && t !== "other";

export interface Survey {
  id: string;
  areaId: string;
  areaName: string;
  title: string;
  description: string | null;
  kind: SurveyKind;
  status: SurveyStatus;
  threshold: { numerator: number; denominator: number };
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  accepting: boolean;
  itemCount: number;
  responseCount: number;
  answered: boolean | null;
}

export interface SurveyItem {
  id: string;
  position: number;
  targetType: TargetType;
  targetId: string | null;
  label: string;
  ownerUserId: string | null;
  ownerName: string | null;
  status: ItemStatus;
}

export interface SurveyDetail extends Survey {
  items: SurveyItem[];
  electorate: number | null;
  myResponse: {
    channel: string;
    createdAt: string;
    ratings: { itemId: string; rating: Rating; comment: string | null }[];
  } | null;
}

export interface ResultItem extends SurveyItem {
  satisfied: number;
  basic: number;
  dissatisfied: number;
  total: number;
  rate: string | null;
  positiveRate: string | null;
  commentsCount: number;
  comments: { rating: Rating; comment: string }[] | null;
}

export interface SurveyResults {
  survey: Survey;
  threshold: { numerator: number; denominator: number; text: string };
  responses: number;
  electorate: number;
  items: ResultItem[];
}

export interface Candidate {
  targetType: TargetType;
  targetId: string;
  label: string;
  detail: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
}

export interface ItemInput {
  targetType: TargetType;
  targetId?: string | null;
  label?: string | null;
  ownerUserId?: string | null;
}

export interface SurveyInput {
  areaId: string;
  title: string;
  description?: string | null;
  kind: SurveyKind;
  threshold?: { numerator: number; denominator: number } | null;
  opensAt?: string | null;
  closesAt?: string | null;
  items: ItemInput[];
}
