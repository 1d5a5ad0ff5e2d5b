import { describe, expect, it } from "vitest";
import { APPEAL_TYPES, CATEGORIES, CATEGORY_GROUPS, DEPARTMENTS, isKnownUnit, timeLimits } from "./catalogue.js";

describe("category catalogue", () => {
  it("has at least 30 leaves with unique codes", () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(CATEGORIES.length);
    expect(new Set(CATEGORY_GROUPS.map((g) => g.code)).size).toBe(CATEGORY_GROUPS.length);
    expect(new Set(DEPARTMENTS.map((d) => d.code)).size).toBe(DEPARTMENTS.length);
  });

  it("gives every leaf an existing parent, a known unit and one resolve limit", () => {
    const groups = new Set(CATEGORY_GROUPS.map((g) => g.code));
    for (const c of CATEGORIES) {
      expect(groups.has(c.parentCode), c.code).toBe(true);
      expect(c.code.startsWith(c.parentCode), c.code).toBe(true);
      expect(isKnownUnit(c.defaultUnit), `${c.code} ${c.defaultUnit}`).toBe(true);
      expect((c.resolveDays === undefined) !== (c.resolveHours === undefined), c.code).toBe(true);
      expect(c.responseHours).toBeGreaterThan(0);
    }
    for (const g of CATEGORY_GROUPS)
      expect(
        CATEGORIES.some((c) => c.parentCode === g.code),
        g.code,
      ).toBe(true);
  });

  it("includes the required categories and makes the dangerous ones urgent, in hours", () => {
    const names = CATEGORIES.map((c) => c.nameZh).join(" ");
    for (const n of [
      "私搭乱建",
      "开墙打洞",
      "无照经营",
      "背街小巷",
      "私装地锁",
      "非法小广告",
      "物业服务",
      "邻里纠纷",
      "养老服务",
      "噪音扰民",
      "垃圾清运",
      "占道经营",
      "施工扰民",
      "道路破损",
      "井盖缺失",
      "路灯故障",
      "违章停车",
      "共享单车乱停",
      "油烟污染",
      "污水外溢",
      "树木倒伏",
      "燃气隐患",
      "消防通道占用",
      "电梯故障",
      "房屋漏水",
      "宠物扰民",
      "食品安全",
      "价格欺诈",
      "低保救助",
      "医保社保",
      "就业咨询",
      "停水停电",
      "供暖问题",
      "高空抛物",
    ]) {
      expect(names).toContain(n);
    }
    for (const n of ["燃气隐患", "井盖缺失", "污水外溢", "电梯故障"]) {
      const c = CATEGORIES.find((x) => x.nameZh.includes(n))!;
      expect(c.urgent, n).toBe(true);
      expect(c.responseHours).toBeLessThanOrEqual(1);
      expect(c.resolveHours).toBeLessThanOrEqual(24);
    }
  });

  it("has the five appeal types with the Guangdong 12345 limits", () => {
    expect(Object.fromEntries(APPEAL_TYPES.map((t) => [t.code, t.resolveDays]))).toEqual({
      enquiry: 2,
      help: 10,
      complaint: 15,
      report: 15,
      suggestion: 10,
    });
  });

  it("applies the tighter of the type's and the category's limits", () => {
    expect(timeLimits("0402", "report")).toEqual({ response: { hours: 1 }, resolve: { hours: 24 }, urgent: true });
    expect(timeLimits("0701", "complaint")).toEqual({
      response: { workingDays: 1 },
      resolve: { workingDays: 10 },
      urgent: false,
    });
    expect(timeLimits("1002", "enquiry").resolve).toEqual({ workingDays: 2 });
    expect(timeLimits("9999", "help").resolve).toEqual({ workingDays: 10 });
  });
});
