// The life of a proposal, in one place: every change of status goes through `transition`, which
// says whether the event is allowed from the current state and what the next state is. Pure.
import type { ProposalStatus, StepOutcome } from "../../db/schema.deliberation.js";
import { decidingStep, type FlowStep } from "./flows.js";

export const PROPOSAL_STATUSES = [
  "draft", // 草稿: the author is writing it
  "collecting", // 征集附议: gathering backing until the deadline
  "lapsed", // 未达附议门槛: the deadline passed without the threshold
  "in_flow", // 审议中: in its decision flow
  "returned", // 退回修改: a step returned it; the author revises and resubmits
  "adopted", // 已通过: the deciding step passed; the remaining steps (implementation...) follow
  "completed", // 已完成: the last step passed
  "rejected", // 未通过: a step rejected it
  "withdrawn", // 已撤回: the author withdrew it
] as const satisfies readonly ProposalStatus[];

export const FINAL_STATUSES: ReadonlySet<ProposalStatus> = new Set(["lapsed", "completed", "rejected", "withdrawn"]);
/** Statuses in which a flow step can be recorded. */
export const STEP_STATUSES: ReadonlySet<ProposalStatus> = new Set(["in_flow", "adopted"]);
/** Statuses in which the text may be edited. */
export const EDITABLE_STATUSES: ReadonlySet<ProposalStatus> = new Set(["draft", "returned"]);

export type Decision = "adopted" | "rejected" | null;
export type ProposalState = { status: ProposalStatus; decision: Decision; currentStep: number | null };

export type ProposalEvent =
  | { type: "edit" }
  | { type: "submit" }
  | { type: "withdraw" }
  | { type: "reach_threshold" }
  | { type: "lapse" }
  | { type: "record_step"; stepIndex: number; outcome: StepOutcome }
  | { type: "resubmit" };

export type Refusal = "wrong_status" | "wrong_step" | "reject_after_adoption" | "no_steps";

export type Transition =
  | { ok: true; to: ProposalState; adopted: boolean; rejected: boolean; completed: boolean }
  | { ok: false; reason: Refusal };

/** The transitions as a table (the ARCHITECTURE.md diagram is drawn from it). */
export const EDGES: { from: ProposalStatus; event: string; to: ProposalStatus }[] = [
  { from: "draft", event: "edit", to: "draft" },
  { from: "draft", event: "submit", to: "collecting" },
  { from: "draft", event: "withdraw", to: "withdrawn" },
  { from: "collecting", event: "withdraw", to: "withdrawn" },
  { from: "collecting", event: "reach_threshold", to: "in_flow" },
  { from: "collecting", event: "lapse", to: "lapsed" },
  { from: "in_flow", event: "pass", to: "in_flow" },
  { from: "in_flow", event: "pass (deciding step)", to: "adopted" },
  { from: "in_flow", event: "pass (last step)", to: "completed" },
  { from: "in_flow", event: "return", to: "returned" },
  { from: "in_flow", event: "reject", to: "rejected" },
  { from: "adopted", event: "pass", to: "adopted" },
  { from: "adopted", event: "pass (last step)", to: "completed" },
  { from: "adopted", event: "return", to: "returned" },
  { from: "returned", event: "edit", to: "returned" },
  { from: "returned", event: "resubmit (not yet adopted)", to: "in_flow" },
  { from: "returned", event: "resubmit (adopted)", to: "adopted" },
  { from: "returned", event: "withdraw (not yet adopted)", to: "withdrawn" },
];

const ok = (to: ProposalState, flags: Partial<{ adopted: boolean; rejected: boolean; completed: boolean }> = {}): Transition => ({
  ok: true,
  to,
  adopted: flags.adopted ?? false,
  rejected: flags.rejected ?? false,
  completed: flags.completed ?? false,
});
const no = (reason: Refusal): Transition => ({ ok: false, reason });

export function transition(s: ProposalState, e: ProposalEvent, steps: FlowStep[]): Transition {
  switch (e.type) {
    case "edit":
      return s.status === "draft" || s.status === "returned" ? ok(s) : no("wrong_status");
    case "submit":
      return s.status === "draft" ? ok({ status: "collecting", decision: null, currentStep: null }) : no("wrong_status");
    case "withdraw":
      if (s.status === "draft" || s.status === "collecting") return ok({ ...s, status: "withdrawn" });
      if (s.status === "returned" && s.decision === null) return ok({ ...s, status: "withdrawn" });
      return no("wrong_status");
    case "reach_threshold":
      if (s.status !== "collecting") return no("wrong_status");
      if (steps.length === 0) return no("no_steps");
      return ok({ status: "in_flow", decision: null, currentStep: 0 });
    case "lapse":
      return s.status === "collecting" ? ok({ ...s, status: "lapsed" }) : no("wrong_status");
    case "resubmit":
      if (s.status !== "returned") return no("wrong_status");
      return ok({ ...s, status: s.decision === "adopted" ? "adopted" : "in_flow" });
    case "record_step": {
      if (s.status !== "in_flow" && s.status !== "adopted") return no("wrong_status");
      if (s.currentStep === null || e.stepIndex !== s.currentStep || e.stepIndex >= steps.length) return no("wrong_step");
      if (e.outcome === "return") return ok({ ...s, status: "returned" });
      if (e.outcome === "reject") {
        if (s.decision === "adopted") return no("reject_after_adoption");
        return ok({ status: "rejected", decision: "rejected", currentStep: s.currentStep }, { rejected: true });
      }
      // pass
      const adoptsNow = s.decision === null && e.stepIndex >= decidingStep(steps);
      const decision: Decision = adoptsNow ? "adopted" : s.decision;
      if (e.stepIndex === steps.length - 1) {
        return ok({ status: "completed", decision, currentStep: null }, { adopted: adoptsNow, completed: true });
      }
      return ok(
        { status: decision === "adopted" ? "adopted" : "in_flow", decision, currentStep: e.stepIndex + 1 },
        { adopted: adoptsNow },
      );
    }
  }
}

/** The mermaid state diagram of EDGES, for ARCHITECTURE.md. */
export function mermaid(): string {
  const lines = ["stateDiagram-v2", "  [*] --> draft"];
  for (const e of EDGES) if (e.from !== e.to || e.event !== "edit") lines.push(`  ${e.from} --> ${e.to}: ${e.event}`);
  for (const f of FINAL_STATUSES) lines.push(`  ${f} --> [*]`);
  return lines.join("\n");
}
