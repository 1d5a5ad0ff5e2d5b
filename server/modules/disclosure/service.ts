// Disclosure (公开): drafts on a template, publication within scope, withdrawal with a reason,
// residents' opinions and how staff handle them, and the statistics as the seeds count them.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { DisclosureOpinionsTable, DisclosuresTable } from "../../db/schema.disclosure.js";
import { AppError, fieldError } from "../../lib/errors.js";
import type { FieldMessageCode } from "../../lib/i18n.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { type Participant, participantOf, visibleTo } from "../registry/participant.js";
import { inScope, pathInScope } from "../registry/scope.js";
import {
  type Category,
  checkHandling,
  DEFAULT_TEMPLATE,
  type Disposition,
  emptyCounts,
  type FieldProblem,
  maskName,
  type StatCounts,
  validateTemplate,
} from "./rules.js";

type DisclosureRow = Selectable<DisclosuresTable>;
type OpinionRow = Selectable<DisclosureOpinionsTable>;

export const isResident = (user: SessionUser) => user.kind === "resident" || user.role === "resident";

export function throwProblems(problems: FieldProblem[]): never {
  throw new AppError(
    400,
    "validation_failed",
    {},
    problems.map((p) => ({ path: p.path, code: p.code as FieldMessageCode, params: p.params })),
  );
}

/** An area the caller may publish in, or a 400 naming `field`. */
export async function areaForWrite(db: Kysely<DB>, user: SessionUser, areaId: string, field = "areaId") {
  const a = await db
    .selectFrom("areas")
    .select(["id", "path", "district_id", "level", "name"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  if (!a) throw fieldError(field, "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError(field, "not_in_scope");
  if (!a.district_id || a.level === "city") throw fieldError(field, "wrong_level", { detail: "city" });
  return { ...a, district_id: a.district_id };
}

function checkPeriod(start?: string | null, end?: string | null) {
  if (start && end && end < start) throw fieldError("periodEnd", "disclosure_period_order");
}

// ---- publication from other modules (contract with B and others)

export type PublishInput = {
  districtId: string;
  areaId: string;
  areaPath: string;
  category: Category;
  title: string;
  body: string;
  periodStart?: string | null;
  periodEnd?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  /** Optional: a structured template and its fields; default the plain notice. */
  template?: string;
  fields?: Record<string, unknown>;
};

/**
 * Publishes a disclosure at once inside the caller's transaction (e.g. a vote result as a residents'
 * affair). Idempotent per source: publishing the same (sourceType, sourceId) again returns the
 * first disclosure's id. Scope is the caller's business.
 */
export async function publishDisclosureTx(trx: Kysely<DB>, actor: Actor, input: PublishInput): Promise<string> {
  const template = input.template ?? "notice";
  const check = validateTemplate(template, input.category, input.fields ?? {}, input.body);
  if (!check.ok) throwProblems(check.problems);
  checkPeriod(input.periodStart, input.periodEnd);
  const sourceId = input.sourceId ?? null;
  const sourceType = sourceId ? (input.sourceType ?? "other") : null;
  const now = new Date();
  const row = await trx
    .insertInto("disclosures")
    .values({
      district_id: input.districtId,
      area_id: input.areaId,
      area_path: input.areaPath,
      category: input.category,
      template,
      title: input.title.trim(),
      body: input.body,
      fields: JSON.stringify(check.fields),
      period_start: input.periodStart ?? null,
      period_end: input.periodEnd ?? null,
      status: "published",
      published_at: now,
      published_by: actor.userId,
      source_type: sourceType,
      source_id: sourceId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["source_type", "source_id"]).where("source_id", "is not", null).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) {
    const existing = await trx
      .selectFrom("disclosures")
      .select("id")
      .where("source_type", "=", sourceType)
      .where("source_id", "=", sourceId)
      .executeTakeFirstOrThrow();
    return existing.id;
  }
  await appendAudit(trx, actor, {
    action: "disclosure.publish",
    targetType: "disclosure",
    targetId: row.id,
    summary: { category: input.category, title: input.title, sourceType, sourceId },
  });
  return row.id;
}

// ---- reads

export type DisclosureListQuery = {
  category?: Category;
  status?: "draft" | "published" | "withdrawn";
  areaId?: string;
  periodFrom?: string;
  periodTo?: string;
  q?: string;
  page: number;
  pageSize: number;
};

const toDisclosure = (r: DisclosureRow & { area_name: string; opinions?: number | string; pending?: number | string }) => ({
  id: r.id,
  areaId: r.area_id,
  areaName: r.area_name,
  category: r.category,
  template: r.template,
  title: r.title,
  body: r.body,
  fields: r.fields as Record<string, unknown>,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  status: r.status,
  publishedAt: r.published_at?.toISOString() ?? null,
  withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
  withdrawReason: r.withdraw_reason,
  sourceType: r.source_type,
  sourceId: r.source_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  opinionCount: Number(r.opinions ?? 0),
  pendingCount: Number(r.pending ?? 0),
});
export type DisclosureOut = ReturnType<typeof toDisclosure>;

function baseQuery(db: Kysely<DB>, user: SessionUser, participant: Participant | null) {
  let q = db
    .selectFrom("disclosures as d")
    .innerJoin("areas as a", "a.id", "d.area_id")
    .where(visibleTo("d.area_path", user, participant));
  // Residents see what is published; drafts and withdrawn items are staff business.
  if (isResident(user)) q = q.where("d.status", "=", "published");
  return q;
}

export async function listDisclosures(db: Kysely<DB>, user: SessionUser, query: DisclosureListQuery) {
  const participant = await participantOf(db, user);
  let q = baseQuery(db, user, participant);
  if (query.category) q = q.where("d.category", "=", query.category);
  if (query.status) q = q.where("d.status", "=", query.status);
  if (query.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", query.areaId).executeTakeFirst();
    if (!area) return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
    q = q.where(sql<boolean>`d.area_path <@ ${area.path}::ltree`);
  }
  // Period overlap: an open end counts as unbounded.
  if (query.periodFrom)
    q = q.where((eb) => eb.or([eb("d.period_end", "is", null), eb("d.period_end", ">=", query.periodFrom as string)]));
  if (query.periodTo)
    q = q.where((eb) => eb.or([eb("d.period_start", "is", null), eb("d.period_start", "<=", query.periodTo as string)]));
  if (query.q?.trim()) {
    const like = `%${query.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where("d.title", "ilike", like);
  }
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll("d")
    .select("a.name as area_name")
    .select((eb) => [
      eb
        .selectFrom("disclosure_opinions as o")
        .whereRef("o.disclosure_id", "=", "d.id")
        .select(eb.fn.countAll().as("c"))
        .as("opinions"),
      eb
        .selectFrom("disclosure_opinions as o")
        .whereRef("o.disclosure_id", "=", "d.id")
        .where("o.disposition", "is", null)
        .select(eb.fn.countAll().as("c"))
        .as("pending"),
    ])
    .orderBy(sql`coalesce(d.published_at, d.created_at)`, "desc")
    .orderBy("d.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => toDisclosure(r as never)),
    total: Number(n),
    totalCapped: false,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A disclosure the caller may read, or 404. */
export async function readDisclosureRow(db: Kysely<DB>, user: SessionUser, id: string, participant?: Participant | null) {
  const p = participant === undefined ? await participantOf(db, user) : participant;
  const row = await baseQuery(db, user, p).selectAll("d").select("a.name as area_name").where("d.id", "=", id).executeTakeFirst();
  if (!row) throw new AppError(404, "not_found");
  return row;
}

const toOpinion = (r: OpinionRow & { author_name: string | null }, mine: boolean, staff: boolean) => ({
  id: r.id,
  disclosureId: r.disclosure_id,
  kind: r.kind,
  content: r.content,
  authorName: r.author_name ? (staff ? r.author_name : maskName(r.author_name)) : null,
  mine,
  createdAt: r.created_at.toISOString(),
  disposition: r.disposition,
  dispositionNote: r.disposition_note,
  disposedAt: r.disposed_at?.toISOString() ?? null,
  reply: r.reply,
  repliedAt: r.replied_at?.toISOString() ?? null,
});
export type OpinionOut = ReturnType<typeof toOpinion>;

function opinionQuery(db: Kysely<DB>) {
  return db
    .selectFrom("disclosure_opinions as o")
    .leftJoin("residents as r", "r.id", "o.resident_id")
    .leftJoin("users as u", "u.id", "o.author_user_id")
    .selectAll("o")
    .select(sql<string | null>`coalesce(r.name, u.display_name)`.as("author_name"));
}

export async function readDisclosure(db: Kysely<DB>, user: SessionUser, id: string) {
  const participant = await participantOf(db, user);
  const row = await readDisclosureRow(db, user, id, participant);
  const staff = !isResident(user);
  const opinions = await opinionQuery(db).where("o.disclosure_id", "=", id).orderBy("o.created_at").orderBy("o.id").execute();
  const files = await db
    .selectFrom("decide_files")
    .select(["id", "name", "mime", "size", "created_at"])
    .where("owner_type", "=", "disclosure")
    .where("owner_id", "=", id)
    .orderBy("created_at")
    .execute();
  return {
    ...toDisclosure({ ...row, opinions: opinions.length, pending: opinions.filter((o) => !o.disposition).length }),
    attachments: files.map((f) => ({
      id: f.id,
      name: f.name,
      mime: f.mime,
      size: f.size,
      createdAt: new Date(f.created_at as never).toISOString(),
    })),
    opinions: opinions.map((o) => toOpinion(o, o.author_user_id === user.id, staff)),
  };
}

// ---- writes by staff

export type DraftInput = {
  areaId: string;
  category: Category;
  template?: string;
  title: string;
  body?: string;
  fields?: Record<string, unknown>;
  periodStart?: string | null;
  periodEnd?: string | null;
};

export async function createDraft(db: Kysely<DB>, user: SessionUser, actor: Actor, input: DraftInput): Promise<string> {
  const area = await areaForWrite(db, user, input.areaId);
  const template = input.template ?? DEFAULT_TEMPLATE[input.category];
  const check = validateTemplate(template, input.category, input.fields ?? {}, input.body ?? "");
  if (!check.ok) throwProblems(check.problems);
  checkPeriod(input.periodStart, input.periodEnd);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx
      .insertInto("disclosures")
      .values({
        district_id: area.district_id,
        area_id: area.id,
        area_path: area.path,
        category: input.category,
        template,
        title: input.title.trim(),
        body: input.body ?? "",
        fields: JSON.stringify(check.fields),
        period_start: input.periodStart ?? null,
        period_end: input.periodEnd ?? null,
        status: "draft",
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "disclosure.create",
      targetType: "disclosure",
      targetId: row.id,
      summary: { category: input.category, template, title: input.title, areaId: area.id },
    });
    return row.id;
  });
}

export type DraftPatch = Partial<Omit<DraftInput, "category">>;

export async function updateDraft(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, patch: DraftPatch) {
  const cur = await readDisclosureRow(db, user, id);
  if (cur.status !== "draft") throw new AppError(409, "disclosure_not_draft");
  const area = patch.areaId ? await areaForWrite(db, user, patch.areaId) : null;
  const template = patch.template ?? cur.template;
  const fields = patch.fields ?? (cur.fields as Record<string, unknown>);
  const body = patch.body ?? cur.body;
  const check = validateTemplate(template, cur.category, fields, body);
  if (!check.ok) throwProblems(check.problems);
  const periodStart = patch.periodStart !== undefined ? patch.periodStart : cur.period_start;
  const periodEnd = patch.periodEnd !== undefined ? patch.periodEnd : cur.period_end;
  checkPeriod(periodStart, periodEnd);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("disclosures")
      .set({
        ...(area ? { area_id: area.id, area_path: area.path, district_id: area.district_id } : {}),
        template,
        title: patch.title?.trim() ?? cur.title,
        body,
        fields: JSON.stringify(check.fields),
        period_start: periodStart ?? null,
        period_end: periodEnd ?? null,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_not_draft");
    await appendAudit(trx, actor, {
      action: "disclosure.update",
      targetType: "disclosure",
      targetId: id,
      summary: { fields: Object.keys(patch) },
    });
  });
}

export async function publish(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const cur = await readDisclosureRow(db, user, id);
  if (cur.status !== "draft") throw new AppError(409, "disclosure_not_draft");
  // Re-check the stored fields: the template may have changed since the draft was saved.
  const check = validateTemplate(cur.template, cur.category, cur.fields as Record<string, unknown>, cur.body);
  if (!check.ok) throwProblems(check.problems);
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const res = await trx
      .updateTable("disclosures")
      .set({ status: "published", published_at: now, published_by: user.id, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_not_draft");
    await appendAudit(trx, actor, {
      action: "disclosure.publish",
      targetType: "disclosure",
      targetId: id,
      summary: { category: cur.category, title: cur.title },
    });
  });
}

export async function withdraw(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, reason: string) {
  const cur = await readDisclosureRow(db, user, id);
  if (!reason.trim()) throw fieldError("reason", "required");
  if (cur.status !== "published") throw new AppError(409, "disclosure_not_published");
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const res = await trx
      .updateTable("disclosures")
      .set({ status: "withdrawn", withdrawn_at: now, withdrawn_by: user.id, withdraw_reason: reason.trim(), updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_not_published");
    await appendAudit(trx, actor, {
      action: "disclosure.withdraw",
      targetType: "disclosure",
      targetId: id,
      summary: { reason: reason.trim() },
    });
  });
}

// ---- opinions

export async function addOpinion(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { kind: "comment" | "question"; content: string },
): Promise<string> {
  const participant = await participantOf(db, user);
  if (!participant) throw new AppError(403, "disclosure_not_resident");
  const d = await readDisclosureRow(db, user, id, participant);
  if (d.status !== "published") throw new AppError(409, "disclosure_not_published");
  if (!input.content.trim()) throw fieldError("content", "required");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("disclosure_opinions")
      .values({
        disclosure_id: d.id,
        district_id: d.district_id,
        area_path: d.area_path,
        author_user_id: user.id,
        resident_id: participant.residentId,
        kind: input.kind,
        content: input.content.trim(),
        created_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "disclosure.opinion.create",
      targetType: "disclosure_opinion",
      targetId: row.id,
      summary: { disclosureId: d.id, kind: input.kind },
    });
    return row.id;
  });
}

async function opinionForStaff(db: Kysely<DB>, user: SessionUser, id: string) {
  const o = await db
    .selectFrom("disclosure_opinions as o")
    .innerJoin("disclosures as d", "d.id", "o.disclosure_id")
    .selectAll("o")
    .select(["d.title as disclosure_title"])
    .where("o.id", "=", id)
    .where(inScope("o.area_path", user.scope))
    .executeTakeFirst();
  if (!o) throw new AppError(404, "not_found");
  return o;
}

async function notify(trx: Kysely<DB>, userId: string | null, title: string, body: string) {
  if (!userId) return; // collected offline: no account to notify
  await trx.insertInto("notifications").values({ user_id: userId, title, body, created_at: new Date() }).execute();
}

const DISPOSITION_ZH: Record<Disposition, string> = { adopted: "已采纳并办理", replied: "已答复", not_adopted: "未采纳" };

/**
 * Marks an opinion adopted (with what was done), replied (with the answer) or not adopted (with the
 * reason), once; a reply may come with any disposition. The author gets an in-app notification.
 */
export async function handleOpinion(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { disposition: Disposition; note?: string | null; reply?: string | null },
) {
  const o = await opinionForStaff(db, user, id);
  const problems = checkHandling(input);
  if (problems.length) throwProblems(problems);
  if (o.disposition) throw new AppError(409, "disclosure_opinion_handled");
  const note = input.note?.trim() || null;
  const reply = input.reply?.trim() || null;
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const res = await trx
      .updateTable("disclosure_opinions")
      .set({
        disposition: input.disposition,
        disposition_note: note,
        disposed_at: now,
        disposed_by: user.id,
        ...(reply ? { reply, replied_at: now, replied_by: user.id } : {}),
      })
      .where("id", "=", id)
      .where("disposition", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_opinion_handled");
    await notify(
      trx,
      o.author_user_id,
      `您对"${o.disclosure_title}"的意见${DISPOSITION_ZH[input.disposition]}`,
      [note, reply].filter(Boolean).join("\n") || DISPOSITION_ZH[input.disposition],
    );
    await appendAudit(trx, actor, {
      action: "disclosure.opinion.handle",
      targetType: "disclosure_opinion",
      targetId: id,
      summary: { disposition: input.disposition, replied: Boolean(reply) },
    });
  });
}

/** Gives (or corrects) the answer to an opinion, whatever its disposition; notifies the author. */
export async function replyOpinion(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, reply: string) {
  const o = await opinionForStaff(db, user, id);
  const text = reply.trim();
  if (!text) throw fieldError("reply", "required");
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .updateTable("disclosure_opinions")
      .set({ reply: text, replied_at: now, replied_by: user.id })
      .where("id", "=", id)
      .execute();
    await notify(trx, o.author_user_id, `您对"${o.disclosure_title}"的意见已答复`, text);
    await appendAudit(trx, actor, {
      action: "disclosure.opinion.reply",
      targetType: "disclosure_opinion",
      targetId: id,
      summary: { corrected: o.reply !== null },
    });
  });
}

export type OpinionQueueQuery = { state?: "pending" | "handled"; disclosureId?: string; page: number; pageSize: number };

/** Staff: opinions in scope, oldest pending first. */
export async function listOpinions(db: Kysely<DB>, user: SessionUser, query: OpinionQueueQuery) {
  let q = db.selectFrom("disclosure_opinions as o").where(inScope("o.area_path", user.scope));
  if (query.state === "pending") q = q.where("o.disposition", "is", null);
  if (query.state === "handled") q = q.where("o.disposition", "is not", null);
  if (query.disclosureId) q = q.where("o.disclosure_id", "=", query.disclosureId);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin("disclosures as d", "d.id", "o.disclosure_id")
    .leftJoin("residents as r", "r.id", "o.resident_id")
    .leftJoin("users as u", "u.id", "o.author_user_id")
    .selectAll("o")
    .select(["d.title as disclosure_title", "d.category"])
    .select(sql<string | null>`coalesce(r.name, u.display_name)`.as("author_name"))
    .orderBy(sql`o.disposition is null`, "desc")
    .orderBy("o.created_at")
    .orderBy("o.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({ ...toOpinion(r, false, true), disclosureTitle: r.disclosure_title, category: r.category })),
    total: Number(n),
    totalCapped: false,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ---- statistics

export type StatsResult = {
  areaId: string;
  areaName: string;
  total: StatCounts & { withdrawn: number };
  byArea: ({ areaId: string; areaName: string } & StatCounts)[];
  byCategory: ({ category: Category } & StatCounts)[];
};

/**
 * The statistics of `area`'s subtree over [from, to), in SQL; `countStats` in rules.ts is the
 * reference the tests hold this against. Broken down by the area's children and by category.
 */
export async function statsFor(
  db: Kysely<DB>,
  area: { id: string; path: string; name: string },
  from: Date,
  to: Date,
): Promise<StatsResult> {
  const depth = area.path.split(".").length;
  // Items published, by child area and category.
  const pub = await db
    .selectFrom("disclosures as d")
    .where(sql<boolean>`d.area_path <@ ${area.path}::ltree`)
    .where("d.published_at", ">=", from)
    .where("d.published_at", "<", to)
    .select([
      sql<string>`case when nlevel(d.area_path) > ${depth} then ltree2text(subpath(d.area_path, ${depth}, 1)) else '' end`.as(
        "child",
      ),
      "d.category",
      sql<string>`count(*)`.as("published"),
      sql<string>`count(*) filter (where d.status = 'withdrawn')`.as("withdrawn"),
    ])
    .groupBy(["child", "d.category"])
    .execute();
  const ops = await db
    .selectFrom("disclosure_opinions as o")
    .innerJoin("disclosures as d", "d.id", "o.disclosure_id")
    .where(sql<boolean>`o.area_path <@ ${area.path}::ltree`)
    .where("o.created_at", ">=", from)
    .where("o.created_at", "<", to)
    .select([
      sql<string>`case when nlevel(o.area_path) > ${depth} then ltree2text(subpath(o.area_path, ${depth}, 1)) else '' end`.as(
        "child",
      ),
      "d.category",
      sql<string>`count(*)`.as("collected"),
      sql<string>`count(*) filter (where o.disposition = 'adopted')`.as("adopted"),
      sql<string>`count(*) filter (where o.reply is not null)`.as("replied"),
      sql<string>`count(*) filter (where o.disposition = 'not_adopted')`.as("not_adopted"),
    ])
    .groupBy(["child", "d.category"])
    .execute();
  const children = await db
    .selectFrom("areas")
    .select(["id", "name", "path"])
    .where("parent_id", "=", area.id)
    .orderBy("code")
    .execute();
  const label = (p: string) => p.split(".").pop() as string;
  const byChild = new Map<string, StatCounts>();
  const byCat = new Map<string, StatCounts>();
  const total = { ...emptyCounts(), withdrawn: 0 };
  const bucket = (m: Map<string, StatCounts>, k: string) => {
    let c = m.get(k);
    if (!c) {
      c = emptyCounts();
      m.set(k, c);
    }
    return c;
  };
  for (const r of pub) {
    const n = Number(r.published);
    bucket(byChild, r.child).published += n;
    bucket(byCat, r.category).published += n;
    total.published += n;
    total.withdrawn += Number(r.withdrawn);
  }
  for (const r of ops) {
    for (const c of [bucket(byChild, r.child), bucket(byCat, r.category), total]) {
      c.collected += Number(r.collected);
      c.adopted += Number(r.adopted);
      c.replied += Number(r.replied);
      c.notAdopted += Number(r.not_adopted);
    }
  }
  const byArea = children.map((ch) => ({ areaId: ch.id, areaName: ch.name, ...(byChild.get(label(ch.path)) ?? emptyCounts()) }));
  const own = byChild.get("");
  if (own && Object.values(own).some((v) => v > 0)) byArea.unshift({ areaId: area.id, areaName: area.name, ...own });
  return {
    areaId: area.id,
    areaName: area.name,
    total,
    byArea,
    byCategory: (["party", "residents", "compound", "finance"] as const).map((category) => ({
      category,
      ...(byCat.get(category) ?? emptyCounts()),
    })),
  };
}
