// Pure rules of evaluation (评议): the survey lifecycle, the answering window, the tally and the
// seeds' reopening rule (Zhangjiagang 三约三会: an item whose satisfaction — satisfied ÷ all ratings —
// is below one third is reopened and goes back to its owner). All arithmetic is on integers.
import type { SurveyKind, SurveyRating, SurveyStatus, SurveyTargetType } from "../../db/schema.evaluation.js";

export const SURVEY_KINDS = ["decisions", "projects", "units", "cadres", "mixed"] as const satisfies readonly SurveyKind[];
export const TARGET_TYPES = [
  "proposal",
  "project",
  "unit",
  "cadre",
  "decision",
  "other",
] as const satisfies readonly SurveyTargetType[];
export const RATINGS = ["satisfied", "basic", "dissatisfied"] as const satisfies readonly SurveyRating[];

/** A threshold as an exact fraction; the seeds' default is one third. */
export type Threshold = { num: number; den: number };
export const DEFAULT_THRESHOLD: Threshold = { num: 1, den: 3 };

// ---- lifecycle: draft → open → closed (results published at close) ----

export type SurveyAction = "edit" | "open" | "close";

const MOVES: Record<SurveyAction, { from: SurveyStatus; to: SurveyStatus }> = {
  edit: { from: "draft", to: "draft" },
  open: { from: "draft", to: "open" },
  close: { from: "open", to: "closed" },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: SurveyStatus, action: SurveyAction): SurveyStatus | null {
  const m = MOVES[action];
  return m.from === status ? m.to : null;
}

/** Which target types a survey of each kind may hold. */
export function kindAllows(kind: SurveyKind, target: SurveyTargetType): boolean {
  switch (kind) {
    case "cadres":
      return target === "cadre";
    case "projects":
      return target === "project";
    case "units":
      return target === "unit";
    case "decisions":
      return target === "decision" || target === "proposal";
    case "mixed":
      return true;
  }
}

/** Target types whose items must name a target record; 'decision' and 'other' are free labels. */
export function needsTarget(target: SurveyTargetType): boolean {
  return target !== "decision" && target !== "other";
}

export function validThreshold(t: Threshold): boolean {
  return Number.isInteger(t.num) && Number.isInteger(t.den) && t.den > 0 && t.den <= 1000 && t.num >= 0 && t.num <= t.den;
}

/** Window problems for answering now: null when answers are accepted. */
export type WindowProblem = "not_open" | "closed";

/**
 * Whether a survey accepts answers at `now`: it must be open, and `now` must lie in
 * [opens_at, closes_at] — both ends inclusive, so an answer in the last minute, even at the
 * closing instant itself, counts.
 */
export function answeringWindow(
  s: { status: SurveyStatus; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): WindowProblem | null {
  if (s.status === "draft") return "not_open";
  if (s.status === "closed") return "closed";
  if (s.opensAt && now.getTime() < s.opensAt.getTime()) return "not_open";
  if (s.closesAt && now.getTime() > s.closesAt.getTime()) return "closed";
  return null;
}

/** True when an open survey's closing time has passed and it should be closed. */
export function isDue(s: { status: SurveyStatus; closesAt: Date | null }, now: Date): boolean {
  return s.status === "open" && s.closesAt !== null && now.getTime() > s.closesAt.getTime();
}

// ---- tally ----

export type Counts = { satisfied: number; basic: number; dissatisfied: number };

export function tally(ratings: Iterable<SurveyRating>): Counts {
  const c: Counts = { satisfied: 0, basic: 0, dissatisfied: 0 };
  for (const r of ratings) c[r] += 1;
  return c;
}

export const totalOf = (c: Counts) => c.satisfied + c.basic + c.dissatisfied;

/** A ratio rendered as a percentage with two decimals, rounded half up, exactly; null for 0/0. */
export function percent(part: number, whole: number): string | null {
  if (whole === 0) return null;
  const hundredths = (BigInt(part) * 20000n + BigInt(whole)) / (2n * BigInt(whole)); // round half up
  const s = hundredths.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export type ItemVerdict = {
  counts: Counts;
  total: number;
  /** satisfied ÷ all ratings, as a percentage string; null when nobody rated the item. */
  rate: string | null;
  /** (satisfied + basically satisfied) ÷ all ratings: the secondary figure. */
  positiveRate: string | null;
  /** satisfied ÷ all < threshold, compared exactly; false when there are no ratings. */
  below: boolean;
  status: "kept" | "reopened";
};

/**
 * The seeds' rule: an item is reopened when satisfied × den < total × num (satisfied ÷ all below
 * num/den). Exactly at the threshold is not below (kept). With no ratings there is no rate, and
 * the item is kept: nobody asked for it to be reopened.
 */
export function judgeItem(counts: Counts, threshold: Threshold = DEFAULT_THRESHOLD): ItemVerdict {
  const total = totalOf(counts);
  const below = total > 0 && BigInt(counts.satisfied) * BigInt(threshold.den) < BigInt(total) * BigInt(threshold.num);
  return {
    counts,
    total,
    rate: percent(counts.satisfied, total),
    positiveRate: percent(counts.satisfied + counts.basic, total),
    below,
    status: below ? "reopened" : "kept",
  };
}

/** "1/3" in words for messages: the threshold as a fraction and as a percentage. */
export function thresholdText(t: Threshold): string {
  return `${t.num}/${t.den} (${percent(t.num, t.den)}%)`;
}
