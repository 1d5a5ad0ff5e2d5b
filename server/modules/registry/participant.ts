// Who a resident user is in the registry, and which decisions concern them. Residents see the
// bodies, proposals, votes, projects and disclosures of the areas they live in (every area above
// their home, up to the district); staff see what lies inside their data scope.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SessionUser } from "../identity/types.js";
import { inScope } from "./scope.js";

export type Participant = {
  residentId: string;
  householdId: string | null;
  /** The area path of the resident's home (their grid). */
  areaPath: string;
  districtId: string;
  name: string;
};

/** The registry record behind a resident account, or null for staff and unlinked accounts. */
export async function participantOf(db: Kysely<DB>, user: SessionUser): Promise<Participant | null> {
  if (!user.residentId) return null;
  const r = await db
    .selectFrom("residents")
    .select(["id", "household_id", "area_path", "district_id", "name"])
    .where("id", "=", user.residentId)
    .executeTakeFirst();
  if (!r) return null;
  return { residentId: r.id, householdId: r.household_id, areaPath: r.area_path, districtId: r.district_id, name: r.name };
}

/** True when an item of area `itemPath` concerns a resident living at `homePath`. Pure. */
export function concernsHome(itemPath: string, homePath: string): boolean {
  return homePath === itemPath || homePath.startsWith(`${itemPath}.`);
}

/**
 * The rows of an area-owned table the caller may see: for residents, items whose area contains
 * their home; for staff, items inside their scope. A resident account without a registry record
 * sees nothing.
 */
export function visibleTo(column: string, user: SessionUser, participant: Participant | null): Expression<SqlBool> {
  if (user.kind === "resident" || user.role === "resident") {
    if (!participant) return sql<SqlBool>`false`;
    return sql<SqlBool>`${sql.ref(column)} @> ${participant.areaPath}::ltree`;
  }
  return inScope(column, user.scope);
}
