// Kysely table types for migration 0009_evaluation. Keep in step with server/db/migrations.
import type { Generated } from "kysely";
import type { Timestamp } from "./schema.js";

export type SurveyKind = "decisions" | "projects" | "units" | "cadres" | "mixed";
export type SurveyStatus = "draft" | "open" | "closed";
export type SurveyTargetType = "proposal" | "project" | "unit" | "cadre" | "decision" | "other";
export type SurveyItemStatus = "open" | "kept" | "reopened";
export type SurveyRating = "satisfied" | "basic" | "dissatisfied";

export interface SurveysTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  title: string;
  description: string | null;
  kind: SurveyKind;
  status: Generated<SurveyStatus>;
  threshold_num: Generated<number>;
  threshold_den: Generated<number>;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyItemsTable {
  id: Generated<string>;
  survey_id: string;
  district_id: string;
  position: number;
  target_type: SurveyTargetType;
  target_id: string | null;
  label: string;
  owner_user_id: string | null;
  status: Generated<SurveyItemStatus>;
  satisfied: number | null;
  basic: number | null;
  dissatisfied: number | null;
  comments: number | null;
  decided_at: Timestamp | null;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  survey_id: string;
  district_id: string;
  resident_id: string;
  channel: "online" | "paper";
  user_id: string | null;
  created_at: Timestamp;
}

export interface SurveyRatingsTable {
  id: Generated<string>;
  response_id: string;
  survey_id: string;
  item_id: string;
  district_id: string;
  rating: SurveyRating;
  comment: string | null;
  created_at: Timestamp;
}

export interface EvaluationTables {
  surveys: SurveysTable;
  survey_items: SurveyItemsTable;
  survey_responses: SurveyResponsesTable;
  survey_ratings: SurveyRatingsTable;
}
