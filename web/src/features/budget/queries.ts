// Types, queries and exact money helpers of the participatory budget pages.
import { useQuery } from "@tanstack/react-query";
import { api, type QueryParams } from "../../api";
import type { Me, Page } from "../../types";

export type BudgetPhase = "collect" | "costing" | "voting" | "results" | "implementation" | "cancelled";
export const PHASES: BudgetPhase[] = ["collect", "costing", "voting", "results", "implementation"];
export type BallotRule = "knapsack" | "up_to_k";

export interface BudgetFund {
  areaId: string;
  areaName: string;
  level: string;
  year: number;
  amount: string;
  isDefault: boolean;
  note?: string | null;
  updatedAt?: string | null;
}

export interface BudgetRound {
  id: string;
  areaId: string;
  areaName: string;
  year: number;
  title: string;
  description: string | null;
  phase: BudgetPhase;
  fund: string;
  ballotRule: BallotRule;
  maxChoices: number | null;
  electorate: "residents" | "households";
  voteId: string | null;
  disclosureId: string | null;
  cancelReason: string | null;
  ideas: number;
  assessed: number;
  feasible: number;
  phaseChangedAt: string;
  createdAt: string;
}

export interface BudgetIdea {
  id: string;
  roundId: string;
  title: string;
  description: string | null;
  location: string | null;
  estimatedCost: string | null;
  cost: string | null;
  feasible: boolean | null;
  feasibilityNote: string | null;
  costedAt: string | null;
  projectId: string | null;
  submitterName: string | null;
  mine: boolean;
  createdAt: string;
}

export interface BudgetStepRow {
  rank: number;
  ideaId: string;
  title: string;
  votes: number;
  cost: string;
  remainingBefore: string;
  decision: "funded" | "skipped";
  reason: "fits" | "does_not_fit" | "no_votes";
  remainingAfter: string;
}

export interface BudgetResults {
  roundId: string;
  phase: BudgetPhase;
  fund: string;
  spent: string;
  remaining: string;
  tieRule: "lower_cost_then_id";
  ballots: number | null;
  winners: { ideaId: string; title: string; votes: number; cost: string; projectId: string | null }[];
  steps: BudgetStepRow[];
}

/** The part of the votes module's vote detail the budget ballot needs. */
export interface BudgetVote {
  id: string;
  title: string;
  status: "draft" | "open" | "closed" | "published" | "cancelled";
  budgetRule: BallotRule | null;
  fund: string | null;
  maxChoices: number | null;
  closesAt: string | null;
  turnout: number;
  electorateCount: number | null;
  options: { id: string; position: number; label: string; cost: string | null; refId: string | null }[];
  me: { elector: boolean; voted: boolean; canCast: boolean };
}

export const isResidentUser = (me: Me | null | undefined) => me?.kind === "resident" || me?.role === "resident";

export const roundKey = (id: string) => ["budget-round", id] as const;
export const ideasKey = (id: string) => ["budget-ideas", id] as const;
export const resultsKey = (id: string) => ["budget-results", id] as const;

export function useRounds(params: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ["budget-rounds", params],
    queryFn: ({ signal }) => api.get<Page<BudgetRound>>("/api/decide/budget/rounds", params, signal),
    enabled,
  });
}

export function useRound(id: string | undefined) {
  return useQuery({
    queryKey: roundKey(id ?? ""),
    queryFn: ({ signal }) => api.get<BudgetRound>(`/api/decide/budget/rounds/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useIdeas(id: string | undefined) {
  return useQuery({
    queryKey: ideasKey(id ?? ""),
    queryFn: ({ signal }) =>
      api.get<{ items: BudgetIdea[]; phase: BudgetPhase }>(`/api/decide/budget/rounds/${id}/ideas`, undefined, signal),
    enabled: !!id,
    select: (d) => d.items,
  });
}

export function useResults(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: resultsKey(id ?? ""),
    queryFn: ({ signal }) => api.get<BudgetResults>(`/api/decide/budget/rounds/${id}/results`, undefined, signal),
    enabled: !!id && enabled,
  });
}

export function useFunds(year: number, enabled = true) {
  return useQuery({
    queryKey: ["budget-funds", year],
    queryFn: ({ signal }) => api.get<{ items: BudgetFund[] }>("/api/decide/budget/funds", { year }, signal),
    enabled,
    select: (d) => d.items,
  });
}

export function useBudgetVote(voteId: string | null | undefined) {
  return useQuery({
    queryKey: ["decide-vote", voteId],
    queryFn: ({ signal }) => api.get<BudgetVote>(`/api/decide/votes/${voteId}`, undefined, signal),
    enabled: !!voteId,
  });
}

// ---- exact money (strings of yuan, at most 2 decimals), as bigint cents

export function toCents(v: string | null | undefined): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec((v ?? "0").trim());
  if (!m) return 0n;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

export function fromCents(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
}

/** "240,000.00" */
export function formatYuan(v: string | null | undefined): string {
  const [int, frac = "00"] = (v ?? "0").split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac.padEnd(2, "0")}`;
}

export const currentYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

/**
 * What the ballot would become with `id` toggled on: null when allowed, otherwise why not.
 * knapsack: the total of the chosen costs may not exceed the fund; up_to_k: at most k choices.
 */
export function toggleProblem(
  chosen: string[],
  id: string,
  costs: Map<string, string | null>,
  rule: { budgetRule: BallotRule | null; fund: string | null; maxChoices: number | null },
): "over_fund" | "too_many" | null {
  if (chosen.includes(id)) return null; // removing is always fine
  if (rule.budgetRule === "up_to_k") return chosen.length + 1 > (rule.maxChoices ?? 0) ? "too_many" : null;
  const total = [...chosen, id].reduce((s, x) => s + toCents(costs.get(x)), 0n);
  return total > toCents(rule.fund) ? "over_fund" : null;
}
