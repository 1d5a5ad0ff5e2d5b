import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { deliverPending } from "./outbox.js";

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

describe("appeals configuration", () => {
  it("lets the system admin change a category's time limit, and refuses everyone else", async () => {
    const admin = await t.login("admin");
    const body = {
      nameZh: "噪音扰民",
      nameEn: "Noise",
      defaultUnit: "community",
      responseHours: 12,
      resolveDays: 5,
      resolveHours: null,
      urgent: false,
      active: true,
    };
    expect((await admin.json("PUT", "/api/categories/t_noise", body)).status).toBe(200);
    expect((await (await t.login("district")).json("PUT", "/api/categories/t_noise", body)).status).toBe(403);
    const bad = await admin.json("PUT", "/api/categories/t_noise", { ...body, resolveHours: 24 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("resolveDays");
    // The next complaint gets the new, tighter limit (5 working days).
    const resident = await t.login("resident");
    const r = await resident.json("POST", "/api/orders", noise);
    const o = await resident.json("GET", `/api/orders/${r.body.id}`);
    const days = (new Date(o.body.resolveDueAt).getTime() - new Date(o.body.acceptedAt).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(5);
    expect(days).toBeLessThanOrEqual(9); // five working days span at most one weekend plus holidays
  });

  it("routes a category in an area to the unit of a rule, the nearest area winning", async () => {
    const admin = await t.login("admin");
    const rule = await admin.json("POST", "/api/routing-rules", {
      categoryCode: "t_noise",
      areaId: t.fx.areas.g1.id,
      unitId: t.fx.units.cgzf,
    });
    expect(rule.status).toBe(201);
    expect(
      (
        await admin.json("POST", "/api/routing-rules", {
          categoryCode: "t_noise",
          areaId: t.fx.areas.g1.id,
          unitId: t.fx.units.cgzf,
        })
      ).status,
    ).toBe(409);
    const resident = await t.login("resident");
    const r = await resident.json("POST", "/api/orders", noise);
    const community = await t.login("community1");
    const s = await community.json("GET", `/api/orders/${r.body.id}/suggestion`);
    expect(s.body.unit).toMatchObject({ id: t.fx.units.cgzf, via: "rule" });
    expect((await admin.json("DELETE", `/api/routing-rules/${rule.body.id}`)).status).toBe(200);
    const after = await community.json("GET", `/api/orders/${r.body.id}/suggestion`);
    expect(after.body.unit.via).toBe("default");
  });

  it("edits the working calendar and uses it at once", async () => {
    const admin = await t.login("admin");
    expect((await admin.json("PUT", "/api/calendar/2026-12-07", { kind: "holiday", name: "测试假日" })).status).toBe(200);
    expect(t.deps.appeals.calendar.holidays.has("2026-12-07")).toBe(true);
    const list = await (await t.login("district")).json("GET", "/api/calendar?year=2026");
    expect(list.body.items.find((d: { day: string }) => d.day === "2026-12-07")).toEqual({
      day: "2026-12-07",
      kind: "holiday",
      name: "测试假日",
    });
    expect((await admin.json("PUT", "/api/calendar/2026-12-07", { kind: "normal" })).status).toBe(200);
    expect(t.deps.appeals.calendar.holidays.has("2026-12-07")).toBe(false);
    expect((await admin.json("PUT", "/api/calendar/2026-02-30", { kind: "holiday" })).status).toBe(400);
  });
});

describe("merged appeals", () => {
  it("gives the reporter of a merged order the answer of the order it was merged into", async () => {
    const resident = await t.login("resident");
    const first = await (await t.login("operator")).json("POST", "/api/orders", { ...noise, reporterName: "王先生" });
    const second = await resident.json("POST", "/api/orders", noise);
    const community = await t.login("community1");
    await community.json("POST", `/api/orders/${second.body.id}/actions/merge`, { intoId: first.body.id });
    await community.json("POST", `/api/orders/${first.body.id}/actions/dispatch`, { unitId: t.fx.units.cgzf });
    const dept = await t.login("department");
    await dept.json("POST", `/api/orders/${first.body.id}/actions/sign`, {});
    await dept.json("POST", `/api/orders/${first.body.id}/actions/answer`, { answer: "已约谈商铺,噪音已消除" });
    await deliverPending({ db: t.db }, new Date(Date.now() + 1000));
    const mine = await resident.json("GET", `/api/orders/${second.body.id}`);
    expect(mine.body.status).toBe("merged");
    expect(mine.body.answer).toBe("已约谈商铺,噪音已消除");
    const notes = await resident.json("GET", "/api/notifications");
    expect(notes.body.items.some((n: { orderId: string }) => n.orderId === first.body.id)).toBe(true);
  });
});
