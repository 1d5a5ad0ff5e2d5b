// Pure rules of bodies and proposals: who is a current member, the backing threshold, how backing
// is counted, the backing deadline. No I/O.
import type { BodyKind, MemberEndReason, MemberRole } from "../../db/schema.deliberation.js";

export const BODY_KINDS = [
  "representatives", // 居民代表会议
  "rep_working_committee", // 居民代表会议工作委员会
  "residents_committee", // 居委会
  "party_committee", // 社区党委
  "two_committees", // 两委联席会议
  "party_members", // 党员大会
  "consultation", // 协商议事委员会
  "owners_committee", // 业主委员会
  "compound_council", // 院落/小区议事会
  "supervision", // 社区事务监督委员会
] as const satisfies readonly BodyKind[];

export const MEMBER_ROLES = ["chair", "vice_chair", "secretary", "member"] as const satisfies readonly MemberRole[];
export const END_REASONS = ["term_end", "resigned", "recalled", "moved"] as const satisfies readonly MemberEndReason[];

/** Jinjiang's defaults: 10% of the representatives (rounded up) or 50 distinct households. */
export const DEFAULT_BACKING_REP_RATIO = "0.1000";
export const DEFAULT_BACKING_HOUSEHOLDS = 50;
export const DEFAULT_QUORUM_RATIO = "0.6667";
/** Default collection period when the author gives no deadline. */
export const DEFAULT_BACKING_DAYS = 30;
export const MAX_BACKING_DAYS = 366;

const DAY = 86_400_000;
const CST_OFFSET = 8 * 3_600_000;

/** A member is current on day d (YYYY-MM-DD) when the term has begun, not ended, and not been cut short. */
export function memberCurrent(m: { termStart: string; termEnd: string | null; endedAt: string | null }, day: string): boolean {
  return m.termStart <= day && m.endedAt === null && (m.termEnd === null || m.termEnd >= day);
}

/** The CST calendar day of an instant. */
export function cstDay(t: Date | number): string {
  return new Date((typeof t === "number" ? t : t.getTime()) + CST_OFFSET).toISOString().slice(0, 10);
}

/** A ratio between 0 and 1 with at most four decimals, as ten-thousandths (exact; no floats). */
export function ratioUnits(ratio: string | number): number {
  const s = String(ratio).trim();
  const m = /^(\d*)(?:\.(\d+))?$/.exec(s);
  if (!m || (m[1] === "" && !m[2])) throw new RangeError(`not a ratio: ${s}`);
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > 4) throw new RangeError(`more than four decimals: ${s}`);
  const units = Number(m[1] || "0") * 10_000 + Number(frac.padEnd(4, "0"));
  if (units > 10_000) throw new RangeError(`not a ratio: ${s}`);
  return units;
}

/** True when s is a ratio in [0, 1] with at most four decimals. */
export function validRatio(s: string | number): boolean {
  try {
    ratioUnits(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * Representatives needed: ceil(ratio × count), at least one. Null when the route is closed — no
 * current representatives, or a ratio of zero — so it can never be "reached" by nobody.
 */
export function repsNeeded(ratio: string | number, count: number): number | null {
  const units = ratioUnits(ratio);
  if (count <= 0 || units === 0) return null;
  return Math.max(1, Math.ceil((units * count) / 10_000));
}

export type Threshold = {
  /** Distinct backing households needed. */
  households: number;
  /** The representatives ratio the body set (snapshot). */
  repRatio: string;
  /** Current representatives at submission. */
  repCount: number;
  /** Backing representatives needed, or null when that route is closed. */
  reps: number | null;
};

export function thresholdOf(body: { backingHouseholds: number; backingRepRatio: string } | null, repCount: number): Threshold {
  const households = body?.backingHouseholds ?? DEFAULT_BACKING_HOUSEHOLDS;
  const repRatio = body?.backingRepRatio ?? DEFAULT_BACKING_REP_RATIO;
  return { households, repRatio, repCount, reps: repsNeeded(repRatio, repCount) };
}

export type Backing = { residentId: string; householdId: string | null; representative: boolean };
export type Tally = { signers: number; households: number; reps: number };

/**
 * Counts backings: each resident once, each household once however many of its members signed
 * (a resident with no household on record counts as a household of one), representatives by head.
 */
export function tallyBacking(backings: Backing[]): Tally {
  const residents = new Set<string>();
  const households = new Set<string>();
  const reps = new Set<string>();
  for (const b of backings) {
    if (residents.has(b.residentId)) continue;
    residents.add(b.residentId);
    households.add(b.householdId ? `h:${b.householdId}` : `r:${b.residentId}`);
    if (b.representative) reps.add(b.residentId);
  }
  return { signers: residents.size, households: households.size, reps: reps.size };
}

/** Reached when distinct households meet the household number OR representatives meet theirs. */
export function thresholdReached(t: Pick<Threshold, "households" | "reps">, tally: Pick<Tally, "households" | "reps">): boolean {
  if (tally.households >= t.households) return true;
  return t.reps !== null && tally.reps >= t.reps;
}

/** Collection is open up to and including the deadline instant; a backing after it is refused. */
export function backingOpen(deadline: Date, at: Date): boolean {
  return at.getTime() <= deadline.getTime();
}

/** A proposal still collecting after its deadline without the threshold has lapsed. */
export function hasLapsed(p: { status: string; deadline: Date | null }, now: Date): boolean {
  return p.status === "collecting" && p.deadline !== null && !backingOpen(p.deadline, now);
}

/**
 * The deadline instant from the author's input: a CST date means the end of that day (its last
 * millisecond, so a backing in its last minute counts); an ISO instant is taken as is.
 */
export function deadlineOf(input: string): Date | null {
  const s = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const midnight = Date.parse(`${s}T00:00:00+08:00`);
    if (Number.isNaN(midnight) || new Date(midnight + CST_OFFSET).toISOString().slice(0, 10) !== s) return null;
    return new Date(midnight + DAY - 1);
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Checks a deadline against now: in the future and not too far. */
export function deadlineAcceptable(deadline: Date, now: Date): boolean {
  const d = deadline.getTime() - now.getTime();
  return d > 0 && d <= MAX_BACKING_DAYS * DAY;
}

/** The default deadline: the end of the CST day DEFAULT_BACKING_DAYS from now. */
export function defaultDeadline(now: Date): Date {
  return deadlineOf(cstDay(now.getTime() + DEFAULT_BACKING_DAYS * DAY)) as Date;
}

/** Money in yuan with at most two decimals, non-negative and within numeric(14,2). */
export function validMoney(s: string): boolean {
  return /^\d{1,12}(\.\d{1,2})?$/.test(s.trim());
}
