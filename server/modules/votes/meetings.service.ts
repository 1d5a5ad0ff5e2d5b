// Meetings: scheduling, notice to members, agenda (proposals, work orders), sign-in by staff or by
// the code shown at the meeting, the live count against the quorum, minutes and decisions, and
// open-space topics with their groups and notes.
import { randomBytes } from "node:crypto";
import { type Kysely, type Selectable, sql, type Updateable } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AgendaOutcome, MeetingKind, MeetingsTable, MeetingStatus } from "../../db/schema.votes.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { type Participant, participantOf } from "../registry/participant.js";
import { dayOf, isResident, managesPath, recordsPath, seesPath, seesSql } from "./access.js";
import { checkinCodeFrom, MEETING_TRANSITIONS, type MeetingCount, meetingQuorum, parseRatio } from "./rules.js";

type MeetingRow = Selectable<MeetingsTable>;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const TWO_THIRDS = { n: 2n, d: 3n };

export type MeetingInput = {
  areaId: string;
  bodyId?: string | null;
  kind: MeetingKind;
  title: string;
  description?: string | null;
  place?: string | null;
  startsAt: string;
  endsAt?: string | null;
  public?: boolean;
  quorumRatio?: string | null;
  expectedCount?: number | null;
  agenda?: AgendaInput[];
  notify?: boolean;
};

export type AgendaInput = { title: string; notes?: string | null; proposalId?: string | null; orderId?: string | null };

function parseTime(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw fieldError(field, "invalid_value");
  return d;
}

function quorumText(value: string | null | undefined, field: string): string | null {
  if (value == null || value === "") return null;
  const r = parseRatio(value);
  if (!r || r.n === 0n) throw fieldError(field, "votes_bad_ratio");
  // Stored as numeric(5,4); 2/3 → 0.6667, read back as 2/3 again.
  return (Number(r.n) / Number(r.d)).toFixed(4);
}

export async function loadMeeting(db: Kysely<DB>, id: string) {
  return db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function visibleMeeting(db: Kysely<DB>, user: SessionUser, id: string) {
  const meeting = await loadMeeting(db, id);
  const participant = isResident(user) ? await participantOf(db, user) : null;
  if (!meeting || !seesPath(meeting.area_path, user, participant)) throw new AppError(404, "not_found");
  return { meeting, participant };
}

async function managedMeeting(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting } = await visibleMeeting(db, user, id);
  if (!managesPath(meeting.area_path, user)) throw new AppError(403, "forbidden");
  return meeting;
}

async function checkAgendaRefs(db: Kysely<DB>, districtId: string, items: AgendaInput[], prefix: string) {
  for (const [i, it] of items.entries()) {
    if (!it.title?.trim()) throw fieldError(`${prefix}${i}.title`, "required");
    if (it.proposalId) {
      const p = await db.selectFrom("proposals").select("district_id").where("id", "=", it.proposalId).executeTakeFirst();
      if (!p || p.district_id !== districtId) throw fieldError(`${prefix}${i}.proposalId`, "unknown_reference");
    }
    if (it.orderId) {
      const o = await db.selectFrom("orders").select("district_id").where("id", "=", it.orderId).executeTakeFirst();
      if (!o || o.district_id !== districtId) throw fieldError(`${prefix}${i}.orderId`, "unknown_reference");
    }
  }
}

export async function createMeeting(db: Kysely<DB>, user: SessionUser, actor: Actor, input: MeetingInput) {
  if (!user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
  const area = await db
    .selectFrom("areas")
    .select(["id", "path", "district_id"])
    .where("id", "=", input.areaId)
    .executeTakeFirst();
  if (!area?.district_id) throw fieldError("areaId", "unknown_reference");
  if (!managesPath(area.path, user)) throw fieldError("areaId", "not_in_scope");
  const title = input.title.trim();
  if (!title) throw fieldError("title", "required");
  if (input.kind === "body" && !input.bodyId) throw fieldError("bodyId", "votes_body_required");
  if (input.bodyId) {
    const body = await db.selectFrom("bodies").select("district_id").where("id", "=", input.bodyId).executeTakeFirst();
    if (!body || body.district_id !== area.district_id) throw fieldError("bodyId", "unknown_reference");
  }
  const startsAt = parseTime(input.startsAt, "startsAt");
  const endsAt = input.endsAt ? parseTime(input.endsAt, "endsAt") : null;
  if (endsAt && endsAt <= startsAt) throw fieldError("endsAt", "votes_time_order");
  const quorum = quorumText(input.quorumRatio, "quorumRatio");
  const agenda = input.agenda ?? [];
  await checkAgendaRefs(db, area.district_id, agenda, "agenda.");
  const districtId = area.district_id;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("meetings")
      .values({
        district_id: districtId,
        area_id: area.id,
        area_path: area.path,
        body_id: input.bodyId ?? null,
        kind: input.kind,
        title,
        description: input.description?.trim() || null,
        place: input.place?.trim() || null,
        starts_at: startsAt,
        ends_at: endsAt,
        public: input.public ?? input.kind !== "body",
        quorum_ratio: quorum,
        expected_count: input.expectedCount ?? null,
        checkin_code: checkinCodeFrom(randomBytes(3)),
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (agenda.length) {
      await trx
        .insertInto("meeting_agenda_items")
        .values(
          agenda.map((it, i) => ({
            meeting_id: row.id,
            district_id: districtId,
            position: i + 1,
            title: it.title.trim(),
            notes: it.notes?.trim() || null,
            proposal_id: it.proposalId ?? null,
            order_id: it.orderId ?? null,
          })),
        )
        .execute();
    }
    let notified = 0;
    if (input.notify) notified = await notifyMembers(trx, row.id, new Date());
    await appendAudit(trx, actor, {
      action: "meeting.create",
      targetType: "meeting",
      targetId: row.id,
      summary: { title, kind: input.kind, startsAt: startsAt.toISOString(), agenda: agenda.length, notified },
    });
    return { id: row.id, notified };
  });
}

const cstTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

/** In-app notice to the body's current members who have accounts. Returns how many were told. */
async function notifyMembers(trx: Kysely<DB>, meetingId: string, now: Date): Promise<number> {
  const m = await trx.selectFrom("meetings").selectAll().where("id", "=", meetingId).executeTakeFirstOrThrow();
  if (!m.body_id) return 0;
  const day = dayOf(m.starts_at);
  const rows = await sql<{ id: string }>`insert into notifications (user_id, title, body)
    select x.id, ${`会议通知:${m.title}`}, ${`时间:${cstTime(m.starts_at)};地点:${m.place ?? "待定"}`} from (
      select u.id from body_members bm join users u on u.resident_id = bm.resident_id
      where bm.body_id = ${m.body_id} and bm.term_start <= ${day}::date and bm.ended_at is null
        and (bm.term_end is null or bm.term_end >= ${day}::date) and not u.disabled
      union
      select u.id from body_members bm join users u on u.id = bm.user_id
      where bm.body_id = ${m.body_id} and bm.term_start <= ${day}::date and bm.ended_at is null
        and (bm.term_end is null or bm.term_end >= ${day}::date) and not u.disabled
    ) x
    returning id`.execute(trx);
  await trx.updateTable("meetings").set({ notified_at: now }).where("id", "=", meetingId).execute();
  return rows.rows.length;
}

export async function notifyMeeting(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const meeting = await managedMeeting(db, user, id);
  if (meeting.status === "cancelled") throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "notify" });
  return db.transaction().execute(async (trx) => {
    const notified = await notifyMembers(trx, id, new Date());
    await appendAudit(trx, actor, { action: "meeting.notify", targetType: "meeting", targetId: id, summary: { notified } });
    return { notified };
  });
}

export type MeetingPatch = {
  title?: string;
  description?: string | null;
  place?: string | null;
  startsAt?: string;
  endsAt?: string | null;
  public?: boolean;
  quorumRatio?: string | null;
  expectedCount?: number | null;
  minutes?: string | null;
  decisions?: string | null;
  version?: number;
};

export async function updateMeeting(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, patch: MeetingPatch) {
  const meeting = await managedMeeting(db, user, id);
  if (meeting.status === "published" || meeting.status === "cancelled") {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "update" });
  }
  if (patch.version !== undefined && patch.version !== meeting.version) throw new AppError(409, "conflict");
  const set: Updateable<MeetingsTable> = {};
  if (patch.title !== undefined) {
    if (!patch.title.trim()) throw fieldError("title", "required");
    set.title = patch.title.trim();
  }
  if (patch.description !== undefined) set.description = patch.description?.trim() || null;
  if (patch.place !== undefined) set.place = patch.place?.trim() || null;
  if (patch.startsAt !== undefined) set.starts_at = parseTime(patch.startsAt, "startsAt");
  if (patch.endsAt !== undefined) set.ends_at = patch.endsAt ? parseTime(patch.endsAt, "endsAt") : null;
  if (patch.public !== undefined) set.public = patch.public;
  if (patch.quorumRatio !== undefined) set.quorum_ratio = quorumText(patch.quorumRatio, "quorumRatio");
  if (patch.expectedCount !== undefined) set.expected_count = patch.expectedCount;
  if (patch.minutes !== undefined) set.minutes = patch.minutes?.trim() || null;
  if (patch.decisions !== undefined) set.decisions = patch.decisions?.trim() || null;
  const starts = (set.starts_at as Date | undefined) ?? meeting.starts_at;
  const ends = set.ends_at !== undefined ? (set.ends_at as Date | null) : meeting.ends_at;
  if (ends && ends <= starts) throw fieldError("endsAt", "votes_time_order");
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("meetings")
      .set({ ...set, updated_at: new Date(), version: sql`version + 1` })
      .where("id", "=", id)
      .where("version", "=", meeting.version)
      .returning("version")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: "meeting.update",
      targetType: "meeting",
      targetId: id,
      summary: { fields: Object.keys(set) },
    });
    return { id, version: done.version };
  });
}

export async function setMeetingStatus(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, to: MeetingStatus) {
  const meeting = await managedMeeting(db, user, id);
  if (!MEETING_TRANSITIONS[meeting.status].includes(to)) {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: to });
  }
  const now = new Date();
  const stamps =
    to === "in_progress"
      ? { started_at: now }
      : to === "closed"
        ? { closed_at: now }
        : to === "published"
          ? { published_at: now }
          : {};
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("meetings")
      .set({ status: to, ...stamps, updated_at: now, version: sql`version + 1` })
      .where("id", "=", id)
      .where("status", "=", meeting.status)
      .returning("version")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: `meeting.${to}`,
      targetType: "meeting",
      targetId: id,
      summary: { from: meeting.status, to },
    });
    return { id, status: to, version: done.version };
  });
}

// ---------- agenda ----------

export async function addAgendaItem(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, input: AgendaInput) {
  const meeting = await managedMeeting(db, user, id);
  if (meeting.status === "published" || meeting.status === "cancelled") {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "agenda" });
  }
  await checkAgendaRefs(db, meeting.district_id, [input], "");
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("meeting_agenda_items")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("meeting_id", "=", id)
      .executeTakeFirst();
    const row = await trx
      .insertInto("meeting_agenda_items")
      .values({
        meeting_id: id,
        district_id: meeting.district_id,
        position: Number(last?.p ?? 0) + 1,
        title: input.title.trim(),
        notes: input.notes?.trim() || null,
        proposal_id: input.proposalId ?? null,
        order_id: input.orderId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "meeting.agenda_add",
      targetType: "meeting",
      targetId: id,
      summary: { item: row.id, title: input.title.trim() },
    });
    return { id: row.id };
  });
}

export type AgendaPatch = {
  title?: string;
  notes?: string | null;
  outcome?: AgendaOutcome | null;
  decision?: string | null;
  voteId?: string | null;
};

export async function updateAgendaItem(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  meetingId: string,
  itemId: string,
  patch: AgendaPatch,
) {
  const meeting = await managedMeeting(db, user, meetingId);
  if (meeting.status === "published" || meeting.status === "cancelled") {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "agenda" });
  }
  if (patch.voteId) {
    const v = await db.selectFrom("votes").select("district_id").where("id", "=", patch.voteId).executeTakeFirst();
    if (!v || v.district_id !== meeting.district_id) throw fieldError("voteId", "unknown_reference");
  }
  if (patch.title !== undefined && !patch.title.trim()) throw fieldError("title", "required");
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("meeting_agenda_items")
      .set({
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.notes !== undefined ? { notes: patch.notes?.trim() || null } : {}),
        ...(patch.outcome !== undefined ? { outcome: patch.outcome } : {}),
        ...(patch.decision !== undefined ? { decision: patch.decision?.trim() || null } : {}),
        ...(patch.voteId !== undefined ? { vote_id: patch.voteId } : {}),
        updated_at: new Date(),
      })
      .where("id", "=", itemId)
      .where("meeting_id", "=", meetingId)
      .returning("id")
      .executeTakeFirst();
    if (!done) throw new AppError(404, "not_found");
    await appendAudit(trx, actor, {
      action: "meeting.agenda_update",
      targetType: "meeting",
      targetId: meetingId,
      summary: { item: itemId, outcome: patch.outcome, fields: Object.keys(patch) },
    });
    return { id: itemId };
  });
}

// ---------- sign-in and the live count ----------

/** Present, expected and the quorum of a meeting. Members count for bodies; everyone otherwise. */
export async function meetingCount(
  db: Kysely<DB>,
  meetingId: string,
  _now = new Date(),
): Promise<(MeetingCount & { observers: number }) | null> {
  const m = await db
    .selectFrom("meetings as m")
    .leftJoin("bodies as b", "b.id", "m.body_id")
    .select(["m.id", "m.body_id", "m.starts_at", "m.quorum_ratio", "m.expected_count", "b.quorum_ratio as body_ratio"])
    .where("m.id", "=", meetingId)
    .executeTakeFirst();
  if (!m) return null;
  const day = dayOf(m.starts_at);
  const ratio = parseRatio(m.quorum_ratio ?? m.body_ratio ?? "") ?? TWO_THIRDS;
  const total = await db
    .selectFrom("meeting_attendance")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("meeting_id", "=", meetingId)
    .executeTakeFirstOrThrow();
  if (!m.body_id) {
    const present = Number(total.n);
    return { ...meetingQuorum(present, m.expected_count, ratio), observers: 0 };
  }
  const current = sql<boolean>`bm.term_start <= ${day}::date and bm.ended_at is null and (bm.term_end is null or bm.term_end >= ${day}::date)`;
  const [expected, present] = await Promise.all([
    db
      .selectFrom("body_members as bm")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("bm.body_id", "=", m.body_id)
      .where(current)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("meeting_attendance as a")
      .innerJoin("body_members as bm", "bm.id", "a.body_member_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("a.meeting_id", "=", meetingId)
      .where("bm.body_id", "=", m.body_id)
      .where(current)
      .executeTakeFirstOrThrow(),
  ]);
  const count = meetingQuorum(Number(present.n), m.expected_count ?? Number(expected.n), ratio);
  return { ...count, observers: Number(total.n) - count.present };
}

export async function liveCount(db: Kysely<DB>, user: SessionUser, id: string) {
  await visibleMeeting(db, user, id);
  return (await meetingCount(db, id)) as MeetingCount & { observers: number };
}

type Person = { residentId: string | null; userId: string | null; memberId: string | null; name: string };

/** The current body member behind a resident or user on the meeting day, if any. */
async function memberOf(db: Kysely<DB>, m: MeetingRow, residentId: string | null, userId: string | null) {
  if (!m.body_id) return null;
  const day = dayOf(m.starts_at);
  const ors = [residentId ? sql`bm.resident_id = ${residentId}` : null, userId ? sql`bm.user_id = ${userId}` : null].filter(
    (x) => x !== null,
  );
  if (!ors.length) return null;
  const row = await sql<{ id: string; name: string }>`select bm.id, bm.name from body_members bm
    where bm.body_id = ${m.body_id} and (${sql.join(ors, sql` or `)}) and bm.term_start <= ${day}::date
      and bm.ended_at is null and (bm.term_end is null or bm.term_end >= ${day}::date) limit 1`.execute(db);
  return row.rows[0] ?? null;
}

async function insertAttendance(
  db: Kysely<DB>,
  actor: Actor,
  m: MeetingRow,
  p: Person,
  method: "staff" | "code",
  recordedBy: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("meeting_attendance")
      .values({
        meeting_id: m.id,
        district_id: m.district_id,
        resident_id: p.residentId,
        user_id: p.residentId ? null : p.userId,
        body_member_id: p.memberId,
        name: p.name,
        method,
        recorded_by: recordedBy,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await appendAudit(trx, actor, {
        action: "meeting.sign_in",
        targetType: "meeting",
        targetId: m.id,
        summary: { name: p.name, method, member: p.memberId !== null },
      });
    }
    return { signedIn: true, alreadySignedIn: !row, member: p.memberId !== null, name: p.name };
  });
}

function checkOpenForSignIn(m: MeetingRow) {
  if (m.status !== "scheduled" && m.status !== "in_progress") throw new AppError(409, "votes_meeting_closed");
}

export type SignInInput = { residentId?: string | null; userId?: string | null; memberId?: string | null };

/** Staff sign a person in: a body member, a resident, or a user. */
export async function signIn(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, input: SignInInput) {
  const { meeting } = await visibleMeeting(db, user, id);
  if (!recordsPath(meeting.area_path, user)) throw new AppError(403, "forbidden");
  checkOpenForSignIn(meeting);
  let person: Person;
  if (input.memberId) {
    const bm = await db
      .selectFrom("body_members")
      .select(["id", "body_id", "resident_id", "user_id", "name", "term_start", "term_end", "ended_at"])
      .where("id", "=", input.memberId)
      .executeTakeFirst();
    if (!bm || bm.body_id !== meeting.body_id) throw fieldError("memberId", "unknown_reference");
    const current = await memberOf(db, meeting, bm.resident_id, bm.resident_id ? null : bm.user_id);
    if (!current || current.id !== bm.id) throw fieldError("memberId", "votes_not_current_member");
    person = { residentId: bm.resident_id, userId: bm.user_id, memberId: bm.id, name: bm.name };
  } else if (input.residentId) {
    const r = await db
      .selectFrom("residents")
      .select(["id", "name", "district_id"])
      .where("id", "=", input.residentId)
      .executeTakeFirst();
    if (!r || r.district_id !== meeting.district_id) throw fieldError("residentId", "unknown_reference");
    const member = await memberOf(db, meeting, r.id, null);
    person = { residentId: r.id, userId: null, memberId: member?.id ?? null, name: r.name };
  } else if (input.userId) {
    const u = await db
      .selectFrom("users")
      .select(["id", "display_name", "resident_id"])
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!u) throw fieldError("userId", "unknown_reference");
    const member = await memberOf(db, meeting, u.resident_id, u.id);
    person = { residentId: u.resident_id, userId: u.id, memberId: member?.id ?? null, name: member?.name ?? u.display_name };
  } else {
    throw fieldError("memberId", "votes_person_needed");
  }
  if (!meeting.public && !person.memberId) throw new AppError(403, "votes_not_member");
  return insertAttendance(db, actor, meeting, person, "staff", user.id);
}

/** A resident signs themselves in with the code shown at the meeting. */
export async function checkIn(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, code: string) {
  const { meeting, participant } = await visibleMeeting(db, user, id);
  checkOpenForSignIn(meeting);
  if (code.trim() !== meeting.checkin_code) throw fieldError("code", "votes_code_wrong");
  const member = await memberOf(db, meeting, participant?.residentId ?? null, user.id);
  if (!meeting.public && !member) throw new AppError(403, "votes_not_member");
  if (!participant && !member) throw new AppError(403, "forbidden");
  const person: Person = {
    residentId: participant?.residentId ?? null,
    userId: user.id,
    memberId: member?.id ?? null,
    name: member?.name ?? participant?.name ?? user.displayName,
  };
  return insertAttendance(db, actor, meeting, person, "code", null);
}

export async function listAttendance(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting } = await visibleMeeting(db, user, id);
  if (isResident(user)) throw new AppError(403, "forbidden");
  const rows = await db
    .selectFrom("meeting_attendance")
    .select(["id", "name", "resident_id", "user_id", "body_member_id", "method", "signed_in_at"])
    .where("meeting_id", "=", meeting.id)
    .orderBy("signed_in_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    residentId: r.resident_id,
    userId: r.user_id,
    memberId: r.body_member_id,
    method: r.method,
    signedInAt: iso(r.signed_in_at) as string,
  }));
}

/** The body's current members with whether each has signed in (the sign-in dialog). */
export async function memberRoll(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting } = await visibleMeeting(db, user, id);
  if (isResident(user) || !meeting.body_id) return [];
  const day = dayOf(meeting.starts_at);
  const rows = await sql<{ id: string; name: string; role: string; signed: boolean }>`
    select bm.id, bm.name, bm.role,
      exists (select 1 from meeting_attendance a where a.meeting_id = ${meeting.id} and a.body_member_id = bm.id) as signed
    from body_members bm where bm.body_id = ${meeting.body_id} and bm.term_start <= ${day}::date
      and bm.ended_at is null and (bm.term_end is null or bm.term_end >= ${day}::date)
    order by bm.role, bm.name`.execute(db);
  return rows.rows.map((r) => ({ memberId: r.id, name: r.name, role: r.role, signedIn: !!r.signed }));
}

// ---------- reading ----------

export type MeetingListQuery = {
  page: number;
  pageSize: number;
  status?: MeetingStatus;
  kind?: MeetingKind;
  bodyId?: string;
  upcoming?: boolean;
};

export async function listMeetings(db: Kysely<DB>, user: SessionUser, q: MeetingListQuery) {
  const participant = isResident(user) ? await participantOf(db, user) : null;
  let query = db
    .selectFrom("meetings as m")
    .innerJoin("areas as a", "a.id", "m.area_id")
    .leftJoin("bodies as b", "b.id", "m.body_id")
    .where(seesSql("m.area_path", user, participant));
  if (q.status) query = query.where("m.status", "=", q.status);
  if (q.kind) query = query.where("m.kind", "=", q.kind);
  if (q.bodyId) query = query.where("m.body_id", "=", q.bodyId);
  if (q.upcoming) query = query.where("m.status", "in", ["scheduled", "in_progress"]);
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "m.id",
      "m.kind",
      "m.title",
      "m.place",
      "m.starts_at",
      "m.ends_at",
      "m.status",
      "m.public",
      "m.area_id",
      "a.name as area_name",
      "m.body_id",
      "b.name as body_name",
    ])
    .select(sql<string>`(select count(*) from meeting_attendance x where x.meeting_id = m.id)`.as("attendance"))
    .orderBy("m.starts_at", "desc")
    .orderBy("m.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      place: r.place,
      startsAt: iso(r.starts_at) as string,
      endsAt: iso(r.ends_at),
      status: r.status,
      public: r.public,
      areaId: r.area_id,
      areaName: r.area_name,
      bodyId: r.body_id,
      bodyName: r.body_name,
      attendance: Number(r.attendance),
    })),
    total: Number(n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getMeeting(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting: m, participant } = await visibleMeeting(db, user, id);
  const resident = isResident(user);
  const [area, body, agenda, votes, count, mine] = await Promise.all([
    db.selectFrom("areas").select("name").where("id", "=", m.area_id).executeTakeFirst(),
    m.body_id ? db.selectFrom("bodies").select(["name", "kind"]).where("id", "=", m.body_id).executeTakeFirst() : undefined,
    db
      .selectFrom("meeting_agenda_items as i")
      .leftJoin("proposals as p", "p.id", "i.proposal_id")
      .leftJoin("orders as o", "o.id", "i.order_id")
      .select([
        "i.id",
        "i.position",
        "i.title",
        "i.notes",
        "i.proposal_id",
        "p.title as proposal_title",
        "i.order_id",
        "o.number as order_number",
        "i.vote_id",
        "i.outcome",
        "i.decision",
      ])
      .where("i.meeting_id", "=", id)
      .orderBy("i.position")
      .execute(),
    db
      .selectFrom("votes")
      .select(["id", "title", "status", "passed"])
      .where("meeting_id", "=", id)
      .$if(resident, (qb) => qb.where("status", "!=", "draft"))
      .orderBy("created_at")
      .execute(),
    meetingCount(db, id),
    participantSignedIn(db, m, participant, user),
  ]);
  const published = m.status === "published";
  const showRecord = !resident || published;
  return {
    id: m.id,
    districtId: m.district_id,
    areaId: m.area_id,
    areaName: area?.name ?? "",
    bodyId: m.body_id,
    bodyName: body?.name ?? null,
    kind: m.kind,
    title: m.title,
    description: m.description,
    place: m.place,
    startsAt: iso(m.starts_at) as string,
    endsAt: iso(m.ends_at),
    public: m.public,
    quorumRatio: m.quorum_ratio,
    expectedCount: m.expected_count,
    status: m.status,
    minutes: showRecord ? m.minutes : null,
    decisions: showRecord ? m.decisions : null,
    notifiedAt: iso(m.notified_at),
    startedAt: iso(m.started_at),
    closedAt: iso(m.closed_at),
    publishedAt: iso(m.published_at),
    version: m.version,
    checkinCode: recordsPath(m.area_path, user) ? m.checkin_code : null,
    agenda: agenda.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      notes: i.notes,
      proposalId: i.proposal_id,
      proposalTitle: i.proposal_title,
      orderId: resident ? null : i.order_id,
      orderNumber: resident ? null : i.order_number,
      voteId: i.vote_id,
      outcome: showRecord ? i.outcome : null,
      decision: showRecord ? i.decision : null,
    })),
    votes: votes.map((v) => ({ id: v.id, title: v.title, status: v.status })),
    count: count as MeetingCount & { observers: number },
    me: { signedIn: mine },
    canManage: managesPath(m.area_path, user),
    canRecord: recordsPath(m.area_path, user),
  };
}

async function participantSignedIn(db: Kysely<DB>, m: MeetingRow, participant: Participant | null, user: SessionUser) {
  const row = await db
    .selectFrom("meeting_attendance")
    .select("id")
    .where("meeting_id", "=", m.id)
    .where((eb) => eb.or([...(participant ? [eb("resident_id", "=", participant.residentId)] : []), eb("user_id", "=", user.id)]))
    .executeTakeFirst();
  return !!row;
}

// ---------- open space ----------

async function openSpaceMeeting(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting, participant } = await visibleMeeting(db, user, id);
  if (meeting.kind !== "open_space") throw new AppError(409, "votes_not_open_space");
  return { meeting, participant };
}

/** Staff who see the meeting, or a resident who has signed in, take part. */
async function openSpaceActor(db: Kysely<DB>, user: SessionUser, meeting: MeetingRow, participant: Participant | null) {
  if (!isResident(user)) {
    if (!recordsPath(meeting.area_path, user)) throw new AppError(403, "forbidden");
    return { residentId: null, userId: user.id, name: user.displayName };
  }
  if (!participant || !(await participantSignedIn(db, meeting, participant, user))) {
    throw new AppError(403, "votes_not_participant");
  }
  return { residentId: participant.residentId, userId: user.id, name: participant.name };
}

export async function listTopics(db: Kysely<DB>, user: SessionUser, id: string) {
  const { meeting } = await openSpaceMeeting(db, user, id);
  const [topics, members, notes] = await Promise.all([
    db.selectFrom("open_space_topics").selectAll().where("meeting_id", "=", meeting.id).orderBy("created_at").execute(),
    db
      .selectFrom("open_space_participants")
      .select(["topic_id", "name", "resident_id", "user_id"])
      .where("meeting_id", "=", meeting.id)
      .orderBy("joined_at")
      .execute(),
    db
      .selectFrom("open_space_notes")
      .select(["id", "topic_id", "body", "author_name", "created_at"])
      .where("meeting_id", "=", meeting.id)
      .orderBy("created_at")
      .execute(),
  ]);
  return topics.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description,
    proposerName: t.proposer_name,
    createdAt: iso(t.created_at) as string,
    members: members.filter((m) => m.topic_id === t.id).map((m) => m.name),
    mine: members.some(
      (m) => m.topic_id === t.id && (m.user_id === user.id || (!!user.residentId && m.resident_id === user.residentId)),
    ),
    notes: notes
      .filter((n) => n.topic_id === t.id)
      .map((n) => ({ id: n.id, body: n.body, authorName: n.author_name, createdAt: iso(n.created_at) as string })),
  }));
}

export async function addTopic(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { title: string; description?: string | null },
) {
  const { meeting, participant } = await openSpaceMeeting(db, user, id);
  if (meeting.status === "published" || meeting.status === "cancelled") {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "topic" });
  }
  const who = await openSpaceActor(db, user, meeting, participant);
  const title = input.title.trim();
  if (!title) throw fieldError("title", "required");
  return db.transaction().execute(async (trx) => {
    const t = await trx
      .insertInto("open_space_topics")
      .values({
        meeting_id: meeting.id,
        district_id: meeting.district_id,
        title,
        description: input.description?.trim() || null,
        proposer_name: who.name,
        proposer_resident_id: who.residentId,
        proposer_user_id: who.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // The proposer convenes the group.
    await trx
      .insertInto("open_space_participants")
      .values({
        topic_id: t.id,
        meeting_id: meeting.id,
        district_id: meeting.district_id,
        resident_id: who.residentId,
        user_id: who.residentId ? null : who.userId,
        name: who.name,
      })
      .execute();
    await appendAudit(trx, actor, {
      action: "meeting.topic_add",
      targetType: "meeting",
      targetId: meeting.id,
      summary: { topic: t.id, title },
    });
    return { id: t.id };
  });
}

async function topicOf(db: Kysely<DB>, user: SessionUser, topicId: string) {
  const t = await db.selectFrom("open_space_topics").select(["id", "meeting_id"]).where("id", "=", topicId).executeTakeFirst();
  if (!t) throw new AppError(404, "not_found");
  const { meeting, participant } = await openSpaceMeeting(db, user, t.meeting_id);
  if (meeting.status === "published" || meeting.status === "cancelled") {
    throw new AppError(409, "votes_bad_status", { status: meeting.status, action: "topic" });
  }
  return { topic: t, meeting, who: await openSpaceActor(db, user, meeting, participant) };
}

export async function joinTopic(db: Kysely<DB>, user: SessionUser, actor: Actor, topicId: string) {
  const { topic, meeting, who } = await topicOf(db, user, topicId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("open_space_participants")
      .values({
        topic_id: topic.id,
        meeting_id: meeting.id,
        district_id: meeting.district_id,
        resident_id: who.residentId,
        user_id: who.residentId ? null : who.userId,
        name: who.name,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await appendAudit(trx, actor, {
        action: "meeting.topic_join",
        targetType: "meeting",
        targetId: meeting.id,
        summary: { topic: topic.id },
      });
    }
    return { joined: true, alreadyJoined: !row };
  });
}

export async function addNote(db: Kysely<DB>, user: SessionUser, actor: Actor, topicId: string, body: string) {
  const { topic, meeting, who } = await topicOf(db, user, topicId);
  const text = body.trim();
  if (!text) throw fieldError("body", "required");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("open_space_notes")
      .values({
        topic_id: topic.id,
        meeting_id: meeting.id,
        district_id: meeting.district_id,
        body: text,
        author_name: who.name,
        author_user_id: who.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "meeting.topic_note",
      targetType: "meeting",
      targetId: meeting.id,
      summary: { topic: topic.id },
    });
    return { id: row.id };
  });
}
