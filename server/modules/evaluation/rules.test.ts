import { describe, expect, it } from "vitest";
import {
  answeringWindow,
  isDue,
  judgeItem,
  kindAllows,
  nextStatus,
  percent,
  tally,
  thresholdText,
  validThreshold,
} from "./rules.js";

const c = (satisfied: number, basic: number, dissatisfied: number) => ({ satisfied, basic, dissatisfied });

describe("reopening rule (satisfied ÷ all below the threshold)", () => {
  it("exactly one third is kept, not below", () => {
    expect(judgeItem(c(1, 1, 1)).status).toBe("kept");
    expect(judgeItem(c(1, 0, 2)).status).toBe("kept");
    expect(judgeItem(c(100, 100, 100)).status).toBe("kept");
    expect(judgeItem(c(1, 0, 2)).rate).toBe("33.33");
  });

  it("just below one third is reopened", () => {
    expect(judgeItem(c(1, 0, 3))).toMatchObject({ status: "reopened", below: true, rate: "25.00", total: 4 });
    // 33 of 100 is 0.33 < 1/3; 1 of 3 is exactly 1/3
    expect(judgeItem(c(33, 30, 37)).status).toBe("reopened");
    expect(judgeItem(c(33, 30, 37)).rate).toBe("33.00");
    // 333,333 of 1,000,000 is below by a hair; floats would be tempted to round it
    expect(judgeItem(c(333_333, 0, 666_667)).status).toBe("reopened");
    expect(judgeItem(c(333_334, 0, 666_666)).status).toBe("kept");
  });

  it("zero ratings give no rate and keep the item", () => {
    const v = judgeItem(c(0, 0, 0));
    expect(v).toMatchObject({ total: 0, rate: null, positiveRate: null, below: false, status: "kept" });
  });

  it("basically satisfied does not count as satisfied for the rule, only in the secondary figure", () => {
    const v = judgeItem(c(0, 10, 0));
    expect(v.status).toBe("reopened");
    expect(v.rate).toBe("0.00");
    expect(v.positiveRate).toBe("100.00");
  });

  it("a configurable threshold: one half, and zero (never reopen)", () => {
    expect(judgeItem(c(1, 1, 0), { num: 1, den: 2 }).status).toBe("kept");
    expect(judgeItem(c(1, 1, 1), { num: 1, den: 2 }).status).toBe("reopened");
    expect(judgeItem(c(0, 0, 5), { num: 0, den: 1 }).status).toBe("kept");
    expect(judgeItem(c(9, 0, 1), { num: 1, den: 1 }).status).toBe("reopened");
    expect(judgeItem(c(10, 0, 0), { num: 1, den: 1 }).status).toBe("kept");
  });

  it("tally counts each rating", () => {
    expect(tally(["satisfied", "basic", "dissatisfied", "satisfied"])).toEqual(c(2, 1, 1));
  });
});

describe("percent", () => {
  it("rounds half up with two decimals", () => {
    expect(percent(1, 3)).toBe("33.33");
    expect(percent(2, 3)).toBe("66.67");
    expect(percent(1, 8)).toBe("12.50");
    expect(percent(1, 16)).toBe("6.25");
    expect(percent(1, 200_000)).toBe("0.00");
    expect(percent(1, 20_000)).toBe("0.01"); // 0.005 rounds up
    expect(percent(3, 3)).toBe("100.00");
    expect(percent(0, 0)).toBeNull();
    expect(thresholdText({ num: 1, den: 3 })).toBe("1/3 (33.33%)");
  });
});

describe("lifecycle", () => {
  it("draft → open → closed, nothing else", () => {
    expect(nextStatus("draft", "open")).toBe("open");
    expect(nextStatus("open", "close")).toBe("closed");
    expect(nextStatus("draft", "edit")).toBe("draft");
    expect(nextStatus("draft", "close")).toBeNull();
    expect(nextStatus("open", "open")).toBeNull();
    expect(nextStatus("open", "edit")).toBeNull();
    expect(nextStatus("closed", "open")).toBeNull();
    expect(nextStatus("closed", "close")).toBeNull();
    expect(nextStatus("closed", "edit")).toBeNull();
  });

  it("kinds restrict target types", () => {
    expect(kindAllows("cadres", "cadre")).toBe(true);
    expect(kindAllows("cadres", "project")).toBe(false);
    expect(kindAllows("projects", "project")).toBe(true);
    expect(kindAllows("units", "cadre")).toBe(false);
    expect(kindAllows("decisions", "proposal")).toBe(true);
    expect(kindAllows("decisions", "decision")).toBe(true);
    expect(kindAllows("mixed", "other")).toBe(true);
  });

  it("thresholds are proper fractions", () => {
    expect(validThreshold({ num: 1, den: 3 })).toBe(true);
    expect(validThreshold({ num: 0, den: 1 })).toBe(true);
    expect(validThreshold({ num: 4, den: 3 })).toBe(false);
    expect(validThreshold({ num: 1, den: 0 })).toBe(false);
    expect(validThreshold({ num: 0.5, den: 3 })).toBe(false);
  });
});

describe("answering window (both ends inclusive)", () => {
  const opensAt = new Date("2025-06-01T00:00:00Z");
  const closesAt = new Date("2025-06-30T10:00:00Z");
  const s = { status: "open" as const, opensAt, closesAt };
  it("refuses before the opening instant, accepts from it", () => {
    expect(answeringWindow(s, new Date(opensAt.getTime() - 1))).toBe("not_open");
    expect(answeringWindow(s, opensAt)).toBeNull();
  });
  it("the last minute counts, the closing instant included; a millisecond later does not", () => {
    expect(answeringWindow(s, new Date(closesAt.getTime() - 59_999))).toBeNull();
    expect(answeringWindow(s, closesAt)).toBeNull();
    expect(answeringWindow(s, new Date(closesAt.getTime() + 1))).toBe("closed");
    expect(isDue(s, closesAt)).toBe(false);
    expect(isDue(s, new Date(closesAt.getTime() + 1))).toBe(true);
  });
  it("drafts and closed surveys take no answers; open without dates always does", () => {
    expect(answeringWindow({ ...s, status: "draft" }, opensAt)).toBe("not_open");
    expect(answeringWindow({ ...s, status: "closed" }, opensAt)).toBe("closed");
    expect(answeringWindow({ status: "open", opensAt: null, closesAt: null }, new Date(0))).toBeNull();
    expect(isDue({ status: "open", closesAt: null }, new Date())).toBe(false);
  });
});
