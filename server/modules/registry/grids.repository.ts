import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { inScope } from "./scope.js";

export async function listGrids(db: Kysely<DB>, scope: Scope, underPath?: string, id?: string) {
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
      "g.path",
      "c.id as community_id",
      "c.name as community_name",
      "s.name as street_name",
      "grids.grid_level",
      "grids.household_count",
      "grids.polygon",
      "grids.leader_user_id",
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
  if (id) q = q.where("g.id", "=", id);
  return q.orderBy("g.code").execute();
}

export type GridRow = Awaited<ReturnType<typeof listGrids>>[number];

export async function staffOf(db: Kysely<DB>, gridId: string) {
  return db.selectFrom("grid_staff").selectAll().where("grid_id", "=", gridId).orderBy("role").orderBy("created_at").execute();
}

/** Grid outlines of the districts the scope touches: for choosing a location, no counts. */
export async function districtOutlines(db: Kysely<DB>, scope: Scope) {
  if (scope.paths.length === 0) return [];
  const districts = await db
    .selectFrom("areas")
    .select("district_id")
    .distinct()
    .where(inScope("path", scope))
    .where("district_id", "is not", null)
    .execute();
  const ids = districts.map((d) => d.district_id as string);
  if (ids.length === 0) return [];
  return db
    .selectFrom("grids")
    .innerJoin("areas as g", "g.id", "grids.area_id")
    .innerJoin("areas as c", "c.id", "g.parent_id")
    .select(["g.id", "g.name", "g.code", "c.name as community_name", "grids.polygon"])
    .where("grids.district_id", "in", ids)
    .where("grids.polygon", "is not", null)
    .orderBy("g.code")
    .execute();
}
