// Kysely table types for migration(s) of the votes area. Keep in step with server/db/migrations.
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./schema.js";

type Numeric = ColumnType<string, string | number | undefined, string | number>;
type NumericNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type MeetingKind =
  | "public_opinion"
  | "hearing"
  | "coordination"
  | "evaluation"
  | "opinion_gathering"
  | "consultation"
  | "body"
  | "open_space";
export type MeetingStatus = "scheduled" | "in_progress" | "closed" | "published" | "cancelled";
export type AgendaOutcome = "passed" | "rejected" | "returned" | "noted" | "deferred";
export type VoteKind = "yes_no" | "choose" | "budget";
export type Electorate = "body" | "residents" | "households" | "owners";
export type VoteStatus = "draft" | "open" | "closed" | "published" | "cancelled";

export interface HouseholdOwnersTable {
  household_id: string;
  owner_resident_id: string;
  district_id: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  body_id: string | null;
  kind: MeetingKind;
  title: string;
  description: string | null;
  place: string | null;
  starts_at: Timestamp;
  ends_at: Date | null;
  public: Generated<boolean>;
  quorum_ratio: NumericNull;
  expected_count: number | null;
  checkin_code: string;
  status: Generated<MeetingStatus>;
  minutes: string | null;
  decisions: string | null;
  notified_at: Date | null;
  started_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAttendanceTable {
  id: Generated<string>;
  meeting_id: string;
  district_id: string;
  resident_id: string | null;
  user_id: string | null;
  body_member_id: string | null;
  name: string;
  method: "staff" | "code";
  recorded_by: string | null;
  signed_in_at: Timestamp;
}

export interface MeetingAgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  district_id: string;
  position: number;
  title: string;
  notes: string | null;
  proposal_id: string | null;
  order_id: string | null;
  vote_id: string | null;
  outcome: AgendaOutcome | null;
  decision: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OpenSpaceTopicsTable {
  id: Generated<string>;
  meeting_id: string;
  district_id: string;
  title: string;
  description: string | null;
  proposer_name: string;
  proposer_resident_id: string | null;
  proposer_user_id: string | null;
  created_at: Timestamp;
}

export interface OpenSpaceParticipantsTable {
  id: Generated<string>;
  topic_id: string;
  meeting_id: string;
  district_id: string;
  resident_id: string | null;
  user_id: string | null;
  name: string;
  joined_at: Timestamp;
}

export interface OpenSpaceNotesTable {
  id: Generated<string>;
  topic_id: string;
  meeting_id: string;
  district_id: string;
  body: string;
  author_name: string;
  author_user_id: string | null;
  created_at: Timestamp;
}

export interface VotesTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  building_id: string | null;
  body_id: string | null;
  meeting_id: string | null;
  proposal_id: string | null;
  recall_member_id: string | null;
  title: string;
  description: string | null;
  kind: VoteKind;
  electorate: Electorate;
  secret: boolean;
  status: Generated<VoteStatus>;
  rule: Json;
  budget_rule: "knapsack" | "up_to_k" | null;
  fund: NumericNull;
  max_choices: number | null;
  opens_at: Date | null;
  closes_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  cancelled_at: Date | null;
  electorate_count: number | null;
  electorate_area: NumericNull;
  passed: boolean | null;
  result: Json | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VoteOptionsTable {
  id: Generated<string>;
  vote_id: string;
  position: number;
  label: string;
  cost: NumericNull;
  ref_id: string | null;
}

export interface VoteElectorsTable {
  vote_id: string;
  elector_id: string;
  district_id: string;
  label: string;
  area: Numeric;
  flats: Generated<number>;
}

export interface VoteVotersTable {
  vote_id: string;
  person_id: string;
  elector_id: string;
}

export interface VoteTurnoutTable {
  vote_id: string;
  elector_id: string;
  district_id: string;
  channel: "online" | "paper";
  paper_serial: string | null;
  recorded_by: string | null;
}

export interface VoteBallotsTable {
  id: Generated<string>;
  vote_id: string;
  receipt: string;
  choice: string;
  area: NumericNull;
}

export interface VoteOpenBallotsTable {
  ballot_id: string;
  vote_id: string;
  elector_id: string;
}

export interface VotesTables {
  household_owners: HouseholdOwnersTable;
  meetings: MeetingsTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  open_space_topics: OpenSpaceTopicsTable;
  open_space_participants: OpenSpaceParticipantsTable;
  open_space_notes: OpenSpaceNotesTable;
  votes: VotesTable;
  vote_options: VoteOptionsTable;
  vote_electors: VoteElectorsTable;
  vote_voters: VoteVotersTable;
  vote_turnout: VoteTurnoutTable;
  vote_ballots: VoteBallotsTable;
  vote_open_ballots: VoteOpenBallotsTable;
}
