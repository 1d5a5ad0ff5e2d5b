import { describe, expect, it } from "vitest";
import {
  adultCutoff,
  art278,
  encodeBallot,
  isCurrentMember,
  meetingQuorum,
  minimumFor,
  nextVoteStatus,
  normalizeReceipt,
  normalizeRule,
  parseRatio,
  plainRule,
  receiptFrom,
  ratioText,
} from "./rules.js";

const r = (s: string) => {
  const x = parseRatio(s);
  if (!x) throw new Error(s);
  return x;
};

describe("ratios", () => {
  it("reads fractions and snaps 4-decimal ratios to simple fractions", () => {
    expect(ratioText(r("2/3"))).toBe("2/3");
    expect(ratioText(r("0.6667"))).toBe("2/3");
    expect(ratioText(r("0.6666"))).toBe("3333/5000");
    expect(ratioText(r("0.5"))).toBe("1/2");
    expect(ratioText(r("0.75"))).toBe("3/4");
    expect(ratioText(r("0.1"))).toBe("1/10");
    expect(ratioText(r("0"))).toBe("0");
    expect(ratioText(r("1"))).toBe("1");
    expect(ratioText(r("4/6"))).toBe("2/3");
    expect(ratioText(r("0.6123"))).toBe("6123/10000");
  });
  it("refuses what is not a ratio in [0, 1]", () => {
    for (const s of ["", "abc", "3/2", "1.5", "1/0", "-0.5", "2"]) expect(parseRatio(s)).toBeNull();
  });
  it("minimum counts at the bound", () => {
    expect(minimumFor(9n, r("2/3"), ">=")).toBe(6n);
    expect(minimumFor(10n, r("2/3"), ">=")).toBe(7n);
    expect(minimumFor(10n, r("1/2"), ">")).toBe(6n);
    expect(minimumFor(9n, r("1/2"), ">")).toBe(5n);
    expect(minimumFor(0n, r("1/2"), ">")).toBe(1n);
  });
});

describe("meeting quorum (default 2/3 of current members)", () => {
  it("one short is refused, exactly met passes", () => {
    const twoThirds = r("0.6667");
    expect(meetingQuorum(5, 9, twoThirds)).toMatchObject({ needed: 6, reached: false, short: 1 });
    expect(meetingQuorum(6, 9, twoThirds)).toMatchObject({ needed: 6, reached: true, short: 0 });
    expect(meetingQuorum(14, 22, twoThirds)).toMatchObject({ needed: 15, reached: false, short: 1 });
    expect(meetingQuorum(15, 22, twoThirds)).toMatchObject({ needed: 15, reached: true });
  });
  it("no expected count: nothing to reach", () => {
    expect(meetingQuorum(3, null, r("2/3"))).toMatchObject({ needed: null, reached: true });
  });
  it("current members", () => {
    const m = { term_start: "2026-01-01", term_end: "2026-12-31", ended_at: null };
    expect(isCurrentMember(m, "2026-01-01")).toBe(true);
    expect(isCurrentMember(m, "2025-12-31")).toBe(false);
    expect(isCurrentMember(m, "2026-12-31")).toBe(true);
    expect(isCurrentMember(m, "2027-01-01")).toBe(false);
    expect(isCurrentMember({ ...m, ended_at: "2026-03-01" }, "2026-02-01")).toBe(false);
  });
});

describe("plain rules", () => {
  const rule = (
    threshold: "more_than_half" | "two_thirds" | "three_quarters",
    base: "participating" | "electorate" = "participating",
    quorum = "0",
  ) => ({
    quorum,
    threshold,
    base,
  });
  it("more than half: an exact half fails", () => {
    expect(plainRule(rule("more_than_half"), 20, 10, 5).passed).toBe(false);
    expect(plainRule(rule("more_than_half"), 20, 10, 6).passed).toBe(true);
    expect(plainRule(rule("more_than_half"), 20, 11, 6).passed).toBe(true);
    expect(plainRule(rule("more_than_half"), 20, 11, 5).passed).toBe(false);
  });
  it("two thirds includes the bound", () => {
    expect(plainRule(rule("two_thirds"), 9, 9, 6).passed).toBe(true);
    expect(plainRule(rule("two_thirds"), 9, 9, 5).passed).toBe(false);
    expect(plainRule(rule("two_thirds"), 10, 10, 7).passed).toBe(true);
    expect(plainRule(rule("two_thirds"), 10, 10, 6).passed).toBe(false);
  });
  it("three quarters includes the bound", () => {
    expect(plainRule(rule("three_quarters"), 8, 8, 6).passed).toBe(true);
    expect(plainRule(rule("three_quarters"), 8, 8, 5).passed).toBe(false);
    expect(plainRule(rule("three_quarters"), 10, 10, 8).passed).toBe(true);
    expect(plainRule(rule("three_quarters"), 10, 10, 7).passed).toBe(false);
  });
  it("of the electorate counts those who stayed away", () => {
    expect(plainRule(rule("more_than_half", "electorate"), 20, 12, 10).passed).toBe(false);
    expect(plainRule(rule("more_than_half", "electorate"), 20, 12, 11).passed).toBe(true);
  });
  it("participation quorum: one short fails even when everyone agrees; exactly met passes", () => {
    const q = rule("more_than_half", "participating", "1/2");
    expect(plainRule(q, 20, 9, 9)).toMatchObject({ quorumMet: false, passed: false });
    expect(plainRule(q, 20, 10, 9)).toMatchObject({ quorumMet: true, passed: true });
    const q2 = rule("more_than_half", "participating", "2/3");
    expect(plainRule(q2, 9, 5, 5).quorumMet).toBe(false);
    expect(plainRule(q2, 9, 6, 4).passed).toBe(true);
  });
});

describe("Civil Code art. 278", () => {
  const base = { owners: 9n, areaCents: 90000n };
  it("participation needs two thirds of both area and heads", () => {
    // 6 of 9 owners but only 599.99 of 900 m²
    const x = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 6n,
      turnoutAreaCents: 59999n,
      yesOwners: 6n,
      yesAreaCents: 59999n,
    });
    expect(x.quorumMet).toBe(false);
    const y = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 6n,
      turnoutAreaCents: 60000n,
      yesOwners: 6n,
      yesAreaCents: 60000n,
    });
    expect(y).toMatchObject({ quorumMet: true, passed: true });
    const z = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 5n,
      turnoutAreaCents: 90000n,
      yesOwners: 5n,
      yesAreaCents: 90000n,
    });
    expect(z.quorumMet).toBe(false);
  });
  it("ordinary: area passes but heads fail, and vice versa", () => {
    // All 9 take part. 4 owners holding 600 m² say yes: area > 1/2, heads not.
    const areaOnly = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 9n,
      turnoutAreaCents: 90000n,
      yesOwners: 4n,
      yesAreaCents: 60000n,
    });
    expect(areaOnly.checks.find((c) => c.key === "area_yes")?.met).toBe(true);
    expect(areaOnly.checks.find((c) => c.key === "head_yes")?.met).toBe(false);
    expect(areaOnly.passed).toBe(false);
    // 5 owners holding 300 m² say yes: heads > 1/2, area not.
    const headsOnly = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 9n,
      turnoutAreaCents: 90000n,
      yesOwners: 5n,
      yesAreaCents: 30000n,
    });
    expect(headsOnly.checks.find((c) => c.key === "head_yes")?.met).toBe(true);
    expect(headsOnly.checks.find((c) => c.key === "area_yes")?.met).toBe(false);
    expect(headsOnly.passed).toBe(false);
    // exactly half of the area is not more than half
    const half = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 9n,
      turnoutAreaCents: 90000n,
      yesOwners: 5n,
      yesAreaCents: 45000n,
    });
    expect(half.passed).toBe(false);
    const halfPlus = art278({
      ...base,
      matter: "ordinary",
      turnoutOwners: 9n,
      turnoutAreaCents: 90000n,
      yesOwners: 5n,
      yesAreaCents: 45001n,
    });
    expect(halfPlus.passed).toBe(true);
  });
  it("special matters: three quarters of both, bound included", () => {
    const p = { owners: 8n, areaCents: 80000n, turnoutOwners: 8n, turnoutAreaCents: 80000n };
    expect(art278({ ...p, matter: "special", yesOwners: 6n, yesAreaCents: 60000n }).passed).toBe(true);
    expect(art278({ ...p, matter: "special", yesOwners: 6n, yesAreaCents: 59999n }).passed).toBe(false);
    expect(art278({ ...p, matter: "special", yesOwners: 5n, yesAreaCents: 80000n }).passed).toBe(false);
  });
});

describe("rules as set up", () => {
  it("defaults and owners' rule fixed by art. 278", () => {
    expect(normalizeRule("yes_no", "body", false, undefined)).toEqual({
      rule: { quorum: "2/3", threshold: "more_than_half", base: "participating" },
    });
    expect(normalizeRule("yes_no", "body", true, undefined)).toEqual({
      rule: { quorum: "1/2", threshold: "more_than_half", base: "electorate" },
    });
    expect(normalizeRule("yes_no", "owners", false, { matter: "special", quorum: "0" })).toEqual({
      rule: { quorum: "2/3", threshold: "three_quarters", base: "participating", matter: "special" },
    });
    expect(normalizeRule("yes_no", "residents", false, { quorum: "0.6667" })).toMatchObject({ rule: { quorum: "2/3" } });
  });
  it("names the bad field", () => {
    expect(normalizeRule("yes_no", "residents", false, { quorum: "3/2" })).toEqual({ field: "rule.quorum" });
    expect(normalizeRule("yes_no", "residents", false, { threshold: "none" })).toEqual({ field: "rule.threshold" });
    expect(normalizeRule("yes_no", "residents", false, { matter: "special" })).toEqual({ field: "rule.matter" });
  });
});

describe("life cycle", () => {
  it("allows only the drawn transitions", () => {
    expect(nextVoteStatus("draft", "open")).toBe("open");
    expect(nextVoteStatus("open", "close")).toBe("closed");
    expect(nextVoteStatus("closed", "publish")).toBe("published");
    expect(nextVoteStatus("draft", "close")).toBeNull();
    expect(nextVoteStatus("open", "publish")).toBeNull();
    expect(nextVoteStatus("closed", "cancel")).toBeNull();
    expect(nextVoteStatus("published", "open")).toBeNull();
    expect(nextVoteStatus("open", "cancel")).toBe("cancelled");
  });
});

describe("ballots", () => {
  const options = [
    { id: "a", position: 1, cost: "100000.00" },
    { id: "b", position: 2, cost: "90000.00" },
    { id: "c", position: 3, cost: "50000.01" },
  ];
  const knapsack = { kind: "budget" as const, maxChoices: null, budgetRule: "knapsack" as const, fund: "240000.00", options };
  it("yes/no", () => {
    expect(encodeBallot({ ...knapsack, kind: "yes_no" }, { choice: "abstain" })).toEqual({ choice: "abstain" });
    expect(encodeBallot({ ...knapsack, kind: "yes_no" }, { choice: "maybe" })).toMatchObject({ problem: { path: "choice" } });
  });
  it("knapsack: a ballot over the fund is refused, at the fund accepted", () => {
    expect(encodeBallot(knapsack, { optionIds: ["c", "a", "b"] })).toMatchObject({
      problem: { path: "optionIds", code: "votes_over_fund", params: { total: "240000.01" } },
    });
    expect(encodeBallot({ ...knapsack, fund: "240000.01" }, { optionIds: ["c", "a", "b"] })).toEqual({ choice: "1,2,3" });
    expect(encodeBallot(knapsack, { optionIds: ["b", "a"] })).toEqual({ choice: "1,2" });
    expect(encodeBallot(knapsack, { optionIds: [] })).toEqual({ choice: "" });
  });
  it("up to k and choose: at most k, no repeats, known options", () => {
    const upToK = { ...knapsack, budgetRule: "up_to_k" as const, maxChoices: 2 };
    expect(encodeBallot(upToK, { optionIds: ["a", "b", "c"] })).toMatchObject({ problem: { code: "votes_too_many" } });
    expect(encodeBallot(upToK, { optionIds: ["a", "a"] })).toMatchObject({ problem: { path: "optionIds.1" } });
    expect(encodeBallot({ ...upToK, kind: "choose" }, { optionIds: ["x"] })).toMatchObject({ problem: { path: "optionIds.0" } });
    expect(encodeBallot({ ...upToK, kind: "choose" }, { optionIds: ["c", "a"] })).toEqual({ choice: "1,3" });
  });
  it("receipts", () => {
    const code = receiptFrom(new Uint8Array(12).fill(7));
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(normalizeReceipt(code.toLowerCase().replaceAll("-", " "))).toBe(code);
    expect(normalizeReceipt("short")).toBeNull();
    expect(normalizeReceipt("0000-0000-0000")).toBeNull();
  });
  it("adults: 18 on the day", () => {
    expect(adultCutoff("2026-05-10")).toBe("2008-05-10");
    expect(adultCutoff("2028-02-29")).toBe("2010-02-28");
  });
});
