import { type Kysely, sql } from "kysely";
import type { AreaLevel, DB } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { inScope } from "./scope.js";

/** Areas inside the scope plus their ancestors (so the tree has its trunk), ordered by path. */
export async function listVisibleAreas(db: Kysely<DB>, scope: Scope) {
  if (scope.paths.length === 0) return [];
  const ancestors = scope.paths.map((p) => sql`areas.path @> ${p}::ltree`);
  return db
    .selectFrom("areas")
    .leftJoin("grids", "grids.area_id", "areas.id")
    .select(["areas.id", "areas.parent_id", "areas.level", "areas.code", "areas.name", "areas.path", "grids.household_count"])
    .where((eb) => eb.or([inScope("areas.path", scope), sql<boolean>`(${sql.join(ancestors, sql` or `)})`]))
    .orderBy("areas.path")
    .execute();
}

/** An area the caller may see (inside the scope), or undefined. */
export async function findArea(db: Kysely<DB>, id: string, scope: Scope) {
  return db.selectFrom("areas").selectAll().where("id", "=", id).where(inScope("path", scope)).executeTakeFirst();
}

export async function findAreaByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom("areas").selectAll().where("code", "=", code).executeTakeFirst();
}

export async function insertArea(
  db: Kysely<DB>,
  a: {
    id: string;
    parentId: string | null;
    level: AreaLevel;
    code: string;
    name: string;
    path: string;
    districtId: string | null;
  },
) {
  return db
    .insertInto("areas")
    .values({
      id: a.id,
      parent_id: a.parentId,
      level: a.level,
      code: a.code,
      name: a.name,
      path: a.path,
      district_id: a.districtId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
