import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { seedEvaluationDemo } from "./demo.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  // The demo's well-known accounts, on the fixture: demo-community (c1) and demo-resident (r1's twin).
  await ctx.db.updateTable("users").set({ username: "demo-community" }).where("username", "=", "community1").execute();
  await addPeople(ctx, { grid: "g2", households: 30 });
  const [me] = await addPeople(ctx, { grid: "g1", households: 1 });
  await addResidentUser(ctx, me.residentId, "demo-resident");
}, 120_000);

afterAll(() => ctx?.close());

describe("seedEvaluationDemo", () => {
  it("adds a closed evaluation with one reopened item and an open cadre rating the demo resident can fill in", async () => {
    const t0 = Date.now();
    await seedEvaluationDemo(ctx.db, new Date("2025-06-30T10:00:00+08:00"));
    expect(Date.now() - t0).toBeLessThan(5000);
    const surveys = await ctx.db.selectFrom("surveys").selectAll().orderBy("created_at").execute();
    expect(surveys.map((s) => [s.kind, s.status])).toEqual([
      ["mixed", "closed"],
      ["cadres", "open"],
    ]);
    const items = await ctx.db.selectFrom("survey_items").selectAll().where("survey_id", "=", surveys[0].id).execute();
    expect(items.filter((i) => i.status === "reopened").map((i) => i.label)).toEqual(["小区环境卫生整治"]);
    expect(surveys[0].published_at).not.toBeNull();

    const me = await ctx.login("demo-resident");
    const results = await me.json("GET", `/api/decide/surveys/${surveys[0].id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.items.some((i: { status: string }) => i.status === "reopened")).toBe(true);

    // The open survey's window is around the demo's `now`; move it to the real clock to answer it.
    await ctx.db
      .updateTable("surveys")
      .set({ opens_at: new Date(Date.now() - 60_000), closes_at: new Date(Date.now() + 86_400_000) })
      .where("id", "=", surveys[1].id)
      .execute();
    const todo = await me.json("GET", "/api/decide/surveys?todo=true");
    expect(todo.body.items.map((s: { id: string }) => s.id)).toEqual([surveys[1].id]);
    const d = await me.json("GET", `/api/decide/surveys/${surveys[1].id}`);
    expect(d.body.items.length).toBeGreaterThan(0);
    const r = await me.json("POST", `/api/decide/surveys/${surveys[1].id}/responses`, {
      ratings: d.body.items.map((i: { id: string }) => ({ itemId: i.id, rating: "satisfied" })),
    });
    expect(r.status).toBe(201);
  });
});
