// Kysely table types for migration(s) of the projects area. Keep in step with server/db/migrations.
import type { ColumnType, Generated } from "kysely";
import type { Timestamp } from "./schema.js";

// numeric columns come back as strings (exact decimals); they accept numbers or strings.
type Decimal = ColumnType<string, number | string | undefined, number | string>;
type DecimalNull = ColumnType<string | null, number | string | null | undefined, number | string | null>;
// date columns are "YYYY-MM-DD" strings on both drivers.
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;

export type ProjectSourceType = "proposal" | "budget" | "order" | "manual";
export type ProjectStatus = "planned" | "in_progress" | "done" | "reopened" | "cancelled";
export type ProjectUpdateKind = "update" | "status" | "reopen" | "milestone" | "created";
export type AgreementKind = "duty" | "org_resident" | "convention";
export type AgreementStatus = "draft" | "published" | "retired";
export type AgreementVersionStatus = "draft" | "published" | "superseded";
export type SignerType = "resident" | "user" | "household";

export interface PracticalProjectsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  parent_id: string | null;
  title: string;
  description: Generated<string>;
  owner_user_id: string | null;
  owner_unit_id: string | null;
  budget: Decimal;
  source_type: ProjectSourceType;
  source_id: string | null;
  status: Generated<ProjectStatus>;
  progress: Decimal;
  planned_start: DateCol;
  planned_end: DateCol;
  started_at: Timestamp | null;
  done_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  reopened_at: Timestamp | null;
  reopen_count: Generated<number>;
  created_by: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectMilestonesTable {
  id: Generated<string>;
  project_id: string;
  district_id: string;
  position: Generated<number>;
  title: string;
  due_on: DateCol;
  done_on: DateCol;
  weight: DecimalNull;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectUpdatesTable {
  id: Generated<string>;
  project_id: string;
  district_id: string;
  area_path: string;
  kind: Generated<ProjectUpdateKind>;
  body: Generated<string>;
  progress: DecimalNull;
  status_from: string | null;
  status_to: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: Timestamp;
}

export interface ProjectFollowsTable {
  project_id: string;
  user_id: string;
  district_id: string;
  created_at: Timestamp;
}

export interface ProjectCommentsTable {
  id: Generated<string>;
  project_id: string;
  district_id: string;
  user_id: string | null;
  resident_id: string | null;
  author_name: string;
  body: string;
  created_at: Timestamp;
}

export interface AgreementsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  kind: AgreementKind;
  title: string;
  summary: Generated<string>;
  status: Generated<AgreementStatus>;
  current_version_id: string | null;
  published_at: Timestamp | null;
  retired_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgreementVersionsTable {
  id: Generated<string>;
  agreement_id: string;
  district_id: string;
  number: number;
  body: string;
  effective_on: string;
  note: string | null;
  status: Generated<AgreementVersionStatus>;
  published_at: Timestamp | null;
  superseded_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface AgreementSignaturesTable {
  id: Generated<string>;
  agreement_id: string;
  version_id: string;
  district_id: string;
  signer_type: SignerType;
  signer_id: string;
  signer_name: string;
  channel: "online" | "paper";
  recorded_by: string | null;
  signed_at: Timestamp;
}

export interface ProjectsTables {
  practical_projects: PracticalProjectsTable;
  project_milestones: ProjectMilestonesTable;
  project_updates: ProjectUpdatesTable;
  project_follows: ProjectFollowsTable;
  project_comments: ProjectCommentsTable;
  agreements: AgreementsTable;
  agreement_versions: AgreementVersionsTable;
  agreement_signatures: AgreementSignaturesTable;
}
