// Kysely table types for migration(s) of the deliberation area. Keep in step with server/db/migrations.
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./schema.js";

type Numeric = ColumnType<string, string | number, string | number>;
type NumericNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type DateCol = ColumnType<string, string, string>;
type DateNull = ColumnType<string | null, string | null | undefined, string | null>;

export type BodyKind =
  | "representatives"
  | "rep_working_committee"
  | "residents_committee"
  | "party_committee"
  | "two_committees"
  | "party_members"
  | "consultation"
  | "owners_committee"
  | "compound_council"
  | "supervision";

export type MemberRole = "chair" | "vice_chair" | "secretary" | "member";
export type MemberEndReason = "term_end" | "resigned" | "recalled" | "moved";

export type ProposalStatus =
  | "draft"
  | "collecting"
  | "lapsed"
  | "in_flow"
  | "returned"
  | "adopted"
  | "completed"
  | "rejected"
  | "withdrawn";

export type StepOutcome = "pass" | "return" | "reject";

export interface BodiesTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  kind: BodyKind;
  name: string;
  building_id: string | null;
  quorum_ratio: ColumnType<string, string | number | undefined, string | number>;
  backing_rep_ratio: ColumnType<string, string | number | undefined, string | number>;
  backing_households: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BodyMembersTable {
  id: Generated<string>;
  body_id: string;
  district_id: string;
  resident_id: string | null;
  user_id: string | null;
  name: string;
  role: MemberRole;
  term_start: DateCol;
  term_end: DateNull;
  ended_at: DateNull;
  end_reason: MemberEndReason | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FlowTemplatesTable {
  id: Generated<string>;
  district_id: string | null;
  code: string;
  name_zh: string;
  name_en: string;
  steps: Json;
  builtin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProposalsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  body_id: string | null;
  author_kind: "resident" | "representative" | "staff";
  author_resident_id: string | null;
  author_user_id: string | null;
  author_name: string;
  title: string;
  content: string;
  category: string;
  estimated_cost: NumericNull;
  status: Generated<ProposalStatus>;
  decision: "adopted" | "rejected" | null;
  flow_code: Generated<string>;
  flow_name_zh: string | null;
  flow_name_en: string | null;
  flow_steps: Json | null;
  current_step: number | null;
  threshold_households: number | null;
  threshold_rep_ratio: NumericNull;
  threshold_reps: number | null;
  rep_count: number | null;
  backing_households: Generated<number>;
  backing_reps: Generated<number>;
  backing_count: Generated<number>;
  backing_deadline: Timestamp | null;
  submitted_at: Timestamp | null;
  threshold_reached_at: Timestamp | null;
  lapsed_at: Timestamp | null;
  adopted_at: Timestamp | null;
  rejected_at: Timestamp | null;
  completed_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProposalBackingsTable {
  id: Generated<string>;
  proposal_id: string;
  district_id: string;
  resident_id: string;
  household_id: string | null;
  representative: Generated<boolean>;
  channel: "online" | "paper";
  user_id: string | null;
  recorded_by: string | null;
  backed_at: Timestamp;
}

export interface ProposalStepsTable {
  id: Generated<string>;
  proposal_id: string;
  district_id: string;
  step_index: number;
  step_key: string;
  step_kind: string;
  round: Generated<number>;
  outcome: StepOutcome;
  minutes: string | null;
  meeting_id: string | null;
  vote_id: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  recorded_at: Timestamp;
}

export interface ProposalEventsTable {
  id: Generated<string>;
  proposal_id: string;
  district_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Json;
}

export interface DecideFilesTable {
  id: Generated<string>;
  district_id: string;
  owner_type: string;
  owner_id: string;
  name: string;
  mime: string;
  size: number;
  storage_key: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DeliberationTables {
  bodies: BodiesTable;
  body_members: BodyMembersTable;
  flow_templates: FlowTemplatesTable;
  proposals: ProposalsTable;
  proposal_backings: ProposalBackingsTable;
  proposal_steps: ProposalStepsTable;
  proposal_events: ProposalEventsTable;
  decide_files: DecideFilesTable;
}

export type { Numeric };
