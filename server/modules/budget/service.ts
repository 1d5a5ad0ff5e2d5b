// Participatory budget (公共服务专项资金): yearly funds per area, rounds moving through their phases,
// residents' project ideas, staff costing, the budget vote (votes module), results computed by
// greedyBudget, and winners turned into practical projects with their spending disclosed.
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { BudgetIdeasTable, BudgetRoundsTable } from "../../db/schema.budget.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { concernsHome, type Participant, participantOf, visibleTo } from "../registry/participant.js";
import { inScope, pathInScope } from "../registry/scope.js";
import * as link from "./integration.js";
import { type BallotRule, type BudgetPhase, compareMoney, costingProblem, defaultFund, money, moveProblem } from "./rules.js";
import { type BudgetOutcome, greedyBudget } from "./tally.js";

type RoundRow = Selectable<BudgetRoundsTable>;
type IdeaRow = Selectable<BudgetIdeasTable>;

const isStaff = (user: SessionUser) => user.kind === "staff" && user.role !== "resident";

function requireReader(user: SessionUser) {
  if (!user.permissions.includes("decide.read") && !user.permissions.includes("decide.participate")) {
    throw new AppError(403, "forbidden");
  }
}

function requireManager(user: SessionUser) {
  if (!user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
}

/** A street or community inside the caller's scope, or a 400 naming the field. */
async function fundArea(db: Kysely<DB>, user: SessionUser, areaId: string, field = "areaId") {
  const area = await db
    .selectFrom("areas")
    .select(["id", "name", "level", "path", "district_id"])
    .where("id", "=", areaId)
    .executeTakeFirst();
  if (!area || !pathInScope(area.path, user.scope)) throw fieldError(field, "unknown_reference");
  if ((area.level !== "community" && area.level !== "street") || !area.district_id) throw fieldError(field, "budget_area_level");
  return { ...area, district_id: area.district_id };
}

/** The fund of an area for a year: the configured amount, or the default for its level. */
export async function fundOf(db: Kysely<DB>, areaId: string, level: string, year: number) {
  const row = await db
    .selectFrom("budget_funds")
    .select(["amount", "note", "updated_at"])
    .where("area_id", "=", areaId)
    .where("year", "=", year)
    .executeTakeFirst();
  if (row) return { amount: money(row.amount) ?? row.amount, isDefault: false, note: row.note, updatedAt: row.updated_at };
  return { amount: defaultFund(level) ?? "0.00", isDefault: true, note: null, updatedAt: null };
}

// ---------------------------------------------------------------------------------------------
// Funds

export async function listFunds(db: Kysely<DB>, user: SessionUser, q: { year: number; areaId?: string }) {
  if (!user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
  let query = db
    .selectFrom("areas as a")
    .leftJoin("budget_funds as f", (j) => j.onRef("f.area_id", "=", "a.id").on("f.year", "=", q.year))
    .select(["a.id", "a.name", "a.level", "a.path", "f.amount", "f.note", "f.updated_at"])
    .where("a.level", "in", ["street", "community"])
    .where(inScope("a.path", user.scope));
  if (q.areaId) query = query.where("a.id", "=", q.areaId);
  const rows = await query.orderBy("a.path").execute();
  return rows.map((r) => ({
    areaId: r.id,
    areaName: r.name,
    level: r.level,
    year: q.year,
    amount: r.amount !== null ? (money(r.amount) ?? r.amount) : (defaultFund(r.level) ?? "0.00"),
    isDefault: r.amount === null,
    note: r.note ?? null,
    updatedAt: r.updated_at ? r.updated_at.toISOString() : null,
  }));
}

export type FundInput = { areaId: string; year: number; amount: string; note?: string | null };

export async function setFund(db: Kysely<DB>, user: SessionUser, actor: Actor, input: FundInput) {
  requireManager(user);
  const amount = money(input.amount);
  if (amount === null) throw fieldError("amount", "budget_amount");
  const area = await fundArea(db, user, input.areaId);
  return db.transaction().execute(async (trx) => {
    const before = await fundOf(trx, area.id, area.level, input.year);
    await trx
      .insertInto("budget_funds")
      .values({
        district_id: area.district_id,
        area_id: area.id,
        area_path: area.path,
        year: input.year,
        amount,
        note: input.note ?? null,
        updated_by: user.id,
      })
      .onConflict((oc) =>
        oc
          .columns(["area_id", "year"])
          .doUpdateSet({ amount, note: input.note ?? null, updated_by: user.id, updated_at: new Date() }),
      )
      .execute();
    // Rounds not yet voting follow the fund; a round that is voting or done keeps its own.
    const rounds = await trx
      .updateTable("budget_rounds")
      .set({ fund: amount, updated_at: new Date() })
      .where("area_id", "=", area.id)
      .where("year", "=", input.year)
      .where("phase", "in", ["collect", "costing"])
      .returning("id")
      .execute();
    await appendAudit(trx, actor, {
      action: "budget.fund.set",
      targetType: "area",
      targetId: area.id,
      summary: { year: input.year, before: before.amount, after: amount, rounds: rounds.map((r) => r.id) },
    });
    return { areaId: area.id, areaName: area.name, level: area.level, year: input.year, amount, isDefault: false };
  });
}

// ---------------------------------------------------------------------------------------------
// Rounds

export type RoundInput = {
  areaId: string;
  year: number;
  title: string;
  description?: string | null;
  ballotRule?: BallotRule;
  maxChoices?: number | null;
  electorate?: "residents" | "households";
};

function checkBallotSettings(rule: BallotRule, maxChoices: number | null | undefined) {
  if (rule === "up_to_k" && (maxChoices === null || maxChoices === undefined)) throw fieldError("maxChoices", "required");
  if (maxChoices !== null && maxChoices !== undefined && (maxChoices < 1 || maxChoices > 100)) {
    throw fieldError("maxChoices", "budget_max_choices", { max: 100 });
  }
}

export async function createRound(db: Kysely<DB>, user: SessionUser, actor: Actor, input: RoundInput) {
  requireManager(user);
  const area = await fundArea(db, user, input.areaId);
  const ballotRule = input.ballotRule ?? "knapsack";
  checkBallotSettings(ballotRule, input.maxChoices);
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom("budget_rounds")
      .select("id")
      .where("area_id", "=", area.id)
      .where("year", "=", input.year)
      .where("phase", "<>", "cancelled")
      .executeTakeFirst();
    if (live) throw new AppError(409, "budget_round_exists", { year: input.year });
    const fund = await fundOf(trx, area.id, area.level, input.year);
    const row = await trx
      .insertInto("budget_rounds")
      .values({
        district_id: area.district_id,
        area_id: area.id,
        area_path: area.path,
        year: input.year,
        title: input.title,
        description: input.description ?? null,
        fund: fund.amount,
        ballot_rule: ballotRule,
        max_choices: ballotRule === "up_to_k" ? (input.maxChoices ?? null) : null,
        electorate: input.electorate ?? "residents",
        vote_id: null,
        outcome: null,
        disclosure_id: null,
        cancel_reason: null,
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "budget.round.create",
      targetType: "budget_round",
      targetId: row.id,
      summary: { area: area.name, year: input.year, title: input.title, fund: fund.amount, ballotRule },
    });
    return { id: row.id };
  });
}

export type RoundPatch = Partial<Omit<RoundInput, "areaId" | "year">>;

/** Changes a round's title and ballot settings while it is still collecting or costing. */
export async function updateRound(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, patch: RoundPatch) {
  requireManager(user);
  const r = await roundForStaff(db, user, id);
  if (r.phase !== "collect" && r.phase !== "costing") {
    throw new AppError(409, "budget_wrong_phase", { phase: r.phase, action: "change settings" });
  }
  const ballotRule = patch.ballotRule ?? r.ballot_rule;
  const maxChoices = patch.maxChoices !== undefined ? patch.maxChoices : r.max_choices;
  checkBallotSettings(ballotRule, maxChoices);
  return db.transaction().execute(async (trx) => {
    const after = {
      title: patch.title ?? r.title,
      description: patch.description !== undefined ? patch.description : r.description,
      ballot_rule: ballotRule,
      max_choices: ballotRule === "up_to_k" ? maxChoices : null,
      electorate: patch.electorate ?? r.electorate,
    };
    const done = await trx
      .updateTable("budget_rounds")
      .set({ ...after, updated_at: new Date() })
      .where("id", "=", id)
      .where("phase", "=", r.phase)
      .returning("id")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: "budget.round.update",
      targetType: "budget_round",
      targetId: id,
      summary: {
        before: {
          title: r.title,
          ballotRule: r.ballot_rule,
          maxChoices: r.max_choices,
          electorate: r.electorate,
        },
        after: { title: after.title, ballotRule: after.ballot_rule, maxChoices: after.max_choices, electorate: after.electorate },
      },
    });
    return { id };
  });
}

async function roundForStaff(db: Kysely<DB>, user: SessionUser, id: string): Promise<RoundRow> {
  const r = await db.selectFrom("budget_rounds").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r || !pathInScope(r.area_path, user.scope) || !isStaff(user)) throw new AppError(404, "not_found");
  return r;
}

/** A round the caller may see (residents: of an area containing their home; staff: in scope), or 404. */
async function visibleRound(db: Kysely<DB>, user: SessionUser, id: string) {
  requireReader(user);
  const participant = await participantOf(db, user);
  const r = await db
    .selectFrom("budget_rounds")
    .selectAll()
    .where("id", "=", id)
    .where(visibleTo("area_path", user, participant))
    .executeTakeFirst();
  if (!r) throw new AppError(404, "not_found");
  return { round: r, participant };
}

type IdeaCounts = { ideas: number; assessed: number; feasible: number };

async function ideaCounts(db: Kysely<DB>, roundIds: string[]): Promise<Map<string, IdeaCounts>> {
  const out = new Map<string, IdeaCounts>();
  if (roundIds.length === 0) return out;
  const rows = await db
    .selectFrom("budget_ideas")
    .select((eb) => [
      "round_id",
      eb.fn.countAll<string>().as("ideas"),
      eb.fn.count<string>("feasible").as("assessed"),
      eb.fn.count<string>("id").filterWhere("feasible", "=", true).as("feasible"),
    ])
    .where("round_id", "in", roundIds)
    .groupBy("round_id")
    .execute();
  for (const r of rows)
    out.set(r.round_id, { ideas: Number(r.ideas), assessed: Number(r.assessed), feasible: Number(r.feasible) });
  return out;
}

function roundView(r: RoundRow & { area_name: string }, counts: IdeaCounts | undefined) {
  return {
    id: r.id,
    areaId: r.area_id,
    areaName: r.area_name,
    year: r.year,
    title: r.title,
    description: r.description,
    phase: r.phase as BudgetPhase,
    fund: money(r.fund) ?? r.fund,
    ballotRule: r.ballot_rule,
    maxChoices: r.max_choices,
    electorate: r.electorate,
    voteId: r.vote_id,
    disclosureId: r.disclosure_id,
    cancelReason: r.cancel_reason,
    ideas: counts?.ideas ?? 0,
    assessed: counts?.assessed ?? 0,
    feasible: counts?.feasible ?? 0,
    phaseChangedAt: r.phase_changed_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  };
}

export type RoundView = ReturnType<typeof roundView>;

export async function listRounds(
  db: Kysely<DB>,
  user: SessionUser,
  q: { areaId?: string; year?: number; phase?: BudgetPhase; page: number; pageSize: number },
) {
  requireReader(user);
  const participant = await participantOf(db, user);
  let base = db
    .selectFrom("budget_rounds as r")
    .innerJoin("areas as a", "a.id", "r.area_id")
    .where(visibleTo("r.area_path", user, participant));
  if (q.areaId) base = base.where("r.area_id", "=", q.areaId);
  if (q.year) base = base.where("r.year", "=", q.year);
  if (q.phase) base = base.where("r.phase", "=", q.phase);
  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll("r")
    .select("a.name as area_name")
    .orderBy("r.year", "desc")
    .orderBy("r.created_at", "desc")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const counts = await ideaCounts(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => roundView(r, counts.get(r.id))),
    total: Number(total.n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getRound(db: Kysely<DB>, user: SessionUser, id: string) {
  const { round } = await visibleRound(db, user, id);
  const area = await db.selectFrom("areas").select("name").where("id", "=", round.area_id).executeTakeFirstOrThrow();
  const counts = await ideaCounts(db, [round.id]);
  return roundView({ ...round, area_name: area.name }, counts.get(round.id));
}

// ---------------------------------------------------------------------------------------------
// Ideas

export type IdeaInput = {
  title: string;
  description?: string | null;
  location?: string | null;
  estimatedCost?: string | null;
};

export async function submitIdea(db: Kysely<DB>, user: SessionUser, actor: Actor, roundId: string, input: IdeaInput) {
  const resident = user.permissions.includes("decide.participate");
  if (!resident && !user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
  const { round, participant } = await visibleRound(db, user, roundId);
  if (resident && (!participant || !concernsHome(round.area_path, participant.areaPath))) {
    throw new AppError(403, "budget_not_resident");
  }
  if (round.phase !== "collect") throw new AppError(409, "budget_wrong_phase", { phase: round.phase, action: "submit ideas" });
  let estimated: string | null = null;
  if (input.estimatedCost !== null && input.estimatedCost !== undefined && input.estimatedCost !== "") {
    estimated = money(input.estimatedCost);
    if (estimated === null) throw fieldError("estimatedCost", "budget_amount");
  }
  return db.transaction().execute(async (trx) => {
    if (participant) {
      const same = await trx
        .selectFrom("budget_ideas")
        .select("id")
        .where("round_id", "=", round.id)
        .where("resident_id", "=", participant.residentId)
        .where("title", "=", input.title)
        .executeTakeFirst();
      if (same) throw new AppError(409, "budget_idea_exists");
    }
    const row = await trx
      .insertInto("budget_ideas")
      .values({
        round_id: round.id,
        district_id: round.district_id,
        area_id: round.area_id,
        area_path: round.area_path,
        title: input.title,
        description: input.description ?? null,
        location: input.location ?? null,
        estimated_cost: estimated,
        resident_id: participant?.residentId ?? null,
        submitted_by: user.id,
        cost: null,
        feasible: null,
        feasibility_note: null,
        costed_by: null,
        costed_at: null,
        project_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "budget.idea.submit",
      targetType: "budget_idea",
      targetId: row.id,
      summary: { round: round.id, title: input.title, estimatedCost: estimated },
    });
    return { id: row.id };
  });
}

function ideaView(i: IdeaRow & { submitter_name: string | null }, staff: boolean, participant: Participant | null) {
  return {
    id: i.id,
    roundId: i.round_id,
    title: i.title,
    description: i.description,
    location: i.location,
    estimatedCost: i.estimated_cost === null ? null : (money(i.estimated_cost) ?? i.estimated_cost),
    cost: i.cost === null ? null : (money(i.cost) ?? i.cost),
    feasible: i.feasible,
    feasibilityNote: i.feasibility_note,
    costedAt: i.costed_at ? i.costed_at.toISOString() : null,
    projectId: i.project_id,
    // Residents see ideas, not who submitted them (except their own).
    submitterName: staff ? i.submitter_name : null,
    mine: participant !== null && i.resident_id === participant.residentId,
    createdAt: i.created_at.toISOString(),
  };
}

export type IdeaView = ReturnType<typeof ideaView>;

export async function listIdeas(db: Kysely<DB>, user: SessionUser, roundId: string) {
  const { round, participant } = await visibleRound(db, user, roundId);
  const rows = await db
    .selectFrom("budget_ideas as i")
    .leftJoin("residents as r", "r.id", "i.resident_id")
    .leftJoin("users as u", "u.id", "i.submitted_by")
    .selectAll("i")
    .select(sql<string | null>`coalesce(r.name, u.display_name)`.as("submitter_name"))
    .where("i.round_id", "=", round.id)
    .orderBy("i.created_at")
    .orderBy("i.id")
    .execute();
  const staff = isStaff(user);
  // After costing, residents see the ideas staff assessed; all of them, feasible or not, with the reason.
  return { items: rows.map((r) => ideaView(r, staff, participant)), phase: round.phase as BudgetPhase };
}

export type CostInput = { feasible: boolean; cost?: string | null; note?: string | null };

export async function costIdea(db: Kysely<DB>, user: SessionUser, actor: Actor, ideaId: string, input: CostInput) {
  requireManager(user);
  const idea = await db.selectFrom("budget_ideas").selectAll().where("id", "=", ideaId).executeTakeFirst();
  if (!idea || !pathInScope(idea.area_path, user.scope)) throw new AppError(404, "not_found");
  const round = await roundForStaff(db, user, idea.round_id);
  if (round.phase !== "costing") throw new AppError(409, "budget_wrong_phase", { phase: round.phase, action: "cost ideas" });
  let cost: string | null = null;
  if (input.cost !== null && input.cost !== undefined && input.cost !== "") {
    cost = money(input.cost);
    if (cost === null) throw fieldError("cost", "budget_amount");
  }
  const note = input.note?.trim() || null;
  const fund = money(round.fund) ?? round.fund;
  const problem = costingProblem({ feasible: input.feasible, cost, note }, fund);
  if (problem) throw fieldError(problem.field, problem.code, { fund });
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const done = await trx
      .updateTable("budget_ideas")
      .set({ feasible: input.feasible, cost, feasibility_note: note, costed_by: user.id, costed_at: now, updated_at: now })
      .where("id", "=", idea.id)
      // the round must still be costing when the write lands
      .where(({ exists, selectFrom }) =>
        exists(selectFrom("budget_rounds").select("id").where("id", "=", round.id).where("phase", "=", "costing")),
      )
      .returning("id")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: "budget.idea.cost",
      targetType: "budget_idea",
      targetId: idea.id,
      summary: {
        title: idea.title,
        before: { feasible: idea.feasible, cost: idea.cost, note: idea.feasibility_note },
        after: { feasible: input.feasible, cost, note },
      },
    });
    return { id: idea.id, feasible: input.feasible, cost, note };
  });
}

// ---------------------------------------------------------------------------------------------
// Phases

export type AdvanceInput = { to: BudgetPhase; reason?: string | null; closesAt?: Date | null };

async function roundFacts(db: Kysely<DB>, round: RoundRow, reason: string | null) {
  const ideas = await db.selectFrom("budget_ideas").select(["id", "feasible", "cost"]).where("round_id", "=", round.id).execute();
  const fund = money(round.fund) ?? round.fund;
  const feasible = ideas.filter((i) => i.feasible === true && i.cost !== null);
  return {
    ideas: ideas.length,
    unassessed: ideas.filter((i) => i.feasible === null).length,
    feasible: feasible.length,
    overFund: feasible.filter((i) => compareMoney(money(i.cost as string) ?? (i.cost as string), fund) > 0).length,
    ballotRule: round.ballot_rule,
    maxChoices: round.max_choices,
    hasReason: reason !== null,
  };
}

export async function advance(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, input: AdvanceInput) {
  requireManager(user);
  const round = await roundForStaff(db, user, id);
  const reason = input.reason?.trim() || null;
  const from = round.phase as BudgetPhase;
  if (input.to === "cancelled" && reason === null && from !== "cancelled") throw fieldError("reason", "required");
  const facts = await roundFacts(db, round, reason);
  const problem = moveProblem(from, input.to, facts);
  if (problem) {
    const count = problem === "budget_unassessed_ideas" ? facts.unassessed : facts.overFund;
    throw new AppError(409, problem, { from, to: input.to, count });
  }
  if (input.to === "voting") return startVoting(db, user, actor, round, input.closesAt ?? null);
  // The votes module closes (and publishes) or cancels the vote in its own transaction, first.
  if (input.to === "results") await link.closeBudgetVote(db, user, actor, requireVote(round));
  if (input.to === "cancelled" && round.vote_id) await link.cancelBudgetVote(db, user, actor, round.vote_id, reason as string);
  return db.transaction().execute(async (trx) => {
    await claim(trx, round, input.to);
    const summary: Record<string, unknown> = { from, to: input.to };
    if (input.to === "results") {
      const outcome = await computeOutcome(trx, round);
      await trx
        .updateTable("budget_rounds")
        .set({ outcome: JSON.stringify(outcome) })
        .where("id", "=", id)
        .execute();
      summary.winners = outcome.winners;
      summary.spent = outcome.spent;
    } else if (input.to === "implementation") {
      const done = await implement(trx, user, actor, round);
      summary.projects = done.projects;
      summary.disclosureId = done.disclosureId;
    } else if (input.to === "cancelled") {
      await trx.updateTable("budget_rounds").set({ cancel_reason: reason }).where("id", "=", id).execute();
      summary.reason = reason;
    }
    await appendAudit(trx, actor, { action: "budget.round.advance", targetType: "budget_round", targetId: id, summary });
    return { id, phase: input.to };
  });
}

function requireVote(round: RoundRow): string {
  if (!round.vote_id) throw new AppError(409, "budget_vote_missing");
  return round.vote_id;
}

/** Moves the round if it is still where we found it; a concurrent move makes this a 409. */
async function claim(trx: Kysely<DB>, round: RoundRow, to: BudgetPhase) {
  const now = new Date();
  const claimed = await trx
    .updateTable("budget_rounds")
    .set({ phase: to, phase_changed_at: now, updated_at: now })
    .where("id", "=", round.id)
    .where("phase", "=", round.phase)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) throw new AppError(409, "conflict");
}

/**
 * costing → voting: creates the budget vote and opens it (the votes module snapshots the
 * electorate) in the round's own transaction, so a failure anywhere leaves the round in costing
 * with no vote.
 */
async function startVoting(db: Kysely<DB>, user: SessionUser, actor: Actor, round: RoundRow, closesAt: Date | null) {
  await db.transaction().execute(async (trx) => {
    await claim(trx, round, "voting");
    // Facts again inside the transaction: costing may have changed since the first check.
    const again = moveProblem("costing", "voting", await roundFacts(trx, round, null));
    if (again) throw new AppError(409, again, { from: "costing", to: "voting", count: 0 });
    const ideas = await feasibleIdeas(trx, round.id);
    const voteId = await link.createBudgetVoteTx(trx, actor, {
      districtId: round.district_id,
      areaId: round.area_id,
      areaPath: round.area_path,
      title: round.title,
      description: round.description,
      kind: "budget",
      electorate: round.electorate,
      secret: true,
      options: ideas.map((i) => ({ label: i.title, cost: money(i.cost as string) ?? (i.cost as string), refId: i.id })),
      // k above the number of projects would approve them all: cap it there
      maxChoices: round.ballot_rule === "up_to_k" ? Math.min(round.max_choices ?? 1, ideas.length) : null,
      fund: money(round.fund) ?? round.fund,
      budgetRule: round.ballot_rule,
      closesAt,
      createdBy: user.id,
    });
    await trx.updateTable("budget_rounds").set({ vote_id: voteId }).where("id", "=", round.id).execute();
    await link.openBudgetVoteTx(trx, actor, voteId);
    await appendAudit(trx, actor, {
      action: "budget.round.advance",
      targetType: "budget_round",
      targetId: round.id,
      summary: { from: "costing", to: "voting", voteId, options: ideas.length },
    });
  });
  return { id: round.id, phase: "voting" as const };
}

async function feasibleIdeas(db: Kysely<DB>, roundId: string) {
  return db
    .selectFrom("budget_ideas")
    .select(["id", "title", "cost", "description"])
    .where("round_id", "=", roundId)
    .where("feasible", "=", true)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export type StoredOutcome = BudgetOutcome & { fund: string; ballots: number | null };

/** Winners from the closed vote's approval counts, computed with greedyBudget over the ideas. */
async function computeOutcome(trx: Kysely<DB>, round: RoundRow): Promise<StoredOutcome> {
  const tally = await link.budgetTally(trx, requireVote(round));
  if (!tally) {
    const status = (await link.voteStatus(trx, requireVote(round))) ?? "missing";
    throw new AppError(409, "budget_vote_not_closed", { status });
  }
  const ideas = await feasibleIdeas(trx, round.id);
  const fund = money(round.fund) ?? round.fund;
  const outcome = greedyBudget(
    ideas.map((i) => ({ id: i.id, cost: money(i.cost as string) ?? (i.cost as string), votes: tally.approvals.get(i.id) ?? 0 })),
    fund,
  );
  return { ...outcome, fund, ballots: tally.ballots };
}

/** Turns each winner into a practical project and discloses the planned spending. */
async function implement(trx: Kysely<DB>, user: SessionUser, actor: Actor, round: RoundRow) {
  const outcome = round.outcome as StoredOutcome | null;
  if (!outcome) throw new AppError(409, "budget_vote_missing");
  const ideas = await trx
    .selectFrom("budget_ideas")
    .select(["id", "title", "description", "cost", "project_id"])
    .where("round_id", "=", round.id)
    .execute();
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const projects: string[] = [];
  for (const ideaId of outcome.winners) {
    const idea = byId.get(ideaId);
    if (!idea) continue;
    if (idea.project_id) {
      projects.push(idea.project_id);
      continue;
    }
    const projectId = await link.createWinnerProject(trx, actor, {
      districtId: round.district_id,
      areaId: round.area_id,
      areaPath: round.area_path,
      title: idea.title,
      description: idea.description,
      budget: money(idea.cost as string) ?? (idea.cost as string),
      sourceType: "budget",
      sourceId: idea.id,
      ownerUserId: user.id,
    });
    await trx
      .updateTable("budget_ideas")
      .set({ project_id: projectId, updated_at: new Date() })
      .where("id", "=", idea.id)
      .execute();
    projects.push(projectId);
  }
  const area = await trx.selectFrom("areas").select("name").where("id", "=", round.area_id).executeTakeFirstOrThrow();
  const lines = outcome.winners.map((id) => {
    const i = byId.get(id);
    return { item: i?.title ?? id, amount: money(i?.cost ?? "0") ?? "0.00" };
  });
  const body = [
    `${area.name} ${round.year} 年公共服务专项资金使用计划(${round.title})`,
    `资金总额 ${outcome.fund} 元,计划支出 ${outcome.spent} 元,结余 ${outcome.remaining} 元。`,
    "经居民投票确定的项目:",
    ...lines.map((l, n) => `${n + 1}. ${l.item}:${l.amount} 元`),
    "确定规则:按得票数从高到低依次纳入,剩余资金不足的项目跳过;得票相同时费用低者优先,再按编号。",
  ].join("\n");
  const disclosureId = await link.publishSpending(trx, actor, {
    districtId: round.district_id,
    areaId: round.area_id,
    areaPath: round.area_path,
    title: `${area.name} ${round.year} 年公共服务专项资金使用计划`,
    body,
    periodStart: `${round.year}-01-01`,
    periodEnd: `${round.year}-12-31`,
    sourceId: round.id,
    fund: outcome.fund,
    spent: outcome.spent,
    remaining: outcome.remaining,
    lines,
  });
  if (disclosureId) {
    await trx.updateTable("budget_rounds").set({ disclosure_id: disclosureId }).where("id", "=", round.id).execute();
  }
  return { projects, disclosureId };
}

// ---------------------------------------------------------------------------------------------
// Results

export async function results(db: Kysely<DB>, user: SessionUser, roundId: string) {
  const { round } = await visibleRound(db, user, roundId);
  const outcome = round.outcome as StoredOutcome | null;
  if (!outcome) throw new AppError(409, "budget_wrong_phase", { phase: round.phase, action: "show results" });
  const ideas = await db
    .selectFrom("budget_ideas")
    .select(["id", "title", "project_id"])
    .where("round_id", "=", round.id)
    .execute();
  const byId = new Map(ideas.map((i) => [i.id, i]));
  const funded = new Set(outcome.winners);
  return {
    roundId: round.id,
    phase: round.phase as BudgetPhase,
    fund: outcome.fund,
    spent: outcome.spent,
    remaining: outcome.remaining,
    tieRule: outcome.tieRule,
    ballots: outcome.ballots,
    winners: outcome.winners.map((id) => {
      const step = outcome.steps.find((s) => s.id === id);
      return {
        ideaId: id,
        title: byId.get(id)?.title ?? id,
        votes: step?.votes ?? 0,
        cost: step?.cost ?? "0.00",
        projectId: byId.get(id)?.project_id ?? null,
      };
    }),
    steps: outcome.steps.map((s, n) => ({
      rank: n + 1,
      ideaId: s.id,
      title: byId.get(s.id)?.title ?? s.id,
      votes: s.votes,
      cost: s.cost,
      remainingBefore: s.remainingBefore,
      decision: s.decision,
      reason: s.reason ?? (funded.has(s.id) ? "fits" : "does_not_fit"),
      remainingAfter: s.remainingAfter,
    })),
  };
}
