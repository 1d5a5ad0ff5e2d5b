import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { deliverPending } from "./outbox.js";
import { ensureUnits } from "./units.js";

let t: TestContext;
let community: Client;
let street: Client;
let department: Client;
let market: Client;
let marketUnit: string;

beforeAll(async () => {
  t = await createTestContext();
  // A second department and its member, to be summoned as a co-handling unit.
  await ensureUnits(t.db, t.fx.districtId, [{ code: "t_scjg", nameZh: "市场监管所" }]);
  marketUnit = (await t.db.selectFrom("units").select("id").where("code", "=", "t_scjg").executeTakeFirstOrThrow()).id;
  const dept = await t.db
    .selectFrom("users")
    .select("password_hash")
    .where("username", "=", "department")
    .executeTakeFirstOrThrow();
  const u = await t.db
    .insertInto("users")
    .values({
      username: "market",
      display_name: "市场监管",
      kind: "staff",
      role: "department",
      password_hash: dept.password_hash,
      resident_id: null,
      department: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db.insertInto("user_scopes").values({ user_id: u.id, area_id: t.fx.areas.district.id }).execute();
  await t.db.insertInto("user_units").values({ user_id: u.id, unit_id: marketUnit }).execute();
  community = await t.login("community1");
  street = await t.login("street1");
  department = await t.login("department");
  market = await t.login("market");
});
afterAll(() => t.close());

async function submit(gridId = t.fx.areas.g1.id) {
  const op = await t.login("operator");
  const r = await op.json("POST", "/api/orders", {
    appealType: "report",
    categoryCode: "t_structure",
    content: "小区楼顶违章搭建彩钢房并开店经营",
    gridId,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; number: string };
}

describe("blowing the whistle", () => {
  it("summons a lead and co units and dispatches the order to the lead", async () => {
    const o = await submit();
    const r = await community.json("POST", `/api/orders/${o.id}/whistle`, {
      leadUnitId: t.fx.units.cgzf,
      coUnitIds: [marketUnit],
      reportHours: 4,
      note: "联合执法",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const order = await t.db.selectFrom("orders").selectAll().where("id", "=", o.id).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: "dispatched", unit_id: t.fx.units.cgzf, version: 1 });
    expect(order.dispatched_at).not.toBeNull();
    const units = await t.db
      .selectFrom("whistle_units")
      .select(["unit_id", "role"])
      .where("whistle_id", "=", r.body.id)
      .orderBy("role", "desc")
      .execute();
    expect(units).toEqual([
      { unit_id: t.fx.units.cgzf, role: "lead" },
      { unit_id: marketUnit, role: "co" },
    ]);
    const w = await t.db.selectFrom("whistles").selectAll().where("id", "=", r.body.id).executeTakeFirstOrThrow();
    expect(w.street_id).toBe(t.fx.areas.s1.id);
    expect(w.report_due_at.getTime() - w.created_at.getTime()).toBe(4 * 3_600_000);
    const ev = await t.db
      .selectFrom("order_events")
      .selectAll()
      .where("order_id", "=", o.id)
      .where("action", "=", "whistle")
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ from_status: "accepted", to_status: "dispatched", note: "联合执法" });
    expect(
      await t.db
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "order.whistle")
        .where("target_id", "=", o.id)
        .execute(),
    ).toHaveLength(1);

    // Every summoned unit is told.
    await deliverPending({ db: t.db });
    const told = await t.db
      .selectFrom("notifications as n")
      .innerJoin("users as u", "u.id", "n.user_id")
      .select("u.username")
      .where("n.order_id", "=", o.id)
      .where("n.title", "like", "吹哨报到%")
      .orderBy("u.username")
      .execute();
    expect(told.map((x) => x.username)).toEqual(["department", "market"]);

    // The lead answers the order; a co unit cannot.
    expect([403, 404]).toContain((await market.json("POST", `/api/orders/${o.id}/actions/sign`, {})).status);
    expect((await department.json("POST", `/api/orders/${o.id}/actions/sign`, {})).status).toBe(200);

    // One open whistle per order.
    const again = await street.json("POST", `/api/orders/${o.id}/whistle`, {
      leadUnitId: t.fx.units.cgzf,
      coUnitIds: [marketUnit],
    });
    expect(again.status).toBe(409);
  });

  it("is refused outside the scope, without the dispatch right, on closed orders and with bad units", async () => {
    const far = await submit(t.fx.areas.g3.id);
    const body = { leadUnitId: t.fx.units.cgzf, coUnitIds: [marketUnit] };
    expect((await community.json("POST", `/api/orders/${far.id}/whistle`, body)).status).toBe(404);
    const o = await submit();
    expect((await (await t.login("grid-a")).json("POST", `/api/orders/${o.id}/whistle`, body)).status).toBe(403);
    expect((await department.json("POST", `/api/orders/${o.id}/whistle`, body)).status).toBe(403);
    expect((await community.json("POST", `/api/orders/${o.id}/whistle`, { ...body, coUnitIds: [] })).status).toBe(400);
    expect((await community.json("POST", `/api/orders/${o.id}/whistle`, { ...body, reportHours: 73 })).status).toBe(400);
    expect((await community.json("POST", `/api/orders/${o.id}/whistle`, { ...body, coUnitIds: [t.fx.units.cgzf] })).status).toBe(
      400,
    );
    const unknown = await community.json("POST", `/api/orders/${o.id}/whistle`, {
      ...body,
      coUnitIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("coUnitIds.0");
    await t.db.updateTable("orders").set({ status: "archived" }).where("id", "=", o.id).execute();
    expect((await community.json("POST", `/api/orders/${o.id}/whistle`, body)).status).toBe(409);
    expect(await t.db.selectFrom("whistles").select("id").where("order_id", "in", [o.id, far.id]).execute()).toHaveLength(0);
  });
});

describe("reporting in", () => {
  it("records each unit's report once, late after the limit, and closes the whistle when all are in", async () => {
    const o = await submit();
    const w = (
      await street.json("POST", `/api/orders/${o.id}/whistle`, {
        leadUnitId: t.fx.units.cgzf,
        coUnitIds: [marketUnit],
        reportHours: 2,
      })
    ).body;

    const lead = await department.json("POST", `/api/whistles/${w.id}/report`, {
      unitId: t.fx.units.cgzf,
      part: "拆除违建",
      result: "已到场",
    });
    expect(lead.status).toBe(200);
    expect(lead.body).toMatchObject({ late: false, closed: false });
    expect((await department.json("POST", `/api/whistles/${w.id}/report`, { unitId: t.fx.units.cgzf })).status).toBe(409);
    // Not a member of that unit.
    expect((await department.json("POST", `/api/whistles/${w.id}/report`, { unitId: marketUnit })).status).toBe(403);

    // The limit passes before the market unit reports.
    await t.db
      .updateTable("whistles")
      .set({ report_due_at: new Date(Date.now() - 60_000) })
      .where("id", "=", w.id)
      .execute();
    const open = await street.json("GET", "/api/whistles?open=true");
    const mine = open.body.items.find((x: { id: string }) => x.id === w.id);
    expect(
      mine.units.map((u: { name: string; role: string; late: boolean | null; missed: boolean }) => [
        u.name,
        u.role,
        u.late,
        u.missed,
      ]),
    ).toEqual([
      ["城管执法局", "lead", false, false],
      ["市场监管所", "co", null, true],
    ]);
    const co = await market.json("POST", `/api/whistles/${w.id}/report`, {
      unitId: marketUnit,
      part: "查处无照经营",
      result: "已立案",
    });
    expect(co.body).toMatchObject({ late: true, closed: true });

    const view = await community.json("GET", `/api/orders/${o.id}/whistle`);
    expect(view.status).toBe(200);
    expect(view.body.whistle).toMatchObject({ id: w.id, orderNumber: o.number, streetName: "东街道" });
    expect(view.body.whistle.closedAt).not.toBeNull();
    expect(view.body.whistle.units[1]).toMatchObject({ late: true, part: "查处无照经营", result: "已立案" });
    expect((await street.json("GET", "/api/whistles?open=true")).body.items.some((x: { id: string }) => x.id === w.id)).toBe(
      false,
    );
    const events = await t.db
      .selectFrom("order_events")
      .select("action")
      .where("order_id", "=", o.id)
      .where("action", "=", "whistle_report")
      .execute();
    expect(events).toHaveLength(2);
  });

  it("shows an order without a whistle as null, and whistles only in scope", async () => {
    const o = await submit();
    expect((await community.json("GET", `/api/orders/${o.id}/whistle`)).body).toEqual({ whistle: null });
    const g = await t.login("grid-b"); // grid g2: no whistle so far is on g2
    expect((await g.json("GET", "/api/whistles")).body.items).toEqual([]);
    const all = await street.json("GET", `/api/whistles?streetId=${t.fx.areas.s1.id}`);
    expect(all.body.items.length).toBe(2);
    expect((await street.json("GET", `/api/whistles?streetId=${t.fx.areas.s2.id}`)).body.items).toEqual([]);
    // A summoned department sees its whistles.
    expect((await market.json("GET", "/api/whistles")).body.items.length).toBe(2);
  });
});

describe("assessment", () => {
  it("counts per department: summoned, reported, late, not reported", async () => {
    const r = await street.json("GET", "/api/whistles/assessment");
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      { unitId: t.fx.units.cgzf, name: "城管执法局", summoned: 2, reported: 1, late: 0, notReported: 1, missed: 0 },
      { unitId: marketUnit, name: "市场监管所", summoned: 2, reported: 1, late: 1, notReported: 1, missed: 0 },
    ]);
    expect((await (await t.login("resident")).json("GET", "/api/whistles/assessment")).status).toBe(403);
  });
});
