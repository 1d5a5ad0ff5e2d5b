// Handling units: every street, community and grid is a 块 unit; departments are 条 units.
// A user belongs to the area units of the areas they are bound to (when their role works at that
// level) and to the department units listed in user_units.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SessionUser } from "../identity/types.js";

export type DepartmentDef = { code: string; nameZh: string };

/** Creates missing units for a district: one per street, community and grid, one per department. */
export async function ensureUnits(db: Kysely<DB>, districtId: string, departments: readonly DepartmentDef[]): Promise<number> {
  const areaRows = await db
    .selectFrom("areas")
    .select(["id", "code", "name"])
    .where("district_id", "=", districtId)
    .where("level", "in", ["street", "community", "grid"])
    .execute();
  const values = [
    ...areaRows.map((a) => ({ district_id: districtId, kind: "area" as const, code: a.code, name: a.name, area_id: a.id })),
    ...departments.map((d) => ({
      district_id: districtId,
      kind: "department" as const,
      code: d.code,
      name: d.nameZh,
      area_id: null,
    })),
  ];
  let created = 0;
  for (let i = 0; i < values.length; i += 500) {
    const rows = await db
      .insertInto("units")
      .values(values.slice(i, i + 500))
      .onConflict((oc) => oc.columns(["district_id", "code"]).doNothing())
      .returning("id")
      .execute();
    created += rows.length;
  }
  return created;
}

const AREA_ROLES = new Set(["street", "community", "grid", "district"]);

/** The units a user acts for. */
export async function unitIdsOf(db: Kysely<DB>, user: SessionUser): Promise<string[]> {
  const listed = await db.selectFrom("user_units").select("unit_id").where("user_id", "=", user.id).execute();
  const ids = new Set(listed.map((r) => r.unit_id));
  if (AREA_ROLES.has(user.role) && user.areas.length) {
    const own = await db
      .selectFrom("units")
      .select("id")
      .where(
        "area_id",
        "in",
        user.areas.map((a) => a.id),
      )
      .execute();
    for (const r of own) ids.add(r.id);
  }
  return [...ids];
}

/**
 * The unit a category goes to in an area: the routing rule on the nearest enclosing area wins;
 * otherwise the category's default — a department code, or the order's own grid, community or street.
 */
export async function routeUnit(
  db: Kysely<DB>,
  o: {
    districtId: string;
    categoryCode: string;
    areaPath: string;
    gridId: string | null;
    communityId: string | null;
    streetId: string | null;
  },
): Promise<{ id: string; name: string; via: "rule" | "default" } | null> {
  const rule = await db
    .selectFrom("routing_rules as r")
    .innerJoin("areas as a", "a.id", "r.area_id")
    .innerJoin("units as u", "u.id", "r.unit_id")
    .select(["u.id", "u.name"])
    .where("r.category_code", "=", o.categoryCode)
    .where(sql<boolean>`${o.areaPath}::ltree <@ a.path`)
    .orderBy(sql`nlevel(a.path)`, "desc")
    .limit(1)
    .executeTakeFirst();
  if (rule) return { ...rule, via: "rule" };
  const cat = await db.selectFrom("categories").select("default_unit").where("code", "=", o.categoryCode).executeTakeFirst();
  const target = cat?.default_unit ?? "community";
  const areaId = target === "grid" ? o.gridId : target === "community" ? o.communityId : target === "street" ? o.streetId : null;
  let q = db.selectFrom("units").select(["id", "name"]).where("district_id", "=", o.districtId);
  q = areaId ? q.where("area_id", "=", areaId) : q.where("code", "=", target).where("kind", "=", "department");
  const unit = await q.executeTakeFirst();
  return unit ? { ...unit, via: "default" } : null;
}
