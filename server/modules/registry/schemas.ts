// Request and response schemas of the registry: the single source of validation, types and docs.
import { z } from "@hono/zod-openapi";
import { i18nMessage } from "../../lib/i18n.js";
import { Paging } from "../../lib/http.js";

export const AreaLevelEnum = z.enum(["city", "district", "street", "community", "grid"]);
export const GridLevelEnum = z.enum(["large", "medium", "small"]);
export const DocTypeEnum = z.enum(["resident_id", "passport", "hk_macao", "taiwan", "foreign_permanent"]);
export const ResidenceTypeEnum = z.enum(["registered", "resident", "floating"]);
export const StaffRoleEnum = z.enum(["leader", "assistant", "informant", "officer"]);

const uuid = z.string().uuid();

export const Polygon = z
  .object({
    type: z.literal("Polygon"),
    coordinates: z.array(z.array(z.array(z.number()).min(2)).min(4)).min(1),
  })
  .openapi("GeoJSONPolygon", { description: "GeoJSON Polygon in WGS84 lng/lat; first ring is the outline" });

export const Area = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    level: AreaLevelEnum,
    code: z.string(),
    name: z.string(),
    path: z.string(),
    householdCount: z.number().int().nullable(),
  })
  .openapi("Area");

export const AreaCreate = z
  .object({
    parentId: uuid,
    code: z.string().regex(/^\d{6,15}$/, i18nMessage("code_format", { detail: "6–15 digits" })),
    name: z.string().trim().min(1).max(64),
  })
  .openapi("AreaCreate");

export const AreaUpdate = z.object({ name: z.string().trim().min(1).max(64) }).openapi("AreaUpdate");

export const StaffMember = z
  .object({ id: z.string(), role: StaffRoleEnum, name: z.string(), title: z.string().nullable(), userId: z.string().nullable() })
  .openapi("GridStaff");

export const Grid = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    communityId: z.string(),
    communityName: z.string(),
    streetName: z.string().nullable(),
    gridLevel: GridLevelEnum.nullable(),
    householdCount: z.number().int(),
    residentCount: z.number().int(),
    leader: z.object({ id: z.string(), name: z.string() }).nullable(),
    polygon: Polygon.nullable(),
  })
  .openapi("Grid");

export const GridDetail = Grid.extend({ staff: z.array(StaffMember) }).openapi("GridDetail");

export const GridCreate = z
  .object({
    communityId: uuid,
    code: z.string().regex(/^\d{15}$/, i18nMessage("code_format", { detail: "15 digits" })),
    name: z.string().trim().min(1).max(64),
    gridLevel: GridLevelEnum.nullable().default(null),
    polygon: Polygon,
    leaderUserId: uuid.nullable().optional(),
  })
  .openapi("GridCreate");

export const GridUpdate = z
  .object({
    name: z.string().trim().min(1).max(64).optional(),
    gridLevel: GridLevelEnum.nullable().optional(),
    polygon: Polygon.optional(),
    leaderUserId: uuid.nullable().optional(),
  })
  .openapi("GridUpdate");

export const StaffCreate = z
  .object({
    role: StaffRoleEnum,
    name: z.string().trim().min(1).max(32),
    title: z.string().trim().max(32).nullable().optional(),
    userId: uuid.nullable().optional(),
  })
  .openapi("GridStaffCreate");

export const Building = z
  .object({
    id: z.string(),
    gridId: z.string(),
    gridName: z.string(),
    kind: z.enum(["building", "compound"]),
    name: z.string(),
    address: z.string(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    unitCount: z.number().int(),
    floorCount: z.number().int().nullable(),
    householdCount: z.number().int(),
  })
  .openapi("Building");

export const BuildingWrite = z
  .object({
    gridId: uuid,
    kind: z.enum(["building", "compound"]).default("building"),
    name: z.string().trim().min(1).max(64),
    address: z.string().trim().min(2).max(200),
    lng: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    unitCount: z.number().int().min(1).max(50).default(1),
    floorCount: z.number().int().min(1).max(200).nullable().optional(),
  })
  .openapi("BuildingWrite");

export const Household = z
  .object({
    id: z.string(),
    gridId: z.string(),
    gridName: z.string(),
    buildingId: z.string().nullable(),
    buildingName: z.string().nullable(),
    address: z.string(),
    unitNo: z.string().nullable(),
    roomNo: z.string().nullable(),
    floorArea: z.number().nullable(),
    headResidentId: z.string().nullable(),
    headName: z.string().nullable(),
    memberCount: z.number().int(),
  })
  .openapi("Household");

export const HouseholdWrite = z
  .object({
    gridId: uuid.optional(),
    buildingId: uuid.nullable().optional(),
    address: z.string().trim().min(2).max(200),
    unitNo: z.string().trim().max(16).nullable().optional(),
    roomNo: z.string().trim().max(16).nullable().optional(),
    floorArea: z.number().positive().max(100000).nullable().optional(),
    headResidentId: uuid.nullable().optional(),
  })
  .openapi("HouseholdWrite");

export const Tag = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), sensitive: z.boolean() }).openapi("Tag");

export const ResidentSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    docType: DocTypeEnum,
    docMasked: z.string(),
    sex: z.enum(["male", "female"]).nullable(),
    birthDate: z.string().nullable(),
    age: z.number().int().nullable(),
    phoneMasked: z.string().nullable(),
    residenceType: ResidenceTypeEnum,
    relation: z.string().nullable(),
    ethnicity: z.string().nullable(),
    gridId: z.string(),
    gridName: z.string(),
    householdId: z.string().nullable(),
    address: z.string().nullable(),
    tags: z.array(Tag),
  })
  .openapi("ResidentSummary");

export const Move = z
  .object({
    id: z.string(),
    fromHouseholdId: z.string().nullable(),
    toHouseholdId: z.string().nullable(),
    fromAddress: z.string().nullable(),
    toAddress: z.string().nullable(),
    movedAt: z.string(),
    reason: z.string().nullable(),
  })
  .openapi("ResidenceMove");

export const ResidentDetail = ResidentSummary.extend({ history: z.array(Move) }).openapi("ResidentDetail");

export const HouseholdDetail = Household.extend({
  members: z.array(ResidentSummary),
  moves: z.array(Move.extend({ residentId: z.string(), residentName: z.string() })),
}).openapi("HouseholdDetail");

const residentFields = {
  name: z.string().trim().min(1).max(50),
  docType: DocTypeEnum.default("resident_id"),
  docNumber: z.string().trim().min(1).max(32),
  phone: z.string().trim().max(20).nullable().optional(),
  residenceType: ResidenceTypeEnum,
  relation: z.string().trim().max(16).nullable().optional(),
  ethnicity: z.string().trim().max(16).nullable().optional(),
  householdId: uuid.nullable().optional(),
  gridId: uuid.nullable().optional(),
  tags: z.array(z.string()).max(30).default([]),
};

export const ResidentCreate = z.object(residentFields).openapi("ResidentCreate");

export const ResidentUpdate = z
  .object({
    name: residentFields.name.optional(),
    docType: DocTypeEnum.optional(),
    docNumber: residentFields.docNumber.optional(),
    phone: residentFields.phone,
    residenceType: ResidenceTypeEnum.optional(),
    relation: residentFields.relation,
    ethnicity: residentFields.ethnicity,
    gridId: uuid.optional(),
    tags: z.array(z.string()).max(30).optional(),
  })
  .openapi("ResidentUpdate");

export const MoveBody = z
  .object({ toHouseholdId: uuid, reason: z.string().trim().max(200).nullable().optional() })
  .openapi("MoveBody");

export const RevealBody = z
  .object({
    reason: z.string().trim().min(2, i18nMessage("reason_required")).max(200),
  })
  .openapi("RevealBody");

export const Revealed = z.object({ docNumber: z.string(), phone: z.string().nullable() }).openapi("Revealed");

export const ResidentQuery = Paging.extend({
  q: z.string().trim().max(50).optional().openapi({ description: "name, fuzzy" }),
  idNumber: z.string().trim().max(32).optional().openapi({ description: "exact, through the blind index" }),
  phone: z.string().trim().max(20).optional().openapi({ description: "exact, through the blind index" }),
  address: z.string().trim().max(100).optional(),
  tag: z.string().max(40).optional(),
  areaId: uuid.optional(),
  householdId: uuid.optional(),
});

export const HouseholdQuery = Paging.extend({
  q: z.string().trim().max(100).optional().openapi({ description: "address" }),
  areaId: uuid.optional(),
  buildingId: uuid.optional(),
});

export const BuildingQuery = Paging.extend({
  q: z.string().trim().max(100).optional().openapi({ description: "name or address" }),
  areaId: uuid.optional(),
});

export const GridQuery = z.object({ areaId: uuid.optional() });
