// Rules of meetings and votes: exact fractions, meeting quorum, pass thresholds, PRC Civil Code
// art. 278 for owners' votes, the vote life cycle and ballot checks. Pure: no I/O.
import { toUnits } from "../budget/tally.js";

// ---------- exact fractions ----------

/** An exact non-negative ratio n/d (d > 0). */
export type Ratio = { n: bigint; d: bigint };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

function reduce(n: bigint, d: bigint): Ratio {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/**
 * Parses "2/3", "1", "0.5" or "0.6667". A decimal within 0.00005 of a simple fraction with a
 * denominator up to 20 is that fraction: a body's quorum_ratio stored as numeric(5,4) 0.6667 means 2/3,
 * so 9 members need 6, not 7. Returns null for anything else or outside [0, 1].
 */
export function parseRatio(text: string): Ratio | null {
  const s = text.trim();
  const frac = /^(\d{1,6})\/(\d{1,6})$/.exec(s);
  if (frac) {
    const n = BigInt(frac[1]);
    const d = BigInt(frac[2]);
    if (d === 0n || n > d) return null;
    return reduce(n, d);
  }
  const dec = /^(\d)(?:\.(\d{1,8}))?$/.exec(s);
  if (!dec) return null;
  const digits = dec[2] ?? "";
  const scale = 10n ** BigInt(digits.length);
  const n = BigInt(dec[1] + digits);
  if (n > scale) return null;
  // Snap to the simplest fraction within half a unit of the 4th decimal.
  for (let d = 1n; d <= 20n; d++) {
    // nearest numerator for this denominator: round(n*d/scale)
    const k = (2n * n * d + scale) / (2n * scale);
    // |n/scale - k/d| <= 1/20000  <=>  |n*d - k*scale| * 20000 <= scale*d
    const diff = n * d - k * scale;
    if ((diff < 0n ? -diff : diff) * 20000n <= scale * d) return reduce(k, d);
  }
  return reduce(n, scale);
}

export const ratioText = (r: Ratio) => (r.n === 0n ? "0" : r.n === r.d ? "1" : `${r.n}/${r.d}`);

/** The smallest integer v with v*d > b*n (op ">") or v*d >= b*n (op ">="). */
export function minimumFor(base: bigint, r: Ratio, op: ">" | ">="): bigint {
  const x = base * r.n;
  if (op === ">") return x / r.d + 1n;
  return (x + r.d - 1n) / r.d;
}

export const satisfies = (value: bigint, base: bigint, r: Ratio, op: ">" | ">=") =>
  op === ">" ? value * r.d > base * r.n : value * r.d >= base * r.n;

// ---------- members and meeting quorum ----------

export type MemberTerm = { term_start: string; term_end: string | null; ended_at: string | null };

/** A body member is current on day d (YYYY-MM-DD) when the term has begun, not ended, not expired. */
export function isCurrentMember(m: MemberTerm, day: string): boolean {
  return m.term_start <= day && m.ended_at === null && (m.term_end === null || m.term_end >= day);
}

export type MeetingCount = {
  present: number;
  expected: number | null;
  needed: number | null;
  ratio: string;
  reached: boolean;
  short: number;
};

/**
 * A meeting's quorum: at least `ratio` of the expected members present. Without an expected count
 * (an open meeting without a body) there is no quorum to reach.
 */
export function meetingQuorum(present: number, expected: number | null, ratio: Ratio): MeetingCount {
  if (expected === null) return { present, expected, needed: null, ratio: ratioText(ratio), reached: true, short: 0 };
  const needed = Number(minimumFor(BigInt(expected), ratio, ">="));
  return {
    present,
    expected,
    needed,
    ratio: ratioText(ratio),
    reached: present >= needed,
    short: Math.max(0, needed - present),
  };
}

// ---------- vote rules ----------

export const THRESHOLDS = ["none", "more_than_half", "two_thirds", "three_quarters"] as const;
export type Threshold = (typeof THRESHOLDS)[number];

/** "more than half" is strict; "two thirds" and "three quarters" include the bound (三分之二以上). */
export const THRESHOLD_RATIO: Record<Exclude<Threshold, "none">, { r: Ratio; op: ">" | ">=" }> = {
  more_than_half: { r: { n: 1n, d: 2n }, op: ">" },
  two_thirds: { r: { n: 2n, d: 3n }, op: ">=" },
  three_quarters: { r: { n: 3n, d: 4n }, op: ">=" },
};

export type VoteRule = {
  /** Minimum participation as a fraction of the electorate ("0" = none), e.g. "1/2", "2/3", "0.6". */
  quorum: string;
  /** What the winning side needs. */
  threshold: Threshold;
  /** Of whom: those who took part (abstentions included) or the whole electorate. */
  base: "participating" | "electorate";
  /** Owners' votes: Civil Code art. 278 decides (ordinary matters or special matters). */
  matter?: "ordinary" | "special";
};

export type VoteKind = "yes_no" | "choose" | "budget";
export type ElectorateKind = "body" | "residents" | "households" | "owners";

/** The rule a vote gets when the set-up leaves parts out. */
export function defaultRule(kind: VoteKind, electorate: ElectorateKind, recall: boolean): VoteRule {
  if (electorate === "owners") return { quorum: "2/3", threshold: "more_than_half", base: "participating", matter: "ordinary" };
  if (recall) return { quorum: "1/2", threshold: "more_than_half", base: "electorate" };
  const quorum = electorate === "body" ? "2/3" : electorate === "households" ? "2/3" : "1/2";
  return { quorum, threshold: kind === "yes_no" ? "more_than_half" : "none", base: "participating" };
}

/** Completes and checks a rule; returns the field that is wrong, or the rule. */
export function normalizeRule(
  kind: VoteKind,
  electorate: ElectorateKind,
  recall: boolean,
  partial: Partial<VoteRule> | undefined,
): { rule: VoteRule } | { field: string } {
  const base = defaultRule(kind, electorate, recall);
  const rule: VoteRule = { ...base, ...Object.fromEntries(Object.entries(partial ?? {}).filter(([, v]) => v != null)) };
  const q = parseRatio(rule.quorum);
  if (!q) return { field: "rule.quorum" };
  rule.quorum = ratioText(q);
  if (!THRESHOLDS.includes(rule.threshold)) return { field: "rule.threshold" };
  if (kind === "yes_no" && rule.threshold === "none") return { field: "rule.threshold" };
  if (rule.base !== "participating" && rule.base !== "electorate") return { field: "rule.base" };
  if (electorate === "owners") {
    if (rule.matter !== "ordinary" && rule.matter !== "special") return { field: "rule.matter" };
    // Art. 278 fixes the rest.
    return {
      rule: {
        quorum: "2/3",
        threshold: rule.matter === "special" ? "three_quarters" : "more_than_half",
        base: "participating",
        matter: rule.matter,
      },
    };
  }
  if (rule.matter !== undefined) return { field: "rule.matter" };
  return { rule };
}

// ---------- art. 278 ----------

export type Art278Input = {
  matter: "ordinary" | "special";
  /** Owners and floor area (in cents of m²) of the whole electorate. */
  owners: bigint;
  areaCents: bigint;
  /** Owners who took part and the floor area they hold. */
  turnoutOwners: bigint;
  turnoutAreaCents: bigint;
  /** Owners who agreed and their area. */
  yesOwners: bigint;
  yesAreaCents: bigint;
};

export type CheckKey = "quorum" | "threshold" | "area_turnout" | "head_turnout" | "area_yes" | "head_yes";

/** One comparison that decided (part of) a result: value op ratio × base. Areas in m² with 2 decimals. */
export type Check = {
  key: CheckKey;
  value: string;
  base: string;
  ratio: string;
  op: ">" | ">=";
  needed: string;
  met: boolean;
};

const cents = (v: bigint) => {
  const s = (v < 0n ? -v : v).toString().padStart(3, "0");
  return `${v < 0n ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
};

function check(key: CheckKey, value: bigint, base: bigint, r: Ratio, op: ">" | ">=", area = false): Check {
  const fmt = area ? cents : (v: bigint) => v.toString();
  return {
    key,
    value: fmt(value),
    base: fmt(base),
    ratio: ratioText(r),
    op,
    needed: fmt(minimumFor(base, r, op)),
    met: satisfies(value, base, r, op),
  };
}

/**
 * Civil Code art. 278: owners holding ≥ 2/3 of the floor area and ≥ 2/3 of the owners take part;
 * ordinary matters pass with > 1/2 of the participating area and > 1/2 of the participating owners,
 * special matters (maintenance funds, rebuilding, change of use) with ≥ 3/4 of both.
 */
export function art278(x: Art278Input): { checks: Check[]; quorumMet: boolean; passed: boolean } {
  const twoThirds = { n: 2n, d: 3n };
  const t = x.matter === "special" ? THRESHOLD_RATIO.three_quarters : THRESHOLD_RATIO.more_than_half;
  const checks = [
    check("area_turnout", x.turnoutAreaCents, x.areaCents, twoThirds, ">=", true),
    check("head_turnout", x.turnoutOwners, x.owners, twoThirds, ">="),
    check("area_yes", x.yesAreaCents, x.turnoutAreaCents, t.r, t.op, true),
    check("head_yes", x.yesOwners, x.turnoutOwners, t.r, t.op),
  ];
  const quorumMet = checks[0].met && checks[1].met;
  return { checks, quorumMet, passed: quorumMet && checks[2].met && checks[3].met };
}

/** A plain vote: participation quorum, then the threshold of the chosen base. */
export function plainRule(
  rule: VoteRule,
  electorate: number,
  turnout: number,
  yes: number,
): { checks: Check[]; quorumMet: boolean; passed: boolean } {
  const q = parseRatio(rule.quorum) ?? { n: 0n, d: 1n };
  const checks = [check("quorum", BigInt(turnout), BigInt(electorate), q, ">=")];
  const quorumMet = checks[0].met;
  if (rule.threshold === "none") return { checks, quorumMet, passed: quorumMet };
  const t = THRESHOLD_RATIO[rule.threshold];
  const base = rule.base === "electorate" ? electorate : turnout;
  checks.push(check("threshold", BigInt(yes), BigInt(base), t.r, t.op));
  return { checks, quorumMet, passed: quorumMet && checks[1].met };
}

/** Whether one option of a choose vote is approved under the rule's threshold (plurality: any vote). */
export function optionApproved(rule: VoteRule, electorate: number, turnout: number, votes: number): boolean {
  if (rule.threshold === "none") return votes > 0;
  const t = THRESHOLD_RATIO[rule.threshold];
  return satisfies(BigInt(votes), BigInt(rule.base === "electorate" ? electorate : turnout), t.r, t.op);
}

// ---------- life cycle ----------

export type VoteStatus = "draft" | "open" | "closed" | "published" | "cancelled";
export type VoteAction = "open" | "close" | "publish" | "cancel";

export const VOTE_TRANSITIONS: Record<VoteAction, { from: VoteStatus[]; to: VoteStatus }> = {
  open: { from: ["draft"], to: "open" },
  close: { from: ["open"], to: "closed" },
  publish: { from: ["closed"], to: "published" },
  cancel: { from: ["draft", "open"], to: "cancelled" },
};

export function nextVoteStatus(from: VoteStatus, action: VoteAction): VoteStatus | null {
  const t = VOTE_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export type MeetingStatus = "scheduled" | "in_progress" | "closed" | "published" | "cancelled";

export const MEETING_TRANSITIONS: Record<MeetingStatus, MeetingStatus[]> = {
  scheduled: ["in_progress", "cancelled"],
  in_progress: ["closed", "cancelled"],
  closed: ["published"],
  published: [],
  cancelled: [],
};

// ---------- ballots ----------

export type BallotOption = { id: string; position: number; cost: string | null };
export type BallotSpec = {
  kind: VoteKind;
  maxChoices: number | null;
  budgetRule: "knapsack" | "up_to_k" | null;
  fund: string | null;
  options: BallotOption[];
};
export type BallotInput = { choice?: string | null; optionIds?: string[] | null };
export type BallotProblem = {
  path: string;
  code: "votes_bad_choice" | "votes_too_many" | "votes_over_fund";
  params?: Record<string, string | number>;
};

/**
 * Checks a ballot and encodes its choice: "yes" | "no" | "abstain" for yes/no votes; the chosen
 * option positions, ascending, comma-separated ("" is a blank ballot) for choose and budget votes.
 */
export function encodeBallot(spec: BallotSpec, input: BallotInput): { choice: string } | { problem: BallotProblem } {
  if (spec.kind === "yes_no") {
    const c = input.choice;
    if (c !== "yes" && c !== "no" && c !== "abstain") return { problem: { path: "choice", code: "votes_bad_choice" } };
    return { choice: c };
  }
  const ids = input.optionIds;
  if (!Array.isArray(ids)) return { problem: { path: "optionIds", code: "votes_bad_choice" } };
  const byId = new Map(spec.options.map((o) => [o.id, o]));
  const chosen: BallotOption[] = [];
  for (let i = 0; i < ids.length; i++) {
    const o = byId.get(ids[i]);
    if (!o || chosen.includes(o)) return { problem: { path: `optionIds.${i}`, code: "votes_bad_choice" } };
    chosen.push(o);
  }
  const limit = spec.kind === "budget" && spec.budgetRule === "knapsack" ? null : spec.maxChoices;
  if (limit !== null && chosen.length > limit) {
    return { problem: { path: "optionIds", code: "votes_too_many", params: { max: limit } } };
  }
  if (spec.kind === "budget" && spec.budgetRule === "knapsack") {
    const total = chosen.reduce((s, o) => s + toUnits(o.cost ?? "0", 2), 0n);
    if (total > toUnits(spec.fund ?? "0", 2)) {
      return { problem: { path: "optionIds", code: "votes_over_fund", params: { total: cents(total), fund: spec.fund ?? "0" } } };
    }
  }
  return {
    choice: chosen
      .map((o) => o.position)
      .sort((a, b) => a - b)
      .join(","),
  };
}

/** The positions in an encoded choose/budget choice. */
export const positionsOf = (choice: string): number[] => (choice === "" ? [] : choice.split(",").map(Number));

const RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A receipt code from random bytes: 12 characters of an unambiguous alphabet, in groups of four. */
export function receiptFrom(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += RECEIPT_ALPHABET[bytes[i] % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/** A typed-in receipt, normalised (case, spaces, missing dashes). */
export function normalizeReceipt(text: string): string | null {
  const s = text.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (s.length !== 12 || [...s].some((ch) => !RECEIPT_ALPHABET.includes(ch))) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/** The sign-in code shown at a meeting: 6 digits. */
export function checkinCodeFrom(bytes: Uint8Array): string {
  const n = ((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]) % 1_000_000;
  return n.toString().padStart(6, "0");
}

/** The date 18 years before `day` (YYYY-MM-DD): residents born on or before it may vote. */
export function adultCutoff(day: string): string {
  const [y, m, d] = day.split("-");
  const md = `${m}-${d}` === "02-29" ? "02-28" : `${m}-${d}`;
  return `${Number(y) - 18}-${md}`;
}
