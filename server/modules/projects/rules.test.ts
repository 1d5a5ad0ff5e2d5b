import { describe, expect, it } from "vitest";
import {
  acceptsProgress,
  canMoveAgreement,
  canMoveProject,
  canMoveVersion,
  childrenAllowDone,
  effectiveDateAllowed,
  milestoneProgress,
  nextProjectStatuses,
  normalizeMoney,
  parentProgress,
  pathsRelated,
  signerTypesFor,
  statusAfterProgress,
  toCents,
  toProgressHundredths,
} from "./rules.js";

describe("parentProgress", () => {
  it("weights children by budget: 100k at 50% and 300k at 100% make 87.50%", () => {
    expect(
      parentProgress([
        { budget: "100000.00", progress: "50.00" },
        { budget: "300000.00", progress: "100.00" },
      ]),
    ).toBe("87.50");
  });

  it("falls back to the plain mean when every budget is zero", () => {
    expect(
      parentProgress([
        { budget: "0", progress: "50" },
        { budget: "0.00", progress: "100" },
      ]),
    ).toBe("75.00");
  });

  it("a zero-budget child weighs nothing when others have budgets", () => {
    expect(
      parentProgress([
        { budget: "0", progress: "0" },
        { budget: "100", progress: "40" },
      ]),
    ).toBe("40.00");
  });

  it("rounds half up to two decimals, exactly", () => {
    // (1 × 0 + 2 × 100) / 3 = 66.666… → 66.67; (1 × 100 + 2 × 0) / 3 = 33.333… → 33.33
    expect(
      parentProgress([
        { budget: "1", progress: "0" },
        { budget: "2", progress: "100" },
      ]),
    ).toBe("66.67");
    expect(
      parentProgress([
        { budget: "1", progress: "100" },
        { budget: "2", progress: "0" },
      ]),
    ).toBe("33.33");
    // 0.005 exactly rounds up: (1 × 0.01 + 1 × 0) / 2 = 0.005 → 0.01
    expect(
      parentProgress([
        { budget: "1", progress: "0.01" },
        { budget: "1", progress: "0" },
      ]),
    ).toBe("0.01");
    // mean fallback rounds the same way: (0 + 0 + 100) / 3 = 33.333… → 33.33; (0 + 100 + 100) / 3 → 66.67
    expect(parentProgress(["0", "0", "100"].map((progress) => ({ budget: "0", progress })))).toBe("33.33");
    expect(parentProgress(["0", "100", "100"].map((progress) => ({ budget: "0", progress })))).toBe("66.67");
  });

  it("large budgets stay exact (no floating point)", () => {
    expect(
      parentProgress([
        { budget: "999999999999.99", progress: "99.99" },
        { budget: "0.01", progress: "0" },
      ]),
    ).toBe("99.99");
    expect(
      parentProgress([
        { budget: "740793.05", progress: "33.33" },
        { budget: "259206.95", progress: "66.67" },
      ]),
    ).toBe("41.97"); // (740793.05×33.33 + 259206.95×66.67) / 1000000 = 41.972…
  });

  it("nested: a grandparent takes its children's computed figures", () => {
    const child = parentProgress([
      { budget: "100000", progress: "50" },
      { budget: "300000", progress: "100" },
    ]) as string;
    expect(
      parentProgress([
        { budget: "400000", progress: child },
        { budget: "100000", progress: "0" },
      ]),
    ).toBe("70.00"); // (400000 × 87.5) / 500000
  });

  it("cancelled children do not count; none counting gives null", () => {
    expect(
      parentProgress([
        { budget: "100", progress: "20", status: "cancelled" },
        { budget: "100", progress: "60", status: "in_progress" },
      ]),
    ).toBe("60.00");
    expect(parentProgress([{ budget: "100", progress: "20", status: "cancelled" }])).toBeNull();
    expect(parentProgress([])).toBeNull();
  });

  it("all done is exactly 100.00; none started is 0.00", () => {
    expect(
      parentProgress([
        { budget: "3", progress: "100" },
        { budget: "7", progress: "100.00" },
      ]),
    ).toBe("100.00");
    expect(parentProgress([{ budget: "3", progress: "0" }])).toBe("0.00");
  });
});

describe("decimals", () => {
  it("parses money exactly and refuses bad input", () => {
    expect(toCents("1234.5")).toBe(123450n);
    expect(toCents("0.01")).toBe(1n);
    expect(toCents("1.234")).toBeNull();
    expect(toCents("-1")).toBeNull();
    expect(toCents("1e3")).toBeNull();
    expect(normalizeMoney("240000")).toBe("240000.00");
  });
  it("progress is 0..100 with two decimals at most", () => {
    expect(toProgressHundredths("100")).toBe(10000n);
    expect(toProgressHundredths("100.01")).toBeNull();
    expect(toProgressHundredths("0")).toBe(0n);
    expect(toProgressHundredths(87.5)).toBe(8750n);
    expect(toProgressHundredths("50.123")).toBeNull();
    expect(toProgressHundredths("-1")).toBeNull();
  });
});

describe("milestoneProgress", () => {
  it("weighted when every milestone has a weight", () => {
    expect(
      milestoneProgress([
        { weight: "30", done: true },
        { weight: "70", done: false },
      ]),
    ).toBe("30.00");
  });
  it("unweighted when any weight is missing", () => {
    expect(
      milestoneProgress([
        { weight: "30", done: true },
        { weight: null, done: false },
        { weight: "10", done: false },
      ]),
    ).toBe("33.33");
  });
  it("null without milestones", () => {
    expect(milestoneProgress([])).toBeNull();
  });
});

describe("project status", () => {
  it("allows the normal path", () => {
    expect(canMoveProject("planned", "in_progress", "staff")).toBe(true);
    expect(canMoveProject("in_progress", "done", "staff")).toBe(true);
    expect(canMoveProject("done", "reopened", "evaluation")).toBe(true);
    expect(canMoveProject("reopened", "in_progress", "staff")).toBe(true);
    expect(canMoveProject("planned", "cancelled", "staff")).toBe(true);
    expect(canMoveProject("in_progress", "cancelled", "staff")).toBe(true);
    expect(canMoveProject("reopened", "cancelled", "staff")).toBe(true);
  });
  it("refuses the rest", () => {
    expect(canMoveProject("done", "reopened", "staff")).toBe(false); // only an evaluation reopens
    expect(canMoveProject("planned", "done", "staff")).toBe(false);
    expect(canMoveProject("done", "in_progress", "staff")).toBe(false);
    expect(canMoveProject("done", "cancelled", "staff")).toBe(false);
    expect(canMoveProject("cancelled", "in_progress", "staff")).toBe(false);
    expect(canMoveProject("cancelled", "reopened", "evaluation")).toBe(false);
    expect(canMoveProject("in_progress", "reopened", "evaluation")).toBe(false);
    expect(canMoveProject("planned", "planned", "staff")).toBe(false);
    expect(nextProjectStatuses("cancelled")).toEqual([]);
    expect(nextProjectStatuses("done")).toEqual([]);
    expect(nextProjectStatuses("planned")).toEqual(["in_progress", "cancelled"]);
  });
  it("progress starts a planned or reopened project; done and cancelled take none", () => {
    expect(statusAfterProgress("planned", "10")).toBe("in_progress");
    expect(statusAfterProgress("reopened", "90")).toBe("in_progress");
    expect(statusAfterProgress("planned", null)).toBe("planned");
    expect(statusAfterProgress("in_progress", "10")).toBe("in_progress");
    expect(acceptsProgress("done")).toBe(false);
    expect(acceptsProgress("cancelled")).toBe(false);
    expect(acceptsProgress("reopened")).toBe(true);
  });
  it("a parent is done only when its live children are", () => {
    expect(childrenAllowDone([])).toBe(true);
    expect(childrenAllowDone(["done", "cancelled"])).toBe(true);
    expect(childrenAllowDone(["done", "in_progress"])).toBe(false);
    expect(childrenAllowDone(["reopened"])).toBe(false);
  });
});

describe("agreements", () => {
  it("agreement and version state machines", () => {
    expect(canMoveAgreement("draft", "published")).toBe(true);
    expect(canMoveAgreement("published", "retired")).toBe(true);
    expect(canMoveAgreement("draft", "retired")).toBe(true);
    expect(canMoveAgreement("retired", "published")).toBe(false);
    expect(canMoveAgreement("published", "draft")).toBe(false);
    expect(canMoveVersion("draft", "published")).toBe(true);
    expect(canMoveVersion("published", "superseded")).toBe(true);
    expect(canMoveVersion("superseded", "published")).toBe(false);
    expect(canMoveVersion("published", "draft")).toBe(false);
  });
  it("a new version takes effect no earlier than the current one", () => {
    expect(effectiveDateAllowed(null, "2020-01-01")).toBe(true);
    expect(effectiveDateAllowed("2026-03-01", "2026-03-01")).toBe(true);
    expect(effectiveDateAllowed("2026-03-01", "2026-02-28")).toBe(false);
  });
  it("who signs which kind", () => {
    expect(signerTypesFor("duty")).toEqual(["user"]);
    expect(signerTypesFor("convention")).toEqual(["resident", "household"]);
    expect(signerTypesFor("org_resident")).toEqual(["resident", "household"]);
  });
  it("related paths: same, above or below, never siblings", () => {
    expect(pathsRelated("a.b", "a.b")).toBe(true);
    expect(pathsRelated("a.b.c", "a.b")).toBe(true);
    expect(pathsRelated("a", "a.b")).toBe(true);
    expect(pathsRelated("a.bc", "a.b")).toBe(false);
    expect(pathsRelated("a.c", "a.b")).toBe(false);
  });
});
