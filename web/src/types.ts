// Shapes returned by the Gongzhi API (see the contract in the front-end brief).

export type Role = "sysadmin" | "secadmin" | "auditor" | "district" | "street" | "community" | "grid" | "department" | "resident";

export type AreaLevel = "city" | "district" | "street" | "community" | "grid";

export interface MeArea {
  id: string;
  name: string;
  level: AreaLevel;
  path: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: "staff" | "resident";
  role: Role;
  permissions: string[];
  areas: MeArea[];
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface Area {
  id: string;
  parentId: string | null;
  level: AreaLevel;
  code: string;
  name: string;
  path: string;
  householdCount?: number;
}

export type GridLevel = "large" | "medium" | "small";

export interface GeoPolygon {
  type: "Polygon";
  coordinates: number[][][];
}

export interface Grid {
  id: string;
  code: string;
  name: string;
  communityId: string;
  communityName: string;
  streetName: string;
  gridLevel: GridLevel | null;
  householdCount: number;
  residentCount: number;
  leader: { id: string; name: string } | null;
  polygon: GeoPolygon | null;
}

export type StaffRole = "leader" | "assistant" | "informant" | "officer";

export interface GridStaff {
  id: string;
  role: StaffRole;
  name: string;
  title: string | null;
  userId: string | null;
}

export interface GridDetail extends Grid {
  staff: GridStaff[];
}

export interface GridFeatureProps {
  id: string;
  name: string;
  code: string;
  householdCount: number;
  residentCount: number;
  communityName: string;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: Array<{
    type: "Feature";
    geometry: GeoPolygon | { type: "MultiPolygon"; coordinates: number[][][][] } | null;
    properties: GridFeatureProps;
  }>;
}

export type BuildingKind = "building" | "compound";

export interface Building {
  id: string;
  gridId: string;
  gridName: string;
  kind: BuildingKind;
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  unitCount: number;
  floorCount: number | null;
  householdCount: number;
}

export interface Household {
  id: string;
  gridId: string;
  gridName: string;
  buildingId: string | null;
  buildingName: string | null;
  address: string;
  unitNo: string | null;
  roomNo: string | null;
  floorArea: number | null;
  headResidentId: string | null;
  headName: string | null;
  memberCount: number;
}

export interface BuildingDetail extends Building {
  households: Household[];
}

export interface HouseholdMove {
  id: string;
  residentId: string;
  residentName: string;
  fromHouseholdId: string | null;
  toHouseholdId: string | null;
  movedAt: string;
  reason: string | null;
}

export type DocType = "resident_id" | "passport" | "hk_macao" | "taiwan" | "foreign_permanent";
export type ResidenceType = "registered" | "resident" | "floating";

export interface Tag {
  code: string;
  nameZh: string;
  nameEn: string;
  sensitive: boolean;
}

export interface ResidentSummary {
  id: string;
  name: string;
  docType: DocType;
  docMasked: string;
  sex: "male" | "female" | null;
  birthDate: string | null;
  age: number | null;
  phoneMasked: string | null;
  residenceType: ResidenceType;
  relation: string | null;
  ethnicity: string | null;
  gridId: string;
  gridName: string;
  householdId: string | null;
  address: string | null;
  tags: Tag[];
}

export interface HouseholdDetail extends Household {
  members: ResidentSummary[];
  moves: HouseholdMove[];
}

export interface ResidentHistory {
  id: string;
  fromHouseholdId: string | null;
  toHouseholdId: string | null;
  fromAddress: string | null;
  toAddress: string | null;
  movedAt: string;
  reason: string | null;
}

export interface ResidentDetail extends ResidentSummary {
  history: ResidentHistory[];
}

export interface Overview {
  streets: number;
  communities: number;
  grids: number;
  buildings: number;
  households: number;
  residents: number;
  tagCounts: Array<{ code: string; nameZh: string; nameEn: string; count: number }>;
}

export type ImportKind = "residents" | "households" | "buildings" | "grids";
export type ImportStatus = "validating" | "validated" | "importing" | "done" | "failed";

export interface ImportJob {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  errors: Array<{ row: number; column: string; message: string }>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown> | null;
  ip: string | null;
  hash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  broken?: { seq: number; reason: string };
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  kind: "staff" | "resident";
  role: Role;
  department: string | null;
  disabled: boolean;
  locked: boolean;
  areaIds: string[];
}

export interface SecuritySettings {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
}
