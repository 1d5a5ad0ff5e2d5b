import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  calendarOf,
  cstDay,
  deadlines,
  HOLIDAYS_2026,
  isWorkingDay,
  light,
  withinReturnWindow,
  workingMsBetween,
} from "./calendar.js";

const cal = calendarOf(HOLIDAYS_2026);
const cst = (s: string) => new Date(`${s}+08:00`);

describe("working calendar", () => {
  it("knows weekends, holidays and make-up working days", () => {
    expect(isWorkingDay("2026-11-25", cal)).toBe(true); // Wednesday
    expect(isWorkingDay("2026-11-28", cal)).toBe(false); // Saturday
    expect(isWorkingDay("2026-10-01", cal)).toBe(false); // National Day
    expect(isWorkingDay("2026-10-10", cal)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay("2026-02-14", cal)).toBe(true); // Saturday before the Spring Festival
  });

  it("uses China Standard Time for the day boundary", () => {
    expect(cstDay(new Date("2026-11-27T15:59:59Z"))).toBe("2026-11-27");
    expect(cstDay(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
  });

  it("counts working days across a weekend", () => {
    // Thursday 10:00 + 2 working days → Monday 10:00.
    expect(addWorkingDays(cst("2026-11-26T10:00:00"), 2, cal)).toEqual(cst("2026-11-30T10:00:00"));
  });

  it("starts counting on Monday for an order accepted on Saturday", () => {
    expect(addWorkingDays(cst("2026-11-28T09:30:00"), 2, cal)).toEqual(cst("2026-12-02T00:00:00"));
  });

  it("skips the National Day week and works the make-up Saturday", () => {
    // Wednesday 30 Sep 16:00 + 2 working days: rest of 30 Sep (8 h), then 1–7 Oct off, Thu 8, Fri 9.
    expect(addWorkingDays(cst("2026-09-30T16:00:00"), 2, cal)).toEqual(cst("2026-10-09T16:00:00"));
    // + 3 working days lands on the make-up Saturday 10 Oct.
    expect(addWorkingDays(cst("2026-09-30T16:00:00"), 3, cal)).toEqual(cst("2026-10-10T16:00:00"));
  });

  it("measures working time between instants", () => {
    expect(workingMsBetween(cst("2026-11-27T12:00:00"), cst("2026-11-30T12:00:00"), cal)).toBe(24 * 3_600_000);
    expect(workingMsBetween(cst("2026-11-30T12:00:00"), cst("2026-11-27T12:00:00"), cal)).toBe(0);
  });
});

describe("deadlines and lights", () => {
  it("gives a complaint 15 working days, a yellow light at 80% and red at the deadline minute", () => {
    const accepted = cst("2026-11-02T09:00:00"); // Monday
    const d = deadlines(accepted, { responseHours: null, resolveDays: 15, resolveHours: null, urgent: false }, cal);
    expect(d.resolveDue).toEqual(cst("2026-11-23T09:00:00"));
    expect(d.warnAt).toEqual(cst("2026-11-18T09:00:00")); // 12 working days
    expect(d.responseDue).toEqual(cst("2026-11-03T09:00:00"));
    expect(light(cst("2026-11-18T08:59:00"), d.warnAt, d.resolveDue)).toBe("green");
    expect(light(cst("2026-11-18T09:00:00"), d.warnAt, d.resolveDue)).toBe("yellow");
    expect(light(cst("2026-11-23T08:59:59"), d.warnAt, d.resolveDue)).toBe("yellow");
    expect(light(cst("2026-11-23T09:00:00"), d.warnAt, d.resolveDue)).toBe("red");
  });

  it("runs urgent limits on the clock, weekends included", () => {
    const accepted = cst("2026-11-28T22:00:00"); // Saturday night
    const d = deadlines(accepted, { responseHours: 1, resolveDays: null, resolveHours: 24, urgent: true }, cal);
    expect(d.responseDue).toEqual(cst("2026-11-28T23:00:00"));
    expect(d.resolveDue).toEqual(cst("2026-11-29T22:00:00"));
    expect(d.warnAt).toEqual(new Date(accepted.getTime() + 0.8 * 24 * 3_600_000));
  });

  it("allows a return until, not at, the end of the second working day", () => {
    const dispatched = cst("2026-11-27T10:00:00"); // Friday
    expect(withinReturnWindow(dispatched, cst("2026-12-01T09:59:59"), cal)).toBe(true);
    expect(withinReturnWindow(dispatched, cst("2026-12-01T10:00:00"), cal)).toBe(false);
  });
});
