// Buildings (楼栋/院落) and households (户): the places people live in.
import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { COUNT_CAP } from "./residents.repository.js";
import { inScope, likeEscape, ngramQuery } from "./scope.js";

export type PlaceFilter = { q?: string; areaPath?: string; buildingId?: string; id?: string };

function buildingsQuery(db: Kysely<DB>, scope: Scope, f: PlaceFilter) {
  let q = db.selectFrom("buildings as b").innerJoin("areas as g", "g.id", "b.grid_id").where(inScope("b.area_path", scope));
  if (f.areaPath) q = q.where(sql<boolean>`b.area_path <@ ${f.areaPath}::ltree`);
  if (f.id) q = q.where("b.id", "=", f.id);
  if (f.q) {
    const tsq = ngramQuery(f.q);
    if (tsq) q = q.where(sql<boolean>`b.search @@ ${tsq}::tsquery`);
  }
  return q.select([
    "b.id",
    "b.grid_id",
    "g.name as grid_name",
    "b.kind",
    "b.name",
    "b.address",
    "b.lng",
    "b.lat",
    "b.unit_count",
    "b.floor_count",
    "b.district_id",
    "b.area_path",
    (eb) =>
      eb
        .selectFrom("households as h")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("h.building_id", "=", "b.id")
        .as("household_count"),
  ]);
}

function householdsQuery(db: Kysely<DB>, scope: Scope, f: PlaceFilter) {
  let q = db
    .selectFrom("households as h")
    .innerJoin("areas as g", "g.id", "h.grid_id")
    .leftJoin("buildings as b", "b.id", "h.building_id")
    .leftJoin("residents as head", "head.id", "h.head_resident_id")
    .where(inScope("h.area_path", scope));
  if (f.areaPath) q = q.where(sql<boolean>`h.area_path <@ ${f.areaPath}::ltree`);
  if (f.buildingId) q = q.where("h.building_id", "=", f.buildingId);
  if (f.id) q = q.where("h.id", "=", f.id);
  if (f.q) {
    const tsq = ngramQuery(f.q);
    if (tsq) q = q.where(sql<boolean>`h.search @@ ${tsq}::tsquery`).where("h.address", "ilike", `%${likeEscape(f.q)}%`);
  }
  return q.select([
    "h.id",
    "h.grid_id",
    "g.name as grid_name",
    "h.building_id",
    "b.name as building_name",
    "h.address",
    "h.unit_no",
    "h.room_no",
    "h.floor_area",
    "h.head_resident_id",
    "head.name as head_name",
    "h.district_id",
    "h.area_path",
    (eb) =>
      eb
        .selectFrom("residents as r")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("r.household_id", "=", "h.id")
        .as("member_count"),
  ]);
}

// biome-ignore lint/suspicious/noExplicitAny: any FROM clause; rows keep their selected type
async function paged<R>(db: Kysely<DB>, q: SelectQueryBuilder<DB, any, R>, page: number, pageSize: number) {
  const rows = await q
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counted = await db
    .selectFrom(
      q
        .clearSelect()
        .clearOrderBy()
        .select(sql`1`.as("one"))
        .limit(COUNT_CAP + 1)
        .as("t"),
    )
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export const listBuildings = (db: Kysely<DB>, scope: Scope, f: PlaceFilter, page: number, pageSize: number) =>
  paged(db, buildingsQuery(db, scope, f).orderBy("b.address").orderBy("b.id"), page, pageSize);

export const listHouseholds = (db: Kysely<DB>, scope: Scope, f: PlaceFilter, page: number, pageSize: number) =>
  paged(db, householdsQuery(db, scope, f).orderBy("h.address").orderBy("h.id"), page, pageSize);

export const findBuilding = (db: Kysely<DB>, scope: Scope, id: string) => buildingsQuery(db, scope, { id }).executeTakeFirst();
export const findHousehold = (db: Kysely<DB>, scope: Scope, id: string) => householdsQuery(db, scope, { id }).executeTakeFirst();

export type BuildingRow = NonNullable<Awaited<ReturnType<typeof findBuilding>>>;
export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHousehold>>>;

export async function* iterateHouseholds(db: Kysely<DB>, scope: Scope, f: PlaceFilter, batch = 2000) {
  for (let offset = 0; ; offset += batch) {
    const rows = await householdsQuery(db, scope, f).orderBy("h.address").orderBy("h.id").limit(batch).offset(offset).execute();
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

export async function* iterateBuildings(db: Kysely<DB>, scope: Scope, f: PlaceFilter, batch = 2000) {
  for (let offset = 0; ; offset += batch) {
    const rows = await buildingsQuery(db, scope, f).orderBy("b.address").orderBy("b.id").limit(batch).offset(offset).execute();
    if (rows.length) yield rows;
    if (rows.length < batch) return;
  }
}

export async function movesInto(db: Kysely<DB>, householdId: string) {
  return db
    .selectFrom("residence_history as m")
    .innerJoin("residents as r", "r.id", "m.resident_id")
    .leftJoin("households as hf", "hf.id", "m.from_household_id")
    .leftJoin("households as ht", "ht.id", "m.to_household_id")
    .select([
      "m.id",
      "m.resident_id",
      "r.name as resident_name",
      "m.from_household_id",
      "m.to_household_id",
      "hf.address as from_address",
      "ht.address as to_address",
      "m.moved_at",
      "m.reason",
    ])
    .where((eb) => eb.or([eb("m.from_household_id", "=", householdId), eb("m.to_household_id", "=", householdId)]))
    .orderBy("m.moved_at", "desc")
    .limit(200)
    .execute();
}
