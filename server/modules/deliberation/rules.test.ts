import { describe, expect, it } from "vitest";
import {
  backingOpen,
  cstDay,
  deadlineAcceptable,
  deadlineOf,
  defaultDeadline,
  hasLapsed,
  memberCurrent,
  ratioUnits,
  repsNeeded,
  tallyBacking,
  thresholdOf,
  thresholdReached,
  validMoney,
  validRatio,
} from "./rules.js";

describe("representatives needed", () => {
  it("is 10% of 23 rounded up: 3", () => {
    expect(repsNeeded("0.10", 23)).toBe(3);
    expect(repsNeeded("0.1000", 23)).toBe(3);
    expect(repsNeeded(0.1, 23)).toBe(3);
  });
  it("is exact at whole numbers and rounds up just above", () => {
    expect(repsNeeded("0.10", 20)).toBe(2);
    expect(repsNeeded("0.10", 21)).toBe(3);
    expect(repsNeeded("0.10", 30)).toBe(3);
    expect(repsNeeded("0.3333", 3)).toBe(1);
    expect(repsNeeded("1", 23)).toBe(23);
  });
  it("needs at least one, and is closed with no representatives or a zero ratio", () => {
    expect(repsNeeded("0.01", 5)).toBe(1);
    expect(repsNeeded("0.10", 0)).toBeNull();
    expect(repsNeeded("0", 23)).toBeNull();
  });
  it("reads ratios exactly", () => {
    expect(ratioUnits("0.6667")).toBe(6667);
    expect(ratioUnits("1.0000")).toBe(10_000);
    expect(ratioUnits(".5")).toBe(5000);
    expect(() => ratioUnits("1.5")).toThrow();
    expect(() => ratioUnits("0.12345")).toThrow();
    expect(validRatio("0.10")).toBe(true);
    expect(validRatio("2")).toBe(false);
    expect(validRatio("abc")).toBe(false);
  });
});

describe("threshold", () => {
  const t = thresholdOf({ backingHouseholds: 50, backingRepRatio: "0.10" }, 23);
  it("snapshots the body's settings and the representatives count", () => {
    expect(t).toEqual({ households: 50, repRatio: "0.10", repCount: 23, reps: 3 });
    expect(thresholdOf(null, 0)).toEqual({ households: 50, repRatio: "0.1000", repCount: 0, reps: null });
  });
  it("49 households are not enough, 50 are", () => {
    expect(thresholdReached(t, { households: 49, reps: 0 })).toBe(false);
    expect(thresholdReached(t, { households: 50, reps: 0 })).toBe(true);
  });
  it("2 of 23 representatives are not enough, 3 are", () => {
    expect(thresholdReached(t, { households: 0, reps: 2 })).toBe(false);
    expect(thresholdReached(t, { households: 0, reps: 3 })).toBe(true);
  });
  it("either route suffices", () => {
    expect(thresholdReached(t, { households: 49, reps: 2 })).toBe(false);
    expect(thresholdReached(t, { households: 50, reps: 2 })).toBe(true);
  });
  it("a closed representatives route is never reached", () => {
    expect(thresholdReached({ households: 50, reps: null }, { households: 1, reps: 100 })).toBe(false);
  });
  it("a body's own settings apply", () => {
    const own = thresholdOf({ backingHouseholds: 10, backingRepRatio: "0.2" }, 23);
    expect(own.reps).toBe(5);
    expect(thresholdReached(own, { households: 10, reps: 0 })).toBe(true);
  });
});

describe("tally", () => {
  it("counts a household once however many of its members sign", () => {
    const t = tallyBacking([
      { residentId: "a", householdId: "h1", representative: false },
      { residentId: "b", householdId: "h1", representative: false },
      { residentId: "c", householdId: "h2", representative: true },
    ]);
    expect(t).toEqual({ signers: 3, households: 2, reps: 1 });
  });
  it("counts the same resident once", () => {
    const t = tallyBacking([
      { residentId: "a", householdId: "h1", representative: true },
      { residentId: "a", householdId: "h1", representative: true },
    ]);
    expect(t).toEqual({ signers: 1, households: 1, reps: 1 });
  });
  it("counts a resident without a household as a household of one", () => {
    const t = tallyBacking([
      { residentId: "a", householdId: null, representative: false },
      { residentId: "b", householdId: null, representative: false },
    ]);
    expect(t.households).toBe(2);
  });
});

describe("deadline", () => {
  it("a date closes at the end of that CST day", () => {
    const d = deadlineOf("2026-05-31") as Date;
    expect(d.toISOString()).toBe("2026-05-31T15:59:59.999Z");
    expect(backingOpen(d, new Date("2026-05-31T23:59:30+08:00"))).toBe(true); // last minute counts
    expect(backingOpen(d, new Date("2026-06-01T00:00:30+08:00"))).toBe(false); // a minute after: refused
  });
  it("an instant is exact: at it counts, a minute after is refused", () => {
    const d = deadlineOf("2026-05-31T18:00:00+08:00") as Date;
    expect(backingOpen(d, new Date("2026-05-31T17:59:00+08:00"))).toBe(true);
    expect(backingOpen(d, d)).toBe(true);
    expect(backingOpen(d, new Date(d.getTime() + 60_000))).toBe(false);
  });
  it("refuses nonsense", () => {
    expect(deadlineOf("2026-02-30")).toBeNull();
    expect(deadlineOf("tomorrow")).toBeNull();
    expect(deadlineOf("2026-05-31T18:00:00")).toBeNull(); // no time zone
  });
  it("must be in the future and within a year", () => {
    const now = new Date("2026-05-01T00:00:00Z");
    expect(deadlineAcceptable(new Date("2026-05-02T00:00:00Z"), now)).toBe(true);
    expect(deadlineAcceptable(new Date("2026-04-30T00:00:00Z"), now)).toBe(false);
    expect(deadlineAcceptable(new Date("2027-06-01T00:00:00Z"), now)).toBe(false);
  });
  it("defaults to the end of the day 30 days on", () => {
    const now = new Date("2026-05-01T10:00:00+08:00");
    expect(defaultDeadline(now).toISOString()).toBe("2026-05-31T15:59:59.999Z");
  });
  it("lapses only a collecting proposal past its deadline", () => {
    const deadline = new Date("2026-05-31T15:59:59.999Z");
    expect(hasLapsed({ status: "collecting", deadline }, new Date("2026-05-31T15:59:59.999Z"))).toBe(false);
    expect(hasLapsed({ status: "collecting", deadline }, new Date("2026-05-31T16:00:00Z"))).toBe(true);
    expect(hasLapsed({ status: "in_flow", deadline }, new Date("2026-06-30T00:00:00Z"))).toBe(false);
  });
});

describe("members and days", () => {
  const m = { termStart: "2024-01-01", termEnd: "2026-12-31", endedAt: null };
  it("is current within the term, inclusive at both ends", () => {
    expect(memberCurrent(m, "2023-12-31")).toBe(false);
    expect(memberCurrent(m, "2024-01-01")).toBe(true);
    expect(memberCurrent(m, "2026-12-31")).toBe(true);
    expect(memberCurrent(m, "2027-01-01")).toBe(false);
  });
  it("is not current once ended", () => {
    expect(memberCurrent({ ...m, endedAt: "2025-06-01" }, "2025-01-01")).toBe(false);
    expect(memberCurrent({ ...m, termEnd: null }, "2099-01-01")).toBe(true);
  });
  it("days are CST", () => {
    expect(cstDay(new Date("2026-05-31T16:00:00Z"))).toBe("2026-06-01");
    expect(cstDay(new Date("2026-05-31T15:59:59Z"))).toBe("2026-05-31");
  });
  it("money has at most two decimals", () => {
    expect(validMoney("12000.50")).toBe(true);
    expect(validMoney("12000.505")).toBe(false);
    expect(validMoney("-1")).toBe(false);
  });
});
