// Evaluation (评议): staff set up surveys rating decisions, projects, units and cadres; residents of
// the area answer once each (online, or on paper entered by staff); at close every item is judged by
// the seeds' rule (rules.ts) and a reopened item goes back to its owner — a project through the
// projects module's reopenProjectTx, anything else as an in-app notification with the comments.
// Results are published at close; before that nobody sees anyone else's ratings.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { SurveyKind, SurveyRating, SurveyStatus, SurveyTargetType } from "../../db/schema.evaluation.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, Scope, SessionUser } from "../identity/types.js";
import { reopenProjectTx } from "../projects/service.js";
import { concernsHome, type Participant, participantOf } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";
import {
  answeringWindow,
  DEFAULT_THRESHOLD,
  isDue,
  judgeItem,
  kindAllows,
  needsTarget,
  nextStatus,
  type SurveyAction,
  type Threshold,
  thresholdText,
  validThreshold,
} from "./rules.js";

/** Who closes overdue surveys in the timeline and the audit trail. */
export const EVALUATION_SYSTEM_ACTOR: Actor = { userId: null, username: "system", ip: "local" };

// ---- inputs ----

export type ItemInput = {
  targetType: SurveyTargetType;
  targetId?: string | null;
  label?: string | null;
  ownerUserId?: string | null;
};

export type SurveyInput = {
  areaId: string;
  title: string;
  description?: string | null;
  kind: SurveyKind;
  threshold?: { numerator: number; denominator: number } | null;
  opensAt?: string | null;
  closesAt?: string | null;
  items: ItemInput[];
};

export type RatingInput = { itemId: string; rating: SurveyRating; comment?: string | null };

// ---- visibility ----

const isResidentUser = (u: SessionUser) => u.kind === "resident" || u.role === "resident";

/**
 * Staff see surveys whose area lies inside their scope, and surveys of an area containing their
 * scope (a grid worker sees the community's survey, to enter paper questionnaires).
 */
function staffSees(column: string, scope: Scope): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const arms = scope.paths.map((p) => sql`(${sql.ref(column)} <@ ${p}::ltree or ${sql.ref(column)} @> ${p}::ltree)`);
  return sql<SqlBool>`(${sql.join(arms, sql` or `)})`;
}

function staffSeesPath(path: string, scope: Scope): boolean {
  return scope.paths.some((p) => pathInScope(path, { paths: [p] }) || pathInScope(p, { paths: [path] }));
}

type Viewer = { user: SessionUser; participant: Participant | null; resident: boolean };

async function viewerOf(db: Kysely<DB>, user: SessionUser): Promise<Viewer> {
  if (isResidentUser(user)) {
    if (!user.permissions.includes("decide.participate")) throw new AppError(403, "forbidden");
    return { user, participant: await participantOf(db, user), resident: true };
  }
  if (!user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
  return { user, participant: null, resident: false };
}

function visibleSurveys(db: Kysely<DB>, v: Viewer) {
  let q = db.selectFrom("surveys as s").innerJoin("areas as a", "a.id", "s.area_id");
  if (v.resident) {
    if (!v.participant) return q.where(sql<SqlBool>`false`);
    q = q.where("s.status", "<>", "draft").where(sql<SqlBool>`s.area_path @> ${v.participant.areaPath}::ltree`);
    return q;
  }
  return q.where(staffSees("s.area_path", v.user.scope));
}

// ---- read models ----

const surveyColumns = [
  "s.id",
  "s.district_id",
  "s.area_id",
  "s.area_path",
  "a.name as area_name",
  "s.title",
  "s.description",
  "s.kind",
  "s.status",
  "s.threshold_num",
  "s.threshold_den",
  "s.opens_at",
  "s.closes_at",
  "s.opened_at",
  "s.closed_at",
  "s.published_at",
  "s.created_by",
  "s.created_at",
] as const;

type SurveyRow = {
  id: string;
  district_id: string;
  area_id: string;
  area_path: string;
  area_name: string;
  title: string;
  description: string | null;
  kind: SurveyKind;
  status: SurveyStatus;
  threshold_num: number;
  threshold_den: number;
  opens_at: Date | null;
  closes_at: Date | null;
  opened_at: Date | null;
  closed_at: Date | null;
  published_at: Date | null;
  created_by: string | null;
  created_at: Date;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function surveyOut(r: SurveyRow, extra: { itemCount: number; responseCount: number; answered: boolean | null }, now: Date) {
  return {
    id: r.id,
    areaId: r.area_id,
    areaName: r.area_name,
    title: r.title,
    description: r.description,
    kind: r.kind,
    status: r.status,
    threshold: { numerator: r.threshold_num, denominator: r.threshold_den },
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    openedAt: iso(r.opened_at),
    closedAt: iso(r.closed_at),
    publishedAt: iso(r.published_at),
    createdAt: iso(r.created_at) as string,
    accepting: answeringWindow({ status: r.status, opensAt: r.opens_at, closesAt: r.closes_at }, now) === null,
    itemCount: extra.itemCount,
    responseCount: extra.responseCount,
    answered: extra.answered,
  };
}

export type SurveyOut = ReturnType<typeof surveyOut>;

export type ListQuery = {
  page: number;
  pageSize: number;
  status?: SurveyStatus;
  kind?: SurveyKind;
  areaId?: string;
  todo?: boolean;
};

export async function listSurveys(db: Kysely<DB>, user: SessionUser, q: ListQuery, now = new Date()) {
  const v = await viewerOf(db, user);
  let base = visibleSurveys(db, v);
  if (q.status) base = base.where("s.status", "=", q.status);
  if (q.kind) base = base.where("s.kind", "=", q.kind);
  if (q.areaId) base = base.where("s.area_id", "=", q.areaId);
  const residentId = v.participant?.residentId ?? null;
  if (q.todo) {
    // What a resident should act on: open now, not yet answered.
    base = base
      .where("s.status", "=", "open")
      .where((eb) => eb.or([eb("s.opens_at", "is", null), eb("s.opens_at", "<=", now)]))
      .where((eb) => eb.or([eb("s.closes_at", "is", null), eb("s.closes_at", ">=", now)]));
    if (residentId) {
      base = base.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("survey_responses as r")
              .select("r.id")
              .whereRef("r.survey_id", "=", "s.id")
              .where("r.resident_id", "=", residentId),
          ),
        ),
      );
    }
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirst();
  const rows = await base
    .select([...surveyColumns])
    .select((eb) => [
      eb
        .selectFrom("survey_items as i")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("i.survey_id", "=", "s.id")
        .as("item_count"),
      eb
        .selectFrom("survey_responses as r")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("r.survey_id", "=", "s.id")
        .as("response_count"),
      residentId
        ? eb
            .selectFrom("survey_responses as r")
            .select(eb.fn.countAll<string>().as("n"))
            .whereRef("r.survey_id", "=", "s.id")
            .where("r.resident_id", "=", residentId)
            .as("mine")
        : sql<string | null>`null`.as("mine"),
    ])
    .orderBy(sql`case s.status when 'open' then 0 when 'draft' then 1 else 2 end`)
    .orderBy("s.created_at", "desc")
    .orderBy("s.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) =>
      surveyOut(
        r as SurveyRow,
        {
          itemCount: Number(r.item_count ?? 0),
          responseCount: Number(r.response_count ?? 0),
          answered: residentId ? Number(r.mine ?? 0) > 0 : null,
        },
        now,
      ),
    ),
    total: Number(totalRow?.n ?? 0),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function surveyRowFor(db: Kysely<DB>, v: Viewer, id: string): Promise<SurveyRow> {
  const r = await visibleSurveys(db, v)
    .select([...surveyColumns])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new AppError(404, "not_found");
  return r as SurveyRow;
}

async function itemsOf(db: Kysely<DB>, surveyId: string) {
  const rows = await db
    .selectFrom("survey_items as i")
    .leftJoin("users as u", "u.id", "i.owner_user_id")
    .select([
      "i.id",
      "i.position",
      "i.target_type",
      "i.target_id",
      "i.label",
      "i.owner_user_id",
      "u.display_name as owner_name",
      "i.status",
      "i.satisfied",
      "i.basic",
      "i.dissatisfied",
      "i.comments",
    ])
    .where("i.survey_id", "=", surveyId)
    .orderBy("i.position")
    .execute();
  return rows;
}

const itemOut = (i: Awaited<ReturnType<typeof itemsOf>>[number]) => ({
  id: i.id,
  position: i.position,
  targetType: i.target_type,
  targetId: i.target_id,
  label: i.label,
  ownerUserId: i.owner_user_id,
  ownerName: i.owner_name ?? null,
  status: i.status,
});

async function counts(db: Kysely<DB>, surveyId: string, residentId: string | null) {
  const r = await db
    .selectFrom("survey_responses")
    .select((eb) => [eb.fn.countAll<string>().as("n")])
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  const mine = residentId
    ? await db
        .selectFrom("survey_responses")
        .select(["id", "channel", "created_at"])
        .where("survey_id", "=", surveyId)
        .where("resident_id", "=", residentId)
        .executeTakeFirst()
    : undefined;
  return { responses: Number(r?.n ?? 0), mine: mine ?? null };
}

async function electorateOf(db: Kysely<DB>, areaPath: string): Promise<number> {
  const r = await db
    .selectFrom("residents")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where(sql<SqlBool>`area_path <@ ${areaPath}::ltree`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function getSurvey(db: Kysely<DB>, user: SessionUser, id: string, now = new Date()) {
  const v = await viewerOf(db, user);
  const s = await surveyRowFor(db, v, id);
  const items = await itemsOf(db, id);
  const residentId = v.participant?.residentId ?? null;
  const c = await counts(db, id, residentId);
  let myResponse: {
    channel: string;
    createdAt: string;
    ratings: { itemId: string; rating: SurveyRating; comment: string | null }[];
  } | null = null;
  if (c.mine) {
    const ratings = await db
      .selectFrom("survey_ratings")
      .select(["item_id", "rating", "comment"])
      .where("response_id", "=", c.mine.id)
      .execute();
    myResponse = {
      channel: c.mine.channel,
      createdAt: iso(c.mine.created_at) as string,
      ratings: ratings.map((r) => ({ itemId: r.item_id, rating: r.rating, comment: r.comment })),
    };
  }
  return {
    ...surveyOut(s, { itemCount: items.length, responseCount: c.responses, answered: residentId ? c.mine !== null : null }, now),
    items: items.map(itemOut),
    electorate: v.resident ? null : await electorateOf(db, s.area_path),
    myResponse,
  };
}

/** Published results: per item counts, rate, secondary rate and verdict; comments for staff only. */
export async function getResults(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  const s = await surveyRowFor(db, v, id);
  if (s.status !== "closed") throw new AppError(409, "evaluation_results_not_published");
  const threshold = { num: s.threshold_num, den: s.threshold_den };
  const items = await itemsOf(db, id);
  const comments = v.resident
    ? []
    : await db
        .selectFrom("survey_ratings")
        .select(["item_id", "rating", "comment", "created_at"])
        .where("survey_id", "=", id)
        .where("comment", "is not", null)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
  const responses = (await counts(db, id, null)).responses;
  return {
    survey: surveyOut(s, { itemCount: items.length, responseCount: responses, answered: null }, new Date()),
    threshold: { numerator: threshold.num, denominator: threshold.den, text: thresholdText(threshold) },
    responses,
    electorate: await electorateOf(db, s.area_path),
    items: items.map((i) => {
      const verdict = judgeItem(
        { satisfied: i.satisfied ?? 0, basic: i.basic ?? 0, dissatisfied: i.dissatisfied ?? 0 },
        threshold,
      );
      return {
        ...itemOut(i),
        satisfied: verdict.counts.satisfied,
        basic: verdict.counts.basic,
        dissatisfied: verdict.counts.dissatisfied,
        total: verdict.total,
        rate: verdict.rate,
        positiveRate: verdict.positiveRate,
        commentsCount: i.comments ?? 0,
        comments: v.resident
          ? null
          : comments.filter((c) => c.item_id === i.id).map((c) => ({ rating: c.rating, comment: c.comment as string })),
      };
    }),
  };
}

// ---- candidates for items ----

export type Candidate = {
  targetType: SurveyTargetType;
  targetId: string;
  label: string;
  detail: string | null;
  ownerUserId: string | null;
  ownerName: string | null;
};

const BODY_ROLE_ZH: Record<string, string> = { chair: "主任", vice_chair: "副主任", secretary: "秘书", member: "委员" };

/** The CST calendar day of an instant (term dates are calendar days in China). */
const cstDay = (now: Date) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const related = (column: string, path: string) =>
  sql<SqlBool>`(${sql.ref(column)} <@ ${path}::ltree or ${sql.ref(column)} @> ${path}::ltree)`;

/**
 * The cadres residents of an area rate directly: community staff whose scope covers or lies in the
 * area, and current members of the area's residents' committee (a member with a login is rated as
 * that user; one without, as the membership).
 */
export async function cadreCandidates(db: Kysely<DB>, areaPath: string, now: Date): Promise<Candidate[]> {
  const staff = await db
    .selectFrom("users as u")
    .innerJoin("user_scopes as us", "us.user_id", "u.id")
    .innerJoin("areas as a", "a.id", "us.area_id")
    .select(["u.id", "u.display_name", "a.name as area_name"])
    .where("u.role", "=", "community")
    .where("u.disabled", "=", false)
    .where(related("a.path", areaPath))
    .orderBy("u.display_name")
    .orderBy("u.id")
    .execute();
  const out = new Map<string, Candidate>();
  for (const u of staff) {
    if (out.has(u.id)) continue;
    out.set(u.id, {
      targetType: "cadre",
      targetId: u.id,
      label: u.display_name,
      detail: `${u.area_name} 社区工作人员`,
      ownerUserId: u.id,
      ownerName: u.display_name,
    });
  }
  const day = cstDay(now);
  const members = await sql<{ id: string; name: string; user_id: string | null; role: string; body_name: string }>`
    select bm.id, bm.name, bm.user_id, bm.role, b.name as body_name
    from body_members bm join bodies b on b.id = bm.body_id
    where b.kind = 'residents_committee'
      and (b.area_path <@ ${areaPath}::ltree or b.area_path @> ${areaPath}::ltree)
      and bm.ended_at is null and bm.term_start <= ${day}::date
      and (bm.term_end is null or bm.term_end >= ${day}::date)
    order by b.name, bm.name, bm.id`.execute(db);
  for (const m of members.rows) {
    const detail = `${m.body_name} ${BODY_ROLE_ZH[m.role] ?? m.role}`;
    const key = m.user_id ?? m.id;
    const known = out.get(key);
    if (known) {
      known.detail = `${known.detail ?? ""}、${detail}`.replace(/^、/, "");
      continue;
    }
    out.set(key, {
      targetType: "cadre",
      targetId: key,
      label: m.name,
      detail,
      ownerUserId: m.user_id,
      ownerName: m.user_id ? m.name : null,
    });
  }
  return [...out.values()];
}

async function projectCandidates(db: Kysely<DB>, areaPath: string): Promise<Candidate[]> {
  const r = await sql<{ id: string; title: string; owner_user_id: string | null; owner_name: string | null; status: string }>`
    select p.id, p.title, p.owner_user_id, u.display_name as owner_name, p.status
    from practical_projects p left join users u on u.id = p.owner_user_id
    where (p.area_path <@ ${areaPath}::ltree or p.area_path @> ${areaPath}::ltree) and p.status <> 'cancelled'
    order by p.created_at desc, p.id limit 300`.execute(db);
  return r.rows.map((p) => ({
    targetType: "project" as const,
    targetId: p.id,
    label: p.title,
    detail: p.status,
    ownerUserId: p.owner_user_id,
    ownerName: p.owner_name,
  }));
}

async function proposalCandidates(db: Kysely<DB>, areaPath: string): Promise<Candidate[]> {
  const r = await sql<{ id: string; title: string; status: string }>`
    select p.id, p.title, p.status from proposals p
    where (p.area_path <@ ${areaPath}::ltree or p.area_path @> ${areaPath}::ltree) and p.status not in ('draft','withdrawn')
    order by p.created_at desc, p.id limit 300`.execute(db);
  return r.rows.map((p) => ({
    targetType: "proposal" as const,
    targetId: p.id,
    label: p.title,
    detail: p.status,
    ownerUserId: null,
    ownerName: null,
  }));
}

async function unitCandidates(db: Kysely<DB>, districtId: string, areaPath: string): Promise<Candidate[]> {
  const rows = await db
    .selectFrom("units as n")
    .leftJoin("areas as a", "a.id", "n.area_id")
    .select(["n.id", "n.name", "n.kind"])
    .where("n.district_id", "=", districtId)
    .where((eb) => eb.or([eb("n.kind", "=", "department"), sql<SqlBool>`a.path <@ ${areaPath}::ltree`]))
    .orderBy("n.kind")
    .orderBy("n.name")
    .limit(300)
    .execute();
  return rows.map((u) => ({
    targetType: "unit" as const,
    targetId: u.id,
    label: u.name,
    detail: u.kind,
    ownerUserId: null,
    ownerName: null,
  }));
}

async function areaFor(db: Kysely<DB>, user: SessionUser, areaId: string) {
  const a = await db
    .selectFrom("areas")
    .select(["id", "path", "district_id", "name", "level"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  if (!a) throw fieldError("areaId", "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError("areaId", "not_in_scope");
  if (!a.district_id) throw fieldError("areaId", "wrong_level", { detail: "city" });
  return { id: a.id, path: a.path, districtId: a.district_id, name: a.name };
}

export async function candidates(db: Kysely<DB>, user: SessionUser, areaId: string, type: SurveyTargetType, now = new Date()) {
  const area = await areaFor(db, user, areaId);
  switch (type) {
    case "cadre":
      return cadreCandidates(db, area.path, now);
    case "project":
      return projectCandidates(db, area.path);
    case "proposal":
      return proposalCandidates(db, area.path);
    case "unit":
      return unitCandidates(db, area.districtId, area.path);
    default:
      return [];
  }
}

// ---- set-up ----

type ItemRow = {
  position: number;
  target_type: SurveyTargetType;
  target_id: string | null;
  label: string;
  owner_user_id: string | null;
};

/** Checks the items against the kind and the area and fills labels and owners. Throws 400 naming the field. */
async function resolveItems(
  db: Kysely<DB>,
  area: { path: string; districtId: string },
  kind: SurveyKind,
  items: ItemInput[],
  now: Date,
): Promise<ItemRow[]> {
  if (items.length === 0) throw fieldError("items", "evaluation_items_required");
  const pools = new Map<SurveyTargetType, Map<string, Candidate>>();
  const pool = async (t: SurveyTargetType) => {
    let p = pools.get(t);
    if (!p) {
      const list =
        t === "cadre"
          ? await cadreCandidates(db, area.path, now)
          : t === "project"
            ? await projectCandidates(db, area.path)
            : t === "proposal"
              ? await proposalCandidates(db, area.path)
              : t === "unit"
                ? await unitCandidates(db, area.districtId, area.path)
                : [];
      p = new Map(list.map((c) => [c.targetId, c]));
      pools.set(t, p);
    }
    return p;
  };
  const seen = new Set<string>();
  const out: ItemRow[] = [];
  for (const [i, it] of items.entries()) {
    if (!kindAllows(kind, it.targetType)) {
      throw fieldError(`items.${i}.targetType`, "evaluation_kind_target", { kind, target: it.targetType });
    }
    let label = it.label?.trim() || null;
    let owner = it.ownerUserId ?? null;
    const targetId = it.targetId ?? null;
    if (needsTarget(it.targetType)) {
      if (!targetId) throw fieldError(`items.${i}.targetId`, "evaluation_target_required");
      const key = `${it.targetType}:${targetId}`;
      if (seen.has(key)) throw fieldError(`items.${i}.targetId`, "evaluation_item_duplicate");
      seen.add(key);
      const cand = (await pool(it.targetType)).get(targetId);
      if (!cand) {
        throw fieldError(`items.${i}.targetId`, it.targetType === "cadre" ? "evaluation_not_cadre" : "evaluation_target_outside");
      }
      label ??= cand.detail && it.targetType === "cadre" ? `${cand.label}(${cand.detail})` : cand.label;
      owner ??= cand.ownerUserId;
    } else {
      if (targetId) throw fieldError(`items.${i}.targetId`, "evaluation_target_forbidden", { target: it.targetType });
      if (!label) throw fieldError(`items.${i}.label`, "required");
    }
    if (owner && it.ownerUserId) {
      const u = await db.selectFrom("users").select("id").where("id", "=", owner).executeTakeFirst();
      if (!u) throw fieldError(`items.${i}.ownerUserId`, "unknown_reference");
    }
    out.push({ position: i + 1, target_type: it.targetType, target_id: targetId, label: label as string, owner_user_id: owner });
  }
  return out;
}

function checkTimes(input: { opensAt?: string | null; closesAt?: string | null }) {
  const opensAt = input.opensAt ? new Date(input.opensAt) : null;
  const closesAt = input.closesAt ? new Date(input.closesAt) : null;
  if (opensAt && Number.isNaN(opensAt.getTime())) throw fieldError("opensAt", "invalid_value");
  if (closesAt && Number.isNaN(closesAt.getTime())) throw fieldError("closesAt", "invalid_value");
  if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
    throw fieldError("closesAt", "evaluation_closes_before_opens");
  }
  return { opensAt, closesAt };
}

function checkThreshold(t: SurveyInput["threshold"]): Threshold {
  if (!t) return DEFAULT_THRESHOLD;
  const th = { num: t.numerator, den: t.denominator };
  if (!validThreshold(th)) throw fieldError("threshold", "evaluation_threshold");
  return th;
}

async function validate(db: Kysely<DB>, user: SessionUser, input: SurveyInput, now: Date) {
  const area = await areaFor(db, user, input.areaId);
  const threshold = checkThreshold(input.threshold);
  const times = checkTimes(input);
  const items = await resolveItems(db, area, input.kind, input.items, now);
  return { area, threshold, times, items };
}

export async function createSurvey(db: Kysely<DB>, user: SessionUser, actor: Actor, input: SurveyInput, now = new Date()) {
  const { area, threshold, times, items } = await validate(db, user, input, now);
  return db.transaction().execute(async (trx) => {
    const s = await trx
      .insertInto("surveys")
      .values({
        district_id: area.districtId,
        area_id: area.id,
        area_path: area.path,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        kind: input.kind,
        threshold_num: threshold.num,
        threshold_den: threshold.den,
        opens_at: times.opensAt,
        closes_at: times.closesAt,
        opened_at: null,
        closed_at: null,
        published_at: null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("survey_items")
      .values(
        items.map((i) => ({
          ...i,
          survey_id: s.id,
          district_id: area.districtId,
          satisfied: null,
          basic: null,
          dissatisfied: null,
          comments: null,
          decided_at: null,
        })),
      )
      .execute();
    await appendAudit(trx, actor, {
      action: "survey.create",
      targetType: "survey",
      targetId: s.id,
      summary: { title: input.title, kind: input.kind, areaId: area.id, threshold, items: items.length },
    });
    return { id: s.id };
  });
}

/** Locks a survey the caller manages (in scope) for a state change. */
async function lockManaged(trx: Kysely<DB>, user: SessionUser, id: string) {
  const s = await trx.selectFrom("surveys").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!s || !staffSeesPath(s.area_path, user.scope)) throw new AppError(404, "not_found");
  if (!pathInScope(s.area_path, user.scope)) throw new AppError(403, "forbidden");
  return s;
}

const STATUS_ZH: Record<SurveyStatus, string> = { draft: "草稿", open: "进行中", closed: "已结束" };
const ACTION_ZH: Record<SurveyAction, string> = { edit: "修改", open: "开始", close: "结束" };

function moveOrRefuse(status: SurveyStatus, action: SurveyAction): SurveyStatus {
  const to = nextStatus(status, action);
  if (!to) throw new AppError(409, "evaluation_wrong_status", { status: STATUS_ZH[status], action: ACTION_ZH[action] });
  return to;
}

export async function updateSurvey(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: SurveyInput,
  now = new Date(),
) {
  const pre = await db.selectFrom("surveys").select(["area_path", "status"]).where("id", "=", id).executeTakeFirst();
  if (!pre || !staffSeesPath(pre.area_path, user.scope)) throw new AppError(404, "not_found");
  if (!pathInScope(pre.area_path, user.scope)) throw new AppError(403, "forbidden");
  moveOrRefuse(pre.status, "edit");
  const { area, threshold, times, items } = await validate(db, user, input, now);
  return db.transaction().execute(async (trx) => {
    const s = await lockManaged(trx, user, id);
    moveOrRefuse(s.status, "edit");
    await trx
      .updateTable("surveys")
      .set({
        district_id: area.districtId,
        area_id: area.id,
        area_path: area.path,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        kind: input.kind,
        threshold_num: threshold.num,
        threshold_den: threshold.den,
        opens_at: times.opensAt,
        closes_at: times.closesAt,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("survey_items").where("survey_id", "=", id).execute();
    await trx
      .insertInto("survey_items")
      .values(
        items.map((i) => ({
          ...i,
          survey_id: id,
          district_id: area.districtId,
          satisfied: null,
          basic: null,
          dissatisfied: null,
          comments: null,
          decided_at: null,
        })),
      )
      .execute();
    await appendAudit(trx, actor, {
      action: "survey.update",
      targetType: "survey",
      targetId: id,
      summary: {
        before: { title: s.title, kind: s.kind, areaId: s.area_id },
        after: { title: input.title, kind: input.kind, areaId: area.id, items: items.length },
      },
    });
    return { id };
  });
}

export async function openSurvey(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const s = await lockManaged(trx, user, id);
    const to = moveOrRefuse(s.status, "open");
    if (s.closes_at && new Date(s.closes_at).getTime() <= now.getTime()) throw fieldError("closesAt", "evaluation_closes_past");
    const n = await trx
      .selectFrom("survey_items")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("survey_id", "=", id)
      .executeTakeFirst();
    if (Number(n?.n ?? 0) === 0) throw fieldError("items", "evaluation_items_required");
    await trx.updateTable("surveys").set({ status: to, opened_at: now, updated_at: now }).where("id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "survey.open",
      targetType: "survey",
      targetId: id,
      summary: { before: { status: s.status }, after: { status: to }, opensAt: iso(s.opens_at), closesAt: iso(s.closes_at) },
    });
    return { id, status: to };
  });
}

// ---- close: judge every item, send reopened items back to their owners ----

const MAX_NOTIFIED_COMMENTS = 30;

async function ownersToNotify(
  trx: Kysely<DB>,
  item: { target_type: string; target_id: string | null; owner_user_id: string | null },
  fallback: string | null,
) {
  if (item.owner_user_id) return [item.owner_user_id];
  if (item.target_type === "unit" && item.target_id) {
    const us = await trx.selectFrom("user_units").select("user_id").where("unit_id", "=", item.target_id).execute();
    if (us.length) return us.map((u) => u.user_id);
  }
  return fallback ? [fallback] : [];
}

export type CloseOutcome = {
  id: string;
  status: "closed";
  items: { id: string; label: string; status: "kept" | "reopened"; rate: string | null; total: number }[];
};

/** Closes an open survey inside `trx`; the caller has locked and authorised it. */
async function closeLocked(
  trx: Kysely<DB>,
  actor: Actor,
  s: { id: string; title: string; status: SurveyStatus; threshold_num: number; threshold_den: number; created_by: string | null },
  now: Date,
): Promise<CloseOutcome> {
  const to = moveOrRefuse(s.status, "close");
  const threshold = { num: s.threshold_num, den: s.threshold_den };
  const items = await trx
    .selectFrom("survey_items")
    .select(["id", "label", "target_type", "target_id", "owner_user_id"])
    .where("survey_id", "=", s.id)
    .orderBy("position")
    .execute();
  const grouped = await trx
    .selectFrom("survey_ratings")
    .select(["item_id", "rating", (eb) => eb.fn.countAll<string>().as("n")])
    .where("survey_id", "=", s.id)
    .groupBy(["item_id", "rating"])
    .execute();
  const commentRows = await trx
    .selectFrom("survey_ratings")
    .select(["item_id", "comment"])
    .where("survey_id", "=", s.id)
    .where("comment", "is not", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const outcome: CloseOutcome["items"] = [];
  for (const item of items) {
    const c = { satisfied: 0, basic: 0, dissatisfied: 0 };
    for (const g of grouped) if (g.item_id === item.id) c[g.rating] = Number(g.n);
    const verdict = judgeItem(c, threshold);
    const comments = commentRows.filter((r) => r.item_id === item.id).map((r) => r.comment as string);
    await trx
      .updateTable("survey_items")
      .set({ status: verdict.status, ...c, comments: comments.length, decided_at: now })
      .where("id", "=", item.id)
      .execute();
    outcome.push({ id: item.id, label: item.label, status: verdict.status, rate: verdict.rate, total: verdict.total });
    if (verdict.status !== "reopened") continue;
    const reason = `评议「${s.title}」中「${item.label}」满意率 ${verdict.rate}%(满意 ${c.satisfied}、基本满意 ${c.basic}、不满意 ${c.dissatisfied}),低于 ${thresholdText(threshold)},重新办理`;
    // A project goes back through the projects module (timeline, status, owner); a cancelled one
    // cannot be reopened, so its owner is only told.
    const project =
      item.target_type === "project" && item.target_id
        ? await trx.selectFrom("practical_projects").select(["id", "status"]).where("id", "=", item.target_id).executeTakeFirst()
        : undefined;
    if (project && project.status !== "cancelled") {
      await reopenProjectTx(trx, actor, project.id, reason, comments);
    } else {
      const owners = await ownersToNotify(trx, item, s.created_by);
      const shown = comments.slice(0, MAX_NOTIFIED_COMMENTS);
      const body = [
        reason,
        ...(shown.length ? ["居民意见:", ...shown.map((t, k) => `${k + 1}. ${t}`)] : ["(无居民意见)"]),
        ...(comments.length > shown.length ? [`……共 ${comments.length} 条意见`] : []),
      ].join("\n");
      if (owners.length) {
        await trx
          .insertInto("notifications")
          .values(
            owners.map((user_id) => ({
              outbox_id: null,
              user_id,
              order_id: null,
              title: `评议未达满意,请重新办理:${item.label}`.slice(0, 200),
              body,
              created_at: now,
            })),
          )
          .execute();
      }
    }
  }
  await trx
    .updateTable("surveys")
    .set({ status: to, closed_at: now, published_at: now, updated_at: now })
    .where("id", "=", s.id)
    .execute();
  await appendAudit(trx, actor, {
    action: "survey.close",
    targetType: "survey",
    targetId: s.id,
    summary: { before: { status: s.status }, after: { status: to }, threshold, items: outcome },
  });
  return { id: s.id, status: "closed", items: outcome };
}

/** Closes an open survey in the caller's transaction (demo data, other modules); no scope check. */
export async function closeSurveyTx(trx: Kysely<DB>, actor: Actor, id: string, now = new Date()): Promise<CloseOutcome> {
  const s = await trx.selectFrom("surveys").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!s) throw new AppError(404, "not_found");
  return closeLocked(trx, actor, s, now);
}

export async function closeSurvey(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const s = await lockManaged(trx, user, id);
    return closeLocked(trx, actor, s, now);
  });
}

/** Closes every open survey whose closing time has passed (the scheduler's job). Returns how many. */
export async function closeDueSurveys(db: Kysely<DB>, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom("surveys")
    .select(["id"])
    .where("status", "=", "open")
    .where("closes_at", "<", now)
    .orderBy("closes_at")
    .limit(100)
    .execute();
  let closed = 0;
  for (const d of due) {
    const done = await db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom("surveys").selectAll().where("id", "=", d.id).forUpdate().skipLocked().executeTakeFirst();
      if (!s || !isDue({ status: s.status, closesAt: s.closes_at ? new Date(s.closes_at) : null }, now)) return false;
      await closeLocked(trx, EVALUATION_SYSTEM_ACTOR, s, now);
      return true;
    });
    if (done) closed++;
  }
  return closed;
}

// ---- responses ----

type Prepared = { itemId: string; rating: SurveyRating; comment: string | null }[];

/** Every item rated exactly once, nothing else; comments trimmed (empty → none). */
function prepareRatings(itemIds: string[], ratings: RatingInput[]): Prepared {
  const known = new Set(itemIds);
  const seen = new Set<string>();
  const out: Prepared = [];
  for (const [i, r] of ratings.entries()) {
    if (!known.has(r.itemId)) throw fieldError(`ratings.${i}.itemId`, "evaluation_item_unknown");
    if (seen.has(r.itemId)) throw fieldError(`ratings.${i}.itemId`, "evaluation_item_duplicate");
    seen.add(r.itemId);
    out.push({ itemId: r.itemId, rating: r.rating, comment: r.comment?.trim() || null });
  }
  if (seen.size !== known.size) throw fieldError("ratings", "evaluation_rating_missing");
  return out;
}

const sameRatings = (a: Prepared, b: Prepared) => {
  if (a.length !== b.length) return false;
  const m = new Map(a.map((r) => [r.itemId, r]));
  return b.every((r) => {
    const x = m.get(r.itemId);
    return x && x.rating === r.rating && (x.comment ?? null) === (r.comment ?? null);
  });
};

async function answer(
  db: Kysely<DB>,
  actor: Actor,
  surveyId: string,
  residentId: string,
  channel: "online" | "paper",
  userId: string,
  ratings: RatingInput[],
  now: Date,
) {
  const itemIds = (await db.selectFrom("survey_items").select("id").where("survey_id", "=", surveyId).execute()).map((r) => r.id);
  const prepared = prepareRatings(itemIds, ratings);
  return db.transaction().execute(async (trx) => {
    // Shares the row lock with other answers; a closing transaction (for update) waits for them.
    const s = await trx
      .selectFrom("surveys")
      .select(["id", "district_id", "status", "opens_at", "closes_at"])
      .where("id", "=", surveyId)
      .forShare()
      .executeTakeFirstOrThrow();
    const problem = answeringWindow(
      {
        status: s.status,
        opensAt: s.opens_at ? new Date(s.opens_at) : null,
        closesAt: s.closes_at ? new Date(s.closes_at) : null,
      },
      now,
    );
    if (problem === "not_open") throw new AppError(409, "evaluation_not_open");
    if (problem === "closed") throw new AppError(409, "evaluation_closed");
    const inserted = await trx
      .insertInto("survey_responses")
      .values({
        survey_id: surveyId,
        district_id: s.district_id,
        resident_id: residentId,
        channel,
        user_id: userId,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(["survey_id", "resident_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      // Already answered: the same answers again are a retry; different answers are refused.
      const prior = await trx
        .selectFrom("survey_responses as r")
        .innerJoin("survey_ratings as g", "g.response_id", "r.id")
        .select(["r.id", "g.item_id", "g.rating", "g.comment"])
        .where("r.survey_id", "=", surveyId)
        .where("r.resident_id", "=", residentId)
        .execute();
      const before = prior.map((p) => ({ itemId: p.item_id, rating: p.rating, comment: p.comment }));
      if (prior.length && sameRatings(before, prepared)) return { id: prior[0].id, duplicate: true };
      throw new AppError(409, "evaluation_already_answered");
    }
    await trx
      .insertInto("survey_ratings")
      .values(
        prepared.map((r) => ({
          response_id: inserted.id,
          survey_id: surveyId,
          item_id: r.itemId,
          district_id: s.district_id,
          rating: r.rating,
          comment: r.comment,
          created_at: now,
        })),
      )
      .execute();
    await appendAudit(trx, actor, {
      action: channel === "paper" ? "survey.paper" : "survey.respond",
      targetType: "survey",
      targetId: surveyId,
      summary: { responseId: inserted.id, channel, ...(channel === "paper" ? { residentId } : {}), items: prepared.length },
    });
    return { id: inserted.id, duplicate: false };
  });
}

/** A resident answers online; only residents living in the survey's area see it at all. */
export async function respond(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  surveyId: string,
  ratings: RatingInput[],
  now = new Date(),
) {
  if (!user.permissions.includes("decide.participate")) throw new AppError(403, "forbidden");
  const participant = await participantOf(db, user);
  if (!participant) throw new AppError(403, "evaluation_not_resident");
  const s = await db.selectFrom("surveys").select(["area_path", "status"]).where("id", "=", surveyId).executeTakeFirst();
  if (!s || s.status === "draft" || !concernsHome(s.area_path, participant.areaPath)) throw new AppError(404, "not_found");
  return answer(db, actor, surveyId, participant.residentId, "online", user.id, ratings, now);
}

/** Staff enter a paper questionnaire naming the resident; once per resident. */
export async function recordPaper(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  surveyId: string,
  input: { residentId: string; ratings: RatingInput[] },
  now = new Date(),
) {
  if (!user.permissions.includes("decide.record")) throw new AppError(403, "forbidden");
  const s = await db.selectFrom("surveys").select(["area_path", "status"]).where("id", "=", surveyId).executeTakeFirst();
  if (!s || !staffSeesPath(s.area_path, user.scope)) throw new AppError(404, "not_found");
  const r = await db.selectFrom("residents").select(["id", "area_path"]).where("id", "=", input.residentId).executeTakeFirst();
  if (!r || !pathInScope(r.area_path, user.scope)) throw fieldError("residentId", "unknown_reference");
  if (!concernsHome(s.area_path, r.area_path)) throw fieldError("residentId", "evaluation_resident_outside");
  return answer(db, actor, surveyId, r.id, "paper", user.id, input.ratings, now);
}
