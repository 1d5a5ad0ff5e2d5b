import { describe, expect, it } from "vitest";
import {
  checkHandling,
  countStats,
  formatCents,
  listingPhase,
  maskName,
  parseCents,
  type StatDisclosure,
  type StatOpinion,
  validateTemplate,
} from "./rules.js";

const finance = (over: Record<string, unknown> = {}) => ({
  income: [
    { item: "上级拨付公共服务资金", amount: "240000" },
    { item: "利息", amount: "12.35" },
  ],
  incomeTotal: "240012.35",
  expense: [
    { item: "楼道照明改造", amount: "80000.10" },
    { item: "健身器材", amount: "0.25" },
  ],
  expenseTotal: "80000.35",
  ...over,
});

describe("money", () => {
  it("parses exact cents and refuses floats beyond two decimals", () => {
    expect(parseCents("12")).toBe(1200n);
    expect(parseCents("12.3")).toBe(1230n);
    expect(parseCents("0.01")).toBe(1n);
    expect(parseCents("999999999999.99")).toBe(99999999999999n);
    expect(parseCents(12.5)).toBe(1250n);
    expect(parseCents("12.345")).toBeNull();
    expect(parseCents("-1")).toBeNull();
    expect(parseCents("1e3")).toBeNull();
    expect(parseCents("")).toBeNull();
    expect(parseCents(null)).toBeNull();
    expect(formatCents(1n)).toBe("0.01");
    expect(formatCents(-1050n)).toBe("-10.50");
  });

  it("sums 0.1 + 0.2 exactly", () => {
    const r = validateTemplate(
      "finance.v1",
      "finance",
      {
        income: [
          { item: "a", amount: "0.1" },
          { item: "b", amount: "0.2" },
        ],
        incomeTotal: "0.3",
        expenseTotal: "0",
      },
      "",
    );
    expect(r.ok).toBe(true);
  });
});

describe("validateTemplate", () => {
  it("accepts a finance statement whose totals match and normalises amounts", () => {
    const r = validateTemplate("finance.v1", "finance", finance(), "");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.fields.incomeTotal).toBe("240012.35");
      expect((r.fields.income as { amount: string }[])[0].amount).toBe("240000.00");
    }
  });

  it("refuses a total off by one cent, naming the total", () => {
    for (const incomeTotal of ["240012.34", "240012.36"]) {
      const r = validateTemplate("finance.v1", "finance", finance({ incomeTotal }), "");
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems).toEqual([
          { path: "fields.incomeTotal", code: "disclosure_total_mismatch", params: { sum: "240012.35", total: incomeTotal } },
        ]);
      }
    }
    const e = validateTemplate("finance.v1", "finance", finance({ expenseTotal: "80000.36" }), "");
    expect(!e.ok && e.problems[0].path).toBe("fields.expenseTotal");
  });

  it("checks the closing balance exactly when both balances are given", () => {
    const ok = validateTemplate("finance.v1", "finance", finance({ openingBalance: "100", closingBalance: "160112.00" }), "");
    expect(ok.ok).toBe(true);
    const off = validateTemplate("finance.v1", "finance", finance({ openingBalance: "100", closingBalance: "160111.99" }), "");
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.problems[0]).toMatchObject({ path: "fields.closingBalance", params: { expected: "160112.00" } });
  });

  it("names bad lines and missing totals", () => {
    const r = validateTemplate(
      "finance.v1",
      "finance",
      {
        income: [
          { item: "", amount: "1" },
          { item: "x", amount: "1.001" },
        ],
        expenseTotal: "0",
      },
      "",
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.path).sort()).toEqual([
        "fields.income.0.item",
        "fields.income.1.amount",
        "fields.incomeTotal",
      ]);
    }
  });

  it("an empty statement with zero totals is valid; lines missing count as zero", () => {
    expect(validateTemplate("finance.v1", "finance", { incomeTotal: "0", expenseTotal: "0.00" }, "").ok).toBe(true);
    expect(validateTemplate("finance.v1", "finance", { incomeTotal: "0.01", expenseTotal: "0" }, "").ok).toBe(false);
  });

  it("requires each template's text fields", () => {
    const r = validateTemplate("residents.v1", "residents", { matter: "加装电梯", decision: " " }, "");
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(["fields.decision", "fields.basis"]);
    expect(validateTemplate("party.v1", "party", { item: "党费收缴", content: "全年收缴党费 1.2 万元" }, "").ok).toBe(true);
    expect(validateTemplate("compound.v1", "compound", { compound: "1号院", matter: "停车位划线" }, "").ok).toBe(true);
  });

  it("refuses unknown templates, fields, and a template of another category", () => {
    expect(validateTemplate("nope", "party", {}, "")).toMatchObject({
      ok: false,
      problems: [{ code: "disclosure_template_unknown" }],
    });
    expect(validateTemplate("finance.v1", "party", finance(), "")).toMatchObject({
      ok: false,
      problems: [{ code: "disclosure_template_category" }],
    });
    const r = validateTemplate("party.v1", "party", { item: "a", content: "b", extra: "c" }, "");
    expect(!r.ok && r.problems[0]).toMatchObject({ path: "fields.extra", code: "disclosure_field_unknown" });
  });

  it("the notice template fits every category and needs a body", () => {
    expect(validateTemplate("notice", "finance", {}, "正文").ok).toBe(true);
    expect(validateTemplate("notice", "party", {}, "  ")).toMatchObject({
      ok: false,
      problems: [{ path: "body", code: "required" }],
    });
  });

  it("limits text length by characters", () => {
    const long = "字".repeat(201);
    const r = validateTemplate("party.v1", "party", { item: long, content: "x" }, "");
    expect(!r.ok && r.problems[0]).toMatchObject({ path: "fields.item", code: "disclosure_too_long" });
    expect(validateTemplate("party.v1", "party", { item: "字".repeat(200), content: "x" }, "").ok).toBe(true);
  });
});

describe("checkHandling", () => {
  it("not adopted without a reason is refused", () => {
    expect(checkHandling({ disposition: "not_adopted" })).toEqual([{ path: "note", code: "disclosure_reason_required" }]);
    expect(checkHandling({ disposition: "not_adopted", note: "   " })).toHaveLength(1);
    expect(checkHandling({ disposition: "not_adopted", note: "不符合政策" })).toEqual([]);
  });
  it("adopted needs what was done; replied needs the reply", () => {
    expect(checkHandling({ disposition: "adopted" })[0].code).toBe("disclosure_adopted_note_required");
    expect(checkHandling({ disposition: "adopted", note: "已更换路灯", reply: "谢谢" })).toEqual([]);
    expect(checkHandling({ disposition: "replied", note: "x" })[0]).toEqual({ path: "reply", code: "required" });
    expect(checkHandling({ disposition: "replied", reply: "已解释" })).toEqual([]);
  });
});

describe("countStats", () => {
  const A = "d.s1";
  const C1 = "d.s1.c1";
  const C2 = "d.s2.c2";
  const t = (s: string) => new Date(s);
  const q = { areaPath: A, from: t("2026-01-01T00:00:00Z"), to: t("2026-02-01T00:00:00Z") };
  const ds: StatDisclosure[] = [
    { areaPath: C1, category: "finance", publishedAt: t("2026-01-01T00:00:00Z") }, // at from: in
    { areaPath: C1, category: "party", publishedAt: t("2026-02-01T00:00:00Z") }, // at to: out
    { areaPath: A, category: "residents", publishedAt: t("2026-01-15T00:00:00Z") }, // the root itself: in
    { areaPath: C2, category: "finance", publishedAt: t("2026-01-15T00:00:00Z") }, // other subtree: out
    { areaPath: C1, category: "finance", publishedAt: null }, // draft: out
    { areaPath: "d.s10", category: "finance", publishedAt: t("2026-01-15T00:00:00Z") }, // label prefix, not a child
  ];
  const op = (areaPath: string, createdAt: string, disposition: StatOpinion["disposition"], replied: boolean): StatOpinion => ({
    areaPath,
    category: "finance",
    createdAt: t(createdAt),
    disposition,
    replied,
  });
  const os: StatOpinion[] = [
    op(C1, "2026-01-02T00:00:00Z", "adopted", true), // adopted and replied: both counted
    op(C1, "2026-01-03T00:00:00Z", "adopted", false),
    op(C1, "2026-01-04T00:00:00Z", "replied", true),
    op(C1, "2026-01-05T00:00:00Z", "not_adopted", true),
    op(C1, "2026-01-06T00:00:00Z", null, false),
    op(C1, "2026-02-01T00:00:00Z", "adopted", true), // out of the period
    op(C2, "2026-01-06T00:00:00Z", "adopted", true), // out of the subtree
  ];
  it("counts each measure as the seeds do, at the edges of period and subtree", () => {
    expect(countStats(ds, os, q)).toEqual({ published: 2, collected: 5, adopted: 2, replied: 3, notAdopted: 1 });
  });
  it("adopted + replied may exceed collected", () => {
    const c = countStats([], [op(C1, "2026-01-02T00:00:00Z", "adopted", true)], q);
    expect(c.adopted + c.replied).toBeGreaterThan(c.collected);
  });
});

describe("listingPhase", () => {
  const l = { status: "published" as const, opensAt: new Date(1000), closesAt: new Date(2000) };
  it("is open from opening to closing inclusive", () => {
    expect(listingPhase(l, new Date(999))).toBe("scheduled");
    expect(listingPhase(l, new Date(1000))).toBe("open");
    expect(listingPhase(l, new Date(2000))).toBe("open"); // a last-moment objection counts
    expect(listingPhase(l, new Date(2001))).toBe("closed");
    expect(listingPhase({ ...l, status: "draft" }, new Date(1500))).toBe("draft");
  });
});

describe("maskName", () => {
  it("keeps the first and, from three characters, the last character", () => {
    expect(maskName("张小伟")).toBe("张*伟");
    expect(maskName("张伟")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧**明");
    expect(maskName("王")).toBe("王*");
    expect(maskName("John Smith")).toBe("J*** S****");
    expect(maskName(" ")).toBe("*");
  });
  it("never contains the full name", () => {
    for (const n of ["张伟", "李小娜", "司马相如", "阿依古丽·买买提"]) expect(maskName(n)).not.toBe(n);
  });
});
