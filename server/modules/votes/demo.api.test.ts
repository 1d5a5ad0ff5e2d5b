import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { seedVotesDemo } from "./demo.js";
import { bodyWithMembers } from "./test-helpers.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  // The demo's well-known accounts, on the fixture: demo-community (c1) and demo-resident (in g1).
  await ctx.db.updateTable("users").set({ username: "demo-community" }).where("username", "=", "community1").execute();
  await ctx.db.updateTable("users").set({ username: "demo-grid-a" }).where("username", "=", "grid-a").execute();
  await bodyWithMembers(ctx, 12, 0);
  await addPeople(ctx, { grid: "g1", households: 30, perHousehold: 2 });
  const [me] = await addPeople(ctx, { grid: "g1", households: 1 });
  await addResidentUser(ctx, me.residentId, "demo-resident");
}, 120_000);

afterAll(() => ctx?.close());

describe("seedVotesDemo", () => {
  it("adds a past meeting with attendance, a published open vote, a published secret vote and an open vote to cast", async () => {
    const t0 = Date.now();
    await seedVotesDemo(ctx.db, new Date());
    expect(Date.now() - t0).toBeLessThan(5000);
    const meetings = await ctx.db.selectFrom("meetings").select(["kind", "status"]).orderBy("starts_at").execute();
    expect(meetings).toEqual([
      { kind: "open_space", status: "published" },
      { kind: "body", status: "published" },
      { kind: "hearing", status: "scheduled" },
    ]);
    const votes = await ctx.db
      .selectFrom("votes")
      .select(["id", "secret", "status", "passed", "electorate"])
      .orderBy("created_at")
      .execute();
    expect(votes.map((v) => [v.electorate, v.secret, v.status, v.passed])).toEqual([
      ["body", false, "published", true],
      ["households", true, "published", true],
      ["residents", false, "open", null],
    ]);

    const me = await ctx.login("demo-resident");
    const secret = await me.json("GET", `/api/decide/votes/${votes[1].id}/recount`);
    expect(secret.body.matches).toBe(true);
    const list = await me.json("GET", `/api/decide/votes/${votes[1].id}/ballots`);
    expect(list.body.items.length).toBe(secret.body.ballots);

    const toCast = await me.json("GET", "/api/decide/votes?toCast=true");
    expect(toCast.body.items.map((v: { id: string }) => v.id)).toEqual([votes[2].id]);
    const cast = await me.json("POST", `/api/decide/votes/${votes[2].id}/ballots`, { choice: "yes" });
    expect(cast.status).toBe(201);

    const staff = await ctx.login("demo-community");
    const m = await staff.json("GET", "/api/decide/meetings?status=published&kind=body");
    const detail = await staff.json("GET", `/api/decide/meetings/${m.body.items[0].id}`);
    expect(detail.body.count).toMatchObject({ present: 10, expected: 12, reached: true });
    expect(detail.body.votes).toHaveLength(1);
    // A second run adds nothing.
    await seedVotesDemo(ctx.db, new Date());
    expect(await ctx.db.selectFrom("meetings").select("id").execute()).toHaveLength(3);
  });
});
