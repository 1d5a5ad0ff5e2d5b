import { describe, expect, it } from "vitest";
import { type TallyInput, tallyVote } from "./tally.js";

const yesNo = (yes: number, no: number, abstain: number, extra: Partial<TallyInput> = {}): TallyInput => ({
  kind: "yes_no",
  electorate: "body",
  rule: { quorum: "2/3", threshold: "more_than_half", base: "participating" },
  electorateCount: 9,
  electorateArea: null,
  options: [],
  maxChoices: null,
  fund: null,
  ballots: [
    ...Array.from({ length: yes }, () => ({ choice: "yes" })),
    ...Array.from({ length: no }, () => ({ choice: "no" })),
    ...Array.from({ length: abstain }, () => ({ choice: "abstain" })),
  ],
  ...extra,
});

describe("tallyVote", () => {
  it("yes/no with abstentions counted as taking part", () => {
    const r = tallyVote(yesNo(3, 1, 2));
    expect(r.counts).toEqual({ yes: 3, no: 1, abstain: 2 });
    expect(r.turnout).toBe(6);
    expect(r.quorumMet).toBe(true);
    expect(r.passed).toBe(false); // 3 of 6 is exactly half
    expect(r.explanation.zh).toContain("未通过");
    expect(r.explanation.en).toContain("not passed");
    expect(tallyVote(yesNo(4, 0, 2)).passed).toBe(true);
  });
  it("quorum one short", () => {
    const r = tallyVote(yesNo(5, 0, 0));
    expect(r.quorumMet).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.checks[0]).toMatchObject({ key: "quorum", value: "5", needed: "6", met: false });
  });
  it("owners: one owner with several flats counts once by head, fully by area", () => {
    // Owner A holds three flats (300 m²), B and C one each (100 m²): 3 owners, 500 m².
    const input = yesNo(0, 0, 0, {
      electorate: "owners",
      rule: { quorum: "2/3", threshold: "more_than_half", base: "participating", matter: "ordinary" },
      electorateCount: 3,
      electorateArea: "500.00",
      ballots: [
        { choice: "yes", area: "300.00" },
        { choice: "no", area: "100.00" },
        { choice: "no", area: "100.00" },
      ],
    });
    const r = tallyVote(input);
    expect(r.turnoutArea).toBe("500.00");
    expect(r.areas).toEqual({ yes: "300.00", no: "200.00", abstain: "0.00" });
    expect(r.checks.find((c) => c.key === "area_yes")?.met).toBe(true);
    expect(r.checks.find((c) => c.key === "head_yes")?.met).toBe(false);
    expect(r.passed).toBe(false);
    expect(r.explanation.zh).toContain("第二百七十八条");
  });
  it("choose k of n: top k, ties at the cut are reported", () => {
    const options = ["甲", "乙", "丙", "丁"].map((label, i) => ({
      id: `o${i + 1}`,
      position: i + 1,
      label,
      cost: null,
      refId: null,
    }));
    const r = tallyVote({
      kind: "choose",
      electorate: "residents",
      rule: { quorum: "0", threshold: "none", base: "participating" },
      electorateCount: 10,
      electorateArea: null,
      options,
      maxChoices: 2,
      fund: null,
      ballots: [{ choice: "1,2" }, { choice: "1,3" }, { choice: "1" }, { choice: "" }],
    });
    expect(r.options?.map((o) => o.votes)).toEqual([3, 1, 1, 0]);
    expect(r.blank).toBe(1);
    expect(r.winners).toEqual(["o1"]);
    expect(r.tied).toEqual(["o2", "o3"]);
  });
  it("budget: greedy by approvals within the fund", () => {
    const options = [
      { id: "o1", position: 1, label: "加装电梯", cost: "150000.00", refId: "idea1" },
      { id: "o2", position: 2, label: "小区绿化", cost: "100000.00", refId: "idea2" },
      { id: "o3", position: 3, label: "路灯", cost: "80000.00", refId: "idea3" },
    ];
    const r = tallyVote({
      kind: "budget",
      electorate: "households",
      rule: { quorum: "0", threshold: "none", base: "participating" },
      electorateCount: 5,
      electorateArea: null,
      options,
      maxChoices: null,
      fund: "240000.00",
      ballots: [{ choice: "1,2" }, { choice: "1,2" }, { choice: "1,2" }, { choice: "1,3" }, { choice: "3" }],
    });
    // o1 4 votes (150k, fits), o2 3 votes (100k, no longer fits), o3 2 votes (80k, still fits)
    expect(r.winners).toEqual(["idea1", "idea3"]);
    expect(r.budget?.steps.map((s) => s.decision)).toEqual(["funded", "skipped", "funded"]);
    expect(r.explanation.zh).toContain("加装电梯");
  });
  it("100,000 ballots in well under a second", () => {
    const ballots = Array.from({ length: 100_000 }, (_, i) => ({ choice: i % 3 === 0 ? "no" : "yes" }));
    const t0 = performance.now();
    const r = tallyVote(yesNo(0, 0, 0, { electorateCount: 100_000, ballots }));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.counts?.yes).toBe(66_666);
  });
});
