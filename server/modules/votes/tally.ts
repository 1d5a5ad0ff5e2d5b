// The one function that turns ballots into a result: counts, the checks of the rule that decided,
// and a plain explanation in Chinese and English. Pure; the recount of a published ballot list
// calls the same function.
import { type BudgetOutcome, greedyBudget, toUnits } from "../budget/tally.js";
import {
  art278,
  type Check,
  type ElectorateKind,
  optionApproved,
  plainRule,
  positionsOf,
  type VoteKind,
  type VoteRule,
} from "./rules.js";

export type TallyOption = { id: string; position: number; label: string; cost: string | null; refId: string | null };

export type TallyInput = {
  kind: VoteKind;
  electorate: ElectorateKind;
  rule: VoteRule;
  electorateCount: number;
  /** Owners' votes: the floor area of the whole electorate (m², 2 decimals). */
  electorateArea: string | null;
  options: TallyOption[];
  maxChoices: number | null;
  fund: string | null;
  ballots: Iterable<{ choice: string; area?: string | null }>;
};

export type OptionCount = {
  id: string;
  position: number;
  label: string;
  votes: number;
  cost: string | null;
  refId: string | null;
  approved: boolean;
};

export type VoteResult = {
  kind: VoteKind;
  electorate: ElectorateKind;
  rule: VoteRule;
  electorateCount: number;
  electorateArea: string | null;
  turnout: number;
  turnoutArea: string | null;
  counts: { yes: number; no: number; abstain: number } | null;
  areas: { yes: string; no: string; abstain: string } | null;
  blank: number;
  options: OptionCount[] | null;
  /** choose: option ids elected; budget: the budget rule's winners (option ref ids, else option ids). */
  winners: string[];
  /** choose: options tied for the last seat(s), not elected. */
  tied: string[];
  budget: BudgetOutcome | null;
  checks: Check[];
  quorumMet: boolean;
  passed: boolean;
  explanation: { zh: string; en: string };
};

const cents = (v: bigint) => {
  const s = v.toString().padStart(3, "0");
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

export function tallyVote(input: TallyInput): VoteResult {
  const { kind, rule } = input;
  const owners = input.electorate === "owners";
  let turnout = 0;
  let blank = 0;
  let turnoutArea = 0n;
  const counts = { yes: 0, no: 0, abstain: 0 };
  const areas = { yes: 0n, no: 0n, abstain: 0n };
  const byPosition = new Map<number, number>();
  for (const o of input.options) byPosition.set(o.position, 0);

  for (const b of input.ballots) {
    turnout++;
    if (kind === "yes_no") {
      const c = b.choice as "yes" | "no" | "abstain";
      counts[c]++;
      if (owners) {
        const a = toUnits(b.area ?? "0", 2);
        areas[c] += a;
        turnoutArea += a;
      }
    } else if (b.choice === "") {
      blank++;
    } else {
      for (const p of positionsOf(b.choice)) byPosition.set(p, (byPosition.get(p) ?? 0) + 1);
    }
  }

  const base = {
    kind,
    electorate: input.electorate,
    rule,
    electorateCount: input.electorateCount,
    electorateArea: owners ? (input.electorateArea ?? "0.00") : null,
    turnout,
    turnoutArea: owners ? cents(turnoutArea) : null,
    blank,
  };

  if (kind === "yes_no") {
    const decided = owners
      ? art278({
          matter: rule.matter ?? "ordinary",
          owners: BigInt(input.electorateCount),
          areaCents: toUnits(input.electorateArea ?? "0", 2),
          turnoutOwners: BigInt(turnout),
          turnoutAreaCents: turnoutArea,
          yesOwners: BigInt(counts.yes),
          yesAreaCents: areas.yes,
        })
      : plainRule(rule, input.electorateCount, turnout, counts.yes);
    const result = {
      ...base,
      counts,
      areas: owners ? { yes: cents(areas.yes), no: cents(areas.no), abstain: cents(areas.abstain) } : null,
      options: null,
      winners: [],
      tied: [],
      budget: null,
      ...decided,
    };
    return { ...result, explanation: explain(result) };
  }

  const options: OptionCount[] = input.options.map((o) => {
    const votes = byPosition.get(o.position) ?? 0;
    return {
      id: o.id,
      position: o.position,
      label: o.label,
      votes,
      cost: o.cost,
      refId: o.refId,
      approved: optionApproved(rule, input.electorateCount, turnout, votes),
    };
  });
  const { checks, quorumMet } = plainRule({ ...rule, threshold: "none" }, input.electorateCount, turnout, 0);
  let winners: string[] = [];
  let tied: string[] = [];
  let budget: BudgetOutcome | null = null;
  if (kind === "budget") {
    const refOf = new Map(input.options.map((o) => [o.id, o.refId ?? o.id]));
    const outcome = greedyBudget(
      options.map((o) => ({ id: refOf.get(o.id) as string, cost: o.cost ?? "0", votes: o.approved ? o.votes : 0 })),
      input.fund ?? "0",
    );
    budget = outcome;
    if (quorumMet) winners = outcome.winners;
  } else {
    const seats = input.maxChoices ?? 1;
    const ranked = options.filter((o) => o.approved).sort((a, b) => b.votes - a.votes || a.position - b.position);
    if (ranked.length <= seats) winners = ranked.map((o) => o.id);
    else {
      const cut = ranked[seats - 1].votes;
      const above = ranked.filter((o) => o.votes > cut);
      const atCut = ranked.filter((o) => o.votes === cut);
      if (above.length + atCut.length <= seats) winners = [...above, ...atCut].map((o) => o.id);
      else {
        winners = above.map((o) => o.id);
        tied = atCut.map((o) => o.id);
      }
    }
    if (!quorumMet) {
      winners = [];
      tied = [];
    }
  }
  const result = {
    ...base,
    counts: null,
    areas: null,
    options,
    winners,
    tied,
    budget,
    checks,
    quorumMet,
    passed: quorumMet,
  };
  return { ...result, explanation: explain(result) };
}

const THRESHOLD_TEXT = {
  none: { zh: "得票多者当选", en: "most votes win" },
  more_than_half: { zh: "超过半数", en: "more than half" },
  two_thirds: { zh: "三分之二以上", en: "at least two thirds" },
  three_quarters: { zh: "四分之三以上", en: "at least three quarters" },
} as const;

const CHECK_TEXT: Record<Check["key"], { zh: string; en: string; area?: boolean }> = {
  quorum: { zh: "参与人数", en: "participants" },
  threshold: { zh: "赞成票", en: "yes votes" },
  area_turnout: { zh: "参与表决的专有部分面积", en: "floor area taking part", area: true },
  head_turnout: { zh: "参与表决的业主人数", en: "owners taking part" },
  area_yes: { zh: "同意的专有部分面积", en: "floor area in favour", area: true },
  head_yes: { zh: "同意的业主人数", en: "owners in favour" },
};

/** The rule in words, e.g. for the results page and the published record. */
export function describeRule(kind: VoteKind, electorate: ElectorateKind, rule: VoteRule): { zh: string; en: string } {
  if (electorate === "owners") {
    const special = rule.matter === "special";
    return {
      zh: `《民法典》第二百七十八条(${special ? "特别事项" : "一般事项"}):专有部分面积和业主人数均三分之二以上参与表决;同意的面积和人数均须${special ? "达到参与表决的四分之三以上" : "超过参与表决的半数"}`,
      en: `PRC Civil Code art. 278 (${special ? "special matter" : "ordinary matter"}): owners holding at least 2/3 of the floor area and at least 2/3 of the owners take part; it passes with ${special ? "at least 3/4" : "more than half"} of both the participating area and the participating owners`,
    };
  }
  const quorum =
    rule.quorum === "0"
      ? { zh: "不设参与率要求", en: "no participation minimum" }
      : {
          zh: `参与表决的不少于应参与的 ${rule.quorum}`,
          en: `at least ${rule.quorum} of the electorate take part`,
        };
  const t = THRESHOLD_TEXT[rule.threshold];
  const of =
    rule.base === "electorate"
      ? { zh: "全体应参与者", en: "the whole electorate" }
      : { zh: "参与表决者", en: "those taking part" };
  if (kind === "yes_no") {
    return { zh: `${quorum.zh};赞成票须${t.zh}(以${of.zh}为基数)`, en: `${quorum.en}; yes needs ${t.en} of ${of.en}` };
  }
  if (rule.threshold === "none") return { zh: `${quorum.zh};${t.zh}`, en: `${quorum.en}; ${t.en}` };
  return { zh: `${quorum.zh};选项得票须${t.zh}(以${of.zh}为基数)`, en: `${quorum.en}; an option needs ${t.en} of ${of.en}` };
}

function explain(r: Omit<VoteResult, "explanation">): { zh: string; en: string } {
  const rule = describeRule(r.kind, r.electorate, r.rule);
  const parts = r.checks.map((c) => {
    const w = CHECK_TEXT[c.key];
    const unit = w.area ? { zh: " 平方米", en: " m²" } : { zh: "", en: "" };
    const opZh = c.op === ">" ? "须大于" : "须不少于";
    const opEn = c.op === ">" ? "must exceed" : "must reach";
    return {
      zh: `${w.zh} ${c.value}${unit.zh},${opZh} ${c.base}${unit.zh} 的 ${c.ratio}(至少 ${c.needed}${unit.zh}):${c.met ? "达到" : "未达到"}`,
      en: `${w.en} ${c.value}${unit.en} ${opEn} ${c.ratio} of ${c.base}${unit.en} (at least ${c.needed}${unit.en}): ${c.met ? "met" : "not met"}`,
    };
  });
  let outcome: { zh: string; en: string };
  if (r.kind === "yes_no")
    outcome = r.passed ? { zh: "结果:通过。", en: "Result: passed." } : { zh: "结果:未通过。", en: "Result: not passed." };
  else if (!r.quorumMet) outcome = { zh: "结果:参与率不足,计票无效。", en: "Result: too few took part; no winners." };
  else {
    const label = (id: string) => r.options?.find((o) => o.id === id || o.refId === id)?.label ?? id;
    const budgetNames = r.winners.map(label);
    outcome = {
      zh: `结果:${budgetNames.length ? budgetNames.join("、") : "无"}${r.kind === "budget" ? "获得资金" : "当选"}${r.tied.length ? `;${r.tied.map(label).join("、")}票数相同,需另行决定` : ""}。`,
      en: `Result: ${budgetNames.length ? budgetNames.join(", ") : "none"} ${r.kind === "budget" ? "funded" : "chosen"}${r.tied.length ? `; ${r.tied.map(label).join(", ")} tied and need a further decision` : ""}.`,
    };
  }
  return {
    zh: `规则:${rule.zh}。${parts.map((p) => p.zh).join(";")}。${outcome.zh}`,
    en: `Rule: ${rule.en}. ${parts.map((p) => p.en).join("; ")}. ${outcome.en}`,
  };
}
