import { describe, expect, it } from "vitest";
import {
  BUDGET_PHASES,
  type BudgetPhase,
  ballotProblem,
  canMove,
  compareMoney,
  costingProblem,
  defaultFund,
  money,
  moveProblem,
  nextPhase,
  type RoundFacts,
  sumMoney,
} from "./rules.js";

const facts = (f: Partial<RoundFacts> = {}): RoundFacts => ({
  ideas: 2,
  unassessed: 0,
  feasible: 1,
  overFund: 0,
  ballotRule: "knapsack",
  maxChoices: null,
  hasReason: false,
  ...f,
});

describe("phase machine", () => {
  it("goes collect → costing → voting → results → implementation, then stops", () => {
    expect(BUDGET_PHASES.map(nextPhase)).toEqual(["costing", "voting", "results", "implementation", null]);
    expect(nextPhase("cancelled")).toBeNull();
  });

  it("allows only one step forward, or cancel before results", () => {
    const all: BudgetPhase[] = [...BUDGET_PHASES, "cancelled"];
    const allowed = all.flatMap((from) => all.filter((to) => canMove(from, to)).map((to) => `${from}>${to}`));
    expect(allowed).toEqual([
      "collect>costing",
      "collect>cancelled",
      "costing>voting",
      "costing>cancelled",
      "voting>results",
      "voting>cancelled",
      "results>implementation",
    ]);
  });

  it("refuses backward moves, skipping and leaving a terminal phase", () => {
    expect(moveProblem("costing", "collect", facts())).toBe("budget_bad_transition");
    expect(moveProblem("collect", "voting", facts())).toBe("budget_bad_transition");
    expect(moveProblem("implementation", "cancelled", facts({ hasReason: true }))).toBe("budget_bad_transition");
    expect(moveProblem("results", "cancelled", facts({ hasReason: true }))).toBe("budget_bad_transition");
    expect(moveProblem("cancelled", "collect", facts())).toBe("budget_bad_transition");
  });

  it("needs an idea before costing", () => {
    expect(moveProblem("collect", "costing", facts({ ideas: 0, feasible: 0 }))).toBe("budget_no_ideas");
    expect(moveProblem("collect", "costing", facts({ ideas: 1, unassessed: 1, feasible: 0 }))).toBeNull();
  });

  it("needs every idea assessed and one feasible costed idea before voting", () => {
    expect(moveProblem("costing", "voting", facts({ unassessed: 1 }))).toBe("budget_unassessed_ideas");
    expect(moveProblem("costing", "voting", facts({ feasible: 0 }))).toBe("budget_no_feasible_idea");
    expect(moveProblem("costing", "voting", facts({ feasible: 1 }))).toBeNull();
    expect(moveProblem("costing", "voting", facts({ overFund: 1 }))).toBe("budget_idea_over_fund");
  });

  it("needs k for an up-to-k ballot", () => {
    expect(moveProblem("costing", "voting", facts({ ballotRule: "up_to_k" }))).toBe("budget_max_choices_required");
    expect(moveProblem("costing", "voting", facts({ ballotRule: "up_to_k", maxChoices: 0 }))).toBe("budget_max_choices_required");
    expect(moveProblem("costing", "voting", facts({ ballotRule: "up_to_k", maxChoices: 1 }))).toBeNull();
  });

  it("needs a reason to cancel", () => {
    expect(moveProblem("voting", "cancelled", facts())).toBe("budget_cancel_reason_required");
    expect(moveProblem("voting", "cancelled", facts({ hasReason: true }))).toBeNull();
    expect(moveProblem("collect", "cancelled", facts({ ideas: 0, hasReason: true }))).toBeNull();
  });

  it("has no guard on results and implementation", () => {
    expect(moveProblem("voting", "results", facts())).toBeNull();
    expect(moveProblem("results", "implementation", facts())).toBeNull();
  });
});

describe("money", () => {
  it("defaults to Jinjiang's funds", () => {
    expect(defaultFund("community")).toBe("240000.00");
    expect(defaultFund("street")).toBe("1250000.00");
    expect(defaultFund("grid")).toBeNull();
  });

  it("normalises amounts and refuses bad ones", () => {
    expect(money("240000")).toBe("240000.00");
    expect(money(" 740793.05 ")).toBe("740793.05");
    expect(money(12.5)).toBe("12.50");
    expect(money("007")).toBe("7.00");
    expect(money("1.234")).toBeNull();
    expect(money("-1")).toBeNull();
    expect(money("1e5")).toBeNull();
    expect(money("1234567890123")).toBeNull(); // numeric(14,2) holds 12 integer digits
  });

  it("compares and sums exactly", () => {
    expect(compareMoney("0.30", "0.3")).toBe(0);
    expect(compareMoney("240000.01", "240000")).toBe(1);
    expect(compareMoney("9", "10.00")).toBe(-1);
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30");
    expect(sumMoney([])).toBe("0.00");
  });
});

describe("costingProblem", () => {
  it("feasible needs a cost within the fund", () => {
    expect(costingProblem({ feasible: true, cost: null, note: null }, "100")).toEqual({
      field: "cost",
      code: "budget_cost_required",
    });
    expect(costingProblem({ feasible: true, cost: "100.00", note: null }, "100")).toBeNull();
    expect(costingProblem({ feasible: true, cost: "100.01", note: null }, "100")).toEqual({
      field: "cost",
      code: "budget_cost_over_fund",
    });
  });

  it("infeasible needs a reason", () => {
    expect(costingProblem({ feasible: false, cost: null, note: " " }, "100")).toEqual({
      field: "note",
      code: "budget_reason_required",
    });
    expect(costingProblem({ feasible: false, cost: null, note: "不在公共区域" }, "100")).toBeNull();
  });
});

describe("ballotProblem", () => {
  const options = [
    { id: "a", cost: "150000.00" },
    { id: "b", cost: "90000.00" },
    { id: "c", cost: "0.01" },
  ];
  const knapsack = { ballotRule: "knapsack" as const, fund: "240000.00", maxChoices: null };

  it("knapsack: total up to the fund, not a cent more", () => {
    expect(ballotProblem(["a", "b"], options, knapsack)).toBeNull();
    expect(ballotProblem(["a", "b", "c"], options, knapsack)).toBe("budget_ballot_over_fund");
    expect(ballotProblem([], options, knapsack)).toBeNull();
  });

  it("up to k: at most k choices whatever they cost", () => {
    const k2 = { ballotRule: "up_to_k" as const, fund: "1.00", maxChoices: 2 };
    expect(ballotProblem(["a", "b"], options, k2)).toBeNull();
    expect(ballotProblem(["a", "b", "c"], options, k2)).toBe("budget_ballot_too_many");
  });

  it("refuses unknown and repeated options", () => {
    expect(ballotProblem(["x"], options, knapsack)).toBe("budget_ballot_unknown");
    expect(ballotProblem(["c", "c"], options, knapsack)).toBe("budget_ballot_repeat");
  });
});
