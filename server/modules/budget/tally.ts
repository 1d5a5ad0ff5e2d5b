// Participatory budget tally: greedy by approvals within the fund, with exact decimals.
// Pure; used by the votes module (budget ballots) and by the budget results page.

export type BudgetCandidate = { id: string; cost: string; votes: number }; // cost: decimal yuan, e.g. "740793.05"
export type BudgetStep = {
  id: string;
  votes: number;
  cost: string;
  remainingBefore: string;
  decision: "funded" | "skipped";
  remainingAfter: string;
  /** Why: funded because it fits; skipped because it no longer fits or because nobody approved it. */
  reason?: "fits" | "does_not_fit" | "no_votes";
};
export type BudgetOutcome = {
  winners: string[];
  steps: BudgetStep[];
  spent: string;
  remaining: string;
  tieRule: "lower_cost_then_id";
};

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function fractionDigits(value: string, what: string): number {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`${what}: not a non-negative decimal: ${JSON.stringify(value)}`);
  return m[2]?.length ?? 0;
}

/** Parses a non-negative decimal string into an integer count of 10^-scale units. */
export function toUnits(value: string, scale: number): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(value)}`);
  const frac = m[2] ?? "";
  if (frac.length > scale) throw new RangeError(`too many decimals for scale ${scale}: ${value}`);
  return BigInt(m[1] + frac.padEnd(scale, "0"));
}

/** Formats an integer count of 10^-scale units as a decimal string with `scale` decimals. */
export function fromUnits(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, "0");
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const frac = scale === 0 ? "" : `.${digits.slice(-scale)}`;
  return `${neg ? "-" : ""}${whole}${frac}`;
}

/** Compares candidates: votes desc, then cost asc, then id asc (the stated tie rule). */
function compareCandidates(a: { id: string; votes: number; units: bigint }, b: { id: string; votes: number; units: bigint }) {
  if (a.votes !== b.votes) return b.votes - a.votes;
  if (a.units !== b.units) return a.units < b.units ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Greedy budget rule: rank candidates by approvals (ties: lower cost first, then lower id),
 * then walk the ranking and fund each project that still fits the remaining fund; a project that
 * no longer fits is skipped and the walk goes on, so a cheaper lower-ranked project can still be funded.
 * A project nobody approved (0 votes) is never funded, even when it would fit.
 * Amounts are exact: at least cents, finer when an input has more decimals. Outputs use that scale.
 */
export function greedyBudget(candidates: BudgetCandidate[], fund: string): BudgetOutcome {
  let scale = Math.max(2, fractionDigits(fund, "fund"));
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.id)) throw new RangeError(`duplicate candidate id: ${c.id}`);
    seen.add(c.id);
    if (!Number.isSafeInteger(c.votes) || c.votes < 0) throw new RangeError(`votes of ${c.id}: not a count: ${c.votes}`);
    scale = Math.max(scale, fractionDigits(c.cost, `cost of ${c.id}`));
  }
  const ranked = candidates.map((c) => ({ id: c.id, votes: c.votes, units: toUnits(c.cost, scale) })).sort(compareCandidates);
  const total = toUnits(fund, scale);
  let remaining = total;
  const winners: string[] = [];
  const steps: BudgetStep[] = [];
  for (const c of ranked) {
    const before = remaining;
    const approved = c.votes > 0;
    const fits = approved && c.units <= remaining;
    if (fits) {
      remaining -= c.units;
      winners.push(c.id);
    }
    steps.push({
      id: c.id,
      votes: c.votes,
      cost: fromUnits(c.units, scale),
      remainingBefore: fromUnits(before, scale),
      decision: fits ? "funded" : "skipped",
      remainingAfter: fromUnits(remaining, scale),
      reason: fits ? "fits" : approved ? "does_not_fit" : "no_votes",
    });
  }
  return {
    winners,
    steps,
    spent: fromUnits(total - remaining, scale),
    remaining: fromUnits(remaining, scale),
    tieRule: "lower_cost_then_id",
  };
}
