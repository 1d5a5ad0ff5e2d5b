import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { seedDisclosureDemo } from "./demo.js";
import { countStats } from "./rules.js";

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
}, 120_000);
afterAll(() => t.close());

describe("seedDisclosureDemo", () => {
  it("seeds every category with opinions in every disposition, and one open listing", async () => {
    const now = new Date();
    const started = performance.now();
    await seedDisclosureDemo(t.db, now);
    expect(performance.now() - started).toBeLessThan(5_000);
    const cats = await t.db
      .selectFrom("disclosures")
      .select(["category", sql<string>`count(*)`.as("n")])
      .groupBy("category")
      .execute();
    // Two communities in the fixture, two of each category per community.
    expect(Object.fromEntries(cats.map((c) => [c.category, Number(c.n)]))).toEqual({
      party: 4,
      residents: 4,
      compound: 4,
      finance: 4,
    });
    const disp = await t.db.selectFrom("disclosure_opinions").select(["disposition"]).execute();
    expect(new Set(disp.map((d) => d.disposition))).toEqual(new Set(["adopted", "replied", "not_adopted", null]));
    const listings = await t.db.selectFrom("public_listings").selectAll().execute();
    expect(listings).toHaveLength(1);
    expect(listings[0].opens_at.getTime()).toBeLessThan(now.getTime());
    expect(listings[0].closes_at.getTime()).toBeGreaterThan(now.getTime());

    // The statistics over the seeded data agree with the pure count.
    const ds = await t.db.selectFrom("disclosures").select(["area_path", "category", "published_at"]).execute();
    const os = await t.db
      .selectFrom("disclosure_opinions as o")
      .innerJoin("disclosures as d", "d.id", "o.disclosure_id")
      .select(["o.area_path", "d.category", "o.created_at", "o.disposition", sql<boolean>`o.reply is not null`.as("replied")])
      .execute();
    const district = await t.login("district");
    const from = new Date(now.getTime() - 200 * 86_400_000);
    const res = await district.json(
      "GET",
      `/api/decide/disclosures/stats?areaId=${t.fx.areas.district.id}&from=${from.toISOString()}&to=${now.toISOString()}`,
    );
    const { withdrawn: _, ...total } = res.body.total;
    expect(total).toEqual(
      countStats(
        ds.map((d) => ({ areaPath: d.area_path, category: d.category, publishedAt: d.published_at })),
        os.map((o) => ({
          areaPath: o.area_path,
          category: o.category,
          createdAt: o.created_at,
          disposition: o.disposition,
          replied: o.replied,
        })),
        { areaPath: t.fx.areas.district.path, from, to: now },
      ),
    );
    expect(total.published).toBe(16);
  });
});
