import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { pendingTimers, startScheduler, tick } from "./scheduler.js";
import { intake } from "./service.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const actor = { userId: null, username: "test", ip: "local" };
// Monday 2 March 2026, 10:00 CST: a plain working week.
const T0 = new Date("2026-03-02T02:00:00Z");

async function newOrder(at = T0) {
  return intake(
    t.deps,
    null,
    actor,
    { appealType: "complaint", categoryCode: "t_noise", content: "楼下夜间施工噪音扰民", gridId: t.fx.areas.g1.id },
    { channel: "hotline", now: at },
  );
}

const eventsOf = (orderId: string, action: string) =>
  t.db.selectFrom("order_events").selectAll().where("order_id", "=", orderId).where("action", "=", action).execute();

describe("durable timers", () => {
  it("warns at the yellow light and runs over at the red one, once each", async () => {
    const a = await newOrder();
    const paused = await newOrder();
    const closed = await newOrder();
    await t.db
      .updateTable("orders")
      .set({ status: "suspended", suspended_from: "accepted" })
      .where("id", "=", paused.id)
      .execute();
    await t.db.updateTable("orders").set({ status: "archived" }).where("id", "=", closed.id).execute();
    const o = await t.db.selectFrom("orders").selectAll().where("id", "=", a.id).executeTakeFirstOrThrow();

    expect(await tick(t.deps, new Date(o.warn_at.getTime() - 1))).toEqual({ warned: 0, overdue: 0 });
    expect(await tick(t.deps, o.warn_at)).toEqual({ warned: 1, overdue: 0 });
    expect(await tick(t.deps, o.warn_at)).toEqual({ warned: 0, overdue: 0 });
    const warn = await eventsOf(a.id, "warn");
    expect(warn).toHaveLength(1);
    expect(warn[0].actor_name).toBe("system");
    const after = await t.db
      .selectFrom("orders")
      .select(["warned_at", "version"])
      .where("id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(after.warned_at).toEqual(o.warn_at);
    expect(after.version).toBe(o.version); // a timer never makes a user's edit conflict
    const queued = await t.db.selectFrom("outbox").select(["topic", "payload"]).where("topic", "=", "order.warn").execute();
    expect(queued.map((q) => (q.payload as { orderId: string }).orderId)).toEqual([a.id]);

    const late = new Date(o.resolve_due_at.getTime() + 60_000);
    expect(await tick(t.deps, late)).toEqual({ warned: 0, overdue: 1 });
    expect(await tick(t.deps, late)).toEqual({ warned: 0, overdue: 0 });
    expect(await eventsOf(a.id, "overdue")).toHaveLength(1);
    const sup = await t.db.selectFrom("supervisions").selectAll().where("order_id", "=", a.id).executeTakeFirstOrThrow();
    expect(sup).toMatchObject({ automatic: true, urgency: "urgent", by_user_id: null });
    expect(sup.reply_due_at.getTime()).toBe(late.getTime() + 24 * 3_600_000);
    const audit = await t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "order.overdue")
      .where("target_id", "=", a.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, actor_name: "system", ip: "local" });
    expect(await t.db.selectFrom("outbox").select("id").where("topic", "=", "order.overdue").execute()).toHaveLength(1);

    // Paused and closed orders never fire.
    expect(await eventsOf(paused.id, "warn")).toHaveLength(0);
    expect(await eventsOf(closed.id, "overdue")).toHaveLength(0);
    expect(await pendingTimers(t.db, late)).toEqual({ warn: 0, overdue: 0 });
  });

  it("fires each timer exactly once when several ticks race (two servers on one database)", async () => {
    const at = new Date(T0.getTime() + 3_600_000);
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push((await newOrder(at)).id);
    const far = new Date(at.getTime() + 60 * 86_400_000);
    // Small batches, so the racing ticks interleave their claims.
    const results = await Promise.all([tick(t.deps, far, { batch: 3 }), tick(t.deps, far, { batch: 3 })]);
    expect(results.reduce((n, r) => n + r.warned, 0)).toBe(25);
    expect(results.reduce((n, r) => n + r.overdue, 0)).toBe(25);
    // On PostgreSQL both ticks really run at once (PGlite has one connection and takes turns): both fire.
    if (t.deps.dbKind === "postgres") expect(results.every((r) => r.warned > 0 && r.overdue > 0)).toBe(true);
    const counts = await t.db
      .selectFrom("order_events")
      .select(["order_id", "action", (eb) => eb.fn.countAll<string>().as("n")])
      .where("order_id", "in", ids)
      .where("action", "in", ["warn", "overdue"])
      .groupBy(["order_id", "action"])
      .execute();
    expect(counts).toHaveLength(50);
    expect(counts.every((c) => Number(c.n) === 1)).toBe(true);
    const sups = await t.db.selectFrom("supervisions").select("order_id").where("order_id", "in", ids).execute();
    expect(sups).toHaveLength(25);
  });

  it("picks up timers that fell due while no scheduler ran (state lives only in the table)", async () => {
    const o = await newOrder(new Date(Date.now() - 40 * 86_400_000));
    // Nothing ran while it went overdue; a freshly started scheduler fires both lights.
    const stop = startScheduler(t.deps, 20);
    try {
      for (let i = 0; i < 200; i++) {
        const row = await t.db
          .selectFrom("orders")
          .select(["warned_at", "overdue_fired_at"])
          .where("id", "=", o.id)
          .executeTakeFirstOrThrow();
        if (row.warned_at && row.overdue_fired_at) break;
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await stop();
    }
    expect(await eventsOf(o.id, "warn")).toHaveLength(1);
    expect(await eventsOf(o.id, "overdue")).toHaveLength(1);
  });
});
