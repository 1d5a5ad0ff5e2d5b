// Shapes returned by the Gongzhi API (see the contract in the front-end brief).

export type Role =
  | "sysadmin"
  | "secadmin"
  | "auditor"
  | "district"
  | "street"
  | "community"
  | "grid"
  | "department"
  | "operator"
  | "resident";

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

// Appeals (接诉即办): work orders, units, the category catalogue, whistles, notifications, stats.

export type AppealType = "enquiry" | "help" | "complaint" | "report" | "suggestion";
export type OrderChannel = "resident" | "patrol" | "hotline" | "open311";
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
export type OrderLight = "green" | "yellow" | "red" | "none";
export type Satisfaction = "satisfied" | "basic" | "dissatisfied";
export type OrderPart = "dispatcher" | "unit" | "supervisor" | "reporter" | "callback";
export type OrderAction =
  | "dispatch"
  | "redispatch"
  | "sign"
  | "return"
  | "contact"
  | "progress"
  | "answer"
  | "callback"
  | "suspend"
  | "resume"
  | "supervise"
  | "request_extension"
  | "decide_extension"
  | "request_void"
  | "approve_void"
  | "refuse_void"
  | "merge";
export type OrderBox =
  | "all"
  | "new"
  | "to_dispatch"
  | "returned"
  | "overdue"
  | "to_sign"
  | "in_progress"
  | "near_deadline"
  | "mine"
  | "supervised"
  | "callback";
export type Urgency = "normal" | "urgent" | "very_urgent";

export interface OrderSummary {
  id: string;
  number: string;
  channel: OrderChannel;
  appealType: AppealType;
  categoryCode: string;
  categoryName: string;
  title: string;
  status: OrderStatus;
  gridId: string | null;
  gridName: string | null;
  unitId: string | null;
  unitName: string | null;
  urgent: boolean;
  acceptedAt: string;
  resolveDueAt: string;
  light: OrderLight;
  reopenCount: number;
  version: number;
}

export interface OrderEvent {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  note: string | null;
  data: Record<string, unknown>;
}

export interface OrderAttachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  stage: string;
  url: string;
}

export interface OrderExtension {
  id: string;
  days: number;
  reason: string;
  status: string;
  createdAt: string;
}

export interface OrderSupervision {
  id: string;
  urgency: Urgency | string;
  automatic: boolean;
  note: string | null;
  replyDueAt: string;
  reply: string | null;
  createdAt: string;
}

export interface OrderDetail extends OrderSummary {
  content: string;
  lng: number | null;
  lat: number | null;
  address: string | null;
  reporterName: string | null;
  reporterPhoneMasked: string | null;
  anonymous: boolean;
  suggestedCategory: string | null;
  suggestedConfidence: number | null;
  dispatchedAt: string | null;
  signedAt: string | null;
  contactedAt: string | null;
  answeredAt: string | null;
  archivedAt: string | null;
  responseDueAt: string;
  warnAt: string;
  answer: string | null;
  resolved: boolean | null;
  satisfaction: Satisfaction | null;
  mergedInto: string | null;
  voidRequested: boolean;
  voidReason: string | null;
  parts: OrderPart[];
  actions: OrderAction[];
  timeline: OrderEvent[];
  attachments: OrderAttachment[];
  extensions: OrderExtension[];
  supervisions: OrderSupervision[];
}

export interface DuplicateOrder extends OrderSummary {
  distanceM: number | null;
}

export interface HandlingUnit {
  id: string;
  kind: "area" | "department";
  code: string;
  name: string;
  areaId: string | null;
}

export interface AppealCategory {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  defaultUnit: string | null;
  responseHours: number | null;
  resolveDays: number | null;
  resolveHours: number | null;
  urgent: boolean;
}

export interface DispatchSuggestion {
  categories: Array<{ code: string; confidence: number }>;
  unit: { id: string; name: string; via: "rule" | "default" } | null;
}

export interface WhistleUnit {
  unitId: string;
  /** The contract calls it unitName; the server also sends name and kind. */
  unitName?: string;
  name?: string;
  kind?: string;
  role: "lead" | "co";
  reportedAt: string | null;
  late: boolean | null;
  missed?: boolean;
  part: string | null;
  result: string | null;
}

export interface Whistle {
  id: string;
  orderId: string;
  orderNumber?: string;
  orderTitle?: string;
  orderStatus?: string;
  streetName?: string | null;
  reportDueAt: string;
  note?: string | null;
  createdAt: string;
  closedAt: string | null;
  units: WhistleUnit[];
}

export interface AppNotification {
  id: string;
  title: string;
  body: string | null;
  orderId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface AppealRates {
  orders: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
  averageHandlingHours: number | null;
}

export interface AppealStatsRow extends AppealRates {
  key: string | null;
  name: string;
}

export interface AppealStats {
  total: AppealRates;
  rows: AppealStatsRow[];
}

export type StatsGroupBy = "street" | "community" | "grid" | "unit" | "category" | "channel" | "day";
