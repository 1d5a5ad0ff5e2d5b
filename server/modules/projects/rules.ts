// Pure rules of practical projects and agreements: exact progress arithmetic, the project and
// agreement state machines, and who may sign which kind of agreement. No I/O.
import type {
  AgreementKind,
  AgreementStatus,
  AgreementVersionStatus,
  ProjectStatus,
  SignerType,
} from "../../db/schema.projects.js";

export const PROJECT_STATUSES: ProjectStatus[] = ["planned", "in_progress", "done", "reopened", "cancelled"];
export const SOURCE_TYPES = ["proposal", "budget", "order", "manual"] as const;
export const AGREEMENT_KINDS: AgreementKind[] = ["duty", "org_resident", "convention"];

// ---------------------------------------------------------------------------------------------
// Exact decimals: money in cents, percentages in hundredths of a percent (both bigint).

const DECIMAL_RE = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n cents; null when not a non-negative decimal with at most two places. */
export function toCents(value: string): bigint | null {
  const m = DECIMAL_RE.exec(value.trim());
  if (!m) return null;
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** 8750n → "87.50". */
export function fromHundredths(n: bigint): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}`;
}

/** Money as entered ("12", "12.5", "12.50") in its canonical two-place form, or null. */
export function normalizeMoney(value: string): string | null {
  const c = toCents(value);
  return c === null ? null : fromHundredths(c);
}

/** A progress percentage 0..100 with at most two places, in hundredths; null when invalid. */
export function toProgressHundredths(value: string | number): bigint | null {
  const s = typeof value === "number" ? String(value) : value;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s.trim())) return null;
  const h = toCents(s);
  if (h === null || h > 10000n) return null;
  return h;
}

/** Rounds num/den to the nearest integer, halves away from zero (den > 0, num >= 0). */
function divRound(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (den * 2n);
}

export type ChildProgress = { budget: string; progress: string; status?: ProjectStatus };

/**
 * A parent's progress from its children, weighted by budget, exact to two decimals (half up).
 * Cancelled children do not count. When the counted children's budgets add up to zero, the plain
 * mean of their progress is used. Null when no child counts (the parent keeps its own figure).
 */
export function parentProgress(children: ChildProgress[]): string | null {
  const counted = children.filter((c) => c.status !== "cancelled");
  if (counted.length === 0) return null;
  let weight = 0n;
  let sum = 0n;
  let plain = 0n;
  for (const c of counted) {
    const b = toCents(c.budget);
    const p = toProgressHundredths(c.progress);
    if (b === null) throw new Error(`bad budget ${c.budget}`);
    if (p === null) throw new Error(`bad progress ${c.progress}`);
    weight += b;
    sum += b * p;
    plain += p;
  }
  if (weight === 0n) return fromHundredths(divRound(plain, BigInt(counted.length)));
  return fromHundredths(divRound(sum, weight));
}

export type MilestoneState = { weight: string | null; done: boolean };

/**
 * The share of milestones done, as a percentage with two decimals: weighted when every milestone
 * has a weight, otherwise each counts the same. Null when there are no milestones.
 */
export function milestoneProgress(milestones: MilestoneState[]): string | null {
  if (milestones.length === 0) return null;
  const weighted = milestones.every((m) => m.weight !== null);
  let total = 0n;
  let done = 0n;
  for (const m of milestones) {
    const w = weighted ? (toCents(m.weight as string) ?? 0n) : 1n;
    total += w;
    if (m.done) done += w;
  }
  if (total === 0n) return null;
  return fromHundredths(divRound(done * 10000n, total));
}

// ---------------------------------------------------------------------------------------------
// Project status: planned → in_progress → done; done → reopened (only by evaluation) → in_progress;
// planned, in_progress and reopened may be cancelled; cancelled is final.

export type TransitionVia = "staff" | "evaluation";

const PROJECT_MOVES: Record<ProjectStatus, Partial<Record<ProjectStatus, TransitionVia[]>>> = {
  planned: { in_progress: ["staff"], cancelled: ["staff"] },
  in_progress: { done: ["staff"], cancelled: ["staff"] },
  done: { reopened: ["evaluation"] },
  reopened: { in_progress: ["staff"], cancelled: ["staff"] },
  cancelled: {},
};

export function canMoveProject(from: ProjectStatus, to: ProjectStatus, via: TransitionVia): boolean {
  return PROJECT_MOVES[from][to]?.includes(via) ?? false;
}

/** The statuses staff may move a project to from `from`. */
export function nextProjectStatuses(from: ProjectStatus): ProjectStatus[] {
  return PROJECT_STATUSES.filter((to) => canMoveProject(from, to, "staff"));
}

/** A project takes timeline updates with progress unless it is done or cancelled. */
export function acceptsProgress(status: ProjectStatus): boolean {
  return status !== "done" && status !== "cancelled";
}

/** Posting progress starts a planned or reopened project. */
export function statusAfterProgress(status: ProjectStatus, progress: string | null): ProjectStatus {
  if (progress === null) return status;
  if (status === "planned" || status === "reopened") return "in_progress";
  return status;
}

/** A parent is done only when every child that is not cancelled is done. */
export function childrenAllowDone(childStatuses: ProjectStatus[]): boolean {
  return childStatuses.every((s) => s === "done" || s === "cancelled");
}

// ---------------------------------------------------------------------------------------------
// Agreements: draft → published → retired (a draft may also be retired). Versions: draft →
// published → superseded (when a later version is published).

const AGREEMENT_MOVES: Record<AgreementStatus, AgreementStatus[]> = {
  draft: ["published", "retired"],
  published: ["published", "retired"], // publishing a new version keeps it published
  retired: [],
};

export function canMoveAgreement(from: AgreementStatus, to: AgreementStatus): boolean {
  return AGREEMENT_MOVES[from].includes(to);
}

const VERSION_MOVES: Record<AgreementVersionStatus, AgreementVersionStatus[]> = {
  draft: ["published"],
  published: ["superseded"],
  superseded: [],
};

export function canMoveVersion(from: AgreementVersionStatus, to: AgreementVersionStatus): boolean {
  return VERSION_MOVES[from].includes(to);
}

/** A new version takes effect no earlier than the version it supersedes (ISO dates compare as text). */
export function effectiveDateAllowed(previous: string | null, next: string): boolean {
  return previous === null || next >= previous;
}

/** Who signs which kind: cadres (users) sign duty agreements; residents or households the others. */
export function signerTypesFor(kind: AgreementKind): SignerType[] {
  return kind === "duty" ? ["user"] : ["resident", "household"];
}

/** An ltree path lies in or contains another: a cadre of the area or of an area above or below it. */
export function pathsRelated(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}
