// Practical projects (实事项目): created from proposals, budget winners, work orders or by hand;
// owners post timeline updates with progress and photos; a parent's progress follows its children
// (weighted by budget); residents of the area follow and comment; an evaluation can reopen a project.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ProjectSourceType, ProjectStatus } from "../../db/schema.projects.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { maskName } from "../../lib/mask.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { type Participant, participantOf, visibleTo } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";
import {
  acceptsProgress,
  canMoveProject,
  childrenAllowDone,
  milestoneProgress,
  nextProjectStatuses,
  normalizeMoney,
  parentProgress,
  statusAfterProgress,
  toProgressHundredths,
} from "./rules.js";

export type CreateProjectInput = {
  districtId: string;
  areaId: string;
  areaPath: string;
  title: string;
  description?: string | null;
  budget: string;
  sourceType: ProjectSourceType;
  sourceId?: string | null;
  ownerUserId?: string | null;
  ownerUnitId?: string | null;
  parentId?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  milestones?: { title: string; dueOn?: string | null; weight?: string | null }[];
};

const STATUS_ZH: Record<ProjectStatus, string> = {
  planned: "计划中",
  in_progress: "实施中",
  done: "已完成",
  reopened: "已重新打开",
  cancelled: "已取消",
};

async function nameOf(db: Kysely<DB>, actor: Actor): Promise<string | null> {
  if (!actor.userId) return actor.username;
  const u = await db.selectFrom("users").select("display_name").where("id", "=", actor.userId).executeTakeFirst();
  return u?.display_name ?? actor.username;
}

/** In-app notifications to every follower of a project except the author. */
async function notifyFollowers(trx: Kysely<DB>, projectId: string, title: string, body: string, exceptUserId: string | null) {
  let q = trx
    .selectFrom("project_follows")
    .select(["user_id", sql<string>`${title}`.as("title"), sql<string>`${body}`.as("body")])
    .where("project_id", "=", projectId);
  if (exceptUserId) q = q.where("user_id", "<>", exceptUserId);
  await trx.insertInto("notifications").columns(["user_id", "title", "body"]).expression(q).execute();
}

async function addTimeline(
  trx: Kysely<DB>,
  actor: Actor,
  p: { id: string; district_id: string; area_path: string; title: string },
  entry: {
    kind: "update" | "status" | "reopen" | "milestone" | "created";
    body: string;
    progress?: string | null;
    from?: string;
    to?: string;
  },
  notify = true,
): Promise<string> {
  const row = await trx
    .insertInto("project_updates")
    .values({
      project_id: p.id,
      district_id: p.district_id,
      area_path: p.area_path,
      kind: entry.kind,
      body: entry.body,
      progress: entry.progress ?? null,
      status_from: entry.from ?? null,
      status_to: entry.to ?? null,
      author_id: actor.userId,
      author_name: await nameOf(trx, actor),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (notify) {
    const text = entry.body.length > 120 ? `${entry.body.slice(0, 120)}…` : entry.body;
    await notifyFollowers(trx, p.id, "您关注的实事项目有新进展", `${p.title}:${text}`, actor.userId);
  }
  return row.id;
}

/**
 * Recomputes the progress of `id` from its children, then of its parent, and so on up the tree.
 * Each row is locked first, so two children changing at once update their parent one after the other.
 */
export async function recomputeUp(trx: Kysely<DB>, id: string | null, now = new Date()): Promise<void> {
  let current = id;
  for (let depth = 0; current && depth < 64; depth++) {
    const row = await trx
      .selectFrom("practical_projects")
      .select(["id", "parent_id", "progress", "status"])
      .where("id", "=", current)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    const kids = await trx
      .selectFrom("practical_projects")
      .select(["budget", "progress", "status"])
      .where("parent_id", "=", current)
      .execute();
    const p = parentProgress(kids);
    if (p !== null && toProgressHundredths(p) !== toProgressHundredths(row.progress)) {
      const start = row.status === "planned" && toProgressHundredths(p) !== 0n;
      await trx
        .updateTable("practical_projects")
        .set({ progress: p, updated_at: now, ...(start ? { status: "in_progress", started_at: now } : {}) })
        .where("id", "=", current)
        .execute();
    }
    current = row.parent_id;
  }
}

/** Creates a project (and its first timeline entry) in the caller's transaction. Idempotent per source. */
export async function createProjectTx(trx: Kysely<DB>, actor: Actor, input: CreateProjectInput): Promise<string> {
  const budget = normalizeMoney(String(input.budget));
  if (budget === null) throw fieldError("budget", "projects_money_format");
  const title = input.title.trim();
  if (!title) throw fieldError("title", "required");
  if (input.sourceType !== "manual" && !input.sourceId) throw fieldError("sourceId", "required");
  if (input.plannedStart && input.plannedEnd && input.plannedEnd < input.plannedStart) {
    throw fieldError("plannedEnd", "projects_dates_order");
  }
  const sourceId = input.sourceType === "manual" ? (input.sourceId ?? null) : (input.sourceId as string);
  if (sourceId && !input.parentId) {
    const existing = await trx
      .selectFrom("practical_projects")
      .select("id")
      .where("source_type", "=", input.sourceType)
      .where("source_id", "=", sourceId)
      .where("parent_id", "is", null)
      .executeTakeFirst();
    if (existing) return existing.id;
  }
  if (input.parentId) {
    const parent = await trx
      .selectFrom("practical_projects")
      .select(["id", "area_path", "district_id", "status"])
      .where("id", "=", input.parentId)
      .executeTakeFirst();
    if (!parent || parent.district_id !== input.districtId) throw fieldError("parentId", "unknown_reference");
    if (parent.status === "done" || parent.status === "cancelled") throw fieldError("parentId", "projects_parent_closed");
    if (!pathInScope(input.areaPath, { paths: [parent.area_path] })) throw fieldError("areaId", "projects_parent_area");
  }
  const row = await trx
    .insertInto("practical_projects")
    .values({
      district_id: input.districtId,
      area_id: input.areaId,
      area_path: input.areaPath,
      parent_id: input.parentId ?? null,
      title,
      description: input.description?.trim() ?? "",
      owner_user_id: input.ownerUserId ?? null,
      owner_unit_id: input.ownerUnitId ?? null,
      budget,
      source_type: input.sourceType,
      source_id: sourceId,
      progress: "0",
      planned_start: input.plannedStart ?? null,
      planned_end: input.plannedEnd ?? null,
      created_by: actor.userId,
    })
    .returning(["id", "district_id", "area_path", "title"])
    .executeTakeFirstOrThrow();
  const ms = input.milestones ?? [];
  if (ms.length) {
    await trx
      .insertInto("project_milestones")
      .values(
        ms.map((m, i) => ({
          project_id: row.id,
          district_id: input.districtId,
          position: i,
          title: m.title.trim(),
          due_on: m.dueOn ?? null,
          weight: m.weight ?? null,
        })),
      )
      .execute();
  }
  await addTimeline(trx, actor, row, { kind: "created", body: "项目立项", progress: "0", to: "planned" }, false);
  await appendAudit(trx, actor, {
    action: "project.create",
    targetType: "practical_project",
    targetId: row.id,
    summary: { title, budget, sourceType: input.sourceType, sourceId, parentId: input.parentId ?? null },
  });
  if (input.parentId) await recomputeUp(trx, input.parentId);
  return row.id;
}

/**
 * An evaluation found the project unsatisfactory: a done project becomes 'reopened'; one still
 * under way keeps its status. Either way the comments go on the timeline and to the owner.
 * A cancelled project cannot be reopened.
 */
export async function reopenProjectTx(
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
  reason: string,
  comments: string[],
): Promise<void> {
  const p = await trx
    .selectFrom("practical_projects")
    .select(["id", "district_id", "area_path", "title", "status", "owner_user_id", "parent_id"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!p) throw new AppError(404, "not_found");
  const from = p.status;
  if (from === "cancelled") throw new AppError(409, "projects_bad_transition", { from, to: "reopened" });
  const to: ProjectStatus = from === "done" && canMoveProject(from, "reopened", "evaluation") ? "reopened" : from;
  const now = new Date();
  await trx
    .updateTable("practical_projects")
    .set({
      status: to,
      reopened_at: now,
      reopen_count: sql`reopen_count + 1`,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .execute();
  const quoted = comments
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => `“${c}”`);
  const body = [`评议后退回重办:${reason}`, ...quoted].join("\n");
  await addTimeline(trx, actor, p, { kind: "reopen", body, from, to });
  if (p.owner_user_id) {
    await trx
      .insertInto("notifications")
      .values({ user_id: p.owner_user_id, title: "实事项目评议未通过,已退回重办", body: `${p.title}:${body}` })
      .execute();
  }
  await appendAudit(trx, actor, {
    action: "project.reopen",
    targetType: "practical_project",
    targetId: id,
    summary: { from, to, reason, comments: comments.length },
  });
  if (p.parent_id) await recomputeUp(trx, p.parent_id, now);
}

// ---------------------------------------------------------------------------------------------
// Reading

export type Viewer = { user: SessionUser; participant: Participant | null; staff: boolean };

export async function viewerOf(db: Kysely<DB>, user: SessionUser): Promise<Viewer> {
  const staff = user.kind === "staff" && user.role !== "resident";
  if (staff) {
    if (!user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
    return { user, participant: null, staff };
  }
  if (!user.permissions.includes("decide.participate")) throw new AppError(403, "forbidden");
  return { user, participant: await participantOf(db, user), staff };
}

/**
 * Staff read items inside their scope and items of the areas above it (a grid worker records paper
 * signatures for the community's convention); they manage only items inside their scope.
 */
export function staffSees(column: string, user: SessionUser): Expression<SqlBool> {
  if (user.scope.paths.length === 0) return sql<SqlBool>`false`;
  const arms = user.scope.paths.map((p) => sql`(${sql.ref(column)} <@ ${p}::ltree or ${sql.ref(column)} @> ${p}::ltree)`);
  return sql<SqlBool>`(${sql.join(arms, sql` or `)})`;
}

/** Residents see projects of the areas they live in; staff those in or above their scope, or that they own. */
function projectVisible(v: Viewer): Expression<SqlBool> {
  if (!v.staff) return visibleTo("p.area_path", v.user, v.participant);
  return sql<SqlBool>`(${staffSees("p.area_path", v.user)} or p.owner_user_id = ${v.user.id})`;
}

const canManage = (v: Viewer, areaPath: string) =>
  v.staff && v.user.permissions.includes("decide.manage") && pathInScope(areaPath, v.user.scope);

export type ProjectFilter = {
  status?: ProjectStatus;
  sourceType?: ProjectSourceType;
  areaId?: string;
  parentId?: string;
  roots?: boolean;
  followed?: boolean;
  q?: string;
  page: number;
  pageSize: number;
};

const listColumns = [
  "p.id",
  "p.title",
  "p.status",
  "p.progress",
  "p.budget",
  "p.source_type",
  "p.source_id",
  "p.parent_id",
  "p.area_id",
  "a.name as area_name",
  "p.owner_user_id",
  "ou.display_name as owner_user_name",
  "p.owner_unit_id",
  "un.name as owner_unit_name",
  "p.planned_end",
  "p.updated_at",
] as const;

function projectBase(db: Kysely<DB>) {
  return db
    .selectFrom("practical_projects as p")
    .innerJoin("areas as a", "a.id", "p.area_id")
    .leftJoin("users as ou", "ou.id", "p.owner_user_id")
    .leftJoin("units as un", "un.id", "p.owner_unit_id");
}

type ListRow = {
  id: string;
  title: string;
  status: ProjectStatus;
  progress: string;
  budget: string;
  source_type: ProjectSourceType;
  source_id: string | null;
  parent_id: string | null;
  area_id: string;
  area_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  owner_unit_id: string | null;
  owner_unit_name: string | null;
  planned_end: string | null;
  updated_at: Date;
  child_count?: number | string;
  follower_count?: number | string;
  following?: boolean | number | string | null;
};

const summaryOf = (r: ListRow) => ({
  id: r.id,
  title: r.title,
  status: r.status,
  progress: r.progress,
  budget: r.budget,
  sourceType: r.source_type,
  sourceId: r.source_id,
  parentId: r.parent_id,
  areaId: r.area_id,
  areaName: r.area_name,
  ownerUserId: r.owner_user_id,
  ownerUserName: r.owner_user_name,
  ownerUnitId: r.owner_unit_id,
  ownerUnitName: r.owner_unit_name,
  plannedEnd: r.planned_end,
  updatedAt: new Date(r.updated_at).toISOString(),
  childCount: Number(r.child_count ?? 0),
  followerCount: Number(r.follower_count ?? 0),
  following: r.following === true || r.following === "true" || Number(r.following ?? 0) > 0,
});

export type ProjectSummary = ReturnType<typeof summaryOf>;

export async function listProjects(db: Kysely<DB>, user: SessionUser, f: ProjectFilter) {
  const v = await viewerOf(db, user);
  let q = projectBase(db).where(projectVisible(v));
  if (f.status) q = q.where("p.status", "=", f.status);
  if (f.sourceType) q = q.where("p.source_type", "=", f.sourceType);
  if (f.parentId) q = q.where("p.parent_id", "=", f.parentId);
  else if (f.roots) q = q.where("p.parent_id", "is", null);
  if (f.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", f.areaId).executeTakeFirst();
    if (!area) throw fieldError("areaId", "unknown_reference");
    q = q.where(sql<SqlBool>`p.area_path <@ ${area.path}::ltree`);
  }
  if (f.followed) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("project_follows as pf")
          .select("pf.project_id")
          .whereRef("pf.project_id", "=", "p.id")
          .where("pf.user_id", "=", user.id),
      ),
    );
  }
  if (f.q?.trim()) q = q.where("p.title", "ilike", `%${f.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  const total = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select([...listColumns])
    .select((eb) => [
      eb
        .selectFrom("practical_projects as c")
        .select((e2) => e2.fn.countAll<string>().as("n"))
        .whereRef("c.parent_id", "=", "p.id")
        .as("child_count"),
      eb
        .selectFrom("project_follows as pf")
        .select((e2) => e2.fn.countAll<string>().as("n"))
        .whereRef("pf.project_id", "=", "p.id")
        .as("follower_count"),
      eb
        .selectFrom("project_follows as mf")
        .select((e2) => e2.fn.countAll<string>().as("n"))
        .whereRef("mf.project_id", "=", "p.id")
        .where("mf.user_id", "=", user.id)
        .as("following"),
    ])
    .orderBy("p.updated_at", "desc")
    .orderBy("p.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: rows.map((r) => summaryOf(r as ListRow)),
    total: Number(total.n),
    totalCapped: false,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** The project row if the caller may see it, else 404. */
export async function projectOr404(db: Kysely<DB>, v: Viewer, id: string) {
  const p = await db
    .selectFrom("practical_projects as p")
    .selectAll("p")
    .where("p.id", "=", id)
    .where(projectVisible(v))
    .executeTakeFirst();
  if (!p) throw new AppError(404, "not_found");
  return p;
}

async function sourceInfo(db: Kysely<DB>, type: ProjectSourceType, id: string | null) {
  if (!id || type === "manual") return null;
  try {
    if (type === "proposal") {
      const { rows } = await sql<{ title: string }>`select title from proposals where id = ${id}`.execute(db);
      return rows[0] ? { type, id, title: rows[0].title } : null;
    }
    if (type === "order") {
      const r = await db.selectFrom("orders").select(["number", "title"]).where("id", "=", id).executeTakeFirst();
      return r ? { type, id, title: `${r.number} ${r.title}` } : null;
    }
    const { rows } = await sql<{ title: string }>`select title from budget_ideas where id = ${id}`.execute(db);
    return rows[0] ? { type, id, title: rows[0].title } : null;
  } catch {
    return null;
  }
}

export async function readProject(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  await projectOr404(db, v, id);
  const r = await projectBase(db)
    .select([...listColumns])
    .select([
      "p.description",
      "p.district_id",
      "p.area_path",
      "p.planned_start",
      "p.started_at",
      "p.done_at",
      "p.cancelled_at",
      "p.reopened_at",
      "p.reopen_count",
      "p.version",
      "p.created_at",
    ])
    .where("p.id", "=", id)
    .executeTakeFirstOrThrow();
  const children = await projectBase(db)
    .select([...listColumns])
    .where("p.parent_id", "=", id)
    .orderBy("p.created_at")
    .orderBy("p.id")
    .execute();
  const parent = r.parent_id
    ? await db.selectFrom("practical_projects").select(["id", "title"]).where("id", "=", r.parent_id).executeTakeFirst()
    : null;
  const milestones = await db
    .selectFrom("project_milestones")
    .selectAll()
    .where("project_id", "=", id)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  const followers = await db
    .selectFrom("project_follows")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("project_id", "=", id)
    .executeTakeFirstOrThrow();
  const mine = await db
    .selectFrom("project_follows")
    .select("user_id")
    .where("project_id", "=", id)
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  const manage = canManage(v, r.area_path);
  const owner = v.staff && r.owner_user_id === user.id;
  const live = acceptsProgress(r.status);
  return {
    ...summaryOf({ ...(r as ListRow), child_count: children.length, follower_count: followers.n, following: Boolean(mine) }),
    description: r.description,
    plannedStart: r.planned_start,
    startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    doneAt: r.done_at ? new Date(r.done_at).toISOString() : null,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
    reopenedAt: r.reopened_at ? new Date(r.reopened_at).toISOString() : null,
    reopenCount: r.reopen_count,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    parent: parent ?? null,
    source: await sourceInfo(db, r.source_type, r.source_id),
    children: children.map((c) => summaryOf(c as ListRow)),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.due_on,
      doneOn: m.done_on,
      weight: m.weight,
      position: m.position,
    })),
    milestoneProgress: milestoneProgress(milestones.map((m) => ({ weight: m.weight, done: m.done_on !== null }))),
    can: {
      manage: manage,
      postUpdate: (manage || owner) && live,
      setProgress: (manage || owner) && live && children.length === 0,
      nextStatuses: manage ? nextProjectStatuses(r.status) : [],
      follow: !v.staff && user.permissions.includes("decide.participate"),
      comment: (!v.staff && user.permissions.includes("decide.participate")) || manage,
    },
  };
}

export async function listUpdates(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  await projectOr404(db, v, id);
  const rows = await db
    .selectFrom("project_updates")
    .selectAll()
    .where("project_id", "=", id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const photos = new Map<string, { id: string; name: string; mime: string; size: number }[]>();
  if (rows.length) {
    const ids = rows.map((r) => sql`${r.id}::uuid`);
    const { rows: files } = await sql<{ id: string; owner_id: string; name: string; mime: string; size: number }>`
      select id, owner_id, name, mime, size from decide_files
      where owner_type = 'project_update' and owner_id in (${sql.join(ids)})
      order by created_at, id`.execute(db);
    for (const f of files) {
      const list = photos.get(f.owner_id) ?? [];
      list.push({ id: f.id, name: f.name, mime: f.mime, size: Number(f.size) });
      photos.set(f.owner_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    body: r.body,
    progress: r.progress,
    statusFrom: r.status_from,
    statusTo: r.status_to,
    authorName: r.author_name,
    createdAt: new Date(r.created_at).toISOString(),
    photos: photos.get(r.id) ?? [],
  }));
}

// ---------------------------------------------------------------------------------------------
// Writing (staff)

type AreaRow = { id: string; path: string; district_id: string | null };

async function areaIn(db: Kysely<DB>, user: SessionUser, areaId: string): Promise<AreaRow & { district_id: string }> {
  const a = await db.selectFrom("areas").select(["id", "path", "district_id"]).where("id", "=", areaId).executeTakeFirst();
  if (!a?.district_id) throw fieldError("areaId", "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError("areaId", "not_in_scope");
  return a as AreaRow & { district_id: string };
}

/** Checks the source record exists, is in the caller's scope and can become a project. */
async function checkSource(db: Kysely<DB>, user: SessionUser, type: ProjectSourceType, id: string | null | undefined) {
  if (type === "manual") return;
  if (!id) throw fieldError("sourceId", "required");
  let path: string | undefined;
  let status: string | undefined;
  if (type === "proposal") {
    const { rows } = await sql<{ area_path: string; status: string }>`
      select area_path::text as area_path, status from proposals where id = ${id}`.execute(db);
    path = rows[0]?.area_path;
    status = rows[0]?.status;
    if (path && ["draft", "withdrawn", "rejected", "lapsed"].includes(status ?? "")) {
      throw fieldError("sourceId", "projects_source_not_eligible");
    }
  } else if (type === "order") {
    const o = await db.selectFrom("orders").select(["area_path", "status"]).where("id", "=", id).executeTakeFirst();
    path = o?.area_path;
  } else {
    const { rows } = await sql<{ area_path: string }>`
      select r.area_path::text as area_path from budget_ideas i join budget_rounds r on r.id = i.round_id
      where i.id = ${id}`.execute(db);
    path = rows[0]?.area_path;
  }
  if (!path || !pathInScope(path, user.scope)) throw fieldError("sourceId", "unknown_reference");
}

async function checkOwners(db: Kysely<DB>, districtId: string, ownerUserId?: string | null, ownerUnitId?: string | null) {
  if (ownerUserId) {
    const u = await db.selectFrom("users").select(["id", "kind"]).where("id", "=", ownerUserId).executeTakeFirst();
    if (u?.kind !== "staff") throw fieldError("ownerUserId", "unknown_reference");
  }
  if (ownerUnitId) {
    const u = await db
      .selectFrom("units")
      .select("id")
      .where("id", "=", ownerUnitId)
      .where("district_id", "=", districtId)
      .executeTakeFirst();
    if (!u) throw fieldError("ownerUnitId", "unknown_reference");
  }
}

export type NewProject = Omit<CreateProjectInput, "districtId" | "areaPath">;

export async function createProject(db: Kysely<DB>, user: SessionUser, actor: Actor, input: NewProject) {
  const area = await areaIn(db, user, input.areaId);
  await checkSource(db, user, input.sourceType, input.sourceId);
  await checkOwners(db, area.district_id, input.ownerUserId, input.ownerUnitId);
  if (input.parentId) {
    const v = await viewerOf(db, user);
    const parent = await db
      .selectFrom("practical_projects as p")
      .select("p.id")
      .where("p.id", "=", input.parentId)
      .where(projectVisible(v))
      .executeTakeFirst();
    if (!parent) throw fieldError("parentId", "unknown_reference");
  }
  if (input.sourceId && !input.parentId && input.sourceType !== "manual") {
    const dup = await db
      .selectFrom("practical_projects")
      .select("id")
      .where("source_type", "=", input.sourceType)
      .where("source_id", "=", input.sourceId)
      .where("parent_id", "is", null)
      .executeTakeFirst();
    if (dup) throw new AppError(409, "projects_already_exists");
  }
  return db.transaction().execute(async (trx) => {
    const id = await createProjectTx(trx, actor, { ...input, districtId: area.district_id, areaPath: area.path });
    return { id };
  });
}

async function manageable(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  const p = await projectOr404(db, v, id);
  if (!canManage(v, p.area_path)) throw new AppError(403, "forbidden");
  return p;
}

export type ProjectPatch = {
  title?: string;
  description?: string;
  budget?: string;
  ownerUserId?: string | null;
  ownerUnitId?: string | null;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  version?: number;
};

export async function updateProject(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, patch: ProjectPatch) {
  const p = await manageable(db, user, id);
  const set: Record<string, unknown> = {};
  if (patch.title !== undefined) {
    if (!patch.title.trim()) throw fieldError("title", "required");
    set.title = patch.title.trim();
  }
  if (patch.description !== undefined) set.description = patch.description.trim();
  if (patch.budget !== undefined) {
    const b = normalizeMoney(patch.budget);
    if (b === null) throw fieldError("budget", "projects_money_format");
    set.budget = b;
  }
  await checkOwners(db, p.district_id, patch.ownerUserId, patch.ownerUnitId);
  if (patch.ownerUserId !== undefined) set.owner_user_id = patch.ownerUserId;
  if (patch.ownerUnitId !== undefined) set.owner_unit_id = patch.ownerUnitId;
  if (patch.plannedStart !== undefined) set.planned_start = patch.plannedStart;
  if (patch.plannedEnd !== undefined) set.planned_end = patch.plannedEnd;
  const start = (set.planned_start as string | null | undefined) ?? p.planned_start;
  const end = (set.planned_end as string | null | undefined) ?? p.planned_end;
  if (start && end && end < start) throw fieldError("plannedEnd", "projects_dates_order");
  return db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable("practical_projects")
      .set({ ...set, updated_at: new Date(), version: sql`version + 1` })
      .where("id", "=", id);
    if (patch.version !== undefined) q = q.where("version", "=", patch.version);
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: "project.update",
      targetType: "practical_project",
      targetId: id,
      summary: { fields: Object.keys(set) },
    });
    if (set.budget !== undefined && p.parent_id) await recomputeUp(trx, p.parent_id);
    return { id };
  });
}

export async function moveProject(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { to: ProjectStatus; note?: string | null },
) {
  await manageable(db, user, id);
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom("practical_projects").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    const from = p.status;
    if (!canMoveProject(from, input.to, "staff")) {
      throw new AppError(409, "projects_bad_transition", { from, to: input.to });
    }
    const kids = await trx.selectFrom("practical_projects").select("status").where("parent_id", "=", id).execute();
    if (input.to === "done" && !childrenAllowDone(kids.map((k) => k.status))) {
      const open = kids.filter((k) => k.status !== "done" && k.status !== "cancelled").length;
      throw new AppError(409, "projects_children_not_done", { count: open });
    }
    const now = new Date();
    const set: Record<string, unknown> = { status: input.to, updated_at: now, version: sql`version + 1` };
    if (input.to === "in_progress" && !p.started_at) set.started_at = now;
    if (input.to === "done") {
      set.done_at = now;
      if (kids.length === 0) set.progress = "100";
    }
    if (input.to === "cancelled") set.cancelled_at = now;
    await trx.updateTable("practical_projects").set(set).where("id", "=", id).execute();
    const note = input.note?.trim();
    const body = `状态:${STATUS_ZH[from]} → ${STATUS_ZH[input.to]}${note ? `。${note}` : ""}`;
    await addTimeline(trx, actor, p, {
      kind: "status",
      body,
      from,
      to: input.to,
      progress: set.progress ? "100" : null,
    });
    await appendAudit(trx, actor, {
      action: "project.status",
      targetType: "practical_project",
      targetId: id,
      summary: { from, to: input.to, note: note ?? null },
    });
    if (p.parent_id) await recomputeUp(trx, p.parent_id, now);
    return { id, status: input.to };
  });
}

export async function postUpdate(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { body: string; progress?: string | null },
) {
  const v = await viewerOf(db, user);
  const seen = await projectOr404(db, v, id);
  if (!(canManage(v, seen.area_path) || (v.staff && seen.owner_user_id === user.id))) throw new AppError(403, "forbidden");
  const body = input.body.trim();
  if (!body) throw fieldError("body", "required");
  let progress: string | null = null;
  if (input.progress !== undefined && input.progress !== null) {
    const h = toProgressHundredths(String(input.progress));
    if (h === null) throw fieldError("progress", "projects_progress_range");
    progress = String(input.progress);
  }
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom("practical_projects").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    if (!acceptsProgress(p.status)) throw new AppError(409, "projects_closed");
    if (progress !== null) {
      const kids = await trx.selectFrom("practical_projects").select("id").where("parent_id", "=", id).limit(1).execute();
      if (kids.length) throw fieldError("progress", "projects_progress_from_children");
    }
    const now = new Date();
    const to = statusAfterProgress(p.status, progress);
    if (progress !== null || to !== p.status) {
      await trx
        .updateTable("practical_projects")
        .set({
          ...(progress !== null ? { progress } : {}),
          status: to,
          ...(to !== p.status && !p.started_at ? { started_at: now } : {}),
          updated_at: now,
          version: sql`version + 1`,
        })
        .where("id", "=", id)
        .execute();
    }
    const updateId = await addTimeline(trx, actor, p, {
      kind: "update",
      body,
      progress,
      ...(to !== p.status ? { from: p.status, to } : {}),
    });
    await appendAudit(trx, actor, {
      action: "project.post_update",
      targetType: "practical_project",
      targetId: id,
      summary: { updateId, progress },
    });
    if (p.parent_id && progress !== null) await recomputeUp(trx, p.parent_id, now);
    return { id: updateId, status: to };
  });
}

export type MilestoneInput = { title: string; dueOn?: string | null; weight?: string | null };

function checkWeight(weight: string | null | undefined) {
  if (weight === undefined || weight === null) return;
  const w = normalizeMoney(weight);
  if (w === null || w === "0.00" || Number(w) >= 100000) throw fieldError("weight", "invalid_value");
}

export async function addMilestone(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, input: MilestoneInput) {
  const p = await manageable(db, user, id);
  if (!input.title.trim()) throw fieldError("title", "required");
  checkWeight(input.weight);
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("project_milestones")
      .select((eb) => eb.fn.max("position").as("m"))
      .where("project_id", "=", id)
      .executeTakeFirst();
    const row = await trx
      .insertInto("project_milestones")
      .values({
        project_id: id,
        district_id: p.district_id,
        position: Number(last?.m ?? -1) + 1,
        title: input.title.trim(),
        due_on: input.dueOn ?? null,
        weight: input.weight ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "project.milestone_add",
      targetType: "practical_project",
      targetId: id,
      summary: { milestoneId: row.id, title: input.title.trim() },
    });
    return { id: row.id };
  });
}

export async function updateMilestone(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  milestoneId: string,
  patch: { title?: string; dueOn?: string | null; doneOn?: string | null; weight?: string | null },
) {
  const p = await manageable(db, user, id);
  const m = await db
    .selectFrom("project_milestones")
    .selectAll()
    .where("id", "=", milestoneId)
    .where("project_id", "=", id)
    .executeTakeFirst();
  if (!m) throw new AppError(404, "not_found");
  if (patch.title !== undefined && !patch.title.trim()) throw fieldError("title", "required");
  checkWeight(patch.weight);
  const set: Record<string, unknown> = {};
  if (patch.title !== undefined) set.title = patch.title.trim();
  if (patch.dueOn !== undefined) set.due_on = patch.dueOn;
  if (patch.doneOn !== undefined) set.done_on = patch.doneOn;
  if (patch.weight !== undefined) set.weight = patch.weight;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("project_milestones")
      .set({ ...set, updated_at: new Date() })
      .where("id", "=", milestoneId)
      .execute();
    if (patch.doneOn && !m.done_on) {
      await addTimeline(trx, actor, p, { kind: "milestone", body: `完成节点:${(set.title as string) ?? m.title}` });
    }
    await appendAudit(trx, actor, {
      action: "project.milestone_update",
      targetType: "practical_project",
      targetId: id,
      summary: { milestoneId, fields: Object.keys(set) },
    });
    return { id: milestoneId };
  });
}

export async function deleteMilestone(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, milestoneId: string) {
  await manageable(db, user, id);
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom("project_milestones")
      .where("id", "=", milestoneId)
      .where("project_id", "=", id)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError(404, "not_found");
    await appendAudit(trx, actor, {
      action: "project.milestone_delete",
      targetType: "practical_project",
      targetId: id,
      summary: { milestoneId },
    });
    return { id: milestoneId };
  });
}

// ---------------------------------------------------------------------------------------------
// Residents: follow and comment

async function residentOn(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  if (v.staff || !user.permissions.includes("decide.participate")) throw new AppError(403, "forbidden");
  const p = await projectOr404(db, v, id);
  return { v, p };
}

export async function follow(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, on: boolean) {
  const { p } = await residentOn(db, user, id);
  return db.transaction().execute(async (trx) => {
    let changed: boolean;
    if (on) {
      const r = await trx
        .insertInto("project_follows")
        .values({ project_id: id, user_id: user.id, district_id: p.district_id })
        .onConflict((oc) => oc.columns(["project_id", "user_id"]).doNothing())
        .returning("project_id")
        .executeTakeFirst();
      changed = r !== undefined;
    } else {
      const r = await trx
        .deleteFrom("project_follows")
        .where("project_id", "=", id)
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      changed = Number(r.numDeletedRows) > 0;
    }
    if (changed) {
      await appendAudit(trx, actor, {
        action: on ? "project.follow" : "project.unfollow",
        targetType: "practical_project",
        targetId: id,
      });
    }
    const n = await trx
      .selectFrom("project_follows")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("project_id", "=", id)
      .executeTakeFirstOrThrow();
    return { following: on, followerCount: Number(n.n) };
  });
}

export async function listComments(db: Kysely<DB>, user: SessionUser, id: string, page: number, pageSize: number) {
  const v = await viewerOf(db, user);
  await projectOr404(db, v, id);
  const base = db.selectFrom("project_comments").where("project_id", "=", id);
  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      // Residents see each other's names masked; staff and the author see them whole.
      authorName: v.staff || r.user_id === user.id || !r.resident_id ? r.author_name : maskName(r.author_name),
      staff: r.resident_id === null,
      mine: r.user_id === user.id,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    total: Number(total.n),
    totalCapped: false,
    page,
    pageSize,
  };
}

export async function addComment(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, text: string) {
  const v = await viewerOf(db, user);
  const p = await projectOr404(db, v, id);
  if (v.staff ? !canManage(v, p.area_path) : !user.permissions.includes("decide.participate")) {
    throw new AppError(403, "forbidden");
  }
  const body = text.trim();
  if (!body) throw fieldError("body", "required");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("project_comments")
      .values({
        project_id: id,
        district_id: p.district_id,
        user_id: user.id,
        resident_id: v.participant?.residentId ?? null,
        author_name: v.participant?.name ?? user.displayName,
        body,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "project.comment",
      targetType: "practical_project",
      targetId: id,
      summary: { commentId: row.id },
    });
    return { id: row.id };
  });
}
