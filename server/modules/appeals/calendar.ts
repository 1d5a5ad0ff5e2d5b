// Working-time arithmetic for time limits (时限). Days are China Standard Time (UTC+8, no DST).
// A working day is Monday–Friday unless listed as a holiday, or any day listed as a make-up
// working day (调休上班). Time limits in working days count working time from the moment of
// acceptance: each working day contributes its 24 hours, other days none. So an order accepted on
// Monday 10:00 with 2 working days is due Wednesday 10:00; one accepted on Saturday is due at the
// end of Tuesday. Urgent limits are clock hours: emergencies do not wait for Monday. Pure.

export type Calendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDay(t: Date | number): string {
  return new Date(Number(t) + CST).toISOString().slice(0, 10);
}

/** The instant a CST calendar day starts. */
export function cstMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CST;
}

export function isWorkingDay(day: string, cal: Calendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The instant when `ms` of working time has passed since `start`. */
export function addWorkingMs(start: Date, ms: number, cal: Calendar): Date {
  let cursor = start.getTime();
  let remaining = ms;
  for (let guard = 0; guard < 3660; guard++) {
    const day = cstDay(cursor);
    const dayEnd = cstMidnight(day) + DAY;
    if (isWorkingDay(day, cal)) {
      if (remaining <= dayEnd - cursor) return new Date(cursor + remaining);
      remaining -= dayEnd - cursor;
    }
    cursor = dayEnd;
  }
  throw new Error("time limit beyond ten years");
}

/** Working time between two instants (0 when b is not after a). */
export function workingMsBetween(a: Date, b: Date, cal: Calendar): number {
  let cursor = a.getTime();
  const end = b.getTime();
  let total = 0;
  while (cursor < end) {
    const day = cstDay(cursor);
    const dayEnd = Math.min(cstMidnight(day) + DAY, end);
    if (isWorkingDay(day, cal)) total += dayEnd - cursor;
    cursor = dayEnd;
  }
  return total;
}

export const addWorkingDays = (start: Date, days: number, cal: Calendar) => addWorkingMs(start, days * DAY, cal);

export type Limits = { responseHours: number | null; resolveDays: number | null; resolveHours: number | null; urgent: boolean };

export type Deadlines = { responseDue: Date; resolveDue: Date; warnAt: Date };

/** Yellow at 80% of the resolution time, red at 100%. */
export const WARN_SHARE = 0.8;

export function deadlines(acceptedAt: Date, limits: Limits, cal: Calendar): Deadlines {
  // Urgent matters run on the clock; the rest on working time (default: contact within 1 working day).
  const responseDue =
    limits.responseHours !== null && limits.urgent
      ? new Date(acceptedAt.getTime() + limits.responseHours * 3_600_000)
      : addWorkingMs(acceptedAt, (limits.responseHours ?? 24) * 3_600_000, cal);
  if (limits.resolveHours !== null) {
    const ms = limits.resolveHours * 3_600_000;
    const resolveDue = limits.urgent ? new Date(acceptedAt.getTime() + ms) : addWorkingMs(acceptedAt, ms, cal);
    const warnAt = limits.urgent
      ? new Date(acceptedAt.getTime() + ms * WARN_SHARE)
      : addWorkingMs(acceptedAt, ms * WARN_SHARE, cal);
    return { responseDue, resolveDue, warnAt };
  }
  const days = limits.resolveDays ?? 15;
  return {
    responseDue,
    resolveDue: addWorkingDays(acceptedAt, days, cal),
    warnAt: addWorkingMs(acceptedAt, days * DAY * WARN_SHARE, cal),
  };
}

export type Light = "green" | "yellow" | "red";

/** The traffic light of an open order at `now`. */
export function light(now: Date, warnAt: Date, due: Date): Light {
  if (now.getTime() >= due.getTime()) return "red";
  if (now.getTime() >= warnAt.getTime()) return "yellow";
  return "green";
}

/** A unit may return an order only within 2 working days of its dispatch. */
export function withinReturnWindow(dispatchedAt: Date, now: Date, cal: Calendar): boolean {
  return now.getTime() < addWorkingDays(dispatchedAt, 2, cal).getTime();
}

// The State Council's 2026 schedule (国办发明电〔2025〕号): public holidays and make-up working days.
export const HOLIDAYS_2026: { day: string; kind: "holiday" | "workday"; name: string }[] = [
  ...range("2026-01-01", 3, "holiday", "元旦"),
  { day: "2026-01-04", kind: "workday", name: "元旦调休" },
  { day: "2026-02-14", kind: "workday", name: "春节调休" },
  ...range("2026-02-15", 9, "holiday", "春节"),
  { day: "2026-02-28", kind: "workday", name: "春节调休" },
  ...range("2026-04-04", 3, "holiday", "清明节"),
  ...range("2026-05-01", 5, "holiday", "劳动节"),
  { day: "2026-05-09", kind: "workday", name: "劳动节调休" },
  ...range("2026-06-19", 3, "holiday", "端午节"),
  { day: "2026-09-20", kind: "workday", name: "国庆节调休" },
  ...range("2026-09-25", 3, "holiday", "中秋节"),
  ...range("2026-10-01", 7, "holiday", "国庆节"),
  { day: "2026-10-10", kind: "workday", name: "国庆节调休" },
];

function range(first: string, n: number, kind: "holiday" | "workday", name: string) {
  return Array.from({ length: n }, (_, i) => ({
    day: new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10),
    kind,
    name,
  }));
}

export function calendarOf(rows: { day: string; kind: string }[]): Calendar {
  return {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.day)),
  };
}
