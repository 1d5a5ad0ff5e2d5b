// The closed loop of a work order, in one place. Every change of an order goes through `decide`,
// which says whether the action is allowed from the current status, for this actor's part in the
// order, and what the next status is. Pure: the service supplies the facts, this decides.

export const STATUSES = [
  "accepted", // 受理: in, waiting for the dispatcher
  "dispatched", // 派单: sent to a handling unit, waiting for it to sign
  "signed", // 签收: the unit has taken it
  "in_progress", // 处置: the unit is working on it
  "answered", // 办结: the unit has answered, waiting for the call-back
  "archived", // 归档: call-back done, closed for good
  "returned", // 退单: the unit sent it back to the dispatcher
  "suspended", // 挂起: paused with a reason
  "voided", // 作废: cancelled with approval
  "merged", // 合并: folded into another order
] as const;
export type Status = (typeof STATUSES)[number];

export const OPEN: ReadonlySet<Status> = new Set(["accepted", "dispatched", "signed", "in_progress", "returned", "suspended"]);
export const FINAL: ReadonlySet<Status> = new Set(["archived", "voided", "merged"]);

/** Who the actor is in relation to this order. An actor can hold several parts at once. */
export type Part = "dispatcher" | "unit" | "supervisor" | "reporter" | "callback";

export const ACTIONS = [
  "dispatch",
  "redispatch",
  "sign",
  "return",
  "contact",
  "progress",
  "answer",
  "callback",
  "suspend",
  "resume",
  "supervise",
  "request_extension",
  "decide_extension",
  "request_void",
  "approve_void",
  "refuse_void",
  "merge",
] as const;
export type Action = (typeof ACTIONS)[number];

type Rule = { from: readonly Status[]; parts: readonly Part[]; to: Status | "same" | "resume" | "verdict" };

// The table the diagram in ARCHITECTURE.md is drawn from.
export const RULES: Record<Action, Rule> = {
  dispatch: { from: ["accepted", "returned"], parts: ["dispatcher"], to: "dispatched" },
  redispatch: { from: ["dispatched", "signed", "in_progress"], parts: ["dispatcher"], to: "dispatched" },
  sign: { from: ["dispatched"], parts: ["unit"], to: "signed" },
  return: { from: ["dispatched", "signed"], parts: ["unit"], to: "returned" },
  contact: { from: ["dispatched", "signed", "in_progress"], parts: ["unit"], to: "same" },
  progress: { from: ["signed", "in_progress"], parts: ["unit"], to: "in_progress" },
  answer: { from: ["signed", "in_progress"], parts: ["unit"], to: "answered" },
  callback: { from: ["answered"], parts: ["callback", "reporter"], to: "verdict" },
  suspend: { from: ["dispatched", "signed", "in_progress"], parts: ["unit", "dispatcher"], to: "suspended" },
  resume: { from: ["suspended"], parts: ["unit", "dispatcher"], to: "resume" },
  supervise: {
    from: ["accepted", "dispatched", "signed", "in_progress", "returned", "suspended"],
    parts: ["supervisor"],
    to: "same",
  },
  request_extension: { from: ["signed", "in_progress"], parts: ["unit"], to: "same" },
  decide_extension: { from: ["signed", "in_progress", "suspended"], parts: ["supervisor"], to: "same" },
  request_void: { from: ["accepted", "returned", "dispatched"], parts: ["dispatcher"], to: "same" },
  approve_void: { from: ["accepted", "returned", "dispatched"], parts: ["supervisor"], to: "voided" },
  refuse_void: { from: ["accepted", "returned", "dispatched"], parts: ["supervisor"], to: "same" },
  merge: { from: ["accepted", "returned"], parts: ["dispatcher"], to: "merged" },
};

export type Verdict = { resolved: boolean; satisfaction: "satisfied" | "basic" | "dissatisfied" };

/** A call-back closes the order when resolved and not dissatisfied; otherwise the order is redone. */
export function afterCallback(v: Verdict): { to: "archived" | "dispatched"; reopen: boolean } {
  if (v.resolved && v.satisfaction !== "dissatisfied") return { to: "archived", reopen: false };
  return { to: "dispatched", reopen: true };
}

export type Decision =
  | { ok: true; to: Status; reopen: boolean }
  | { ok: false; reason: "status" | "part" | "return_window" | "void_pending" | "no_void_request" };

export type Facts = {
  status: Status;
  parts: ReadonlySet<Part>;
  /** For `return`: whether we are still within 2 working days of dispatch. */
  withinReturnWindow?: boolean;
  suspendedFrom?: Status | null;
  voidRequested?: boolean;
  verdict?: Verdict;
};

export function decide(action: Action, f: Facts): Decision {
  const rule = RULES[action];
  if (!rule.from.includes(f.status)) return { ok: false, reason: "status" };
  if (!rule.parts.some((p) => f.parts.has(p))) return { ok: false, reason: "part" };
  if (action === "return" && !f.withinReturnWindow) return { ok: false, reason: "return_window" };
  if (action === "request_void" && f.voidRequested) return { ok: false, reason: "void_pending" };
  if ((action === "approve_void" || action === "refuse_void") && !f.voidRequested)
    return { ok: false, reason: "no_void_request" };
  if (rule.to === "same") return { ok: true, to: f.status, reopen: false };
  if (rule.to === "resume") return { ok: true, to: f.suspendedFrom ?? "dispatched", reopen: false };
  if (rule.to === "verdict") {
    const v = afterCallback(f.verdict ?? { resolved: false, satisfaction: "dissatisfied" });
    return { ok: true, to: v.to, reopen: v.reopen };
  }
  return { ok: true, to: rule.to, reopen: false };
}

/** Statuses an action may start from: used by the UI to offer only what is possible. */
export function actionsFrom(status: Status, parts: ReadonlySet<Part>): Action[] {
  return ACTIONS.filter((a) => RULES[a].from.includes(status) && RULES[a].parts.some((p) => parts.has(p)));
}
