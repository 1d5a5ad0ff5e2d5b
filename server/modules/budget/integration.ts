// The budget module's links to the other parts, in one place: the budget vote (votes module),
// practical projects for the winners (projects module) and the spending disclosure (disclosure module).
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { publishDisclosureTx } from "../disclosure/service.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { type CreateProjectInput, createProjectTx } from "../projects/service.js";
import { cancelVote, closeVote, createVoteTx, openVoteTx, publishVote, voteOutcome } from "../votes/service.js";
import type { VoteResult } from "../votes/tally.js";

export type BudgetVoteSetup = {
  districtId: string;
  areaId: string;
  areaPath: string;
  title: string;
  description: string | null;
  kind: "budget";
  electorate: "residents" | "households";
  secret: boolean;
  options: { label: string; cost: string; refId: string }[];
  maxChoices: number | null;
  fund: string;
  budgetRule: "knapsack" | "up_to_k";
  closesAt: Date | null;
  createdBy: string;
};

/** Approval counts per idea (option ref id) and the number of ballots cast. */
export type BudgetTally = { approvals: Map<string, number>; ballots: number };

/** Creates the budget vote (a draft) in the caller's transaction. */
export async function createBudgetVoteTx(trx: Kysely<DB>, actor: Actor, setup: BudgetVoteSetup): Promise<string> {
  return createVoteTx(trx, actor, setup);
}

/** Opens the budget vote in the round's transaction: the electorate is snapshotted with the phase change. */
export async function openBudgetVoteTx(trx: Kysely<DB>, actor: Actor, voteId: string): Promise<void> {
  await openVoteTx(trx, actor, voteId, new Date());
}

// Closing, publishing and cancelling run in the votes module's own transactions (closing waits
// for ballots in flight under its row lock), after or before the round's own.

/** Closes the vote if still open and publishes its result (residents then see it and can recount). */
export async function closeBudgetVote(db: Kysely<DB>, user: SessionUser, actor: Actor, voteId: string): Promise<void> {
  let v = await voteOutcome(db, voteId);
  if (v?.status === "open") {
    await closeVote(db, user, actor, voteId);
    v = await voteOutcome(db, voteId);
  }
  if (v?.status === "closed") await publishVote(db, user, actor, voteId);
}

export async function cancelBudgetVote(db: Kysely<DB>, user: SessionUser, actor: Actor, voteId: string, reason: string) {
  const v = await voteOutcome(db, voteId);
  if (v && (v.status === "draft" || v.status === "open")) await cancelVote(db, user, actor, voteId, reason);
}

/** Approval counts of a closed vote, per option ref id (the idea), from its stored tally. */
export async function budgetTally(db: Kysely<DB>, voteId: string): Promise<BudgetTally | null> {
  const v = await voteOutcome(db, voteId);
  if (!v || (v.status !== "closed" && v.status !== "published")) return null;
  const result = v.result as VoteResult;
  const approvals = new Map<string, number>();
  for (const o of result.options ?? []) approvals.set(o.refId ?? o.id, o.votes);
  return { approvals, ballots: result.turnout };
}

export async function voteStatus(db: Kysely<DB>, voteId: string): Promise<string | null> {
  return (await voteOutcome(db, voteId))?.status ?? null;
}

export async function createWinnerProject(trx: Kysely<DB>, actor: Actor, input: CreateProjectInput): Promise<string> {
  return createProjectTx(trx, actor, input);
}

export type SpendingDisclosure = {
  districtId: string;
  areaId: string;
  areaPath: string;
  title: string;
  body: string;
  periodStart: string;
  periodEnd: string;
  sourceId: string;
  fund: string;
  spent: string;
  remaining: string;
  lines: { item: string; amount: string }[];
};

/** Publishes the planned spending on the finance template: fund in, winners out, balance left. */
export async function publishSpending(trx: Kysely<DB>, actor: Actor, d: SpendingDisclosure): Promise<string> {
  return publishDisclosureTx(trx, actor, {
    districtId: d.districtId,
    areaId: d.areaId,
    areaPath: d.areaPath,
    category: "finance",
    template: "finance.v1",
    title: d.title,
    body: d.body,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    sourceType: "budget_round",
    sourceId: d.sourceId,
    fields: {
      openingBalance: d.fund,
      income: [],
      incomeTotal: "0.00",
      expense: d.lines.map((l) => ({ item: [...l.item].slice(0, 200).join(""), amount: l.amount })),
      expenseTotal: d.spent,
      closingBalance: d.remaining,
    },
  });
}
