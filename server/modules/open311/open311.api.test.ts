import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";

let t: TestContext;
let apiKey: string;
let clientId: string;
beforeAll(async () => {
  t = await createTestContext();
  // A registered building, so that an address_string can be placed.
  await t.db
    .insertInto("buildings")
    .values({
      district_id: t.fx.districtId,
      grid_id: t.fx.areas.g2.id,
      area_path: t.fx.areas.g2.path,
      kind: "building",
      name: "东一路2号",
      address: "东一路2号",
      lng: null,
      lat: null,
      floor_count: null,
    })
    .execute();
  const admin = await t.login("admin");
  const r = await admin.json("POST", "/api/open311/clients", { name: "城市服务App" });
  expect(r.status).toBe(201);
  apiKey = r.body.apiKey;
  clientId = r.body.id;
});
afterAll(() => t.close());

const V2 = "/open311/v2";
const get = (path: string) => t.app.request(path);
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });
async function getJson(path: string) {
  const res = await get(path);
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), text, body: JSON.parse(text) };
}
async function getXml(path: string) {
  const res = await get(path);
  const text = await res.text();
  expect(res.headers.get("content-type")).toBe("text/xml; charset=utf-8");
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  return { status: res.status, text };
}
/** The text of the first <tag> in an XML document. */
const xmlText = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

const REQUEST_FIELDS = [
  "service_request_id",
  "status",
  "status_notes",
  "service_name",
  "service_code",
  "description",
  "agency_responsible",
  "service_notice",
  "requested_datetime",
  "updated_datetime",
  "expected_datetime",
  "address",
  "address_id",
  "zipcode",
  "lat",
  "long",
  "media_url",
];
const ZONED = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

const NAME_FIRST = "小明";
const NAME_LAST = "欧阳";
const PHONE = "13612345678";

async function submit(extra: Record<string, string> = {}) {
  const res = await post(`${V2}/requests.json`, {
    api_key: apiKey,
    service_code: "t_noise",
    lat: "30.005",
    long: "104.005",
    description: "广场舞音响声音过大,晚上十点后仍未停止",
    first_name: NAME_FIRST,
    last_name: NAME_LAST,
    phone: PHONE,
    email: "someone@example.com",
    ...extra,
  });
  const body = await res.json();
  return { status: res.status, body };
}

describe("API clients", () => {
  it("issues keys only to administrators, lists clients without keys, and audits", async () => {
    expect((await (await t.login("district")).json("POST", "/api/open311/clients", { name: "x" })).status).toBe(403);
    expect((await t.anonymous.json("GET", "/api/open311/clients")).status).toBe(401);
    expect(apiKey).toMatch(/^gz311_[A-Za-z0-9_-]{20,}$/);
    const admin = await t.login("admin");
    const list = await admin.json("GET", "/api/open311/clients");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([{ id: clientId, name: "城市服务App", createdAt: expect.any(String), revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
    const stored = await t.db
      .selectFrom("open311_clients")
      .select("key_hash")
      .where("id", "=", clientId)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.key_hash).not.toContain(apiKey);
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", clientId).execute();
    expect(audit.map((a) => a.action)).toEqual(["open311.client.create"]);
  });

  it("refuses a revoked key with 403", async () => {
    const admin = await t.login("admin");
    const other = await admin.json("POST", "/api/open311/clients", { name: "旧系统" });
    expect((await submit({ api_key: other.body.apiKey })).status).toBe(200);
    const revoked = await admin.json("POST", `/api/open311/clients/${other.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const r = await submit({ api_key: other.body.apiKey });
    expect(r.status).toBe(403);
    expect(r.body).toEqual([{ code: 403, description: expect.any(String) }]);
    expect((await admin.json("POST", `/api/open311/clients/${other.body.id}/revoke`)).status).toBe(409);
    expect((await admin.json("POST", "/api/open311/clients/00000000-0000-4000-8000-000000000000/revoke")).status).toBe(404);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", other.body.id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["open311.client.create", "open311.client.revoke"]);
  });
});

describe("discovery and services", () => {
  it("serves discovery in JSON and XML", async () => {
    const j = await getJson(`${V2}/discovery.json`);
    expect(j.status).toBe(200);
    expect(j.type).toBe("application/json; charset=utf-8");
    expect(Object.keys(j.body)).toEqual(["changeset", "contact", "key_service", "endpoints"]);
    expect(j.body.endpoints).toEqual([
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: "http://localhost/open311/v2",
        changeset: j.body.changeset,
        type: "production",
        formats: ["application/json", "text/xml"],
      },
    ]);
    const x = await getXml(`${V2}/discovery.xml`);
    expect(x.text).toContain("<discovery><changeset>");
    expect(x.text).toContain(
      "<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>http://localhost/open311/v2</url>",
    );
    expect(x.text).toContain(
      "<type>production</type><formats><format>application/json</format><format>text/xml</format></formats>",
    );
  });

  it("lists one service per active leaf category", async () => {
    const j = await getJson(`${V2}/services.json`);
    expect(j.status).toBe(200);
    const codes = j.body.map((s: { service_code: string }) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining(["t_noise", "t_structure", "t_gas", "other"]));
    expect(codes).not.toContain("t_city");
    const noise = j.body.find((s: { service_code: string }) => s.service_code === "t_noise");
    expect(Object.keys(noise)).toEqual(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]);
    expect(noise).toMatchObject({ service_name: "噪音扰民", metadata: false, type: "realtime", group: "测试市容" });
    expect(typeof noise.keywords).toBe("string");
    const x = await getXml(`${V2}/services.xml`);
    expect(x.text).toContain("<services><service><service_code>");
    expect(x.text).toContain("<service_code>t_noise</service_code><service_name>噪音扰民</service_name>");
    expect(x.text).toContain("<metadata>false</metadata><type>realtime</type>");
    expect(x.text).toContain("<group>测试市容</group>");
  });

  it("answers a service definition, and 404 for an unknown code", async () => {
    const j = await getJson(`${V2}/services/t_noise.json`);
    expect(j.body).toEqual({ service_code: "t_noise", attributes: [] });
    const x = await getXml(`${V2}/services/t_noise.xml`);
    expect(x.text).toContain(
      "<service_definition><service_code>t_noise</service_code><attributes></attributes></service_definition>",
    );
    const missing = await getJson(`${V2}/services/nope.json`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: expect.stringContaining("nope") }]);
    const missingXml = await getXml(`${V2}/services/nope.xml`);
    expect(missingXml.status).toBe(404);
    expect(missingXml.text).toMatch(/<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/);
    expect((await getJson(`${V2}/services/t_city.json`)).status).toBe(404);
    expect((await get(`${V2}/services.csv`)).status).toBe(404);
    expect((await getJson(`${V2}/nothing/here.json`)).status).toBe(404);
  });
});

describe("submitting requests", () => {
  it("refuses a submission without a key, with an unknown service, or without a location", async () => {
    const before = await t.db.selectFrom("orders").select("id").execute();
    const noKey = await post(`${V2}/requests.json`, {
      service_code: "t_noise",
      lat: "30.005",
      long: "104.005",
      description: "测试测试",
    });
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const noKeyXml = await post(`${V2}/requests.xml`, { service_code: "t_noise", lat: "30.005", long: "104.005" });
    expect(noKeyXml.status).toBe(403);
    expect(await noKeyXml.text()).toContain("<errors><error><code>403</code>");
    expect((await submit({ api_key: "gz311_wrong" })).status).toBe(403);

    const unknown = await submit({ service_code: "no_such" });
    expect(unknown.status).toBe(400);
    expect(unknown.body[0].code).toBe(400);
    expect(unknown.body[0].description).toContain("service_code");
    expect((await submit({ service_code: "" })).status).toBe(400);
    expect((await submit({ service_code: "t_city" })).status).toBe(400);

    const noPlace = await submit({ lat: "", long: "" });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body[0].description).toMatch(/lat|address_string/);
    const outside = await submit({ lat: "39.9", long: "116.4" });
    expect(outside.status).toBe(400);
    expect(outside.body[0].description).toContain("网格");
    const badAddress = await submit({ lat: "", long: "", address_string: "不存在的路1号" });
    expect(badAddress.status).toBe(400);
    expect((await submit({ lat: "x", long: "104" })).status).toBe(400);
    expect((await submit({ media_url: "javascript:alert(1)" })).status).toBe(400);
    expect(await t.db.selectFrom("orders").select("id").execute()).toHaveLength(before.length);
  });

  it("creates a work order that anyone can follow, without the reporter's personal data", async () => {
    const r = await submit({ media_url: "https://example.com/p/1.jpg" });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    const created = r.body[0];
    expect(Object.keys(created)).toEqual(["service_request_id", "token", "service_notice", "account_id"]);
    expect(created.service_request_id).toMatch(/^GZ\d{15}$/);
    expect(created.account_id).toBeNull();

    const row = await t.db
      .selectFrom("orders")
      .selectAll()
      .where("number", "=", created.service_request_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: "open311",
      appeal_type: "complaint",
      category_code: "t_noise",
      grid_id: t.fx.areas.g1.id,
    });
    expect(row.reporter_name).toBe(`${NAME_LAST}${NAME_FIRST}`);
    expect(row.reporter_phone_masked).toBe("136****5678");
    expect(row.open311_token).toBe(created.token);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("target_id", "=", row.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "order.create", actor_id: null, actor_name: "open311:城市服务App" });

    const one = await getJson(`${V2}/requests/${created.service_request_id}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toHaveLength(1);
    const req = one.body[0];
    expect(Object.keys(req)).toEqual(REQUEST_FIELDS);
    expect(req).toMatchObject({
      service_request_id: created.service_request_id,
      status: "open",
      service_code: "t_noise",
      service_name: "噪音扰民",
      description: "广场舞音响声音过大,晚上十点后仍未停止",
      lat: 30.005,
      long: 104.005,
      media_url: "https://example.com/p/1.jpg",
    });
    for (const f of ["requested_datetime", "updated_datetime", "expected_datetime"]) expect(req[f], f).toMatch(ZONED);
    expect(req.requested_datetime.endsWith("+08:00")).toBe(true);

    const xml = await getXml(`${V2}/requests/${created.service_request_id}.xml`);
    expect(xml.text).toContain(
      `<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><status>open</status>`,
    );
    expect(xmlText(xml.text, "requested_datetime")).toMatch(ZONED);
    expect(xmlText(xml.text, "long")).toBe("104.005");

    for (const text of [
      one.text,
      xml.text,
      (await getJson(`${V2}/requests.json`)).text,
      (await getXml(`${V2}/requests.xml`)).text,
    ]) {
      for (const secret of [NAME_FIRST, NAME_LAST, PHONE, "136****5678", "5678", "someone@example.com", "reporter"]) {
        expect(text).not.toContain(secret);
      }
    }

    const tok = await getJson(`${V2}/tokens/${created.token}.json`);
    expect(tok.body).toEqual([{ service_request_id: created.service_request_id, token: created.token }]);
    const tokXml = await getXml(`${V2}/tokens/${created.token}.xml`);
    expect(tokXml.text).toContain(
      `<service_requests><request><service_request_id>${created.service_request_id}</service_request_id><token>${created.token}</token></request></service_requests>`,
    );
    expect((await getJson(`${V2}/tokens/nope.json`)).status).toBe(404);
    expect((await getJson(`${V2}/requests/GZ000.json`)).status).toBe(404);
  });

  it("places a request by address_string through the registered buildings, and answers in XML", async () => {
    const res = await post(`${V2}/requests.xml`, {
      api_key: apiKey,
      service_code: "t_structure",
      address_string: "东一路2号",
      description: "楼顶私搭乱建 <彩钢棚> & 围墙",
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>GZ\d+<\/service_request_id><token>/,
    );
    expect(text).toContain("<account_id></account_id>");
    const number = xmlText(text, "service_request_id") as string;
    const row = await t.db
      .selectFrom("orders")
      .select(["grid_id", "address"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ grid_id: t.fx.areas.g2.id, address: "东一路2号" });
    const xml = await getXml(`${V2}/requests/${number}.xml`);
    expect(xml.text).toContain("<description>楼顶私搭乱建 &lt;彩钢棚&gt; &amp; 围墙</description>");
    expect(xml.text).toContain("<lat></lat><long></long>");
  });
});

describe("retried submissions", () => {
  it("answers a retry with the same Idempotency-Key with the first answer and creates one order, in JSON and XML", async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom("orders")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const fields = { api_key: apiKey, service_code: "t_noise", lat: "30.005", long: "104.005", description: "夜间施工噪音" };
    for (const ext of ["json", "xml"]) {
      const before = await count();
      const first = await post(`${V2}/requests.${ext}`, fields, { "idempotency-key": `retry-${ext}` });
      const again = await post(`${V2}/requests.${ext}`, fields, { "idempotency-key": `retry-${ext}` });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
      expect(await again.text()).toBe(await first.text());
      expect(await count()).toBe(before + 1);
    }
    // A refused submission frees its key: the corrected retry goes through.
    const bad = await post(`${V2}/requests.json`, { ...fields, service_code: "nope" }, { "idempotency-key": "fixed-later" });
    expect(bad.status).toBe(400);
    const good = await post(`${V2}/requests.json`, fields, { "idempotency-key": "fixed-later" });
    expect(good.status).toBe(200);
    expect(good.headers.get("idempotent-replayed")).toBeNull();
  });
});

describe("reading requests", () => {
  it("hides the reporter of orders from every channel, and masks numbers typed into the text", async () => {
    const op = await t.login("operator");
    const hotline = await op.json("POST", "/api/orders", {
      appealType: "complaint",
      categoryCode: "t_noise",
      content: "工地夜间施工噪音,来电人留号 13712349876 身份证 110105198003150011",
      gridId: t.fx.areas.g3.id,
      reporterName: "赵敏",
      reporterPhone: "13712349876",
    });
    expect(hotline.status).toBe(201);
    const one = await getJson(`${V2}/requests/${hotline.body.number}.json`);
    expect(one.text).not.toContain("赵敏");
    expect(one.text).not.toContain("13712349876");
    expect(one.text).not.toContain("110105198003150011");
    expect(one.body[0].description).toContain("137****9876");
    expect(one.body[0].description).toContain("110105********0011");
  });

  it("filters by status, service, id and dates, and pages", async () => {
    const a = (await submit({ description: "第一件:路灯不亮已经一周" })).body[0].service_request_id;
    const b = (await submit({ description: "第二件:井盖缺失存在隐患" })).body[0].service_request_id;
    await t.db
      .updateTable("orders")
      .set({ status: "archived", archived_at: new Date(), answer: "已修复,感谢张先生 13612345678 反映" })
      .where("number", "=", b)
      .execute();

    const closed = await getJson(`${V2}/requests.json?status=closed`);
    expect(closed.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([b]);
    expect(closed.body[0]).toMatchObject({ status: "closed", status_notes: "已办结" });
    expect(closed.text).not.toContain("13612345678");
    expect(closed.text).not.toContain("张先生");
    const open = await getJson(`${V2}/requests.json?status=open`);
    const openIds = open.body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(openIds).toContain(a);
    expect(openIds).not.toContain(b);
    expect(open.body.every((r: { status: string }) => r.status === "open")).toBe(true);
    const both = await getJson(`${V2}/requests.json?status=open,closed`);
    expect(both.body).toHaveLength(open.body.length + 1);
    const closedXml = await getXml(`${V2}/requests.xml?status=closed`);
    expect(closedXml.text).toContain(`<service_request_id>${b}</service_request_id><status>closed</status>`);
    expect((await getJson(`${V2}/requests.json?status=pending`)).status).toBe(400);

    const byId = await getJson(`${V2}/requests.json?service_request_id=${a},${b}&status=closed`);
    expect(byId.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());

    const structure = await getJson(`${V2}/requests.json?service_code=t_structure`);
    expect(structure.body.length).toBeGreaterThan(0);
    expect(structure.body.every((r: { service_code: string }) => r.service_code === "t_structure")).toBe(true);

    const all = await getJson(`${V2}/requests.json?page_size=1000`);
    expect(all.body.length).toBeGreaterThanOrEqual(4);
    const p1 = await getJson(`${V2}/requests.json?page_size=1`);
    const p2 = await getJson(`${V2}/requests.json?page_size=1&page=2`);
    expect(p1.body).toHaveLength(1);
    expect(p2.body).toHaveLength(1);
    expect([p1.body[0].service_request_id, p2.body[0].service_request_id]).toEqual(
      all.body.slice(0, 2).map((r: { service_request_id: string }) => r.service_request_id),
    );
    expect((await getJson(`${V2}/requests.json?page_size=1001`)).status).toBe(400);
    expect((await getJson(`${V2}/requests.json?page=0`)).status).toBe(400);

    const old = await getJson(`${V2}/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z`);
    expect(old).toMatchObject({ status: 200, body: [] });
    const today = new Date().toISOString().slice(0, 10);
    const fromToday = await getJson(`${V2}/requests.json?start_date=${today}&page_size=1000`);
    expect(fromToday.body.length).toBe(all.body.length);
    const tooLong = await getJson(
      `${V2}/requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-06-01T00:00:00%2B08:00`,
    );
    expect(tooLong.status).toBe(400);
    expect((await getJson(`${V2}/requests.json?start_date=yesterday`)).status).toBe(400);
  });
});
