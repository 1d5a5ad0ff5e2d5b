// Resolves where a record sits (grid, household) and checks it is inside the caller's scope.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import type { Scope } from "../identity/types.js";
import { pathInScope } from "./scope.js";

export type Placement = { gridId: string; areaPath: string; districtId: string; householdId: string | null };

export async function gridPlacement(db: Kysely<DB>, scope: Scope, gridId: string, field = "gridId"): Promise<Placement> {
  const g = await db
    .selectFrom("areas")
    .innerJoin("grids", "grids.area_id", "areas.id")
    .select(["areas.id", "areas.path", "grids.district_id"])
    .where("areas.id", "=", gridId)
    .executeTakeFirst();
  if (!g) throw fieldError(field, "unknown_reference");
  if (!pathInScope(g.path, scope)) throw new AppError(403, "out_of_scope", {}, [{ path: field, code: "not_in_scope" }]);
  return { gridId: g.id, areaPath: g.path, districtId: g.district_id, householdId: null };
}

export async function householdPlacement(
  db: Kysely<DB>,
  scope: Scope,
  householdId: string,
  field = "householdId",
): Promise<Placement> {
  const h = await db
    .selectFrom("households")
    .select(["id", "grid_id", "area_path", "district_id"])
    .where("id", "=", householdId)
    .executeTakeFirst();
  if (!h) throw fieldError(field, "unknown_reference");
  if (!pathInScope(h.area_path, scope)) throw new AppError(403, "out_of_scope", {}, [{ path: field, code: "not_in_scope" }]);
  return { gridId: h.grid_id, areaPath: h.area_path, districtId: h.district_id, householdId: h.id };
}
