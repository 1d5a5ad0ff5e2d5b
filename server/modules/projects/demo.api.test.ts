import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { seedProjectsDemo } from "./demo.js";

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe("seedProjectsDemo", () => {
  it("seeds projects per street with a weighted parent, and the agreements", async () => {
    const started = Date.now();
    await seedProjectsDemo(t.db, new Date("2026-05-01T02:00:00Z"));
    expect(Date.now() - started).toBeLessThan(10_000);
    const parents = await t.db
      .selectFrom("practical_projects")
      .select(["id", "progress"])
      .where("title", "like", "%老旧小区改造提升")
      .execute();
    expect(parents).toHaveLength(2); // one per street of the fixture
    // (200k × 100 + 600k × 45 + 400k × 0) / 1.2M = 39.1666… → 39.17
    expect(parents.map((p) => p.progress)).toEqual(["39.17", "39.17"]);
    const c = await t.login("community1");
    const list = (await c.json("GET", "/api/decide/projects?roots=true")).body;
    expect(list.total).toBe(3);
    const agreements = (await c.json("GET", "/api/decide/agreements")).body.items;
    expect(agreements.map((a: { kind: string }) => a.kind).sort()).toEqual(["convention", "duty"]);
    const conv = agreements.find((a: { kind: string }) => a.kind === "convention");
    const d = (await c.json("GET", `/api/decide/agreements/${conv.id}`)).body;
    expect(d.versions.map((v: { status: string }) => v.status)).toEqual(["published", "superseded"]);
  });
});
