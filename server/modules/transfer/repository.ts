// SQL of import and export: the job rows, batched lookups the rules need, and multi-row writes.
// Bulk writes send one array per column (insert … select from unnest): a handful of parameters
// per batch however many rows, and one plan for the server to make.
import { type Kysely, sql } from "kysely";
import type { DB, GeoPolygon } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { inScope } from "../registry/scope.js";
import type { AreaRef, HouseholdRef, ImportKind, RowError } from "./rules.js";

export const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

// ---- jobs

export async function insertJob(db: Kysely<DB>, job: { kind: ImportKind; fileName: string; createdBy: string | null }) {
  return db
    .insertInto("import_jobs")
    .values({ kind: job.kind, file_name: job.fileName, status: "validating", errors: "[]", created_by: job.createdBy })
    .returning(["id", "created_at"])
    .executeTakeFirstOrThrow();
}

export type JobPatch = Partial<{
  status: DB["import_jobs"]["status"];
  mode: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorCount: number;
  errors: RowError[];
  finished: boolean;
}>;

export async function updateJob(db: Kysely<DB>, id: string, p: JobPatch) {
  const set: Record<string, unknown> = {};
  if (p.status) set.status = p.status;
  if (p.mode) set.mode = p.mode;
  if (p.totalRows !== undefined) set.total_rows = p.totalRows;
  if (p.processedRows !== undefined) set.processed_rows = p.processedRows;
  if (p.importedRows !== undefined) set.imported_rows = p.importedRows;
  if (p.errorCount !== undefined) set.error_count = p.errorCount;
  if (p.errors) set.errors = JSON.stringify(p.errors);
  if (p.finished) set.finished_at = new Date();
  if (Object.keys(set).length) await db.updateTable("import_jobs").set(set).where("id", "=", id).execute();
}

export async function findJob(db: Kysely<DB>, id: string) {
  return db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

/** The area paths a user is bound to: a job's creator's scope, for "same-scope staff" checks. */
export async function scopePathsOf(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("user_scopes")
    .innerJoin("areas", "areas.id", "user_scopes.area_id")
    .select("areas.path")
    .where("user_scopes.user_id", "=", userId)
    .execute();
  return rows.map((r) => r.path);
}

export async function findStaffUser(db: Kysely<DB>, username?: string) {
  let q = db.selectFrom("users").selectAll().where("kind", "=", "staff").where("disabled", "=", false);
  q = username ? q.where("username", "=", username) : q.where("role", "=", "sysadmin").orderBy("created_at");
  return q.executeTakeFirst();
}

// ---- lookups for validation

export async function areasByCodes(db: Kysely<DB>, codes: string[]): Promise<AreaRef[]> {
  const out: AreaRef[] = [];
  for (const part of chunk([...new Set(codes)], 5000)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("areas as a")
      .leftJoin("grids as g", "g.area_id", "a.id")
      .select(["a.id", "a.code", "a.name", "a.level", "a.path", "a.parent_id", "a.district_id", "g.polygon"])
      .where("a.code", "in", part)
      .execute();
    for (const r of rows) {
      out.push({
        id: r.id,
        code: r.code,
        name: r.name,
        level: r.level,
        path: r.path,
        parentId: r.parent_id,
        districtId: r.district_id ?? r.id,
        polygon: (r.polygon as GeoPolygon | null) ?? null,
      });
    }
  }
  return out;
}

/** Households in scope whose address is one of `addresses` (exact match). */
export async function householdsByAddresses(db: Kysely<DB>, scope: Scope, addresses: string[]): Promise<HouseholdRef[]> {
  const out: HouseholdRef[] = [];
  for (const part of chunk([...new Set(addresses)], 5000)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom("households")
      .select(["id", "grid_id", "address", "area_path", "district_id"])
      .where("address", "in", part)
      .where(inScope("area_path", scope))
      .execute();
    for (const r of rows)
      out.push({ id: r.id, gridId: r.grid_id, address: r.address, path: r.area_path, districtId: r.district_id });
  }
  return out;
}

export async function buildingsInGrids(db: Kysely<DB>, gridIds: string[], names: string[]) {
  if (!gridIds.length || !names.length) return [];
  const out: { id: string; grid_id: string; name: string }[] = [];
  for (const part of chunk([...new Set(names)], 5000)) {
    out.push(
      ...(await db
        .selectFrom("buildings")
        .select(["id", "grid_id", "name"])
        .where("grid_id", "in", [...new Set(gridIds)])
        .where("name", "in", part)
        .orderBy("created_at")
        .execute()),
    );
  }
  return out;
}

export type ExistingResident = {
  id: string;
  doc_blind: string;
  grid_id: string;
  household_id: string | null;
  area_path: string;
  district_id: string;
};

export async function residentsByBlind(db: Kysely<DB>, blinds: string[]): Promise<ExistingResident[]> {
  const out: ExistingResident[] = [];
  for (const part of chunk(blinds, 5000)) {
    if (!part.length) continue;
    out.push(
      ...(await db
        .selectFrom("residents")
        .select(["id", "doc_blind", "grid_id", "household_id", "area_path", "district_id"])
        .where("doc_blind", "in", part)
        .execute()),
    );
  }
  return out;
}

// ---- bulk writes (inside the caller's transaction)

export type ResidentInsert = {
  id: string;
  district_id: string;
  grid_id: string;
  area_path: string;
  household_id: string | null;
  name: string;
  doc_type: string;
  doc_cipher: string;
  doc_blind: string;
  doc_masked: string;
  sex: string | null;
  birth_date: string | null;
  phone_cipher: string | null;
  phone_blind: string | null;
  phone_masked: string | null;
  residence_type: string;
  relation: string | null;
  ethnicity: string | null;
};

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);

export async function insertResidents(trx: Kysely<DB>, rows: ResidentInsert[]) {
  if (!rows.length) return;
  await sql`
    insert into residents (id, district_id, grid_id, area_path, household_id, name, doc_type, doc_cipher, doc_blind,
      doc_masked, sex, birth_date, phone_cipher, phone_blind, phone_masked, residence_type, relation, ethnicity)
    select * from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "district_id")}::uuid[], ${col(rows, "grid_id")}::uuid[],
      ${col(rows, "area_path")}::text[]::ltree[], ${col(rows, "household_id")}::uuid[], ${col(rows, "name")}::text[],
      ${col(rows, "doc_type")}::text[], ${col(rows, "doc_cipher")}::text[], ${col(rows, "doc_blind")}::text[],
      ${col(rows, "doc_masked")}::text[], ${col(rows, "sex")}::text[], ${col(rows, "birth_date")}::date[],
      ${col(rows, "phone_cipher")}::text[], ${col(rows, "phone_blind")}::text[], ${col(rows, "phone_masked")}::text[],
      ${col(rows, "residence_type")}::text[], ${col(rows, "relation")}::text[], ${col(rows, "ethnicity")}::text[]
    )`.execute(trx);
}

export type ResidentUpdate = {
  id: string;
  name: string;
  phone_cipher: string | null;
  phone_blind: string | null;
  phone_masked: string | null;
  residence_type: string;
  relation: string | null;
  ethnicity: string | null;
  grid_id: string;
  area_path: string;
  household_id: string | null;
};

/** Updates matched residents; a blank phone, relation or ethnicity in the file keeps the stored one. */
export async function updateResidents(trx: Kysely<DB>, rows: ResidentUpdate[]) {
  if (!rows.length) return;
  await sql`
    update residents r set
      name = v.name,
      phone_cipher = coalesce(v.phone_cipher, r.phone_cipher),
      phone_blind = coalesce(v.phone_blind, r.phone_blind),
      phone_masked = coalesce(v.phone_masked, r.phone_masked),
      residence_type = v.residence_type,
      relation = coalesce(v.relation, r.relation),
      ethnicity = coalesce(v.ethnicity, r.ethnicity),
      grid_id = v.grid_id,
      area_path = v.area_path,
      household_id = v.household_id,
      updated_at = now()
    from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "name")}::text[], ${col(rows, "phone_cipher")}::text[],
      ${col(rows, "phone_blind")}::text[], ${col(rows, "phone_masked")}::text[], ${col(rows, "residence_type")}::text[],
      ${col(rows, "relation")}::text[], ${col(rows, "ethnicity")}::text[], ${col(rows, "grid_id")}::uuid[],
      ${col(rows, "area_path")}::text[]::ltree[], ${col(rows, "household_id")}::uuid[]
    ) as v(id, name, phone_cipher, phone_blind, phone_masked, residence_type, relation, ethnicity, grid_id, area_path, household_id)
    where r.id = v.id`.execute(trx);
}

/** Adds tags (never removes): existing pairs are left alone. */
export async function addTags(trx: Kysely<DB>, rows: { resident_id: string; tag_code: string; district_id: string }[]) {
  if (!rows.length) return;
  await sql`
    insert into resident_tags (resident_id, tag_code, district_id)
    select * from unnest(${col(rows, "resident_id")}::uuid[], ${col(rows, "tag_code")}::text[], ${col(rows, "district_id")}::uuid[])
    on conflict do nothing`.execute(trx);
}

export async function insertHistory(
  trx: Kysely<DB>,
  rows: { resident_id: string; district_id: string; from_household_id: string | null; to_household_id: string | null }[],
  actorId: string | null,
  reason: string,
) {
  if (!rows.length) return;
  await sql`
    insert into residence_history (resident_id, district_id, from_household_id, to_household_id, actor_id, reason)
    select v.*, ${actorId}::uuid, ${reason} from unnest(
      ${col(rows, "resident_id")}::uuid[], ${col(rows, "district_id")}::uuid[],
      ${col(rows, "from_household_id")}::uuid[], ${col(rows, "to_household_id")}::uuid[]
    ) as v`.execute(trx);
}

/** Clears the head of households whose head moved out. */
export async function clearHeads(trx: Kysely<DB>, residentIds: string[]) {
  for (const part of chunk(residentIds, 5000)) {
    await trx.updateTable("households").set({ head_resident_id: null }).where("head_resident_id", "in", part).execute();
  }
}

export type HouseholdWrite = {
  id: string;
  district_id: string;
  grid_id: string;
  area_path: string;
  building_id: string | null;
  address: string;
  unit_no: string | null;
  room_no: string | null;
  floor_area: number | null;
};

export async function insertHouseholds(trx: Kysely<DB>, rows: HouseholdWrite[]) {
  if (!rows.length) return;
  await sql`
    insert into households (id, district_id, grid_id, area_path, building_id, address, unit_no, room_no, floor_area)
    select * from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "district_id")}::uuid[], ${col(rows, "grid_id")}::uuid[],
      ${col(rows, "area_path")}::text[]::ltree[], ${col(rows, "building_id")}::uuid[], ${col(rows, "address")}::text[],
      ${col(rows, "unit_no")}::text[], ${col(rows, "room_no")}::text[], ${col(rows, "floor_area")}::numeric[]
    )`.execute(trx);
}

export async function updateHouseholds(trx: Kysely<DB>, rows: HouseholdWrite[]) {
  if (!rows.length) return;
  await sql`
    update households h set
      building_id = coalesce(v.building_id, h.building_id),
      unit_no = coalesce(v.unit_no, h.unit_no),
      room_no = coalesce(v.room_no, h.room_no),
      floor_area = coalesce(v.floor_area, h.floor_area),
      updated_at = now()
    from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "building_id")}::uuid[], ${col(rows, "unit_no")}::text[],
      ${col(rows, "room_no")}::text[], ${col(rows, "floor_area")}::numeric[]
    ) as v(id, building_id, unit_no, room_no, floor_area)
    where h.id = v.id`.execute(trx);
}

export type BuildingWrite = {
  id: string;
  district_id: string;
  grid_id: string;
  area_path: string;
  kind: string;
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  unit_count: number;
  floor_count: number | null;
};

export async function insertBuildings(trx: Kysely<DB>, rows: BuildingWrite[]) {
  if (!rows.length) return;
  await sql`
    insert into buildings (id, district_id, grid_id, area_path, kind, name, address, lng, lat, unit_count, floor_count)
    select * from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "district_id")}::uuid[], ${col(rows, "grid_id")}::uuid[],
      ${col(rows, "area_path")}::text[]::ltree[], ${col(rows, "kind")}::text[], ${col(rows, "name")}::text[],
      ${col(rows, "address")}::text[], ${col(rows, "lng")}::float8[], ${col(rows, "lat")}::float8[],
      ${col(rows, "unit_count")}::int[], ${col(rows, "floor_count")}::int[]
    )`.execute(trx);
}

export async function updateBuildings(trx: Kysely<DB>, rows: BuildingWrite[]) {
  if (!rows.length) return;
  await sql`
    update buildings b set
      kind = v.kind, address = v.address, lng = coalesce(v.lng, b.lng), lat = coalesce(v.lat, b.lat),
      unit_count = v.unit_count, floor_count = coalesce(v.floor_count, b.floor_count), updated_at = now()
    from unnest(
      ${col(rows, "id")}::uuid[], ${col(rows, "kind")}::text[], ${col(rows, "address")}::text[],
      ${col(rows, "lng")}::float8[], ${col(rows, "lat")}::float8[], ${col(rows, "unit_count")}::int[],
      ${col(rows, "floor_count")}::int[]
    ) as v(id, kind, address, lng, lat, unit_count, floor_count)
    where b.id = v.id`.execute(trx);
}

export type GridWrite = {
  id: string;
  parent_id: string;
  parent_path: string;
  district_id: string;
  code: string;
  name: string;
  grid_level: string | null;
  polygon: GeoPolygon;
  bbox: [number, number, number, number];
};

export async function insertGrids(trx: Kysely<DB>, rows: GridWrite[], labelOf: (id: string) => string) {
  if (!rows.length) return;
  await trx
    .insertInto("areas")
    .values(
      rows.map((g) => ({
        id: g.id,
        parent_id: g.parent_id,
        level: "grid" as const,
        code: g.code,
        name: g.name,
        path: `${g.parent_path}.${labelOf(g.id)}`,
        district_id: g.district_id,
      })),
    )
    .execute();
  await trx
    .insertInto("grids")
    .values(
      rows.map((g) => ({
        area_id: g.id,
        district_id: g.district_id,
        grid_level: g.grid_level as "large" | "medium" | "small" | null,
        polygon: JSON.stringify(g.polygon),
        min_lng: g.bbox[0],
        min_lat: g.bbox[1],
        max_lng: g.bbox[2],
        max_lat: g.bbox[3],
      })),
    )
    .execute();
}

export async function updateGrid(trx: Kysely<DB>, g: GridWrite) {
  await trx.updateTable("areas").set({ name: g.name, updated_at: new Date() }).where("id", "=", g.id).execute();
  await trx
    .updateTable("grids")
    .set({
      grid_level: g.grid_level as "large" | "medium" | "small" | null,
      polygon: JSON.stringify(g.polygon),
      min_lng: g.bbox[0],
      min_lat: g.bbox[1],
      max_lng: g.bbox[2],
      max_lat: g.bbox[3],
    })
    .where("area_id", "=", g.id)
    .execute();
}

// ---- export

/** Grid codes by id for the grids in scope (exports show codes next to names). */
export async function gridCodes(db: Kysely<DB>, scope: Scope): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("areas")
    .select(["id", "code"])
    .where("level", "=", "grid")
    .where(inScope("path", scope))
    .execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function gridsForExport(db: Kysely<DB>, scope: Scope, underPath?: string) {
  let q = db
    .selectFrom("grids")
    .innerJoin("areas as g", "g.id", "grids.area_id")
    .innerJoin("areas as c", "c.id", "g.parent_id")
    .leftJoin("areas as s", "s.id", "c.parent_id")
    .leftJoin("users as u", "u.id", "grids.leader_user_id")
    .select([
      "g.id",
      "g.code",
      "g.name",
      "c.code as community_code",
      "c.name as community_name",
      "s.name as street_name",
      "grids.grid_level",
      "grids.household_count",
      "grids.polygon",
      "u.display_name as leader_name",
      (eb) =>
        eb
          .selectFrom("residents as r")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("r.grid_id", "=", "g.id")
          .as("resident_count"),
    ])
    .where(inScope("g.path", scope));
  if (underPath) q = q.where(sql<boolean>`g.path <@ ${underPath}::ltree`);
  return q.orderBy("g.code").execute();
}
