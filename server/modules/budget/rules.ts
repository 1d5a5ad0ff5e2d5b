// Participatory budget rules, pure: the round's phase machine with its guards, default funds,
// costing checks and ballot checks (knapsack within the fund, or up to k projects).
import { toUnits } from "./tally.js";

export const BUDGET_PHASES = ["collect", "costing", "voting", "results", "implementation"] as const;
export type BudgetPhase = (typeof BUDGET_PHASES)[number] | "cancelled";
export type BallotRule = "knapsack" | "up_to_k";

/** Jinjiang: 24万 yuan per community and 125万 per street a year. */
export const DEFAULT_FUND = { community: "240000.00", street: "1250000.00" } as const;
export type FundLevel = keyof typeof DEFAULT_FUND;

export function defaultFund(level: string): string | null {
  return level === "community" || level === "street" ? DEFAULT_FUND[level] : null;
}

/** The phase after `phase` in the normal flow, or null at the end (and for cancelled rounds). */
export function nextPhase(phase: BudgetPhase): BudgetPhase | null {
  const i = BUDGET_PHASES.indexOf(phase as (typeof BUDGET_PHASES)[number]);
  return i < 0 || i === BUDGET_PHASES.length - 1 ? null : BUDGET_PHASES[i + 1];
}

/** Phases a round may be cancelled in: before any result exists. */
export const CANCELLABLE: readonly BudgetPhase[] = ["collect", "costing", "voting"];

/** True when a round may move from `from` to `to`: one step forward, or cancel before results. */
export function canMove(from: BudgetPhase, to: BudgetPhase): boolean {
  if (to === "cancelled") return CANCELLABLE.includes(from);
  return nextPhase(from) === to;
}

/** What the guards of a move need to know about the round's ideas. */
export type RoundFacts = {
  ideas: number;
  /** ideas without a feasibility decision yet */
  unassessed: number;
  /** feasible ideas with a cost */
  feasible: number;
  /** feasible ideas costing more than the whole fund */
  overFund: number;
  ballotRule: BallotRule;
  maxChoices: number | null;
  /** whether a cancel reason was given */
  hasReason: boolean;
};

export type MoveProblem =
  | "budget_bad_transition"
  | "budget_no_ideas"
  | "budget_unassessed_ideas"
  | "budget_no_feasible_idea"
  | "budget_idea_over_fund"
  | "budget_max_choices_required"
  | "budget_cancel_reason_required";

/**
 * Checks a phase move before anything is written; null when allowed.
 * collect → costing needs at least one idea; costing → voting needs every idea assessed, at least one
 * feasible costed idea, none costing more than the fund, and k for an up-to-k ballot; cancel needs a reason.
 */
export function moveProblem(from: BudgetPhase, to: BudgetPhase, f: RoundFacts): MoveProblem | null {
  if (!canMove(from, to)) return "budget_bad_transition";
  if (to === "cancelled") return f.hasReason ? null : "budget_cancel_reason_required";
  if (to === "costing" && f.ideas === 0) return "budget_no_ideas";
  if (to === "voting") {
    if (f.unassessed > 0) return "budget_unassessed_ideas";
    if (f.feasible === 0) return "budget_no_feasible_idea";
    if (f.overFund > 0) return "budget_idea_over_fund";
    if (f.ballotRule === "up_to_k" && (f.maxChoices === null || f.maxChoices < 1)) return "budget_max_choices_required";
  }
  return null;
}

/** Compares two non-negative decimal strings exactly: -1, 0 or 1. */
export function compareMoney(a: string, b: string): number {
  const scale = Math.max(decimals(a), decimals(b), 2);
  const x = toUnits(a, scale);
  const y = toUnits(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sums non-negative decimal strings exactly, with two decimals (money). */
export function sumMoney(values: string[]): string {
  const total = values.reduce((s, v) => s + toUnits(v, 2), 0n);
  const digits = total.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function decimals(v: string): number {
  const dot = v.indexOf(".");
  return dot < 0 ? 0 : v.length - dot - 1;
}

/** A normalised money amount (two decimals) or null when `v` is not a valid non-negative amount. */
export function money(v: string | number): string | null {
  const s = typeof v === "number" ? String(v) : v.trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ""] = s.split(".");
  return `${BigInt(whole).toString()}.${frac.padEnd(2, "0")}`;
}

export type CostingProblem = "budget_reason_required" | "budget_cost_required" | "budget_cost_over_fund";

/** Checks a costing decision: a feasible idea needs a cost within the fund; an infeasible one needs a reason. */
export function costingProblem(
  input: { feasible: boolean; cost: string | null; note: string | null },
  fund: string,
): { field: "cost" | "note"; code: CostingProblem } | null {
  if (input.feasible) {
    if (input.cost === null) return { field: "cost", code: "budget_cost_required" };
    if (compareMoney(input.cost, fund) > 0) return { field: "cost", code: "budget_cost_over_fund" };
    return null;
  }
  if (!input.note || input.note.trim() === "") return { field: "note", code: "budget_reason_required" };
  return null;
}

export type BallotProblem =
  | "budget_ballot_over_fund"
  | "budget_ballot_too_many"
  | "budget_ballot_unknown"
  | "budget_ballot_repeat";

/**
 * Checks a budget ballot: chosen ids must be options, each once; knapsack: their total cost may not
 * exceed the fund; up_to_k: at most k choices. An empty ballot is allowed (approves nothing).
 */
export function ballotProblem(
  chosen: string[],
  options: { id: string; cost: string }[],
  rule: { ballotRule: BallotRule; fund: string; maxChoices: number | null },
): BallotProblem | null {
  const cost = new Map(options.map((o) => [o.id, o.cost]));
  if (new Set(chosen).size !== chosen.length) return "budget_ballot_repeat";
  if (chosen.some((id) => !cost.has(id))) return "budget_ballot_unknown";
  if (rule.ballotRule === "up_to_k") return chosen.length > (rule.maxChoices ?? 0) ? "budget_ballot_too_many" : null;
  const total = sumMoney(chosen.map((id) => cost.get(id) as string));
  return compareMoney(total, rule.fund) > 0 ? "budget_ballot_over_fund" : null;
}
