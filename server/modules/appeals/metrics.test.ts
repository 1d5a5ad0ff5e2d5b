import { describe, expect, it } from "vitest";
import { type OrderFacts, ratesOf, sumUp } from "./metrics.js";

const h = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000);
const base: OrderFacts = {
  status: "archived",
  acceptedAt: h(0),
  responseDueAt: h(24),
  resolveDueAt: h(240),
  contactedAt: null,
  answeredAt: null,
  resolved: null,
  satisfaction: null,
};
const now = h(1000);

// Hand-counted: see the comment beside each order.
const fixture: OrderFacts[] = [
  { ...base, contactedAt: h(2), answeredAt: h(50), resolved: true, satisfaction: "satisfied" }, // on time all round
  { ...base, contactedAt: h(24), answeredAt: h(240), resolved: true, satisfaction: "basic" }, // both at the deadline minute: on time
  { ...base, contactedAt: h(30), answeredAt: h(300), resolved: false, satisfaction: "dissatisfied" }, // late, late, unresolved
  { ...base, status: "in_progress", contactedAt: h(5) }, // open, resolution past due unanswered
  { ...base, status: "dispatched", acceptedAt: h(990), responseDueAt: h(1014), resolveDueAt: h(1200) }, // nothing settled yet
  { ...base, status: "voided", contactedAt: h(1) }, // left out
  { ...base, status: "merged" }, // left out
];

describe("the three rates", () => {
  it("counts a hand-made fixture exactly", () => {
    const s = sumUp(fixture, now);
    expect(s).toEqual({
      orders: 5,
      responseSettled: 4,
      respondedOnTime: 3,
      callbacks: 3,
      resolved: 2,
      satisfied: 2,
      resolveSettled: 4,
      answeredOnTime: 2,
      answered: 3,
      handlingHoursTotal: 50 + 240 + 300,
    });
    expect(ratesOf(s)).toEqual({
      orders: 5,
      responseRate: 3 / 4,
      resolutionRate: 2 / 3,
      satisfactionRate: 2 / 3,
      onTimeRate: 2 / 4,
      averageHandlingHours: 590 / 3,
    });
  });

  it("gives null, not zero, when there is nothing to count", () => {
    expect(ratesOf(sumUp([], now))).toEqual({
      orders: 0,
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      onTimeRate: null,
      averageHandlingHours: null,
    });
  });
});
