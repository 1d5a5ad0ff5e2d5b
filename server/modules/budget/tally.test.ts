import { describe, expect, it } from "vitest";
import { fromUnits, greedyBudget, toUnits } from "./tally.js";

const c = (id: string, cost: string, votes: number) => ({ id, cost, votes });

describe("greedyBudget", () => {
  it("skips a project that no longer fits, then funds a cheaper lower-ranked one", () => {
    const out = greedyBudget([c("a", "600", 10), c("b", "500", 9), c("c", "300", 8), c("d", "200", 7)], "1000");
    expect(out.winners).toEqual(["a", "c"]);
    expect(out.steps).toEqual([
      {
        id: "a",
        votes: 10,
        cost: "600.00",
        remainingBefore: "1000.00",
        decision: "funded",
        remainingAfter: "400.00",
        reason: "fits",
      },
      {
        id: "b",
        votes: 9,
        cost: "500.00",
        remainingBefore: "400.00",
        decision: "skipped",
        remainingAfter: "400.00",
        reason: "does_not_fit",
      },
      {
        id: "c",
        votes: 8,
        cost: "300.00",
        remainingBefore: "400.00",
        decision: "funded",
        remainingAfter: "100.00",
        reason: "fits",
      },
      {
        id: "d",
        votes: 7,
        cost: "200.00",
        remainingBefore: "100.00",
        decision: "skipped",
        remainingAfter: "100.00",
        reason: "does_not_fit",
      },
    ]);
    expect(out.spent).toBe("900.00");
    expect(out.remaining).toBe("100.00");
    expect(out.tieRule).toBe("lower_cost_then_id");
  });

  it("funds an exact fit and one cent more does not fit", () => {
    expect(greedyBudget([c("a", "240000.00", 5)], "240000").winners).toEqual(["a"]);
    expect(greedyBudget([c("a", "240000.00", 5)], "240000").remaining).toBe("0.00");
    expect(greedyBudget([c("a", "240000.01", 5)], "240000").winners).toEqual([]);
    const out = greedyBudget([c("a", "0.10", 3), c("b", "0.20", 2)], "0.30");
    expect(out.winners).toEqual(["a", "b"]); // 0.1 + 0.2 would not equal 0.3 in floats
    expect(out.remaining).toBe("0.00");
  });

  it("breaks ties on votes by lower cost, then by lower id", () => {
    const out = greedyBudget([c("z", "100", 5), c("y", "50", 5), c("b", "100", 5), c("a", "100", 5)], "200");
    expect(out.steps.map((s) => s.id)).toEqual(["y", "a", "b", "z"]);
    expect(out.winners).toEqual(["y", "a"]);
    // ties on votes and cost: only the lower id fits
    expect(greedyBudget([c("p2", "100", 3), c("p1", "100", 3)], "150").winners).toEqual(["p1"]);
  });

  it("orders by votes first, whatever the cost", () => {
    const out = greedyBudget([c("cheap", "1", 1), c("dear", "900", 2)], "900");
    expect(out.winners).toEqual(["dear"]);
    expect(out.steps[1]).toMatchObject({ id: "cheap", decision: "skipped", reason: "does_not_fit" });
  });

  it("never funds a project nobody approved, even when it fits", () => {
    const out = greedyBudget([c("a", "100", 0), c("b", "100", 1), c("free", "0", 0)], "1000");
    expect(out.winners).toEqual(["b"]);
    expect(out.steps.map((s) => [s.id, s.decision, s.reason])).toEqual([
      ["b", "funded", "fits"],
      ["free", "skipped", "no_votes"],
      ["a", "skipped", "no_votes"],
    ]);
    expect(out.remaining).toBe("900.00");
  });

  it("funds a zero-cost approved project even with a zero fund; nothing else", () => {
    const out = greedyBudget([c("a", "1", 3), c("free", "0", 1)], "0");
    expect(out.winners).toEqual(["free"]);
    expect(out.spent).toBe("0.00");
    expect(out.remaining).toBe("0.00");
    expect(greedyBudget([c("a", "0.01", 3)], "0.00").winners).toEqual([]);
  });

  it("handles no candidates", () => {
    expect(greedyBudget([], "240000")).toEqual({
      winners: [],
      steps: [],
      spent: "0.00",
      remaining: "240000.00",
      tieRule: "lower_cost_then_id",
    });
  });

  it("keeps finer decimals exactly", () => {
    const out = greedyBudget([c("a", "0.001", 2), c("b", "0.0005", 1)], "0.0015");
    expect(out.winners).toEqual(["a", "b"]);
    expect(out.spent).toBe("0.0015");
    expect(out.remaining).toBe("0.0000");
  });

  it("refuses bad input", () => {
    expect(() => greedyBudget([c("a", "-1", 1)], "10")).toThrow(RangeError);
    expect(() => greedyBudget([c("a", "1e3", 1)], "10")).toThrow(RangeError);
    expect(() => greedyBudget([c("a", "1", 1.5)], "10")).toThrow(RangeError);
    expect(() => greedyBudget([c("a", "1", -1)], "10")).toThrow(RangeError);
    expect(() => greedyBudget([c("a", "1", 1), c("a", "2", 1)], "10")).toThrow(/duplicate/);
    expect(() => greedyBudget([], "ten")).toThrow(RangeError);
  });
});

describe("toUnits / fromUnits", () => {
  it("round-trips", () => {
    expect(toUnits("740793.05", 2)).toBe(74079305n);
    expect(toUnits("7", 3)).toBe(7000n);
    expect(fromUnits(74079305n, 2)).toBe("740793.05");
    expect(fromUnits(5n, 2)).toBe("0.05");
    expect(fromUnits(-5n, 2)).toBe("-0.05");
    expect(fromUnits(12n, 0)).toBe("12");
    expect(() => toUnits("1.234", 2)).toThrow(RangeError);
  });
});
