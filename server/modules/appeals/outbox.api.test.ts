import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { type Channel, deliverPending, type OutboundMessage } from "./outbox.js";
import { tick } from "./scheduler.js";

let t: TestContext;
let resident: Client;
let community: Client;
let department: Client;
beforeAll(async () => {
  t = await createTestContext();
  resident = await t.login("resident");
  community = await t.login("community1");
  department = await t.login("department");
});
afterAll(() => t.close());

class Recorder implements Channel {
  readonly name = "recorder";
  sent: OutboundMessage[] = [];
  fail = false;
  async send(msg: OutboundMessage) {
    if (this.fail) throw new Error("gateway down");
    this.sent.push(msg);
  }
}

async function submit(gridId = t.fx.areas.g1.id) {
  const r = await resident.json("POST", "/api/orders", {
    appealType: "complaint",
    categoryCode: "t_noise",
    content: "小区门口夜间施工噪音",
    gridId,
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string };
}

async function act(c: Client, id: string, action: string, body: Record<string, unknown> = {}) {
  const r = await c.json("POST", `/api/orders/${id}/actions/${action}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

const inbox = (user: string) =>
  t.db.selectFrom("notifications").selectAll().where("user_id", "=", t.fx.users[user]).orderBy("created_at").execute();

describe("outbox delivery", () => {
  it("tells the unit of a dispatch and the reporter of the answer", async () => {
    const o = await submit();
    await act(community, o.id, "dispatch", { unitId: t.fx.units.cgzf });
    const ch = new Recorder();
    const r = await deliverPending({ db: t.db, channels: [ch] });
    expect(r.failed).toBe(0);
    const dept = await inbox("department");
    expect(dept).toHaveLength(1);
    expect(dept[0]).toMatchObject({ order_id: o.id, read_at: null });
    expect(dept[0].title).toContain(o.number);
    expect(dept[0].body).toContain("签收");
    expect(ch.sent.find((m) => m.topic === "order.dispatch")?.userIds).toEqual([t.fx.users.department]);

    await act(department, o.id, "sign");
    await act(department, o.id, "answer", { answer: "已责令施工单位夜间停工" });
    await deliverPending({ db: t.db, channels: [ch] });
    const mine = await inbox("resident");
    expect(mine.map((n) => n.title)).toEqual([`诉求已答复:${o.number}`]);
    const pending = await t.db.selectFrom("outbox").select("id").where("delivered_at", "is", null).execute();
    expect(pending).toHaveLength(0);
  });

  it("tells the reporter and the dispatchers of a return", async () => {
    const o = await submit();
    await act(community, o.id, "dispatch", { unitId: t.fx.units.cgzf });
    await act(department, o.id, "return", { reason: "不属于本单位职责" });
    await deliverPending({ db: t.db });
    const got = await t.db
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .select("u.username")
      .where("n.order_id", "=", o.id)
      .where("n.title", "like", "工单被退回%")
      .orderBy("u.username")
      .execute();
    expect(got.map((g) => g.username)).toEqual(["community1", "resident", "street1"]);
  });

  it("warns the grid staff of an area unit", async () => {
    const o = await submit();
    const gridUnit = await t.db
      .selectFrom("units")
      .select("id")
      .where("area_id", "=", t.fx.areas.g1.id)
      .executeTakeFirstOrThrow();
    await act(community, o.id, "dispatch", { unitId: gridUnit.id });
    await deliverPending({ db: t.db });
    const due = await t.db.selectFrom("orders").select("warn_at").where("id", "=", o.id).executeTakeFirstOrThrow();
    await tick({ db: t.db }, due.warn_at);
    await deliverPending({ db: t.db });
    const warned = await t.db
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .select(["u.username", "n.title"])
      .where("n.order_id", "=", o.id)
      .execute();
    expect(warned.filter((w) => w.title.startsWith("工单即将超期")).map((w) => w.username)).toEqual(["grid-a"]);
    expect(warned.filter((w) => w.title.startsWith("新工单待签收")).map((w) => w.username)).toEqual(["grid-a"]);
  });

  it("delivers again harmlessly: one notification per message and user", async () => {
    const o = await submit();
    await act(community, o.id, "dispatch", { unitId: t.fx.units.cgzf });
    await deliverPending({ db: t.db });
    const before = (await inbox("department")).length;
    // As if the dispatcher had died after writing notifications but before marking the row delivered.
    await t.db
      .updateTable("outbox")
      .set({ delivered_at: null, next_attempt_at: new Date(Date.now() - 1000) })
      .where("topic", "=", "order.dispatch")
      .execute();
    const again = await deliverPending({ db: t.db });
    expect(again.delivered).toBeGreaterThan(0);
    expect(await inbox("department")).toHaveLength(before);
  });

  it("retries a failed delivery with back-off and records the error", async () => {
    const o = await submit();
    await act(community, o.id, "dispatch", { unitId: t.fx.units.cgzf });
    const ch = new Recorder();
    ch.fail = true;
    const now = new Date(Date.now() + 1000);
    const r = await deliverPending({ db: t.db, channels: [ch] }, now);
    expect(r).toEqual({ delivered: 1, failed: 1 }); // order.accepted concerns nobody: delivered at once
    const row = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("topic", "=", "order.dispatch")
      .where("delivered_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBe("gateway down");
    expect(row.next_attempt_at.getTime()).toBe(now.getTime() + 5_000);

    ch.fail = false;
    expect((await deliverPending({ db: t.db, channels: [ch] }, new Date(now.getTime() + 4_999))).delivered).toBe(0);
    ch.fail = true;
    await deliverPending({ db: t.db, channels: [ch] }, new Date(now.getTime() + 5_000));
    const second = await t.db.selectFrom("outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(second.attempts).toBe(2);
    expect(second.next_attempt_at.getTime()).toBe(now.getTime() + 5_000 + 10_000);

    ch.fail = false;
    await deliverPending({ db: t.db, channels: [ch] }, new Date(now.getTime() + 15_000));
    const done = await t.db.selectFrom("outbox").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(done.delivered_at).not.toBeNull();
    expect(done.last_error).toBeNull();
  });
});

describe("notifications API", () => {
  it("lists my notifications with the unread count, and marks them read", async () => {
    const list = await department.json("GET", "/api/notifications");
    expect(list.status).toBe(200);
    const n = list.body.items.length;
    expect(n).toBeGreaterThan(1);
    expect(list.body.unread).toBe(n);
    expect(list.body.items[0]).toEqual({
      id: expect.any(String),
      title: expect.stringMatching(/^新工单待签收:GZ\d{15}$/),
      body: expect.any(String),
      orderId: expect.any(String),
      createdAt: expect.any(String),
      readAt: null,
    });
    const first = list.body.items[0].id;
    const read = await department.json("POST", `/api/notifications/${first}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await department.json("GET", "/api/notifications?unread=true&pageSize=1");
    expect(unread.body.unread).toBe(n - 1);
    expect(unread.body.items).toHaveLength(1);
    expect(unread.body.items[0].id).not.toBe(first);

    // Someone else's notification does not exist for me.
    expect((await resident.json("POST", `/api/notifications/${first}/read`)).status).toBe(404);

    const all = await department.json("POST", "/api/notifications/read-all");
    expect(all.body.updated).toBe(n - 1);
    expect((await department.json("GET", "/api/notifications?unread=true")).body).toMatchObject({ items: [], unread: 0 });
    expect((await t.anonymous.json("GET", "/api/notifications")).status).toBe(401);
  });
});
