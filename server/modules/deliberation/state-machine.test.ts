import { describe, expect, it } from "vitest";
import { BUILTIN_FLOWS, checkFlow, decidingStep } from "./flows.js";
import { checkVote } from "./proposals.service.js";
import { EDGES, mermaid, PROPOSAL_STATUSES, type ProposalState, transition } from "./state-machine.js";

const statutory = BUILTIN_FLOWS.find((f) => f.code === "statutory")?.steps ?? [];
const three = BUILTIN_FLOWS.find((f) => f.code === "three_meetings")?.steps ?? [];
const zjg = BUILTIN_FLOWS.find((f) => f.code === "zhangjiagang")?.steps ?? [];
const s = (status: ProposalState["status"], currentStep: number | null = null, decision: ProposalState["decision"] = null) => ({
  status,
  decision,
  currentStep,
});

describe("templates", () => {
  it("are the three built-ins with their steps", () => {
    expect(statutory.map((x) => x.key)).toEqual(["discuss", "review", "vote", "implement", "supervise", "evaluate"]);
    expect(three.map((x) => x.key)).toEqual(["hearing", "coordination", "evaluation"]);
    expect(zjg.map((x) => x.key)).toEqual(["collect", "choose_form", "draft", "sign", "publish", "execute"]);
    for (const f of BUILTIN_FLOWS) expect(checkFlow(f)).toEqual([]);
    expect(decidingStep(statutory)).toBe(2);
    expect(decidingStep([{ key: "a", kind: "discuss", nameZh: "a", nameEn: "a" }])).toBe(0);
  });
  it("a district's template is checked", () => {
    const bad = checkFlow({
      code: "Bad Code",
      nameZh: "x",
      nameEn: "x",
      steps: [
        { key: "a", kind: "vote", nameZh: "a", nameEn: "a", decides: true },
        { key: "a", kind: "vote", nameZh: "b", nameEn: "b", decides: true },
      ],
    });
    expect(bad.map((p) => p.reason)).toEqual(["invalid_value", "duplicate_key", "two_deciding_steps"]);
  });
});

describe("before the flow", () => {
  it("draft → collecting on submit; anything else refuses submit", () => {
    expect(transition(s("draft"), { type: "submit" }, statutory)).toMatchObject({ ok: true, to: { status: "collecting" } });
    for (const st of PROPOSAL_STATUSES.filter((x) => x !== "draft"))
      expect(transition(s(st), { type: "submit" }, statutory)).toEqual({ ok: false, reason: "wrong_status" });
  });
  it("collecting → in_flow at step 0 on reaching the threshold", () => {
    expect(transition(s("collecting"), { type: "reach_threshold" }, statutory)).toMatchObject({
      ok: true,
      to: { status: "in_flow", currentStep: 0, decision: null },
    });
    expect(transition(s("collecting"), { type: "reach_threshold" }, [])).toEqual({ ok: false, reason: "no_steps" });
    expect(transition(s("draft"), { type: "reach_threshold" }, statutory).ok).toBe(false);
  });
  it("collecting → lapsed; only from collecting", () => {
    expect(transition(s("collecting"), { type: "lapse" }, statutory)).toMatchObject({ ok: true, to: { status: "lapsed" } });
    expect(transition(s("in_flow", 0), { type: "lapse" }, statutory).ok).toBe(false);
  });
  it("edit only in draft or returned", () => {
    for (const st of PROPOSAL_STATUSES)
      expect(transition(s(st, 0), { type: "edit" }, statutory).ok).toBe(st === "draft" || st === "returned");
  });
  it("withdraw from draft, collecting, and returned before adoption", () => {
    expect(transition(s("draft"), { type: "withdraw" }, statutory)).toMatchObject({ ok: true, to: { status: "withdrawn" } });
    expect(transition(s("collecting"), { type: "withdraw" }, statutory).ok).toBe(true);
    expect(transition(s("returned", 1), { type: "withdraw" }, statutory).ok).toBe(true);
    expect(transition(s("returned", 3, "adopted"), { type: "withdraw" }, statutory).ok).toBe(false);
    expect(transition(s("in_flow", 0), { type: "withdraw" }, statutory).ok).toBe(false);
    expect(transition(s("adopted", 3, "adopted"), { type: "withdraw" }, statutory).ok).toBe(false);
  });
});

describe("the statutory flow", () => {
  const pass = (stepIndex: number) => ({ type: "record_step" as const, stepIndex, outcome: "pass" as const });
  it("passes discuss and review, adopts at the vote, completes at evaluation", () => {
    let st: ProposalState = s("in_flow", 0);
    const seen: string[] = [];
    for (let i = 0; i < statutory.length; i++) {
      const t = transition(st, pass(i), statutory);
      if (!t.ok) throw new Error(t.reason);
      expect(t.adopted).toBe(i === 2);
      expect(t.completed).toBe(i === 5);
      st = t.to;
      seen.push(st.status);
    }
    expect(seen).toEqual(["in_flow", "in_flow", "adopted", "adopted", "adopted", "completed"]);
    expect(st).toEqual({ status: "completed", decision: "adopted", currentStep: null });
  });
  it("refuses a step that is not the current one", () => {
    expect(transition(s("in_flow", 1), pass(0), statutory)).toEqual({ ok: false, reason: "wrong_step" });
    expect(transition(s("in_flow", 1), pass(2), statutory)).toEqual({ ok: false, reason: "wrong_step" });
  });
  it("refuses steps outside the flow statuses", () => {
    for (const st of ["draft", "collecting", "lapsed", "returned", "completed", "rejected", "withdrawn"] as const)
      expect(transition(s(st, 0), pass(0), statutory)).toEqual({ ok: false, reason: "wrong_status" });
  });
  it("return → returned at the same step; resubmit → in_flow at the same step", () => {
    const r = transition(s("in_flow", 1), { type: "record_step", stepIndex: 1, outcome: "return" }, statutory);
    expect(r).toMatchObject({ ok: true, to: { status: "returned", currentStep: 1 } });
    if (!r.ok) return;
    const back = transition(r.to, { type: "resubmit" }, statutory);
    expect(back).toMatchObject({ ok: true, to: { status: "in_flow", currentStep: 1, decision: null } });
    expect(transition(s("in_flow", 1), { type: "resubmit" }, statutory).ok).toBe(false);
  });
  it("a returned adopted proposal goes back to adopted", () => {
    const r = transition(s("adopted", 3, "adopted"), { type: "record_step", stepIndex: 3, outcome: "return" }, statutory);
    expect(r).toMatchObject({ ok: true, to: { status: "returned", decision: "adopted" } });
    if (!r.ok) return;
    expect(transition(r.to, { type: "resubmit" }, statutory)).toMatchObject({
      ok: true,
      to: { status: "adopted", currentStep: 3 },
    });
  });
  it("reject → rejected before adoption; refused after", () => {
    const r = transition(s("in_flow", 2), { type: "record_step", stepIndex: 2, outcome: "reject" }, statutory);
    expect(r).toMatchObject({ ok: true, rejected: true, to: { status: "rejected", decision: "rejected" } });
    expect(transition(s("adopted", 4, "adopted"), { type: "record_step", stepIndex: 4, outcome: "reject" }, statutory)).toEqual({
      ok: false,
      reason: "reject_after_adoption",
    });
  });
});

describe("other flows", () => {
  it("three meetings: adopted at coordination, completed at evaluation", () => {
    const a = transition(s("in_flow", 1), { type: "record_step", stepIndex: 1, outcome: "pass" }, three);
    expect(a).toMatchObject({ ok: true, adopted: true, to: { status: "adopted", currentStep: 2 } });
    const c = transition(s("adopted", 2, "adopted"), { type: "record_step", stepIndex: 2, outcome: "pass" }, three);
    expect(c).toMatchObject({ ok: true, adopted: false, completed: true, to: { status: "completed" } });
  });
  it("Zhangjiagang: adopted when signed", () => {
    const a = transition(s("in_flow", 3), { type: "record_step", stepIndex: 3, outcome: "pass" }, zjg);
    expect(a).toMatchObject({ ok: true, adopted: true, to: { status: "adopted", currentStep: 4 } });
  });
  it("a flow without a deciding step adopts and completes at its last step", () => {
    const one = [{ key: "only", kind: "discuss" as const, nameZh: "议", nameEn: "Discuss" }];
    expect(transition(s("in_flow", 0), { type: "record_step", stepIndex: 0, outcome: "pass" }, one)).toMatchObject({
      ok: true,
      adopted: true,
      completed: true,
      to: { status: "completed", decision: "adopted" },
    });
  });
});

describe("vote steps", () => {
  const closed = (passed: boolean | null, status = "closed", proposal_id: string | null = "p1") => ({
    status,
    passed,
    proposal_id,
  });
  it("a passed vote agrees only with pass; a failed one only with return or reject", () => {
    expect(checkVote(closed(true), "p1", "pass")).toBeNull();
    expect(checkVote(closed(true), "p1", "reject")?.code).toBe("deliberation_vote_disagrees");
    expect(checkVote(closed(false), "p1", "pass")?.code).toBe("deliberation_vote_disagrees");
    expect(checkVote(closed(false), "p1", "reject")).toBeNull();
    expect(checkVote(closed(false, "published"), "p1", "return")).toBeNull();
  });
  it("an open vote, another proposal's vote or no vote is refused", () => {
    expect(checkVote(closed(null, "open"), "p1", "pass")?.code).toBe("deliberation_vote_not_closed");
    expect(checkVote(closed(true, "open"), "p1", "pass")?.code).toBe("deliberation_vote_not_closed");
    expect(checkVote(closed(true, "closed", "p2"), "p1", "pass")?.code).toBe("deliberation_vote_other_proposal");
    expect(checkVote(null, "p1", "pass")?.code).toBe("unknown_reference");
  });
});

describe("diagram", () => {
  it("draws every edge", () => {
    const d = mermaid();
    expect(d.startsWith("stateDiagram-v2")).toBe(true);
    expect(d).toContain("collecting --> in_flow: reach_threshold");
    expect(EDGES.length).toBeGreaterThan(10);
  });
});
