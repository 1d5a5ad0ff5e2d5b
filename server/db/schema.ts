// Kysely table types. Keep in step with server/db/migrations.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { BudgetTables } from "./schema.budget.js";
import type { DeliberationTables } from "./schema.deliberation.js";
import type { DisclosureTables } from "./schema.disclosure.js";
import type { EvaluationTables } from "./schema.evaluation.js";
import type { ProjectsTables } from "./schema.projects.js";
import type { VotesTables } from "./schema.votes.js";

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;

export type AreaLevel = "city" | "district" | "street" | "community" | "grid";

export interface AreasTable {
  id: Generated<string>;
  parent_id: string | null;
  level: AreaLevel;
  code: string;
  name: string;
  path: string;
  district_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GridsTable {
  area_id: string;
  district_id: string;
  grid_level: "large" | "medium" | "small" | null;
  polygon: Json<GeoPolygon | null> | null;
  min_lng: number | null;
  min_lat: number | null;
  max_lng: number | null;
  max_lat: number | null;
  leader_user_id: string | null;
  household_count: Generated<number>;
}

export type GeoPolygon = { type: "Polygon"; coordinates: number[][][] };

export interface GridStaffTable {
  id: Generated<string>;
  grid_id: string;
  district_id: string;
  role: "leader" | "assistant" | "informant" | "officer";
  name: string;
  title: string | null;
  user_id: string | null;
  created_at: Timestamp;
}

export interface BuildingsTable {
  id: Generated<string>;
  district_id: string;
  grid_id: string;
  area_path: string;
  kind: "building" | "compound";
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  unit_count: Generated<number>;
  floor_count: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdsTable {
  id: Generated<string>;
  district_id: string;
  grid_id: string;
  area_path: string;
  building_id: string | null;
  address: string;
  unit_no: string | null;
  room_no: string | null;
  floor_area: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  head_resident_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DocType = "resident_id" | "passport" | "hk_macao" | "taiwan" | "foreign_permanent";
export type ResidenceType = "registered" | "resident" | "floating";

export interface ResidentsTable {
  id: Generated<string>;
  district_id: string;
  grid_id: string;
  area_path: string;
  household_id: string | null;
  name: string;
  doc_type: DocType;
  doc_cipher: string;
  doc_blind: string;
  doc_masked: string;
  sex: "male" | "female" | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  phone_cipher: string | null;
  phone_blind: string | null;
  phone_masked: string | null;
  residence_type: ResidenceType;
  relation: string | null;
  ethnicity: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TagsTable {
  code: string;
  name_zh: string;
  name_en: string;
  sensitive: boolean;
  sort: number;
}

export interface ResidentTagsTable {
  resident_id: string;
  tag_code: string;
  district_id: string;
}

export interface ResidenceHistoryTable {
  id: Generated<string>;
  resident_id: string;
  district_id: string;
  from_household_id: string | null;
  to_household_id: string | null;
  moved_at: Timestamp;
  actor_id: string | null;
  reason: string | null;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  kind: "staff" | "resident";
  role: string;
  password_hash: string;
  resident_id: string | null;
  department: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserScopesTable {
  user_id: string;
  area_id: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface AuditLogTable {
  seq: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface AuditChainTable {
  pos: string;
  seq: string;
  prev_hash: string;
  hash: string;
  linked_at: Timestamp;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  method: string;
  path: string;
  status: number;
  body: Json;
  created_at: Timestamp;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  status: "validating" | "validated" | "importing" | "done" | "failed";
  mode: Generated<string>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  imported_rows: Generated<number>;
  error_count: Generated<number>;
  errors: Json<unknown[]>;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Date | null;
}

export interface UnitsTable {
  id: Generated<string>;
  district_id: string;
  kind: "area" | "department";
  code: string;
  name: string;
  area_id: string | null;
  created_at: Timestamp;
}

export interface UserUnitsTable {
  user_id: string;
  unit_id: string;
}

export interface CategoriesTable {
  code: string;
  parent_code: string | null;
  name_zh: string;
  name_en: string;
  default_unit: string | null;
  response_hours: number | null;
  resolve_days: number | null;
  resolve_hours: number | null;
  urgent: Generated<boolean>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  district_id: string;
  category_code: string;
  area_id: string;
  unit_id: string;
  created_at: Timestamp;
}

export interface CalendarDaysTable {
  day: ColumnType<string, string, string>;
  kind: "holiday" | "workday";
  name: string;
}

export type OrderStatus =
  | "accepted"
  | "dispatched"
  | "signed"
  | "in_progress"
  | "answered"
  | "archived"
  | "returned"
  | "suspended"
  | "voided"
  | "merged";

export interface OrdersTable {
  id: Generated<string>;
  district_id: string;
  number: string;
  channel: "resident" | "patrol" | "hotline" | "open311";
  appeal_type: "enquiry" | "help" | "complaint" | "report" | "suggestion";
  category_code: string;
  title: string;
  content: string;
  lng: number | null;
  lat: number | null;
  address: string | null;
  grid_id: string | null;
  community_id: string | null;
  street_id: string | null;
  area_path: string;
  reporter_user_id: string | null;
  reporter_name: string | null;
  reporter_phone_cipher: string | null;
  reporter_phone_blind: string | null;
  reporter_phone_masked: string | null;
  anonymous: Generated<boolean>;
  status: OrderStatus;
  suspended_from: OrderStatus | null;
  unit_id: string | null;
  first_receiver_id: string | null;
  urgent: Generated<boolean>;
  suggested_category: string | null;
  suggested_confidence: number | null;
  accepted_at: Timestamp;
  dispatched_at: Date | null;
  signed_at: Date | null;
  contacted_at: Date | null;
  answered_at: Date | null;
  archived_at: Date | null;
  response_due_at: Timestamp;
  resolve_due_at: Timestamp;
  warn_at: Timestamp;
  warned_at: Date | null;
  overdue_fired_at: Date | null;
  answer: string | null;
  resolved: boolean | null;
  satisfaction: "satisfied" | "basic" | "dissatisfied" | null;
  rated_at: Date | null;
  reopen_count: Generated<number>;
  merged_into: string | null;
  void_requested_by: string | null;
  void_reason: string | null;
  open311_token: string | null;
  version: Generated<number>;
  search: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrderEventsTable {
  id: Generated<string>;
  order_id: string;
  district_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  data: Json<Record<string, unknown>>;
}

export interface OrderAttachmentsTable {
  id: Generated<string>;
  order_id: string;
  district_id: string;
  stage: Generated<string>;
  file_name: string;
  mime: string;
  size: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface SupervisionsTable {
  id: Generated<string>;
  order_id: string;
  district_id: string;
  by_user_id: string | null;
  automatic: Generated<boolean>;
  urgency: "normal" | "urgent" | "very_urgent";
  note: string | null;
  reply_due_at: Timestamp;
  reply: string | null;
  replied_at: Date | null;
  created_at: Timestamp;
}

export interface ExtensionsTable {
  id: Generated<string>;
  order_id: string;
  district_id: string;
  requested_by: string | null;
  days: number;
  reason: string;
  status: Generated<"pending" | "approved" | "refused">;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface WhistlesTable {
  id: Generated<string>;
  order_id: string;
  district_id: string;
  street_id: string | null;
  blown_by: string | null;
  report_due_at: Timestamp;
  note: string | null;
  created_at: Timestamp;
  closed_at: Date | null;
}

export interface WhistleUnitsTable {
  whistle_id: string;
  unit_id: string;
  role: "lead" | "co";
  reported_at: Date | null;
  late: boolean | null;
  part: string | null;
  result: string | null;
}

export interface OutboxTable {
  id: Generated<string>;
  topic: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  delivered_at: Date | null;
  last_error: string | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  outbox_id: string | null;
  user_id: string;
  order_id: string | null;
  title: string;
  body: string;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface Open311ClientsTable {
  id: Generated<string>;
  name: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Date | null;
}

export interface ClassifierModelsTable {
  id: Generated<string>;
  trained_at: Timestamp;
  samples: number;
  source: string;
  model: Json<unknown>;
}

export interface DB extends DeliberationTables, VotesTables, BudgetTables, ProjectsTables, DisclosureTables, EvaluationTables {
  units: UnitsTable;
  user_units: UserUnitsTable;
  categories: CategoriesTable;
  routing_rules: RoutingRulesTable;
  calendar_days: CalendarDaysTable;
  orders: OrdersTable;
  order_events: OrderEventsTable;
  order_attachments: OrderAttachmentsTable;
  supervisions: SupervisionsTable;
  extensions: ExtensionsTable;
  whistles: WhistlesTable;
  whistle_units: WhistleUnitsTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  open311_clients: Open311ClientsTable;
  classifier_models: ClassifierModelsTable;
  areas: AreasTable;
  grids: GridsTable;
  grid_staff: GridStaffTable;
  buildings: BuildingsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  tags: TagsTable;
  resident_tags: ResidentTagsTable;
  residence_history: ResidenceHistoryTable;
  users: UsersTable;
  user_scopes: UserScopesTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  idempotency_keys: IdempotencyKeysTable;
  import_jobs: ImportJobsTable;
}

export type Area = Selectable<AreasTable>;
export type Resident = Selectable<ResidentsTable>;
export type NewResident = Insertable<ResidentsTable>;
