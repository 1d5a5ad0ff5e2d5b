import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  actionsFrom,
  afterCallback,
  decide,
  type Part,
  RULES,
  STATUSES,
  type Status,
} from "./state-machine.js";

const ALL_PARTS: Part[] = ["dispatcher", "unit", "supervisor", "reporter", "callback"];
const facts = (status: Status, parts: Part[], extra = {}) => ({
  status,
  parts: new Set(parts),
  withinReturnWindow: true,
  voidRequested: true,
  verdict: { resolved: true, satisfaction: "satisfied" as const },
  suspendedFrom: "signed" as Status,
  ...extra,
});

// The expected table, written out by hand so a change to RULES must be made twice on purpose.
const EXPECTED: Record<Action, { from: Status[]; part: Part; to: Status }> = {
  dispatch: { from: ["accepted", "returned"], part: "dispatcher", to: "dispatched" },
  redispatch: { from: ["dispatched", "signed", "in_progress"], part: "dispatcher", to: "dispatched" },
  sign: { from: ["dispatched"], part: "unit", to: "signed" },
  return: { from: ["dispatched", "signed"], part: "unit", to: "returned" },
  contact: { from: ["dispatched", "signed", "in_progress"], part: "unit", to: "dispatched" },
  progress: { from: ["signed", "in_progress"], part: "unit", to: "in_progress" },
  answer: { from: ["signed", "in_progress"], part: "unit", to: "answered" },
  callback: { from: ["answered"], part: "callback", to: "archived" },
  suspend: { from: ["dispatched", "signed", "in_progress"], part: "unit", to: "suspended" },
  resume: { from: ["suspended"], part: "unit", to: "signed" },
  supervise: {
    from: ["accepted", "dispatched", "signed", "in_progress", "returned", "suspended"],
    part: "supervisor",
    to: "accepted",
  },
  request_extension: { from: ["signed", "in_progress"], part: "unit", to: "signed" },
  decide_extension: { from: ["signed", "in_progress", "suspended"], part: "supervisor", to: "signed" },
  request_void: { from: ["accepted", "returned", "dispatched"], part: "dispatcher", to: "accepted" },
  approve_void: { from: ["accepted", "returned", "dispatched"], part: "supervisor", to: "voided" },
  refuse_void: { from: ["accepted", "returned", "dispatched"], part: "supervisor", to: "accepted" },
  merge: { from: ["accepted", "returned"], part: "dispatcher", to: "merged" },
};
const SAME = new Set<Action>(["contact", "supervise", "request_extension", "decide_extension", "request_void", "refuse_void"]);

describe("work order state machine", () => {
  for (const action of ACTIONS) {
    for (const status of STATUSES) {
      const allowed = EXPECTED[action].from.includes(status);
      it(`${action} from ${status} is ${allowed ? "allowed" : "refused"}`, () => {
        const extra = action === "request_void" ? { voidRequested: false } : {};
        const d = decide(action, facts(status, [EXPECTED[action].part], extra));
        if (!allowed) {
          expect(d).toEqual({ ok: false, reason: "status" });
          return;
        }
        const to = SAME.has(action) ? status : EXPECTED[action].to;
        expect(d).toEqual({ ok: true, to, reopen: false });
      });
    }
    it(`${action} is refused to everyone without the right part`, () => {
      const status = EXPECTED[action].from[0];
      const others = ALL_PARTS.filter((p) => !RULES[action].parts.includes(p));
      for (const p of others) expect(decide(action, facts(status, [p]))).toEqual({ ok: false, reason: "part" });
    });
  }

  it("refuses a return after the 2-working-day window", () => {
    expect(decide("return", facts("dispatched", ["unit"], { withinReturnWindow: false }))).toEqual({
      ok: false,
      reason: "return_window",
    });
  });

  it("needs a pending void request before approval, and only one at a time", () => {
    expect(decide("approve_void", facts("accepted", ["supervisor"], { voidRequested: false }))).toEqual({
      ok: false,
      reason: "no_void_request",
    });
    expect(decide("request_void", facts("accepted", ["dispatcher"], { voidRequested: true }))).toEqual({
      ok: false,
      reason: "void_pending",
    });
  });

  it("reopens on an unresolved or dissatisfied call-back and archives otherwise", () => {
    expect(afterCallback({ resolved: true, satisfaction: "satisfied" })).toEqual({ to: "archived", reopen: false });
    expect(afterCallback({ resolved: true, satisfaction: "basic" })).toEqual({ to: "archived", reopen: false });
    expect(afterCallback({ resolved: true, satisfaction: "dissatisfied" })).toEqual({ to: "dispatched", reopen: true });
    expect(afterCallback({ resolved: false, satisfaction: "satisfied" })).toEqual({ to: "dispatched", reopen: true });
    expect(decide("callback", facts("answered", ["reporter"], { verdict: { resolved: false, satisfaction: "basic" } }))).toEqual({
      ok: true,
      to: "dispatched",
      reopen: true,
    });
  });

  it("resumes to the status the order was suspended from", () => {
    expect(decide("resume", facts("suspended", ["dispatcher"], { suspendedFrom: "in_progress" }))).toEqual({
      ok: true,
      to: "in_progress",
      reopen: false,
    });
  });

  it("offers a unit exactly its actions on a dispatched order", () => {
    expect(actionsFrom("dispatched", new Set<Part>(["unit"]))).toEqual(["sign", "return", "contact", "suspend"]);
    expect(actionsFrom("archived", new Set<Part>(ALL_PARTS))).toEqual([]);
  });
});
