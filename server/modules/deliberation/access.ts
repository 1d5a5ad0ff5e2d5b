// Who sees and who runs deliberation items. Residents see items of the areas that contain their
// home (participant.ts); staff see items inside their scope and items of the areas above it (a
// grid worker sees the community's proposals so as to record paper signatures); staff manage only
// items inside their scope.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import type { SessionUser } from "../identity/types.js";
import { concernsHome, type Participant, participantOf, visibleTo } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";

export const isResident = (user: SessionUser) => user.kind === "resident" || user.role === "resident";

/** Rows whose area is visible to the caller (see the file comment). */
export function seenBy(column: string, user: SessionUser, participant: Participant | null): Expression<SqlBool> {
  const base = visibleTo(column, user, participant);
  if (isResident(user) || user.scope.paths.length === 0) return base;
  const above = user.scope.paths.map((p) => sql`${sql.ref(column)} @> ${p}::ltree`);
  return sql<SqlBool>`(${base} or ${sql.join(above, sql` or `)})`;
}

/** The pure form of seenBy, for a path already in hand. */
export function pathSeenBy(path: string, user: SessionUser, participant: Participant | null): boolean {
  if (isResident(user)) return participant !== null && concernsHome(path, participant.areaPath);
  return pathInScope(path, user.scope) || user.scope.paths.some((p) => concernsHome(path, p));
}

/** Staff who may run the item: the permission and the item's area inside their scope. */
export function manages(user: SessionUser, path: string, permission = "decide.manage"): boolean {
  return user.permissions.includes(permission) && pathInScope(path, user.scope);
}

/** The participant behind a resident login (null for staff). A resident account without a record is refused. */
export async function participantFor(db: Kysely<DB>, user: SessionUser, required = false): Promise<Participant | null> {
  if (!isResident(user)) return null;
  const p = await participantOf(db, user);
  if (!p && required) throw new AppError(403, "deliberation_not_registered");
  return p;
}
