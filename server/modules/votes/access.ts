// Who sees and runs meetings and votes. Staff read items inside their scope and items of the areas
// above it (a grid worker takes paper ballots for the community's vote); they run only items inside
// their scope. Residents see items of the areas that contain their home.
import { type Expression, type SqlBool, sql } from "kysely";
import type { SessionUser } from "../identity/types.js";
import { concernsHome, type Participant, visibleTo } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";

export const isResident = (user: SessionUser) => user.kind === "resident" || user.role === "resident";

/** SQL: the row's area lies inside the caller's scope or above it. */
export function staffSees(column: string, user: SessionUser): Expression<SqlBool> {
  if (user.scope.paths.length === 0) return sql<SqlBool>`false`;
  const arms = user.scope.paths.map((p) => sql`(${sql.ref(column)} <@ ${p}::ltree or ${sql.ref(column)} @> ${p}::ltree)`);
  return sql<SqlBool>`(${sql.join(arms, sql` or `)})`;
}

/** SQL visibility of area-owned rows of this module for any caller. */
export function seesSql(column: string, user: SessionUser, participant: Participant | null): Expression<SqlBool> {
  if (isResident(user)) return visibleTo(column, user, participant);
  if (!user.permissions.includes("decide.read")) return sql<SqlBool>`false`;
  return staffSees(column, user);
}

/** The same check on a path in hand. */
export function seesPath(path: string, user: SessionUser, participant: Participant | null): boolean {
  if (isResident(user)) return !!participant && concernsHome(path, participant.areaPath);
  if (!user.permissions.includes("decide.read")) return false;
  return user.scope.paths.some((p) => pathInScope(path, { paths: [p] }) || pathInScope(p, { paths: [path] }));
}

export const managesPath = (path: string, user: SessionUser) =>
  user.permissions.includes("decide.manage") && pathInScope(path, user.scope);

export const recordsPath = (path: string, user: SessionUser) =>
  user.permissions.includes("decide.record") && seesPath(path, user, null);

/** The CST calendar day of an instant. */
export const dayOf = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
