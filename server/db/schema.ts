// Kysely table types. Keep in step with server/db/migrations.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

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
  prev_hash: string;
  hash: string;
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

export interface DB {
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
  idempotency_keys: IdempotencyKeysTable;
  import_jobs: ImportJobsTable;
}

export type Area = Selectable<AreasTable>;
export type Resident = Selectable<ResidentsTable>;
export type NewResident = Insertable<ResidentsTable>;
