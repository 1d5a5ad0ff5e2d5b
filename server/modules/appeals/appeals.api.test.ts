import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const noise = {
  appealType: "complaint",
  categoryCode: "t_noise",
  content: "楼下商铺每天晚上十点后播放音乐,噪音很大",
  lng: 104.005,
  lat: 30.005,
};

async function submit(as = "resident", body: Record<string, unknown> = noise, key?: string) {
  const c = await t.login(as);
  const r = await c.json("POST", "/api/orders", body, key ? { "idempotency-key": key } : {});
  return { c, r };
}

describe("intake", () => {
  it("takes a resident's appeal, numbers it, locates its grid and sets its time limits", async () => {
    const { c, r } = await submit();
    expect(r.status).toBe(201);
    expect(r.body.number).toMatch(/^GZ\d{8}\d{7}$/);
    const o = await c.json("GET", `/api/orders/${r.body.id}`);
    expect(o.body).toMatchObject({
      status: "accepted",
      channel: "resident",
      gridId: t.fx.areas.g1.id,
      categoryCode: "t_noise",
      light: "green",
    });
    expect(o.body.timeline.map((e: { action: string }) => e.action)).toEqual(["accept"]);
    expect(new Date(o.body.resolveDueAt).getTime()).toBeGreaterThan(Date.now() + 9 * 86_400_000);
  });

  it("names the bad fields and creates nothing", async () => {
    const before = await t.db
      .selectFrom("orders")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const { r } = await submit("resident", { appealType: "moan", content: "x" });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["appealType", "content"]);
    const noPlace = await submit("resident", { appealType: "complaint", categoryCode: "t_noise", content: "没有位置的诉求内容" });
    expect(noPlace.r.status).toBe(400);
    expect(noPlace.r.body.error.details[0].path).toBe("location");
    const after = await t.db
      .selectFrom("orders")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("does not duplicate a retried submission", async () => {
    const a = await submit("resident", noise, "same-key");
    const b = await submit("resident", noise, "same-key");
    expect(b.r.body).toEqual(a.r.body);
    const n = await t.db
      .selectFrom("orders")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("number", "=", a.r.body.number)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("files a grid worker's patrol report in their own grid", async () => {
    const { c, r } = await submit("grid-b", {
      appealType: "report",
      categoryCode: "t_structure",
      content: "巡查发现楼顶有人私自搭建彩钢棚",
    });
    expect(r.status).toBe(201);
    expect((await c.json("GET", `/api/orders/${r.body.id}`)).body).toMatchObject({ channel: "patrol", gridId: t.fx.areas.g2.id });
  });

  it("runs urgent categories on the clock", async () => {
    const { c, r } = await submit("operator", {
      appealType: "help",
      categoryCode: "t_gas",
      content: "闻到楼道里很浓的燃气味",
      lng: 104.005,
      lat: 30.005,
      reporterPhone: "13800001111",
    });
    const o = await c.json("GET", `/api/orders/${r.body.id}`);
    expect(o.body.channel).toBe("hotline");
    expect(o.body.urgent).toBe(true);
    const hours = (new Date(o.body.resolveDueAt).getTime() - new Date(o.body.acceptedAt).getTime()) / 3_600_000;
    expect(hours).toBe(24);
    expect(o.body.reporterPhoneMasked).toBe("138****1111");
    const byPhone = await c.json("GET", "/api/orders?phone=13800001111");
    expect(byPhone.body.items.map((i: { id: string }) => i.id)).toEqual([r.body.id]);
  });
});

describe("the closed loop", () => {
  it("goes accept → dispatch → sign → contact → answer → call-back → archive", async () => {
    const { c: resident, r } = await submit();
    const id = r.body.id;
    const community = await t.login("community1");
    const suggestion = await community.json("GET", `/api/orders/${id}/suggestion`);
    expect(suggestion.body.unit.id).toBe(t.fx.units["510199001001"]);
    const d = await community.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf });
    expect(d.body.status).toBe("dispatched");
    const dept = await t.login("department");
    const tasks = await dept.json("GET", "/api/orders?box=to_sign");
    expect(tasks.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await dept.json("POST", `/api/orders/${id}/actions/sign`, {})).body.status).toBe("signed");
    expect((await dept.json("POST", `/api/orders/${id}/actions/contact`, { note: "已电话联系" })).body.status).toBe("signed");
    expect((await dept.json("POST", `/api/orders/${id}/actions/progress`, { note: "已约谈商铺" })).body.status).toBe(
      "in_progress",
    );
    expect(
      (await dept.json("POST", `/api/orders/${id}/actions/answer`, { answer: "已责令商铺整改,22点后不再播放音乐" })).body.status,
    ).toBe("answered");
    const rated = await resident.json("POST", `/api/orders/${id}/actions/callback`, {
      resolved: true,
      satisfaction: "satisfied",
    });
    expect(rated.body.status).toBe("archived");
    const o = await resident.json("GET", `/api/orders/${id}`);
    expect(o.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      "accept",
      "dispatch",
      "sign",
      "contact",
      "progress",
      "answer",
      "callback",
    ]);
    expect(o.body.satisfaction).toBe("satisfied");
    expect(o.body.answer).toContain("整改");
    // The resident's view does not show who on the staff did what.
    expect(o.body.timeline[1].actorName).toBeNull();
  });

  it("reopens the order when the call-back is dissatisfied", async () => {
    const { c: resident, r } = await submit();
    const id = r.body.id;
    const community = await t.login("community1");
    await community.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf });
    const dept = await t.login("department");
    await dept.json("POST", `/api/orders/${id}/actions/sign`, {});
    await dept.json("POST", `/api/orders/${id}/actions/answer`, { answer: "已处理" });
    const rated = await resident.json("POST", `/api/orders/${id}/actions/callback`, {
      resolved: false,
      satisfaction: "dissatisfied",
    });
    expect(rated.body.status).toBe("dispatched");
    const o = await dept.json("GET", `/api/orders/${id}`);
    expect(o.body.reopenCount).toBe(1);
    expect(o.body.unitId).toBe(t.fx.units.cgzf);
  });

  it("lets exactly one of two simultaneous actions through", async () => {
    const { r } = await submit();
    const id = r.body.id;
    const a = await t.login("community1");
    const b = await t.login("street1");
    const version = (await a.json("GET", `/api/orders/${id}`)).body.version;
    const [x, y] = await Promise.all([
      a.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf, version }),
      b.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units["510199001001"], version }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const loser = x.status === 409 ? x : y;
    expect(loser.body.error.code).toBe("conflict");
    const events = await t.db
      .selectFrom("order_events")
      .select("action")
      .where("order_id", "=", id)
      .where("action", "=", "dispatch")
      .execute();
    expect(events).toHaveLength(1);
  });

  it("refuses what a part does not allow", async () => {
    const { c: resident, r } = await submit();
    const id = r.body.id;
    expect((await resident.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf })).status).toBe(403);
    const dept = await t.login("department");
    // Not yet dispatched to the department: it cannot even see it.
    expect((await dept.json("GET", `/api/orders/${id}`)).status).toBe(404);
    const community = await t.login("community1");
    const sign = await community.json("POST", `/api/orders/${id}/actions/sign`, {});
    expect(sign.status).toBe(409); // wrong status comes first: the order is not dispatched
    const gridB = await t.login("grid-b");
    expect((await gridB.json("GET", `/api/orders/${id}`)).status).toBe(404);
  });

  it("returns an order to the dispatcher with a reason, then it can be dispatched again", async () => {
    const { r } = await submit();
    const id = r.body.id;
    const community = await t.login("community1");
    await community.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf });
    const dept = await t.login("department");
    const noReason = await dept.json("POST", `/api/orders/${id}/actions/return`, {});
    expect(noReason.status).toBe(400);
    expect((await dept.json("POST", `/api/orders/${id}/actions/return`, { reason: "不属于城管职责" })).body.status).toBe(
      "returned",
    );
    const returned = await community.json("GET", "/api/orders?box=returned");
    expect(returned.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(
      (await community.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units["510199001001"] })).body.status,
    ).toBe("dispatched");
  });

  it("extends the deadline only with a supervisor's approval", async () => {
    const { r } = await submit();
    const id = r.body.id;
    const community = await t.login("community1");
    await community.json("POST", `/api/orders/${id}/actions/dispatch`, { unitId: t.fx.units.cgzf });
    const dept = await t.login("department");
    await dept.json("POST", `/api/orders/${id}/actions/sign`, {});
    await dept.json("POST", `/api/orders/${id}/actions/request_extension`, { days: 5, reason: "需协调多个部门" });
    const before = (await dept.json("GET", `/api/orders/${id}`)).body;
    expect(before.extensions[0]).toMatchObject({ days: 5, status: "pending" });
    expect(
      (
        await community.json("POST", `/api/orders/${id}/actions/decide_extension`, {
          extensionId: before.extensions[0].id,
          approve: true,
        })
      ).status,
    ).toBe(403);
    const street = await t.login("street1");
    const ok = await street.json("POST", `/api/orders/${id}/actions/decide_extension`, {
      extensionId: before.extensions[0].id,
      approve: true,
    });
    expect(ok.status).toBe(200);
    const after = (await dept.json("GET", `/api/orders/${id}`)).body;
    expect(new Date(after.resolveDueAt).getTime()).toBeGreaterThan(new Date(before.resolveDueAt).getTime());
    expect(after.extensions[0].status).toBe("approved");
  });

  it("voids only with approval, and merges duplicates", async () => {
    const first = await submit();
    const second = await submit();
    const community = await t.login("community1");
    const dups = await community.json("GET", `/api/orders/${second.r.body.id}/duplicates`);
    expect(dups.body.items.map((i: { id: string }) => i.id)).toContain(first.r.body.id);
    const merged = await community.json("POST", `/api/orders/${second.r.body.id}/actions/merge`, { intoId: first.r.body.id });
    expect(merged.body.status).toBe("merged");
    expect((await community.json("POST", `/api/orders/${first.r.body.id}/actions/approve_void`, {})).status).toBe(403);
    await community.json("POST", `/api/orders/${first.r.body.id}/actions/request_void`, { reason: "重复" });
    const street = await t.login("street1");
    expect((await street.json("POST", `/api/orders/${first.r.body.id}/actions/approve_void`, {})).body.status).toBe("voided");
  });

  it("audits every transition and keeps the chain valid", async () => {
    const n = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("action", "like", "order.%")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBeGreaterThan(20);
    const aud = await t.login("auditor");
    expect((await aud.json("POST", "/api/audit/verify")).body.ok).toBe(true);
  });

  it("offers only the actions that can succeed now", async () => {
    const { r } = await submit();
    const community = await t.login("community1");
    const o = await community.json("GET", `/api/orders/${r.body.id}`);
    expect(o.body.actions).toContain("request_void");
    expect(o.body.actions).not.toContain("approve_void");
    await community.json("POST", `/api/orders/${r.body.id}/actions/request_void`, { reason: "测试" });
    const street = await t.login("street1");
    const again = await street.json("GET", `/api/orders/${r.body.id}`);
    expect(again.body.actions).toContain("approve_void");
    expect(again.body.actions).not.toContain("request_void");
  });
});

describe("choosing a location", () => {
  it("gives residents the district's grid outlines without any counts", async () => {
    const resident = await t.login("resident");
    const r = await resident.json("GET", "/api/grids/geojson");
    expect(r.status).toBe(200);
    expect(r.body.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(
      ["东一第1网格", "东一第2网格", "西一第1网格"].sort(),
    );
    expect(r.body.features.every((f: { properties: { householdCount: number } }) => f.properties.householdCount === 0)).toBe(
      true,
    );
    expect((await resident.json("GET", "/api/grids")).status).toBe(403);
  });
});
