import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCitizenId } from "./citizen-id.js";
import { square } from "../../../test/fixtures.js";
import { createTestContext, type TestContext } from "../../../test/harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((i) => i.name).sort();

describe("data scope", () => {
  it("shows a grid worker only their own grid's residents", async () => {
    const a = await t.login("grid-a");
    expect(names(await a.json("GET", "/api/residents"))).toEqual(["张伟", "李娜", "王芳"].sort());
    const b = await t.login("grid-b");
    expect(names(await b.json("GET", "/api/residents"))).toEqual(["刘洋"]);
  });

  it("shows community staff their community and street staff their street", async () => {
    const c = await t.login("community1");
    expect((await c.json("GET", "/api/residents")).body.total).toBe(4);
    const s = await t.login("street1");
    expect((await s.json("GET", "/api/residents")).body.total).toBe(4);
    const d = await t.login("district");
    expect((await d.json("GET", "/api/residents")).body.total).toBe(5);
  });

  it("answers 404 for a resident outside the scope, as if it did not exist", async () => {
    const b = await t.login("grid-b");
    const r = await b.json("GET", `/api/residents/${t.fx.residents.r1.id}`);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
    expect((await b.json("GET", `/api/households/${t.fx.households.h1}`)).status).toBe(404);
    expect((await b.json("GET", `/api/grids/${t.fx.areas.g1.id}`)).status).toBe(404);
  });

  it("refuses writes outside the scope without changing anything", async () => {
    const b = await t.login("grid-b");
    const before = await t.db
      .selectFrom("residents")
      .select("name")
      .where("id", "=", t.fx.residents.r1.id)
      .executeTakeFirstOrThrow();
    expect((await b.json("PATCH", `/api/residents/${t.fx.residents.r1.id}`, { name: "改名" })).status).toBe(404);
    const r = await b.json("POST", "/api/residents", {
      name: "越界",
      docNumber: makeCitizenId("110105", "1970-01-01", 5),
      residenceType: "registered",
      gridId: t.fx.areas.g1.id,
    });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("out_of_scope");
    const after = await t.db
      .selectFrom("residents")
      .select("name")
      .where("id", "=", t.fx.residents.r1.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("refuses an area filter outside the scope", async () => {
    const a = await t.login("grid-a");
    expect((await a.json("GET", `/api/residents?areaId=${t.fx.areas.g3.id}`)).status).toBe(404);
  });

  it("refuses the registry to residents and auditors", async () => {
    expect((await (await t.login("resident")).json("GET", "/api/residents")).status).toBe(403);
    expect((await (await t.login("auditor")).json("GET", "/api/residents")).status).toBe(403);
    expect((await t.anonymous.json("GET", "/api/residents")).status).toBe(401);
  });

  it("lets department staff read but not write", async () => {
    const d = await t.login("department");
    expect((await d.json("GET", "/api/residents")).status).toBe(200);
    const r = await d.json("PATCH", `/api/residents/${t.fx.residents.r1.id}`, { name: "改名" });
    expect(r.status).toBe(403);
  });

  it("lists the area tree with ancestors for context", async () => {
    const a = await t.login("grid-a");
    const r = await a.json("GET", "/api/areas");
    expect(r.body.items.map((x: { name: string }) => x.name)).toEqual(["测试市", "测试区", "东街道", "东一社区", "东一第1网格"]);
  });
});

describe("personal data", () => {
  it("masks ID and phone numbers in lists and reads", async () => {
    const c = await t.login("community1");
    const r = await c.json("GET", `/api/residents/${t.fx.residents.r1.id}`);
    expect(r.body.docMasked).toBe(`${t.fx.residents.r1.doc.slice(0, 6)}********${t.fx.residents.r1.doc.slice(-4)}`);
    expect(r.body.phoneMasked).toBe("138****5678");
    expect(JSON.stringify(r.body)).not.toContain(t.fx.residents.r1.doc);
    expect(r.body.sex).toBe("male");
    expect(r.body.birthDate).toBe("1980-03-15");
  });

  it("stores numbers encrypted, not in plain text", async () => {
    const row = await t.db.selectFrom("residents").selectAll().where("id", "=", t.fx.residents.r1.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(t.fx.residents.r1.doc);
    expect(JSON.stringify(row)).not.toContain("13812345678");
  });

  it("reveals to community staff with a reason and audits the reveal", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", `/api/residents/${t.fx.residents.r1.id}/reveal`, { reason: "入户核实身份" });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ docNumber: t.fx.residents.r1.doc, phone: "13812345678" });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "summary"])
      .where("action", "=", "resident.reveal")
      .where("target_id", "=", t.fx.residents.r1.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_name).toBe("community1");
    expect((audit.summary as { reason: string }).reason).toBe("入户核实身份");
  });

  it("refuses a reveal without a reason, to grid workers, and outside the scope", async () => {
    const c = await t.login("community1");
    const noReason = await c.json("POST", `/api/residents/${t.fx.residents.r1.id}/reveal`, { reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ path: "reason", message: "请填写查看原因" }]);
    const a = await t.login("grid-a");
    expect((await a.json("POST", `/api/residents/${t.fx.residents.r1.id}/reveal`, { reason: "看看" })).status).toBe(403);
    expect((await c.json("POST", `/api/residents/${t.fx.residents.r5.id}/reveal`, { reason: "看看" })).status).toBe(404);
  });

  it("finds a person by exact ID number and phone through the blind index", async () => {
    const d = await t.login("district");
    expect(names(await d.json("GET", `/api/residents?idNumber=${t.fx.residents.r3.doc}`))).toEqual(["王芳"]);
    expect(names(await d.json("GET", "/api/residents?phone=150 1234 5678"))).toEqual(["刘洋"]);
    expect((await d.json("GET", `/api/residents?idNumber=${t.fx.residents.r3.doc.slice(0, 17)}`)).body.total).toBe(0);
  });

  it("hides sensitive tags from grid workers and shows them to community staff", async () => {
    const a = await t.login("grid-a");
    const li = await a.json("GET", `/api/residents/${t.fx.residents.r2.id}`);
    expect(li.body.tags).toEqual([]);
    expect((await a.json("GET", "/api/residents?tag=low_income")).status).toBe(403);
    expect((await a.json("GET", "/api/tags")).body.items.some((x: { sensitive: boolean }) => x.sensitive)).toBe(false);
    const c = await t.login("community1");
    const li2 = await c.json("GET", `/api/residents/${t.fx.residents.r2.id}`);
    expect(li2.body.tags.map((x: { code: string }) => x.code)).toEqual(["low_income"]);
    expect(names(await c.json("GET", "/api/residents?tag=low_income"))).toEqual(["李娜"]);
  });
});

describe("search", () => {
  it("matches part of a name, an address and a tag", async () => {
    const d = await t.login("district");
    expect(names(await d.json("GET", `/api/residents?q=${encodeURIComponent("王")}`))).toEqual(["王芳"]);
    expect(names(await d.json("GET", `/api/residents?q=${encodeURIComponent("刘洋")}`))).toEqual(["刘洋"]);
    expect(names(await d.json("GET", `/api/residents?q=${encodeURIComponent("洋刘")}`))).toEqual([]);
    expect(names(await d.json("GET", `/api/residents?address=${encodeURIComponent("东一路1号")}`))).toEqual(
      ["张伟", "李娜", "王芳"].sort(),
    );
    expect(names(await d.json("GET", "/api/residents?tag=elderly"))).toEqual(["张伟", "王芳"].sort());
  });

  it("pages results and reports the total", async () => {
    const d = await t.login("district");
    const p1 = await d.json("GET", "/api/residents?pageSize=2&page=1");
    const p3 = await d.json("GET", "/api/residents?pageSize=2&page=3");
    expect(p1.body.items).toHaveLength(2);
    expect(p3.body.items).toHaveLength(1);
    expect(p1.body).toMatchObject({ total: 5, totalCapped: false, page: 1, pageSize: 2 });
  });

  it("names every bad query parameter", async () => {
    const d = await t.login("district");
    const r = await d.json("GET", "/api/residents?pageSize=1000&areaId=x", undefined, { "accept-language": "en" });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((x: { path: string }) => x.path).sort()).toEqual(["areaId", "pageSize"]);
  });
});

describe("resident records", () => {
  it("refuses an invalid ID number with a field error in the caller's language", async () => {
    const c = await t.login("community1");
    const body = { name: "赵六", docNumber: "110105194912310021", residenceType: "registered", householdId: t.fx.households.h2 };
    const zh = await c.json("POST", "/api/residents", body);
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toEqual([{ path: "docNumber", message: "身份证号码校验位错误" }]);
    const en = await c.json("POST", "/api/residents", body, { "accept-language": "en" });
    expect(en.body.error.details).toEqual([{ path: "docNumber", message: "the check digit of the ID number is wrong" }]);
  });

  it("names every missing field at once", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/residents", {});
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["docNumber", "name", "residenceType"]);
  });

  it("registers a resident into a household, derives sex and birth date, and refuses the same person twice", async () => {
    const c = await t.login("community1");
    const doc = makeCitizenId("110105", "2001-06-09", 128);
    const body = {
      name: "赵敏",
      docNumber: doc,
      phone: "13600001111",
      residenceType: "floating",
      relation: "子女",
      householdId: t.fx.households.h2,
      tags: ["volunteer"],
    };
    const r = await c.json("POST", "/api/residents", body);
    expect(r.status).toBe(201);
    const got = await c.json("GET", `/api/residents/${r.body.id}`);
    expect(got.body).toMatchObject({
      name: "赵敏",
      sex: "female",
      birthDate: "2001-06-09",
      residenceType: "floating",
      gridId: t.fx.areas.g1.id,
    });
    expect(got.body.history).toHaveLength(1);
    const again = await c.json("POST", "/api/residents", body);
    expect(again.status).toBe(409);
    const count = await t.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("name", "=", "赵敏")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("accepts a Hong Kong/Macao permit with its document type", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/residents", {
      name: "陈港",
      docType: "hk_macao",
      docNumber: "H12345678",
      residenceType: "resident",
      gridId: t.fx.areas.g2.id,
    });
    expect(r.status).toBe(201);
    const got = await c.json("GET", `/api/residents/${r.body.id}`);
    expect(got.body).toMatchObject({ docType: "hk_macao", docMasked: "H1*****78", sex: null, householdId: null });
  });

  it("moves a resident between households and keeps the history", async () => {
    const c = await t.login("community1");
    const id = t.fx.residents.r4.id;
    const r = await c.json("POST", `/api/residents/${id}/move`, { toHouseholdId: t.fx.households.h2, reason: "搬家" });
    expect(r.status).toBe(200);
    const got = await c.json("GET", `/api/residents/${id}`);
    expect(got.body.householdId).toBe(t.fx.households.h2);
    expect(got.body.gridId).toBe(t.fx.areas.g1.id);
    expect(got.body.history[0]).toMatchObject({
      fromHouseholdId: t.fx.households.h3,
      toHouseholdId: t.fx.households.h2,
      reason: "搬家",
    });
    const hh = await c.json("GET", `/api/households/${t.fx.households.h2}`);
    expect(hh.body.members.map((m: { name: string }) => m.name)).toContain("刘洋");
    expect(hh.body.moves.some((m: { residentName: string }) => m.residentName === "刘洋")).toBe(true);
    // The grid worker of the old grid no longer sees the person.
    expect((await (await t.login("grid-b")).json("GET", `/api/residents/${id}`)).status).toBe(404);
  });

  it("audits every write with before and after", async () => {
    const c = await t.login("community1");
    await c.json("PATCH", `/api/residents/${t.fx.residents.r3.id}`, { phone: "13700000000" });
    const a = await t.db
      .selectFrom("audit_log")
      .select(["summary", "ip"])
      .where("action", "=", "resident.update")
      .where("target_id", "=", t.fx.residents.r3.id)
      .executeTakeFirstOrThrow();
    expect(a.summary).toEqual({ before: { phone: "137****5678" }, after: { phone: "137****0000" } });
  });
});

describe("grids", () => {
  it("locates a point to its grid", async () => {
    const a = await t.login("grid-a");
    expect((await a.json("GET", "/api/grids/locate?lng=104.005&lat=30.005")).body.grid.name).toBe("东一第1网格");
    expect((await a.json("GET", "/api/grids/locate?lng=104.015&lat=30.005")).body.grid.name).toBe("东一第2网格");
    expect((await a.json("GET", "/api/grids/locate?lng=100&lat=30")).body.grid).toBeNull();
    expect((await a.json("GET", "/api/grids/locate?lng=500&lat=30")).status).toBe(400);
  });

  it("refuses an overlapping polygon and names the grids it overlaps", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/grids", {
      communityId: t.fx.areas.c1.id,
      code: "510199001001003",
      name: "东一第3网格",
      polygon: square(104.005, 30, 0.01),
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("grid_overlap");
    expect(r.body.error.message).toContain("东一第1网格");
    expect(r.body.error.message).toContain("东一第2网格");
    expect(await t.db.selectFrom("areas").select("id").where("code", "=", "510199001001003").executeTakeFirst()).toBeUndefined();
  });

  it("creates an adjacent grid, then locates points in it", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/grids", {
      communityId: t.fx.areas.c1.id,
      code: "510199001001004",
      name: "东一第4网格",
      gridLevel: "small",
      polygon: square(104.02, 30, 0.01),
    });
    expect(r.status).toBe(201);
    expect((await c.json("GET", "/api/grids/locate?lng=104.025&lat=30.005")).body.grid.id).toBe(r.body.id);
    const staff = await c.json("POST", `/api/grids/${r.body.id}/staff`, {
      role: "informant",
      name: "楼栋长老李",
      title: "楼栋长",
    });
    expect(staff.status).toBe(201);
    const g = await c.json("GET", `/api/grids/${r.body.id}`);
    expect(g.body.staff).toEqual([{ id: staff.body.id, role: "informant", name: "楼栋长老李", title: "楼栋长", userId: null }]);
  });

  it("refuses a grid code that does not extend the community's code", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/grids", {
      communityId: t.fx.areas.c1.id,
      code: "510199002001009",
      name: "错码",
      polygon: square(105, 31),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("code");
  });

  it("keeps household counts current", async () => {
    const c = await t.login("community1");
    const before = (await c.json("GET", `/api/grids/${t.fx.areas.g2.id}`)).body.householdCount;
    const h = await c.json("POST", "/api/households", { gridId: t.fx.areas.g2.id, address: "东一路2号2栋202", floorArea: 75.5 });
    expect(h.status).toBe(201);
    expect((await c.json("GET", `/api/grids/${t.fx.areas.g2.id}`)).body.householdCount).toBe(before + 1);
    expect((await c.json("DELETE", `/api/households/${h.body.id}`)).status).toBe(200);
    expect((await c.json("GET", `/api/grids/${t.fx.areas.g2.id}`)).body.householdCount).toBe(before);
  });

  it("serves grid polygons as GeoJSON for the map, only within scope", async () => {
    const a = await t.login("grid-a");
    const r = await a.json("GET", "/api/grids/geojson");
    expect(r.body.type).toBe("FeatureCollection");
    expect(r.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(["东一第1网格"]);
  });
});

describe("buildings and households", () => {
  it("registers a building, resolves an address to it, and shows its households", async () => {
    const c = await t.login("community1");
    const b = await c.json("POST", "/api/buildings", {
      gridId: t.fx.areas.g1.id,
      name: "东一路1号1栋",
      address: "东一路1号1栋",
      unitCount: 2,
      floorCount: 6,
      lng: 104.004,
      lat: 30.004,
    });
    expect(b.status).toBe(201);
    const h = await c.json("POST", "/api/households", {
      buildingId: b.body.id,
      address: "东一路1号1栋1单元501",
      unitNo: "1单元",
      roomNo: "501",
    });
    expect(h.status).toBe(201);
    const resolved = await c.json("GET", `/api/buildings/resolve?address=${encodeURIComponent("东一路1号1栋")}`);
    expect(resolved.body.items[0]).toMatchObject({ id: b.body.id, gridId: t.fx.areas.g1.id, householdCount: 1 });
    const got = await c.json("GET", `/api/buildings/${b.body.id}`);
    expect(got.body.households.map((x: { roomNo: string }) => x.roomNo)).toEqual(["501"]);
    expect((await c.json("DELETE", `/api/buildings/${b.body.id}`)).status).toBe(409);
  });

  it("shows the household view with members and head", async () => {
    const c = await t.login("community1");
    await c.json("PUT", `/api/households/${t.fx.households.h1}`, {
      address: "东一路1号1栋101",
      floorArea: 88.5,
      headResidentId: t.fx.residents.r1.id,
    });
    const r = await c.json("GET", `/api/households/${t.fx.households.h1}`);
    expect(r.body.headName).toBe("张伟");
    expect(r.body.members.map((m: { name: string }) => m.name).sort()).toEqual(["张伟", "李娜"].sort());
    expect(r.body.floorArea).toBe(88.5);
  });
});

describe("audit trail", () => {
  it("stays a valid chain after all these writes and refuses changes", async () => {
    const aud = await t.login("auditor");
    const v = await aud.json("POST", "/api/audit/verify");
    expect(v.body.ok).toBe(true);
    expect(v.body.checked).toBeGreaterThan(10);
    await expect(t.db.updateTable("audit_log").set({ action: "x" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });
});

describe("retried submissions", () => {
  it("returns the first answer for a retried POST with the same Idempotency-Key and creates nothing new", async () => {
    const c = await t.login("community1");
    const body = {
      name: "钱多",
      docNumber: makeCitizenId("110105", "1985-04-04", 77),
      residenceType: "registered",
      gridId: t.fx.areas.g1.id,
    };
    const first = await c.json("POST", "/api/residents", body, { "idempotency-key": "k-1" });
    const retry = await c.request("POST", "/api/residents", body, { "idempotency-key": "k-1" });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(first.body);
    const n = await t.db
      .selectFrom("residents")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("name", "=", "钱多")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const misuse = await c.json(
      "POST",
      `/api/residents/${first.body.id}/move`,
      { toHouseholdId: t.fx.households.h1 },
      { "idempotency-key": "k-1" },
    );
    expect(misuse.status).toBe(422);
  });
});
