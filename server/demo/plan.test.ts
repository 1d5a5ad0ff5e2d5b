// The demo plan is pure: same seed, same district. These checks run in about a second each,
// without a database.
import { describe, expect, it } from "vitest";
import { parseCitizenId } from "../modules/registry/citizen-id.js";
import { OTHER_DOCUMENT_PATTERNS } from "../modules/registry/citizen-id.js";
import { personName } from "./names.js";
import { planDemo } from "./plan.js";
import { ageOn, birthDateForAge } from "./population.js";
import { Rng } from "./random.js";

const plan = planDemo(2026);

describe("seeded randomness", () => {
  it("repeats names and uuids for the same seed", () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 5 }, (_, i) => [personName(rng, i % 2 ? "male" : "female", 1960 + i * 10), rng.uuid()]);
    };
    expect(draw(2026)).toEqual(draw(2026));
    expect(draw(2026)).not.toEqual(draw(2027));
    for (const [, id] of draw(1)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("plans the same district for the same seed", () => {
    const again = planDemo(2026);
    const head = (p: typeof plan) => p.residents.slice(0, 5).map((r) => [r.id, r.name, r.docNumber, r.phone]);
    expect(head(again)).toEqual(head(plan));
    expect(again.layout.areas.map((a) => a.path)).toEqual(plan.layout.areas.map((a) => a.path));
    expect(
      planDemo(7)
        .residents.slice(0, 5)
        .map((r) => r.name),
    ).not.toEqual(plan.residents.slice(0, 5).map((r) => r.name));
  });

  it("draws birth dates that give exactly the asked age on the reference date", () => {
    const rng = new Rng(3);
    for (let age = 0; age <= 100; age++) {
      for (let i = 0; i < 20; i++) expect(ageOn(birthDateForAge(rng, age))).toBe(age);
    }
  });
});

describe("planDemo", () => {
  it("alternates communities of eight and seven grids, 120 in all", () => {
    const perCommunity = plan.layout.communities.map((c) => plan.layout.grids.filter((g) => g.communityId === c.id).length);
    expect(perCommunity).toEqual([8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7, 8, 7]);
    expect(plan.layout.grids[0].area.name).toBe("春熙社区第1网格");
    expect(plan.layout.grids[0].area.code).toBe("510199001001001");
  });

  it("keeps ID numbers, other documents and phones unique and well formed", () => {
    const docs = new Set<string>();
    const phones = new Set<string>();
    for (const r of plan.residents) {
      docs.add(`${r.docType}:${r.docNumber}`);
      if (r.phone) phones.add(r.phone);
      if (r.docType === "resident_id") {
        const parsed = parseCitizenId(r.docNumber);
        expect(parsed.ok).toBe(true);
      } else {
        expect(r.docNumber).toMatch(OTHER_DOCUMENT_PATTERNS[r.docType]);
      }
    }
    expect(docs.size).toBe(plan.residents.length);
    expect(phones.size).toBe(plan.residents.filter((r) => r.phone).length);
  });

  it("shapes households like a city district: 1–6 people, about 2.5 on average, mostly 户籍", () => {
    const sizes = plan.households.map((h) => h.residents.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(6);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.7);
    const share = (t: string) => plan.residents.filter((r) => r.residenceType === t).length / plan.residents.length;
    expect(share("registered")).toBeGreaterThan(0.6);
    expect(share("floating")).toBeGreaterThan(0.06);
    expect(share("floating")).toBeLessThan(0.14);
    for (const h of plan.households) {
      const [head, ...rest] = h.residents;
      expect(head.relation).toBe("户主");
      for (const r of rest) {
        if (r.relation === "子女" || r.relation === "孙子女") expect(r.name.startsWith(head.name.slice(0, 1))).toBe(true);
        if (r.relation === "配偶" && head.docType === "resident_id") expect(r.name.slice(0, 1)).not.toBe(head.name.slice(0, 1));
      }
    }
  });
});
