// Bodies (居民代表会议, 居委会, 两委, 党员大会, ...) and their members with terms and history.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { BodyKind, MemberEndReason, MemberRole } from "../../db/schema.deliberation.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { concernsHome } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";
import { isResident, manages, participantFor, pathSeenBy, seenBy } from "./access.js";
import { BODY_KINDS, cstDay, memberCurrent, validRatio } from "./rules.js";

type BodyRow = Selectable<DB["bodies"]>;
type MemberRow = Selectable<DB["body_members"]>;

export type BodyInput = {
  areaId: string;
  kind: BodyKind;
  name: string;
  buildingId?: string | null;
  quorumRatio?: string;
  backingRepRatio?: string;
  backingHouseholds?: number;
};
export type BodyPatch = Partial<Pick<BodyInput, "name" | "quorumRatio" | "backingRepRatio" | "backingHouseholds">> & {
  buildingId?: string | null;
};
export type MemberInput = {
  residentId?: string | null;
  userId?: string | null;
  name?: string | null;
  role: MemberRole;
  termStart: string;
  termEnd?: string | null;
};

const presentBody = (b: BodyRow & { area_name?: string; current_members?: number | string }) => ({
  id: b.id,
  areaId: b.area_id,
  areaName: b.area_name ?? null,
  kind: b.kind,
  name: b.name,
  buildingId: b.building_id,
  quorumRatio: b.quorum_ratio,
  backingRepRatio: b.backing_rep_ratio,
  backingHouseholds: b.backing_households,
  currentMembers: b.current_members === undefined ? null : Number(b.current_members),
  createdAt: b.created_at.toISOString(),
  updatedAt: b.updated_at.toISOString(),
});

export const presentMember = (m: MemberRow, day: string) => ({
  id: m.id,
  bodyId: m.body_id,
  residentId: m.resident_id,
  userId: m.user_id,
  name: m.name,
  role: m.role,
  termStart: m.term_start,
  termEnd: m.term_end,
  endedAt: m.ended_at,
  endReason: m.end_reason,
  current: memberCurrent({ termStart: m.term_start, termEnd: m.term_end, endedAt: m.ended_at }, day),
});

/** SQL predicate: the member row `alias` is current on `day`. */
export const currentOn = (alias: string, day: string) =>
  sql<boolean>`(${sql.ref(`${alias}.term_start`)} <= ${day}::date and ${sql.ref(`${alias}.ended_at`)} is null
    and (${sql.ref(`${alias}.term_end`)} is null or ${sql.ref(`${alias}.term_end`)} >= ${day}::date))`;

/** Current members of a body on a day. */
export async function currentMemberCount(db: Kysely<DB>, bodyId: string, day: string): Promise<number> {
  const r = await db
    .selectFrom("body_members as m")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("m.body_id", "=", bodyId)
    .where(currentOn("m", day))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** True when the resident is a current member of the body on the day. */
export async function isCurrentMember(db: Kysely<DB>, bodyId: string, residentId: string, day: string): Promise<boolean> {
  const r = await db
    .selectFrom("body_members as m")
    .select("m.id")
    .where("m.body_id", "=", bodyId)
    .where("m.resident_id", "=", residentId)
    .where(currentOn("m", day))
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * The resident's current memberships of representatives meetings (居民代表). A representative holds
 * the four rights: propose, evaluate, supervise, recall.
 */
export async function representativeBodies(db: Kysely<DB>, residentId: string, day: string) {
  return db
    .selectFrom("body_members as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .innerJoin("areas as a", "a.id", "b.area_id")
    .select([
      "b.id as bodyId",
      "b.name as bodyName",
      "b.area_path as areaPath",
      "a.name as areaName",
      "m.id as memberId",
      "m.role",
    ])
    .where("m.resident_id", "=", residentId)
    .where("b.kind", "=", "representatives")
    .where(currentOn("m", day))
    .execute();
}

/** The nearest representatives meeting over an area (its own, else the closest above). */
export async function representativesBodyOver(db: Kysely<DB>, areaPath: string) {
  return db
    .selectFrom("bodies")
    .selectAll()
    .where("kind", "=", "representatives")
    .where(sql<boolean>`area_path @> ${areaPath}::ltree`)
    .orderBy(sql`nlevel(area_path)`, "desc")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

async function bodyOrNotFound(db: Kysely<DB>, user: SessionUser, id: string) {
  const b = await db.selectFrom("bodies").selectAll().where("id", "=", id).executeTakeFirst();
  const participant = await participantFor(db, user);
  if (!b || !pathSeenBy(b.area_path, user, participant)) throw new AppError(404, "not_found");
  return b;
}

async function bodyToManage(db: Kysely<DB>, user: SessionUser, id: string) {
  const b = await bodyOrNotFound(db, user, id);
  if (!manages(user, b.area_path)) throw new AppError(403, "forbidden");
  return b;
}

function checkRatios(input: { quorumRatio?: string; backingRepRatio?: string; backingHouseholds?: number }) {
  if (input.quorumRatio !== undefined && (!validRatio(input.quorumRatio) || Number(input.quorumRatio) === 0))
    throw fieldError("quorumRatio", "deliberation_not_ratio");
  if (input.backingRepRatio !== undefined && !validRatio(input.backingRepRatio))
    throw fieldError("backingRepRatio", "deliberation_not_ratio");
  if (input.backingHouseholds !== undefined && (!Number.isInteger(input.backingHouseholds) || input.backingHouseholds < 1))
    throw fieldError("backingHouseholds", "invalid_value");
}

export async function listBodies(db: Kysely<DB>, user: SessionUser, q: { areaId?: string; kind?: BodyKind }, now = new Date()) {
  const participant = await participantFor(db, user);
  const day = cstDay(now);
  let query = db
    .selectFrom("bodies as b")
    .innerJoin("areas as a", "a.id", "b.area_id")
    .selectAll("b")
    .select((eb) => [
      "a.name as area_name",
      eb
        .selectFrom("body_members as m")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("m.body_id", "=", "b.id")
        .where(currentOn("m", day))
        .as("current_members"),
    ])
    .where(seenBy("b.area_path", user, participant));
  if (q.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", q.areaId).executeTakeFirst();
    if (!area) throw fieldError("areaId", "unknown_reference");
    query = query.where(sql<boolean>`b.area_path <@ ${area.path}::ltree`);
  }
  if (q.kind) query = query.where("b.kind", "=", q.kind);
  const rows = await query.orderBy("a.code").orderBy("b.name").limit(500).execute();
  // Within an area: the decision layer first, in the order of BODY_KINDS.
  const rank = (k: string) => (BODY_KINDS as readonly string[]).indexOf(k);
  const areaOrder = new Map<string, number>();
  for (const r of rows) if (!areaOrder.has(r.area_id)) areaOrder.set(r.area_id, areaOrder.size);
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort(
      (x, y) =>
        (areaOrder.get(x.r.area_id) ?? 0) - (areaOrder.get(y.r.area_id) ?? 0) || rank(x.r.kind) - rank(y.r.kind) || x.i - y.i,
    );
  return sorted.map(({ r }) => presentBody({ ...r, current_members: r.current_members ?? 0 }));
}

export async function bodyDetail(db: Kysely<DB>, user: SessionUser, id: string, now = new Date()) {
  const b = await bodyOrNotFound(db, user, id);
  const day = cstDay(now);
  const area = await db.selectFrom("areas").select("name").where("id", "=", b.area_id).executeTakeFirstOrThrow();
  const members = await db
    .selectFrom("body_members")
    .selectAll()
    .where("body_id", "=", id)
    .orderBy("term_start", "desc")
    .orderBy("name")
    .execute();
  const order = { chair: 0, vice_chair: 1, secretary: 2, member: 3 } as const;
  const all = members.map((m) => presentMember(m, day));
  // Residents see names and roles only of current members; staff see the whole history.
  const staff = !isResident(user);
  const current = all.filter((m) => m.current).sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
  const history = staff ? all.filter((m) => !m.current) : [];
  return {
    ...presentBody({ ...b, area_name: area.name, current_members: current.length }),
    members: staff ? current : current.map((m) => ({ ...m, residentId: null, userId: null })),
    history,
    canManage: manages(user, b.area_path),
  };
}

async function areaForBody(db: Kysely<DB>, user: SessionUser, areaId: string) {
  const a = await db.selectFrom("areas").selectAll().where("id", "=", areaId).executeTakeFirst();
  if (!a) throw fieldError("areaId", "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError("areaId", "not_in_scope");
  if (a.level !== "community" && a.level !== "grid") throw fieldError("areaId", "wrong_level", { detail: "community / grid" });
  return a;
}

async function checkBuilding(db: Kysely<DB>, areaPath: string, buildingId: string) {
  const b = await db.selectFrom("buildings").select("area_path").where("id", "=", buildingId).executeTakeFirst();
  if (!b || !concernsHome(areaPath, b.area_path)) throw fieldError("buildingId", "unknown_reference");
}

export async function createBody(db: Kysely<DB>, user: SessionUser, actor: Actor, input: BodyInput) {
  if (!user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
  const area = await areaForBody(db, user, input.areaId);
  checkRatios(input);
  if (input.buildingId) await checkBuilding(db, area.path, input.buildingId);
  return db.transaction().execute(async (trx) => {
    const b = await trx
      .insertInto("bodies")
      .values({
        district_id: area.district_id as string,
        area_id: area.id,
        area_path: area.path,
        kind: input.kind,
        name: input.name,
        building_id: input.buildingId ?? null,
        ...(input.quorumRatio !== undefined ? { quorum_ratio: input.quorumRatio } : {}),
        ...(input.backingRepRatio !== undefined ? { backing_rep_ratio: input.backingRepRatio } : {}),
        ...(input.backingHouseholds !== undefined ? { backing_households: input.backingHouseholds } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "body.create",
      targetType: "body",
      targetId: b.id,
      summary: { kind: b.kind, name: b.name, area: area.name },
    });
    return presentBody({ ...b, area_name: area.name, current_members: 0 });
  });
}

export async function updateBody(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, patch: BodyPatch) {
  const b = await bodyToManage(db, user, id);
  checkRatios(patch);
  if (patch.buildingId) await checkBuilding(db, b.area_path, patch.buildingId);
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.buildingId !== undefined ? { building_id: patch.buildingId } : {}),
    ...(patch.quorumRatio !== undefined ? { quorum_ratio: patch.quorumRatio } : {}),
    ...(patch.backingRepRatio !== undefined ? { backing_rep_ratio: patch.backingRepRatio } : {}),
    ...(patch.backingHouseholds !== undefined ? { backing_households: patch.backingHouseholds } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable("bodies")
      .set({ ...set, updated_at: new Date() })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "body.update",
      targetType: "body",
      targetId: id,
      summary: {
        before: {
          name: b.name,
          quorumRatio: b.quorum_ratio,
          backingRepRatio: b.backing_rep_ratio,
          backingHouseholds: b.backing_households,
        },
        after: set,
      },
    });
    return presentBody(after);
  });
}

const validDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export async function addMember(db: Kysely<DB>, user: SessionUser, actor: Actor, bodyId: string, input: MemberInput) {
  const b = await bodyToManage(db, user, bodyId);
  if (!input.residentId && !input.userId) throw fieldError("residentId", "deliberation_member_person");
  if (!validDay(input.termStart)) throw fieldError("termStart", "invalid_value");
  if (input.termEnd) {
    if (!validDay(input.termEnd)) throw fieldError("termEnd", "invalid_value");
    if (input.termEnd < input.termStart) throw fieldError("termEnd", "deliberation_end_before_start");
  }
  let name = input.name?.trim() || null;
  if (input.residentId) {
    const r = await db
      .selectFrom("residents")
      .select(["name", "area_path"])
      .where("id", "=", input.residentId)
      .executeTakeFirst();
    if (!r) throw fieldError("residentId", "unknown_reference");
    if (!pathInScope(r.area_path, user.scope) || !concernsHome(b.area_path, r.area_path))
      throw fieldError("residentId", "deliberation_signer_outside_area");
    name ??= r.name;
  }
  if (input.userId) {
    const u = await db.selectFrom("users").select("display_name").where("id", "=", input.userId).executeTakeFirst();
    if (!u) throw fieldError("userId", "unknown_reference");
    name ??= u.display_name;
  }
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto("body_members")
      .values({
        body_id: b.id,
        district_id: b.district_id,
        resident_id: input.residentId ?? null,
        user_id: input.userId ?? null,
        name: name as string,
        role: input.role,
        term_start: input.termStart,
        term_end: input.termEnd ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!m) throw new AppError(409, "deliberation_member_exists");
    await appendAudit(trx, actor, {
      action: "body.member_add",
      targetType: "body",
      targetId: b.id,
      summary: { memberId: m.id, name: m.name, role: m.role, termStart: m.term_start, termEnd: m.term_end },
    });
    return presentMember(m, cstDay(new Date()));
  });
}

export async function updateMember(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  bodyId: string,
  memberId: string,
  patch: { role?: MemberRole; termEnd?: string | null },
) {
  await bodyToManage(db, user, bodyId);
  const m = await db
    .selectFrom("body_members")
    .selectAll()
    .where("id", "=", memberId)
    .where("body_id", "=", bodyId)
    .executeTakeFirst();
  if (!m) throw new AppError(404, "not_found");
  if (m.ended_at) throw new AppError(409, "deliberation_member_ended");
  if (patch.termEnd) {
    if (!validDay(patch.termEnd)) throw fieldError("termEnd", "invalid_value");
    if (patch.termEnd < m.term_start) throw fieldError("termEnd", "deliberation_end_before_start");
  }
  const set = {
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.termEnd !== undefined ? { term_end: patch.termEnd } : {}),
  };
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable("body_members")
      .set({ ...set, updated_at: new Date() })
      .where("id", "=", memberId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "body.member_update",
      targetType: "body",
      targetId: bodyId,
      summary: { memberId, name: m.name, before: { role: m.role, termEnd: m.term_end }, after: set },
    });
    return presentMember(after, cstDay(new Date()));
  });
}

/**
 * Ends a membership inside the caller's transaction (helper B calls it with reason 'recalled' when
 * a recall vote passes). Refused with 409 when already ended.
 */
export async function endMemberTx(
  trx: Kysely<DB>,
  actor: Actor,
  memberId: string,
  reason: MemberEndReason,
  day: string,
  note?: string | null,
) {
  const m = await trx.selectFrom("body_members").selectAll().where("id", "=", memberId).forUpdate().executeTakeFirst();
  if (!m) throw new AppError(404, "not_found");
  if (m.ended_at) throw new AppError(409, "deliberation_member_ended");
  if (day < m.term_start) throw fieldError("endedAt", "deliberation_end_before_start");
  const after = await trx
    .updateTable("body_members")
    .set({ ended_at: day, end_reason: reason, updated_at: new Date() })
    .where("id", "=", memberId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(trx, actor, {
    action: "body.member_end",
    targetType: "body",
    targetId: m.body_id,
    summary: { memberId, name: m.name, role: m.role, endedAt: day, reason, note: note ?? null },
  });
  return after;
}

export async function endMember(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  bodyId: string,
  memberId: string,
  input: { reason: MemberEndReason; endedAt?: string | null; note?: string | null },
  now = new Date(),
) {
  await bodyToManage(db, user, bodyId);
  const m = await db
    .selectFrom("body_members")
    .select("id")
    .where("id", "=", memberId)
    .where("body_id", "=", bodyId)
    .executeTakeFirst();
  if (!m) throw new AppError(404, "not_found");
  const day = input.endedAt ?? cstDay(now);
  if (!validDay(day)) throw fieldError("endedAt", "invalid_value");
  const after = await db.transaction().execute((trx) => endMemberTx(trx, actor, memberId, input.reason, day, input.note));
  return presentMember(after, cstDay(now));
}

/** The caller's standing as a resident: memberships and whether they are a representative. */
export async function myStanding(db: Kysely<DB>, user: SessionUser, now = new Date()) {
  const participant = await participantFor(db, user);
  if (!participant) return { residentId: null, isRepresentative: false, memberships: [] };
  const day = cstDay(now);
  const rows = await db
    .selectFrom("body_members as m")
    .innerJoin("bodies as b", "b.id", "m.body_id")
    .innerJoin("areas as a", "a.id", "b.area_id")
    .select([
      "m.id",
      "b.id as body_id",
      "b.name as body_name",
      "b.kind",
      "a.name as area_name",
      "m.role",
      "m.term_start",
      "m.term_end",
    ])
    .where("m.resident_id", "=", participant.residentId)
    .where(currentOn("m", day))
    .orderBy("b.kind")
    .execute();
  return {
    residentId: participant.residentId,
    isRepresentative: rows.some((r) => r.kind === "representatives"),
    memberships: rows.map((r) => ({
      memberId: r.id,
      bodyId: r.body_id,
      bodyName: r.body_name,
      kind: r.kind,
      areaName: r.area_name,
      role: r.role,
      termStart: r.term_start,
      termEnd: r.term_end,
    })),
  };
}
