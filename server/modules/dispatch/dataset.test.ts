import { describe, expect, it } from "vitest";
import { CATEGORIES } from "./catalogue.js";
import { labelledAppeals } from "./dataset.js";

describe("synthetic appeals", () => {
  const data = labelledAppeals(7);

  it("has at least 1,500 appeals and 30 per category, over every catalogue leaf", () => {
    expect(data.length).toBeGreaterThanOrEqual(1500);
    const per = new Map<string, number>();
    for (const d of data) per.set(d.label, (per.get(d.label) ?? 0) + 1);
    expect(per.size).toBeGreaterThanOrEqual(30);
    expect([...per.keys()].sort()).toEqual(CATEGORIES.map((c) => c.code).sort());
    for (const [label, n] of per) expect(n, label).toBeGreaterThanOrEqual(30);
  });

  it("has no duplicate texts and is deterministic for a seed", () => {
    expect(new Set(data.map((d) => d.text)).size).toBe(data.length);
    expect(labelledAppeals(7)).toEqual(data);
    expect(labelledAppeals(8).map((d) => d.text)).not.toEqual(data.map((d) => d.text));
  });

  it("varies the wording: many distinct problem statements per category", () => {
    const phrasings = new Map<string, Set<number>>();
    for (const d of data) phrasings.set(d.label, (phrasings.get(d.label) ?? new Set()).add(d.phrasing));
    for (const [label, s] of phrasings) expect(s.size, label).toBeGreaterThanOrEqual(8);
    const lengths = data.map((d) => d.text.length);
    expect(Math.min(...lengths)).toBeLessThan(15);
    expect(Math.max(...lengths)).toBeGreaterThan(80);
  });
});
