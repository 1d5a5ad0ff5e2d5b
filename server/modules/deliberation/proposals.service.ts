// Proposals (提案): drafted by a resident, a representative or staff on someone's behalf; backed online
// or on paper until the threshold or the deadline; then carried through their decision flow.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ProposalStatus, StepOutcome } from "../../db/schema.deliberation.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { concernsHome, type Participant } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";
import { isResident, manages, participantFor, pathSeenBy, seenBy } from "./access.js";
import { currentMemberCount, isCurrentMember, representativeBodies, representativesBodyOver } from "./bodies.service.js";
import { DEFAULT_FLOW, type FlowStep } from "./flows.js";
import {
  backingOpen,
  cstDay,
  deadlineAcceptable,
  deadlineOf,
  defaultDeadline,
  hasLapsed,
  thresholdOf,
  thresholdReached,
  validMoney,
} from "./rules.js";
import { EDITABLE_STATUSES, type ProposalEvent, type ProposalState, transition } from "./state-machine.js";
import { findTemplate } from "./templates.service.js";

export const CATEGORIES = [
  "environment", // 环境卫生
  "facilities", // 公共设施
  "safety", // 平安
  "services", // 公共服务
  "property", // 物业管理
  "traffic", // 交通停车
  "culture", // 文化活动
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SYSTEM_ACTOR: Actor = { userId: null, username: "system", ip: "" };

type Row = Selectable<DB["proposals"]>;
type Db = Kysely<DB>;

export type DraftInput = {
  title: string;
  content: string;
  category: Category;
  estimatedCost?: string | null;
  areaId?: string | null;
  bodyId?: string | null;
  onBehalfOfResidentId?: string | null;
};
export type EditInput = Partial<Omit<DraftInput, "onBehalfOfResidentId" | "areaId">> & { version?: number };

const parseSteps = (v: unknown): FlowStep[] => (v == null ? [] : ((typeof v === "string" ? JSON.parse(v) : v) as FlowStep[]));

const stateOf = (p: Row): ProposalState => ({ status: p.status, decision: p.decision, currentStep: p.current_step });

function refuse(reason: string, p: Row): never {
  if (reason === "wrong_step") throw new AppError(409, "deliberation_wrong_step");
  if (reason === "reject_after_adoption") throw new AppError(409, "deliberation_reject_after_adoption");
  throw new AppError(409, "deliberation_wrong_status", { status: p.status });
}

async function addEvent(
  trx: Db,
  p: { id: string; district_id: string },
  e: { actor: SessionUser | null; action: string; from?: string | null; to?: string | null; note?: string | null; data?: object },
) {
  await trx
    .insertInto("proposal_events")
    .values({
      proposal_id: p.id,
      district_id: p.district_id,
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.displayName ?? "system",
      action: e.action,
      from_status: e.from ?? null,
      to_status: e.to ?? null,
      note: e.note ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

/** Conditional update on the version: the loser of two simultaneous changes gets 409. */
async function updateIfVersion(trx: Db, id: string, version: number, set: Record<string, unknown>) {
  const r = await trx
    .updateTable("proposals")
    .set({ ...set, version: version + 1, updated_at: new Date() })
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
  if (!r) throw new AppError(409, "conflict");
  return r;
}

// --- lapse (lazy and swept) ---------------------------------------------------------------------

/** Lapses one proposal if it is due; returns the fresh row. Its own transaction. */
async function lapseIfDue(db: Db, p: Row, now: Date): Promise<Row> {
  if (!hasLapsed({ status: p.status, deadline: p.backing_deadline }, now)) return p;
  return db.transaction().execute(async (trx) => {
    const after = await trx
      .updateTable("proposals")
      .set({
        status: "lapsed",
        lapsed_at: p.backing_deadline,
        version: sql<number>`version + 1`,
        updated_at: now,
      })
      .where("id", "=", p.id)
      .where("status", "=", "collecting")
      .where("backing_deadline", "<", now)
      .returningAll()
      .executeTakeFirst();
    if (!after) return (await trx.selectFrom("proposals").selectAll().where("id", "=", p.id).executeTakeFirstOrThrow()) as Row;
    await addEvent(trx, after, {
      actor: null,
      action: "lapse",
      from: "collecting",
      to: "lapsed",
      data: { households: after.backing_households, reps: after.backing_reps },
    });
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: "proposal.lapse",
      targetType: "proposal",
      targetId: p.id,
      summary: { title: p.title, deadline: p.backing_deadline?.toISOString(), households: after.backing_households },
    });
    return after;
  });
}

/** Lapses every proposal whose backing deadline has passed without the threshold. Returns how many. */
export async function sweepProposals(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom("proposals")
    .selectAll()
    .where("status", "=", "collecting")
    .where("backing_deadline", "<", now)
    .orderBy("backing_deadline")
    .limit(10_000)
    .execute();
  let n = 0;
  for (const p of due) if ((await lapseIfDue(db, p, now)).status === "lapsed") n += 1;
  return n;
}

// --- reading ------------------------------------------------------------------------------------

export async function proposalOrNotFound(
  db: Db,
  user: SessionUser,
  participant: Participant | null,
  id: string,
  now = new Date(),
) {
  const p = await db.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirst();
  if (!p || !pathSeenBy(p.area_path, user, participant)) throw new AppError(404, "not_found");
  // Drafts are private to their author and to the staff who run the area.
  if (p.status === "draft" && !isAuthor(p, user, participant) && !manages(user, p.area_path))
    throw new AppError(404, "not_found");
  return lapseIfDue(db, p, now);
}

const isAuthor = (p: Row, user: SessionUser, participant: Participant | null) =>
  p.created_by === user.id || (participant !== null && p.author_resident_id === participant.residentId);

type Extra = { area_name?: string | null; body_name?: string | null };

export function presentProposal(p: Row & Extra) {
  const steps = parseSteps(p.flow_steps);
  return {
    id: p.id,
    areaId: p.area_id,
    areaName: p.area_name ?? null,
    bodyId: p.body_id,
    bodyName: p.body_name ?? null,
    authorKind: p.author_kind,
    authorName: p.author_name,
    title: p.title,
    content: p.content,
    category: p.category,
    estimatedCost: p.estimated_cost,
    status: p.status,
    decision: p.decision,
    flow:
      p.flow_steps == null
        ? null
        : { code: p.flow_code, nameZh: p.flow_name_zh ?? p.flow_code, nameEn: p.flow_name_en ?? p.flow_code, steps },
    currentStep: p.current_step,
    threshold:
      p.threshold_households == null
        ? null
        : {
            households: p.threshold_households,
            reps: p.threshold_reps,
            repRatio: p.threshold_rep_ratio ?? "0",
            repCount: p.rep_count ?? 0,
          },
    backing: { households: p.backing_households, reps: p.backing_reps, signers: p.backing_count },
    backingDeadline: p.backing_deadline?.toISOString() ?? null,
    submittedAt: p.submitted_at?.toISOString() ?? null,
    thresholdReachedAt: p.threshold_reached_at?.toISOString() ?? null,
    lapsedAt: p.lapsed_at?.toISOString() ?? null,
    adoptedAt: p.adopted_at?.toISOString() ?? null,
    rejectedAt: p.rejected_at?.toISOString() ?? null,
    completedAt: p.completed_at?.toISOString() ?? null,
    version: p.version,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

export type ListQuery = {
  status?: ProposalStatus;
  areaId?: string;
  q?: string;
  mine?: boolean;
  toBack?: boolean;
  page: number;
  pageSize: number;
};

export async function listProposals(db: Db, user: SessionUser, q: ListQuery, now = new Date()) {
  const participant = await participantFor(db, user);
  let query = db
    .selectFrom("proposals as p")
    .innerJoin("areas as a", "a.id", "p.area_id")
    .leftJoin("bodies as b", "b.id", "p.body_id")
    .where(seenBy("p.area_path", user, participant));
  // Drafts: only one's own, plus (staff) those of the areas one runs.
  const own = participant
    ? sql<boolean>`(p.created_by = ${user.id} or p.author_resident_id = ${participant.residentId})`
    : sql<boolean>`p.created_by = ${user.id}`;
  const managed =
    !isResident(user) && user.permissions.includes("decide.manage") && user.scope.paths.length > 0
      ? sql.join(
          user.scope.paths.map((path) => sql`p.area_path <@ ${path}::ltree`),
          sql` or `,
        )
      : sql`false`;
  query = query.where(sql<boolean>`(p.status <> 'draft' or ${own} or ${managed})`);
  if (q.status) query = query.where("p.status", "=", q.status);
  if (q.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", q.areaId).executeTakeFirst();
    if (!area) throw fieldError("areaId", "unknown_reference");
    query = query.where(sql<boolean>`p.area_path <@ ${area.path}::ltree`);
  }
  if (q.q?.trim()) query = query.where("p.title", "ilike", `%${q.q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (q.mine) query = query.where(own);
  if (q.toBack) {
    query = query.where("p.status", "=", "collecting").where("p.backing_deadline", ">=", now);
    if (participant)
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("proposal_backings as k")
              .select("k.id")
              .whereRef("k.proposal_id", "=", "p.id")
              .where("k.resident_id", "=", participant.residentId),
          ),
        ),
      );
  }
  const counted = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll("p")
    .select(["a.name as area_name", "b.name as body_name"])
    .orderBy("p.updated_at", "desc")
    .orderBy("p.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const fresh: (Row & Extra)[] = [];
  for (const r of rows) {
    const after = await lapseIfDue(db, r, now);
    fresh.push({ ...after, area_name: r.area_name, body_name: r.body_name });
  }
  const backed =
    participant && fresh.length > 0
      ? await backedBy(
          db,
          participant.residentId,
          fresh.map((r) => r.id),
        )
      : new Set();
  const standing = participant ? await representativeBodies(db, participant.residentId, cstDay(now)) : [];
  return {
    items: fresh.map((r) => ({ ...presentProposal(r), backedByMe: backed.has(r.id) })),
    total: Number(counted.n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
    viewer: { residentId: participant?.residentId ?? null, isRepresentative: standing.length > 0 },
  };
}

async function backedBy(db: Db, residentId: string, ids: string[]) {
  const rows = await db
    .selectFrom("proposal_backings")
    .select("proposal_id")
    .where("resident_id", "=", residentId)
    .where("proposal_id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.proposal_id));
}

export async function proposalDetail(db: Db, user: SessionUser, id: string, now = new Date()) {
  const participant = await participantFor(db, user);
  const p = await proposalOrNotFound(db, user, participant, id, now);
  const names = await db
    .selectFrom("areas as a")
    .leftJoin("bodies as b", (j) => j.on("b.id", "=", p.body_id ?? "00000000-0000-0000-0000-000000000000"))
    .select(["a.name as area_name", "b.name as body_name"])
    .where("a.id", "=", p.area_id)
    .executeTakeFirstOrThrow();
  const records = await db
    .selectFrom("proposal_steps")
    .selectAll()
    .where("proposal_id", "=", id)
    .orderBy("recorded_at")
    .execute();
  const files = await db
    .selectFrom("decide_files")
    .select(["id", "owner_type", "owner_id", "name", "mime", "size", "created_at"])
    .where((eb) =>
      eb.or([
        eb.and([eb("owner_type", "=", "proposal"), eb("owner_id", "=", id)]),
        ...(records.length
          ? [
              eb.and([
                eb("owner_type", "=", "proposal_step"),
                eb(
                  "owner_id",
                  "in",
                  records.map((r) => r.id),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy("created_at")
    .execute();
  const events = await db.selectFrom("proposal_events").selectAll().where("proposal_id", "=", id).orderBy("id").execute();
  const day = cstDay(now);
  const backed = participant
    ? (await db
        .selectFrom("proposal_backings")
        .select("id")
        .where("proposal_id", "=", id)
        .where("resident_id", "=", participant.residentId)
        .executeTakeFirst()) !== undefined
    : false;
  const standing = participant ? await representativeBodies(db, participant.residentId, day) : [];
  const presentFile = (f: (typeof files)[number]) => ({
    id: f.id,
    name: f.name,
    mime: f.mime,
    size: f.size,
    url: `/api/decide/files/${f.id}`,
    createdAt: f.created_at.toISOString(),
  });
  const author = isAuthor(p, user, participant);
  const manager = manages(user, p.area_path);
  const open = p.status === "collecting" && p.backing_deadline !== null && backingOpen(p.backing_deadline, now);
  return {
    ...presentProposal({ ...p, ...names }),
    steps: records.map((r) => ({
      id: r.id,
      stepIndex: r.step_index,
      stepKey: r.step_key,
      stepKind: r.step_kind,
      round: r.round,
      outcome: r.outcome,
      minutes: r.minutes,
      meetingId: r.meeting_id,
      voteId: r.vote_id,
      recordedBy: r.recorded_by_name,
      recordedAt: r.recorded_at.toISOString(),
      files: files.filter((f) => f.owner_type === "proposal_step" && f.owner_id === r.id).map(presentFile),
    })),
    files: files.filter((f) => f.owner_type === "proposal").map(presentFile),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      actor: e.actor_name,
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      note: e.note,
    })),
    viewer: {
      isAuthor: author,
      isRepresentative: standing.length > 0,
      backed,
      canBack: participant !== null && open && !backed && user.permissions.includes("decide.participate"),
      canEdit: (author || manager) && EDITABLE_STATUSES.has(p.status),
      canSubmit: (author || manager) && p.status === "draft",
      canResubmit: (author || manager) && p.status === "returned",
      canWithdraw: (author || manager) && transition(stateOf(p), { type: "withdraw" }, []).ok,
      canRecordPaper: !isResident(user) && user.permissions.includes("decide.record") && open,
      canRecordStep: manager && (p.status === "in_flow" || p.status === "adopted"),
    },
  };
}

// --- drafting and editing -----------------------------------------------------------------------

async function resolveArea(db: Db, user: SessionUser, participant: Participant | null, areaId: string | null | undefined) {
  if (participant) {
    const a = areaId
      ? await db.selectFrom("areas").selectAll().where("id", "=", areaId).executeTakeFirst()
      : await db
          .selectFrom("areas")
          .selectAll()
          .where("level", "=", "community")
          .where(sql<boolean>`path @> ${participant.areaPath}::ltree`)
          .executeTakeFirst();
    if (!a) throw fieldError("areaId", areaId ? "unknown_reference" : "required");
    if (!concernsHome(a.path, participant.areaPath)) throw fieldError("areaId", "deliberation_area_not_home");
    if (a.level !== "community" && a.level !== "grid") throw fieldError("areaId", "deliberation_area_level");
    return a;
  }
  if (!areaId) throw fieldError("areaId", "required");
  const a = await db.selectFrom("areas").selectAll().where("id", "=", areaId).executeTakeFirst();
  if (!a) throw fieldError("areaId", "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError("areaId", "not_in_scope");
  if (a.level !== "community" && a.level !== "grid") throw fieldError("areaId", "deliberation_area_level");
  return a;
}

async function resolveBody(db: Db, areaPath: string, bodyId: string | null | undefined) {
  if (!bodyId) return (await representativesBodyOver(db, areaPath)) ?? null;
  const b = await db.selectFrom("bodies").selectAll().where("id", "=", bodyId).executeTakeFirst();
  if (!b) throw fieldError("bodyId", "unknown_reference");
  if (!concernsHome(b.area_path, areaPath)) throw fieldError("bodyId", "deliberation_body_mismatch");
  return b;
}

function checkText(input: { title?: string; content?: string; estimatedCost?: string | null }) {
  if (input.title !== undefined && !input.title.trim()) throw fieldError("title", "required");
  if (input.content !== undefined && !input.content.trim()) throw fieldError("content", "required");
  if (input.estimatedCost != null && !validMoney(input.estimatedCost))
    throw fieldError("estimatedCost", "deliberation_bad_money");
}

export async function draftProposal(db: Db, user: SessionUser, actor: Actor, input: DraftInput, now = new Date()) {
  const resident = isResident(user);
  if (resident ? !user.permissions.includes("decide.participate") : !user.permissions.includes("decide.manage"))
    throw new AppError(403, "forbidden");
  const participant = await participantFor(db, user, resident);
  checkText(input);
  const area = await resolveArea(db, user, participant, input.areaId);
  const body = await resolveBody(db, area.path, input.bodyId);
  let authorKind: "resident" | "representative" | "staff" = "staff";
  let authorResidentId: string | null = null;
  let authorName = user.displayName;
  if (participant) {
    authorResidentId = participant.residentId;
    authorName = participant.name;
    const reps = await representativeBodies(db, participant.residentId, cstDay(now));
    authorKind = reps.some((r) => concernsHome(r.areaPath, area.path)) ? "representative" : "resident";
  } else if (input.onBehalfOfResidentId) {
    const r = await db
      .selectFrom("residents")
      .select(["id", "name", "area_path"])
      .where("id", "=", input.onBehalfOfResidentId)
      .executeTakeFirst();
    if (!r || !pathInScope(r.area_path, user.scope)) throw fieldError("onBehalfOfResidentId", "unknown_reference");
    if (!concernsHome(area.path, r.area_path)) throw fieldError("onBehalfOfResidentId", "deliberation_signer_outside_area");
    authorResidentId = r.id;
    authorName = r.name;
  }
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .insertInto("proposals")
      .values({
        district_id: area.district_id as string,
        area_id: area.id,
        area_path: area.path,
        body_id: body?.id ?? null,
        author_kind: authorKind,
        author_resident_id: authorResidentId,
        author_user_id: user.id,
        author_name: authorName,
        title: input.title.trim(),
        content: input.content.trim(),
        category: input.category,
        estimated_cost: input.estimatedCost ?? null,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await addEvent(trx, p, {
      actor: user,
      action: "draft",
      to: "draft",
      data: { authorKind, onBehalfOf: participant ? null : authorResidentId },
    });
    await appendAudit(trx, actor, {
      action: "proposal.draft",
      targetType: "proposal",
      targetId: p.id,
      summary: { title: p.title, area: area.name, authorKind, onBehalfOf: participant ? null : authorResidentId },
    });
    return presentProposal({ ...p, area_name: area.name, body_name: body?.name ?? null });
  });
}

/** The proposal, for its author or the staff who run its area; anyone else who can see it is refused. */
async function proposalToRun(db: Db, user: SessionUser, id: string, now: Date) {
  const participant = await participantFor(db, user);
  const p = await proposalOrNotFound(db, user, participant, id, now);
  if (!isAuthor(p, user, participant) && !manages(user, p.area_path)) throw new AppError(403, "forbidden");
  return p;
}

export async function editProposal(db: Db, user: SessionUser, actor: Actor, id: string, input: EditInput, now = new Date()) {
  const p = await proposalToRun(db, user, id, now);
  const t = transition(stateOf(p), { type: "edit" }, parseSteps(p.flow_steps));
  if (!t.ok) refuse(t.reason, p);
  if (input.version !== undefined && input.version !== p.version) throw new AppError(409, "conflict");
  checkText(input);
  const set: Record<string, unknown> = {};
  if (input.title !== undefined) set.title = input.title.trim();
  if (input.content !== undefined) set.content = input.content.trim();
  if (input.category !== undefined) set.category = input.category;
  if (input.estimatedCost !== undefined) set.estimated_cost = input.estimatedCost;
  if (input.bodyId !== undefined) {
    if (p.status !== "draft") throw fieldError("bodyId", "invalid_value");
    set.body_id = (await resolveBody(db, p.area_path, input.bodyId))?.id ?? null;
  }
  return db.transaction().execute(async (trx) => {
    const after = await updateIfVersion(trx, id, p.version, set);
    const changed = Object.keys(set);
    await addEvent(trx, p, { actor: user, action: "edit", from: p.status, to: p.status, data: { changed } });
    await appendAudit(trx, actor, {
      action: "proposal.edit",
      targetType: "proposal",
      targetId: id,
      summary: {
        changed,
        before: Object.fromEntries(changed.map((k) => [k, (p as Record<string, unknown>)[k]])),
        after: set,
      },
    });
    return presentProposal(after);
  });
}

export async function submitProposal(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { backingDeadline?: string | null; flowCode?: string | null; version?: number },
  now = new Date(),
) {
  const p = await proposalToRun(db, user, id, now);
  if (input.version !== undefined && input.version !== p.version) throw new AppError(409, "conflict");
  const t = transition(stateOf(p), { type: "submit" }, []);
  if (!t.ok) refuse(t.reason, p);
  const deadline = input.backingDeadline ? deadlineOf(input.backingDeadline) : defaultDeadline(now);
  if (!deadline || !deadlineAcceptable(deadline, now)) throw fieldError("backingDeadline", "deliberation_bad_deadline");
  const template = await findTemplate(db, p.district_id, input.flowCode || DEFAULT_FLOW);
  if (!template) throw fieldError("flowCode", "deliberation_unknown_template");
  // Thresholds are snapshotted now: later changes to the body do not move the goalposts.
  const body = p.body_id
    ? await db.selectFrom("bodies").selectAll().where("id", "=", p.body_id).executeTakeFirst()
    : await representativesBodyOver(db, p.area_path);
  const repCount = body ? await currentMemberCount(db, body.id, cstDay(now)) : 0;
  const threshold = thresholdOf(
    body ? { backingHouseholds: body.backing_households, backingRepRatio: body.backing_rep_ratio } : null,
    repCount,
  );
  return db.transaction().execute(async (trx) => {
    const after = await updateIfVersion(trx, id, p.version, {
      status: t.to.status,
      body_id: body?.id ?? null,
      backing_deadline: deadline,
      submitted_at: now,
      flow_code: template.code,
      flow_name_zh: template.nameZh,
      flow_name_en: template.nameEn,
      flow_steps: JSON.stringify(template.steps),
      threshold_households: threshold.households,
      threshold_rep_ratio: threshold.repRatio,
      threshold_reps: threshold.reps,
      rep_count: threshold.repCount,
    });
    const data = { deadline: deadline.toISOString(), flow: template.code, threshold };
    await addEvent(trx, p, { actor: user, action: "submit", from: p.status, to: after.status, data });
    await appendAudit(trx, actor, {
      action: "proposal.submit",
      targetType: "proposal",
      targetId: id,
      summary: { title: p.title, ...data },
    });
    return presentProposal(after);
  });
}

export async function withdrawProposal(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: string,
  note: string | null,
  now = new Date(),
) {
  const p = await proposalToRun(db, user, id, now);
  const t = transition(stateOf(p), { type: "withdraw" }, []);
  if (!t.ok) refuse(t.reason, p);
  return db.transaction().execute(async (trx) => {
    const after = await updateIfVersion(trx, id, p.version, { status: t.to.status });
    await addEvent(trx, p, { actor: user, action: "withdraw", from: p.status, to: after.status, note });
    await appendAudit(trx, actor, {
      action: "proposal.withdraw",
      targetType: "proposal",
      targetId: id,
      summary: { title: p.title, note },
    });
    return presentProposal(after);
  });
}

export async function resubmitProposal(
  db: Db,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { note?: string | null; version?: number },
  now = new Date(),
) {
  const p = await proposalToRun(db, user, id, now);
  if (input.version !== undefined && input.version !== p.version) throw new AppError(409, "conflict");
  const t = transition(stateOf(p), { type: "resubmit" }, parseSteps(p.flow_steps));
  if (!t.ok) refuse(t.reason, p);
  return db.transaction().execute(async (trx) => {
    const after = await updateIfVersion(trx, id, p.version, { status: t.to.status });
    await addEvent(trx, p, {
      actor: user,
      action: "resubmit",
      from: p.status,
      to: after.status,
      note: input.note ?? null,
      data: { step: p.current_step },
    });
    await appendAudit(trx, actor, {
      action: "proposal.resubmit",
      targetType: "proposal",
      targetId: id,
      summary: { title: p.title, step: p.current_step, note: input.note ?? null },
    });
    return presentProposal(after);
  });
}

// --- backing ------------------------------------------------------------------------------------

type Signer = { residentId: string; householdId: string | null; name: string };

async function addBacking(
  db: Db,
  user: SessionUser,
  actor: Actor,
  p: Row,
  signer: Signer,
  channel: "online" | "paper",
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    // One backing at a time per proposal: the count and the threshold step are never raced.
    const locked = await trx.selectFrom("proposals").selectAll().where("id", "=", p.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== "collecting") throw new AppError(409, "deliberation_wrong_status", { status: locked.status });
    if (!locked.backing_deadline || !backingOpen(locked.backing_deadline, now))
      throw new AppError(409, "deliberation_deadline_passed", { deadline: locked.backing_deadline?.toISOString() ?? "" });
    const representative = locked.body_id ? await isCurrentMember(trx, locked.body_id, signer.residentId, cstDay(now)) : false;
    const inserted = await trx
      .insertInto("proposal_backings")
      .values({
        proposal_id: p.id,
        district_id: p.district_id,
        resident_id: signer.residentId,
        household_id: signer.householdId,
        representative,
        channel,
        user_id: channel === "online" ? user.id : null,
        recorded_by: channel === "paper" ? user.id : null,
        backed_at: now,
      })
      .onConflict((oc) => oc.columns(["proposal_id", "resident_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new AppError(409, "deliberation_already_backed");
    // A household counts once however many of its members sign; a resident without a household
    // on record counts as a household of one.
    const tally = await trx
      .selectFrom("proposal_backings")
      .select((eb) => [
        eb.fn.countAll<string>().as("signers"),
        sql<string>`count(distinct coalesce(household_id::text, 'r' || resident_id::text))`.as("households"),
        eb.fn.countAll<string>().filterWhere("representative", "=", true).as("reps"),
      ])
      .where("proposal_id", "=", p.id)
      .executeTakeFirstOrThrow();
    const counts = { households: Number(tally.households), reps: Number(tally.reps), signers: Number(tally.signers) };
    const threshold = { households: locked.threshold_households ?? 50, reps: locked.threshold_reps };
    const reached = thresholdReached(threshold, counts);
    const set: Record<string, unknown> = {
      backing_households: counts.households,
      backing_reps: counts.reps,
      backing_count: counts.signers,
    };
    let t: ReturnType<typeof transition> | null = null;
    if (reached) {
      t = transition(stateOf(locked), { type: "reach_threshold" }, parseSteps(locked.flow_steps));
      if (t.ok) Object.assign(set, { status: t.to.status, current_step: t.to.currentStep, threshold_reached_at: now });
    }
    const after = await updateIfVersion(trx, p.id, locked.version, set);
    await appendAudit(trx, actor, {
      action: channel === "paper" ? "proposal.back_paper" : "proposal.back",
      targetType: "proposal",
      targetId: p.id,
      summary: { resident: signer.name, residentId: signer.residentId, representative, channel, ...counts },
    });
    if (t?.ok) {
      await addEvent(trx, p, {
        actor: null,
        action: "threshold_reached",
        from: "collecting",
        to: after.status,
        data: { ...counts, threshold },
      });
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: "proposal.threshold_reached",
        targetType: "proposal",
        targetId: p.id,
        summary: { title: p.title, ...counts, threshold },
      });
    }
    return { backingId: inserted.id, representative, proposal: presentProposal(after) };
  });
}

/** A resident backs online: they must live in the proposal's area. */
export async function backOnline(db: Db, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  if (!user.permissions.includes("decide.participate")) throw new AppError(403, "forbidden");
  const participant = await participantFor(db, user, true);
  const p = await proposalOrNotFound(db, user, participant, id, now);
  if (!participant || !concernsHome(p.area_path, participant.areaPath)) throw new AppError(404, "not_found");
  if (p.status !== "collecting") {
    if (p.status === "lapsed")
      throw new AppError(409, "deliberation_deadline_passed", { deadline: p.backing_deadline?.toISOString() ?? "" });
    throw new AppError(409, "deliberation_wrong_status", { status: p.status });
  }
  return addBacking(
    db,
    user,
    actor,
    p,
    { residentId: participant.residentId, householdId: participant.householdId, name: participant.name },
    "online",
    now,
  );
}

/** Staff enter a paper signature: the signer's household comes from the registry. */
export async function backOnPaper(db: Db, user: SessionUser, actor: Actor, id: string, residentId: string, now = new Date()) {
  if (isResident(user) || !user.permissions.includes("decide.record")) throw new AppError(403, "forbidden");
  const p = await proposalOrNotFound(db, user, null, id, now);
  const r = await db
    .selectFrom("residents")
    .select(["id", "household_id", "area_path", "name"])
    .where("id", "=", residentId)
    .executeTakeFirst();
  if (!r || !pathInScope(r.area_path, user.scope)) throw fieldError("residentId", "unknown_reference");
  if (!concernsHome(p.area_path, r.area_path)) throw fieldError("residentId", "deliberation_signer_outside_area");
  if (p.status !== "collecting") {
    if (p.status === "lapsed")
      throw new AppError(409, "deliberation_deadline_passed", { deadline: p.backing_deadline?.toISOString() ?? "" });
    throw new AppError(409, "deliberation_wrong_status", { status: p.status });
  }
  return addBacking(db, user, actor, p, { residentId: r.id, householdId: r.household_id, name: r.name }, "paper", now);
}

/** Who backed (staff only): names, households, channel, representative flag. */
export async function listBackings(db: Db, user: SessionUser, id: string, now = new Date()) {
  if (isResident(user) || !user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
  const p = await proposalOrNotFound(db, user, null, id, now);
  const rows = await db
    .selectFrom("proposal_backings as k")
    .innerJoin("residents as r", "r.id", "k.resident_id")
    .leftJoin("households as h", "h.id", "k.household_id")
    .leftJoin("users as u", "u.id", "k.recorded_by")
    .select([
      "k.id",
      "k.resident_id",
      "r.name",
      "k.household_id",
      "h.address",
      "k.representative",
      "k.channel",
      "u.display_name as recorded_by",
      "k.backed_at",
    ])
    .where("k.proposal_id", "=", p.id)
    .orderBy("k.backed_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    residentId: r.resident_id,
    name: r.name,
    householdId: r.household_id,
    address: r.address,
    representative: r.representative,
    channel: r.channel,
    recordedBy: r.recorded_by,
    backedAt: r.backed_at.toISOString(),
  }));
}

// --- flow steps ---------------------------------------------------------------------------------

export type StepInput = {
  stepIndex?: number;
  outcome: StepOutcome;
  minutes?: string | null;
  meetingId?: string | null;
  voteId?: string | null;
  version?: number;
};

/** A vote attached to a vote step must be over and agree with the outcome. Pure. */
export function checkVote(
  vote: { status: string; passed: boolean | null; proposal_id: string | null } | null,
  proposalId: string,
  outcome: StepOutcome,
): {
  code: "unknown_reference" | "deliberation_vote_not_closed" | "deliberation_vote_other_proposal" | "deliberation_vote_disagrees";
  passed?: string;
} | null {
  if (!vote) return { code: "unknown_reference" };
  if (vote.proposal_id !== null && vote.proposal_id !== proposalId) return { code: "deliberation_vote_other_proposal" };
  if ((vote.status !== "closed" && vote.status !== "published") || vote.passed === null)
    return { code: "deliberation_vote_not_closed" };
  if (vote.passed !== (outcome === "pass")) return { code: "deliberation_vote_disagrees", passed: vote.passed ? "pass" : "fail" };
  return null;
}

async function findVote(db: Db, voteId: string) {
  try {
    const r = await sql<{ status: string; passed: boolean | null; proposal_id: string | null }>`
      select status, passed, proposal_id from votes where id = ${voteId}`.execute(db);
    return r.rows[0] ?? null;
  } catch {
    return null; // the votes table is not there (yet): unknown
  }
}

async function meetingExists(db: Db, meetingId: string, areaPath: string) {
  try {
    const r = await sql<{ area_path: string }>`select area_path::text as area_path from meetings where id = ${meetingId}`.execute(
      db,
    );
    const m = r.rows[0];
    return m !== undefined && (concernsHome(m.area_path, areaPath) || concernsHome(areaPath, m.area_path));
  } catch {
    return false;
  }
}

export async function recordStep(db: Db, user: SessionUser, actor: Actor, id: string, input: StepInput, now = new Date()) {
  if (!user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
  const participant = await participantFor(db, user);
  const p = await proposalOrNotFound(db, user, participant, id, now);
  if (!manages(user, p.area_path)) throw new AppError(403, "forbidden");
  if (input.version !== undefined && input.version !== p.version) throw new AppError(409, "conflict");
  const steps = parseSteps(p.flow_steps);
  const stepIndex = input.stepIndex ?? p.current_step ?? -1;
  const event: ProposalEvent = { type: "record_step", stepIndex, outcome: input.outcome };
  const t = transition(stateOf(p), event, steps);
  if (!t.ok) refuse(t.reason, p);
  const step = steps[stepIndex];
  if (input.voteId) {
    if (step.kind !== "vote") throw fieldError("voteId", "deliberation_vote_step_only");
    const problem = checkVote(await findVote(db, input.voteId), p.id, input.outcome);
    if (problem) throw fieldError("voteId", problem.code, problem.passed ? { passed: problem.passed } : undefined);
  }
  if (input.meetingId && !(await meetingExists(db, input.meetingId, p.area_path)))
    throw fieldError("meetingId", "unknown_reference");
  return db.transaction().execute(async (trx) => {
    const set: Record<string, unknown> = { status: t.to.status, decision: t.to.decision, current_step: t.to.currentStep };
    if (t.adopted) set.adopted_at = now;
    if (t.rejected) set.rejected_at = now;
    if (t.completed) set.completed_at = now;
    const after = await updateIfVersion(trx, id, p.version, set);
    const prior = await trx
      .selectFrom("proposal_steps")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("proposal_id", "=", id)
      .where("step_index", "=", stepIndex)
      .executeTakeFirstOrThrow();
    const rec = await trx
      .insertInto("proposal_steps")
      .values({
        proposal_id: id,
        district_id: p.district_id,
        step_index: stepIndex,
        step_key: step.key,
        step_kind: step.kind,
        round: Number(prior.n) + 1,
        outcome: input.outcome,
        minutes: input.minutes?.trim() || null,
        meeting_id: input.meetingId ?? null,
        vote_id: input.voteId ?? null,
        recorded_by: user.id,
        recorded_by_name: user.displayName,
        recorded_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = { step: step.key, stepIndex, round: rec.round, outcome: input.outcome, voteId: input.voteId ?? null };
    await addEvent(trx, p, {
      actor: user,
      action: `step_${input.outcome}`,
      from: p.status,
      to: after.status,
      note: step.nameZh,
      data,
    });
    await appendAudit(trx, actor, {
      action: "proposal.step",
      targetType: "proposal",
      targetId: id,
      summary: { title: p.title, ...data, before: p.status, after: after.status },
    });
    return { stepId: rec.id, round: rec.round, proposal: presentProposal(after) };
  });
}

// --- statistics ---------------------------------------------------------------------------------

/**
 * Per community (and in total) over [from, to): proposals submitted, backed to the threshold,
 * adopted, rejected, lapsed, completed — Jinjiang counts resolutions adopted against rejected.
 */
export async function proposalStats(db: Db, user: SessionUser, p: { from: Date; to: Date; areaId?: string }, now = new Date()) {
  if (isResident(user) || !user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
  await sweepProposals(db, now);
  let root: string | null = null;
  if (p.areaId) {
    const a = await db.selectFrom("areas").select("path").where("id", "=", p.areaId).executeTakeFirst();
    if (!a || !pathInScope(a.path, user.scope)) throw new AppError(404, "not_found");
    root = a.path;
  }
  const inPeriod = (col: string) => sql<boolean>`${sql.ref(col)} >= ${p.from} and ${sql.ref(col)} < ${p.to}`;
  let q = db
    .selectFrom("proposals as p")
    .innerJoin("areas as c", (j) => j.on("c.level", "=", "community").on(sql<boolean>`p.area_path <@ c.path`))
    .select((eb) => [
      "c.id as area_id",
      "c.name as area_name",
      eb.fn.countAll<string>().filterWhere(inPeriod("p.submitted_at")).as("submitted"),
      eb.fn.countAll<string>().filterWhere(inPeriod("p.threshold_reached_at")).as("backed"),
      eb.fn.countAll<string>().filterWhere(inPeriod("p.adopted_at")).as("adopted"),
      eb.fn.countAll<string>().filterWhere(inPeriod("p.rejected_at")).as("rejected"),
      eb.fn.countAll<string>().filterWhere(inPeriod("p.lapsed_at")).as("lapsed"),
      eb.fn.countAll<string>().filterWhere(inPeriod("p.completed_at")).as("completed"),
    ])
    .where(seenByStaffScope(user))
    .where("p.submitted_at", "is not", null)
    .where("p.submitted_at", "<", p.to);
  if (root) q = q.where(sql<boolean>`p.area_path <@ ${root}::ltree`);
  const rows = await q.groupBy(["c.id", "c.name", "c.code"]).orderBy("c.code").execute();
  const items = rows
    .map((r) => ({
      areaId: r.area_id,
      areaName: r.area_name,
      submitted: Number(r.submitted),
      backed: Number(r.backed),
      adopted: Number(r.adopted),
      rejected: Number(r.rejected),
      lapsed: Number(r.lapsed),
      completed: Number(r.completed),
    }))
    .filter((r) => r.submitted + r.backed + r.adopted + r.rejected + r.lapsed + r.completed > 0);
  const keys = ["submitted", "backed", "adopted", "rejected", "lapsed", "completed"] as const;
  const total = Object.fromEntries(keys.map((k) => [k, items.reduce((s, r) => s + r[k], 0)])) as Record<
    (typeof keys)[number],
    number
  >;
  return { from: p.from.toISOString(), to: p.to.toISOString(), total, items };
}

/** Statistics count only proposals inside the caller's scope (not the areas above it). */
function seenByStaffScope(user: SessionUser) {
  if (user.scope.paths.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    user.scope.paths.map((path) => sql`p.area_path <@ ${path}::ltree`),
    sql` or `,
  )})`;
}
