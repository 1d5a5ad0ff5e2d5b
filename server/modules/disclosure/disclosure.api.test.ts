import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addResidentUser } from "../../../test/people.js";
import { countStats } from "./rules.js";
import { publishDisclosureTx } from "./service.js";

let t: TestContext;
let district: Client;
let community: Client;
let grid: Client;
let resident: Client; // r1, home g1 (c1, s1)
let west: Client; // r5, home g3 (c2, s2)

const finance = {
  income: [{ item: "公共服务专项资金", amount: "240000" }],
  incomeTotal: "240000.00",
  expense: [
    { item: "楼道照明", amount: "1234.56" },
    { item: "健身器材", amount: "0.44" },
  ],
  expenseTotal: "1235.00",
};

async function draft(c: Client, body: Record<string, unknown>) {
  const r = await c.json("POST", "/api/decide/disclosures", body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

async function published(c: Client, body: Record<string, unknown>) {
  const id = await draft(c, body);
  expect((await c.json("POST", `/api/decide/disclosures/${id}/publish`)).status).toBe(200);
  return id;
}

const party = (areaId: string, title = "党费收缴情况") => ({
  areaId,
  category: "party",
  title,
  fields: { item: "党费", content: "全年收缴 1.2 万元" },
  periodStart: "2026-01-01",
  periodEnd: "2026-03-31",
});

beforeAll(async () => {
  t = await createTestContext();
  await addResidentUser(t, t.fx.residents.r5.id, "west-resident");
  [district, community, grid, resident, west] = await Promise.all([
    t.login("district"),
    t.login("community1"),
    t.login("grid-a"),
    t.login("resident"),
    t.login("west-resident"),
  ]);
}, 120_000);
afterAll(() => t.close());

describe("templates and publication", () => {
  it("serves the templates", async () => {
    const r = await resident.json("GET", "/api/decide/disclosures/templates");
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: { code: string }) => x.code)).toContain("finance.v1");
  });

  it("refuses a finance statement off by a cent, naming the field, and stores nothing", async () => {
    const before = await t.db
      .selectFrom("disclosures")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    const r = await community.json(
      "POST",
      "/api/decide/disclosures",
      { areaId: t.fx.areas.c1.id, category: "finance", title: "一季度财务", fields: { ...finance, expenseTotal: "1235.01" } },
      { "accept-language": "en" },
    );
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      { path: "fields.expenseTotal", message: "the total 1235.01 does not equal the sum of the lines 1235.00" },
    ]);
    const after = await t.db
      .selectFrom("disclosures")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("drafts, edits, publishes and withdraws with a reason; all audited", async () => {
    const id = await draft(community, { areaId: t.fx.areas.c1.id, category: "finance", title: "一季度财务", fields: finance });
    // Residents do not see drafts.
    expect((await resident.json("GET", `/api/decide/disclosures/${id}`)).status).toBe(404);
    const patch = await community.json("PATCH", `/api/decide/disclosures/${id}`, { title: "2026年一季度财务收支" });
    expect(patch.status).toBe(200);
    expect((await community.json("POST", `/api/decide/disclosures/${id}/publish`)).status).toBe(200);
    expect((await community.json("POST", `/api/decide/disclosures/${id}/publish`)).status).toBe(409);
    expect((await community.json("PATCH", `/api/decide/disclosures/${id}`, { title: "x" })).status).toBe(409);
    const seen = await resident.json("GET", `/api/decide/disclosures/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.title).toBe("2026年一季度财务收支");
    expect(seen.body.fields.expenseTotal).toBe("1235.00");

    const noReason = await community.json("POST", `/api/decide/disclosures/${id}/withdraw`, { reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe("reason");
    expect(
      (await community.json("POST", `/api/decide/disclosures/${id}/withdraw`, { reason: "数据有误,更正后重发" })).status,
    ).toBe(200);
    const kept = await community.json("GET", `/api/decide/disclosures/${id}`);
    expect(kept.body).toMatchObject({ status: "withdrawn", withdrawReason: "数据有误,更正后重发" });
    expect(kept.body.publishedAt).not.toBeNull();
    expect((await resident.json("GET", `/api/decide/disclosures/${id}`)).status).toBe(404);
    const actions = (
      await t.db.selectFrom("audit_log").select("action").where("target_id", "=", id).orderBy("seq").execute()
    ).map((a) => a.action);
    expect(actions).toEqual(["disclosure.create", "disclosure.update", "disclosure.publish", "disclosure.withdraw"]);
  });

  it("refuses what residents, grid workers and other communities may not do", async () => {
    const body = party(t.fx.areas.c1.id);
    expect((await resident.json("POST", "/api/decide/disclosures", body)).status).toBe(403);
    expect((await grid.json("POST", "/api/decide/disclosures", body)).status).toBe(403);
    // A community cannot publish in another community.
    const other = await community.json("POST", "/api/decide/disclosures", party(t.fx.areas.c2.id));
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].path).toBe("areaId");
    const westId = await published(district, party(t.fx.areas.c2.id, "西一社区党务"));
    expect((await community.json("GET", `/api/decide/disclosures/${westId}`)).status).toBe(404);
    expect((await resident.json("GET", `/api/decide/disclosures/${westId}`)).status).toBe(404);
    expect((await west.json("GET", `/api/decide/disclosures/${westId}`)).status).toBe(200);
    expect((await community.json("POST", `/api/decide/disclosures/${westId}/withdraw`, { reason: "x" })).status).toBe(404);
    const eastId = await published(community, party(t.fx.areas.c1.id, "东一社区党务"));
    expect((await west.json("GET", `/api/decide/disclosures/${eastId}`)).status).toBe(404);
    expect((await west.json("POST", `/api/decide/disclosures/${eastId}/opinions`, { content: "?" })).status).toBe(404);
    expect((await resident.json("POST", `/api/decide/disclosures/${eastId}/publish`)).status).toBe(403);
    expect((await resident.json("GET", "/api/decide/disclosures/stats")).status).toBe(403);
    const list = await west.json("GET", "/api/decide/disclosures");
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([westId]);
  });

  it("lists by category and period overlap", async () => {
    const a = await published(community, {
      ...party(t.fx.areas.c1.id, "一季度"),
      periodStart: "2025-01-01",
      periodEnd: "2025-03-31",
    });
    const b = await published(community, {
      ...party(t.fx.areas.g1.id, "二季度"),
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
    });
    const r = await resident.json("GET", "/api/decide/disclosures?category=party&periodFrom=2025-03-31&periodTo=2025-04-01");
    const ids = r.body.items.map((d: { id: string }) => d.id);
    expect(ids).toContain(a);
    expect(ids).toContain(b);
    const q1 = await resident.json("GET", "/api/decide/disclosures?category=party&periodFrom=2025-01-01&periodTo=2025-03-30");
    expect(q1.body.items.map((d: { id: string }) => d.id)).toEqual([a]);
    expect(
      (await resident.json("GET", "/api/decide/disclosures?category=finance&periodFrom=2025-01-01&periodTo=2025-03-30")).body
        .total,
    ).toBe(0);
    const bad = await community.json("GET", "/api/decide/disclosures?periodFrom=2025-02-30");
    expect(bad.status).toBe(400);
  });

  it("shows attachments of owner type 'disclosure'", async () => {
    const id = await published(community, party(t.fx.areas.c1.id, "附件测试"));
    await t.db
      .insertInto("decide_files")
      .values({
        district_id: t.fx.districtId,
        owner_type: "disclosure",
        owner_id: id,
        name: "明细.pdf",
        mime: "application/pdf",
        size: 10,
        storage_key: "k1",
      })
      .execute();
    const r = await resident.json("GET", `/api/decide/disclosures/${id}`);
    expect(r.body.attachments).toMatchObject([{ name: "明细.pdf", mime: "application/pdf" }]);
  });

  it("publishDisclosureTx publishes once per source", async () => {
    const actor = { userId: t.fx.users.district, username: "district", ip: "127.0.0.1" };
    const input = {
      districtId: t.fx.districtId,
      areaId: t.fx.areas.c1.id,
      areaPath: t.fx.areas.c1.path,
      category: "residents" as const,
      title: "表决结果:加装电梯",
      body: "赞成 31 票,通过",
      sourceType: "vote",
      sourceId: "00000000-0000-4000-8000-000000000001",
    };
    const a = await t.db.transaction().execute((trx) => publishDisclosureTx(trx, actor, input));
    const b = await t.db.transaction().execute((trx) => publishDisclosureTx(trx, actor, input));
    expect(b).toBe(a);
    const r = await resident.json("GET", `/api/decide/disclosures/${a}`);
    expect(r.body).toMatchObject({ status: "published", template: "notice", sourceType: "vote" });
    await expect(
      t.db.transaction().execute((trx) => publishDisclosureTx(trx, actor, { ...input, sourceId: null, body: "" })),
    ).rejects.toThrow();
  });
});

describe("opinions", () => {
  let id: string;
  beforeAll(async () => {
    id = await published(community, { areaId: t.fx.areas.c1.id, category: "finance", title: "二季度财务", fields: finance });
  });

  it("residents comment and ask; staff may not", async () => {
    const a = await resident.json("POST", `/api/decide/disclosures/${id}/opinions`, {
      kind: "question",
      content: "照明费用为何这么高?",
    });
    expect(a.status).toBe(201);
    expect((await community.json("POST", `/api/decide/disclosures/${id}/opinions`, { content: "x" })).status).toBe(403);
    expect((await resident.json("POST", `/api/decide/disclosures/${id}/opinions`, { content: "  " })).status).toBe(400);
  });

  it("enforces the disposition rules and notifies the author", async () => {
    const op = (await resident.json("POST", `/api/decide/disclosures/${id}/opinions`, { content: "建议增加健身器材" })).body.id;
    const noReason = await community.json(
      "POST",
      `/api/decide/disclosures/opinions/${op}/handle`,
      { disposition: "not_adopted" },
      { "accept-language": "en" },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([{ path: "note", message: "give the reason for not adopting" }]);
    expect(
      (await community.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, { disposition: "replied" })).status,
    ).toBe(400);
    expect(
      (await resident.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, { disposition: "adopted", note: "x" }))
        .status,
    ).toBe(403);
    expect(
      (await grid.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, { disposition: "adopted", note: "x" })).status,
    ).toBe(403);
    let row = await t.db.selectFrom("disclosure_opinions").selectAll().where("id", "=", op).executeTakeFirstOrThrow();
    expect(row.disposition).toBeNull();

    const ok = await community.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, {
      disposition: "adopted",
      note: "已新增两套健身器材",
    });
    expect(ok.status).toBe(200);
    expect(
      (await community.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, { disposition: "not_adopted", note: "x" }))
        .status,
    ).toBe(409);
    // An adopted opinion may also be replied to.
    expect((await community.json("POST", `/api/decide/disclosures/opinions/${op}/reply`, { reply: "感谢建议" })).status).toBe(
      200,
    );
    row = await t.db.selectFrom("disclosure_opinions").selectAll().where("id", "=", op).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ disposition: "adopted", disposition_note: "已新增两套健身器材", reply: "感谢建议" });
    const mine = await resident.json("GET", "/api/notifications");
    expect(mine.body.items.map((n: { title: string }) => n.title)).toEqual(
      expect.arrayContaining([expect.stringContaining("已采纳并办理"), expect.stringContaining("已答复")]),
    );
    const detail = await resident.json("GET", `/api/decide/disclosures/${id}`);
    const seen = detail.body.opinions.find((o: { id: string }) => o.id === op);
    expect(seen).toMatchObject({ mine: true, disposition: "adopted", reply: "感谢建议", authorName: "张*" });
    const queue = await community.json("GET", "/api/decide/disclosures/opinions?state=pending");
    expect(queue.body.items.every((o: { disposition: string | null }) => o.disposition === null)).toBe(true);
  });

  it("other communities' staff cannot handle", async () => {
    const op = (await resident.json("POST", `/api/decide/disclosures/${id}/opinions`, { content: "再问一次" })).body.id;
    const street2 = await t.db
      .insertInto("users")
      .values({
        username: "street2",
        display_name: "西街道",
        kind: "staff",
        role: "street",
        password_hash: (
          await t.db.selectFrom("users").select("password_hash").where("username", "=", "street1").executeTakeFirstOrThrow()
        ).password_hash,
        resident_id: null,
        department: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await t.db.insertInto("user_scopes").values({ user_id: street2.id, area_id: t.fx.areas.s2.id }).execute();
    const s2 = await t.login("street2");
    expect(
      (await s2.json("POST", `/api/decide/disclosures/opinions/${op}/handle`, { disposition: "replied", reply: "x" })).status,
    ).toBe(404);
    expect((await s2.json("GET", `/api/decide/disclosures/stats?areaId=${t.fx.areas.c1.id}`)).status).toBe(404);
  });
});

describe("statistics", () => {
  // Hand-counted: the s1 subtree in January 2026 (CST).
  const cst = (s: string) => new Date(`${s}+08:00`);
  it("counts as the seeds do, and the SQL agrees with the pure function", async () => {
    // A clean slate for the period: earlier tests published with real timestamps (not in 2026-01).
    const { c1, c2, g1, s1 } = t.fx.areas;
    const setPublished = (id: string, at: string) =>
      t.db
        .updateTable("disclosures")
        .set({ published_at: cst(at) })
        .where("id", "=", id)
        .execute();
    const d1 = await published(community, { areaId: c1.id, category: "finance", title: "S1", fields: finance });
    const d2 = await published(community, party(g1.id, "S2"));
    const d3 = await published(community, { ...party(c1.id, "S3"), category: "party" });
    const d4 = await published(district, party(c2.id, "S4"));
    const d5 = await published(district, {
      areaId: s1.id,
      category: "residents",
      title: "S5",
      fields: { matter: "道路", decision: "修缮", basis: "居民代表会议决议" },
    });
    await draft(community, { areaId: c1.id, category: "finance", title: "S6", fields: finance });
    await setPublished(d1, "2026-01-10T09:00:00");
    await setPublished(d2, "2026-01-31T23:59:59.999");
    await setPublished(d3, "2026-02-01T00:00:00"); // at `to`: out
    await setPublished(d4, "2026-01-15T00:00:00"); // other street: out
    await setPublished(d5, "2026-01-01T00:00:00"); // at `from`: in, then withdrawn: still counted
    await district.json("POST", `/api/decide/disclosures/${d5}/withdraw`, { reason: "重复" });

    const opinion = async (c: Client, d: string, at: string, handle?: Record<string, unknown>, reply?: string) => {
      const o = (await c.json("POST", `/api/decide/disclosures/${d}/opinions`, { content: `意见 ${at}` })).body.id as string;
      await t.db
        .updateTable("disclosure_opinions")
        .set({ created_at: cst(at) })
        .where("id", "=", o)
        .execute();
      if (handle) expect((await district.json("POST", `/api/decide/disclosures/opinions/${o}/handle`, handle)).status).toBe(200);
      if (reply) expect((await district.json("POST", `/api/decide/disclosures/opinions/${o}/reply`, { reply })).status).toBe(200);
      return o;
    };
    await opinion(resident, d1, "2026-01-02T10:00:00", { disposition: "adopted", note: "已办", reply: "已答复" });
    await opinion(resident, d1, "2026-01-03T10:00:00", { disposition: "adopted", note: "已办" });
    await opinion(resident, d1, "2026-01-04T10:00:00", { disposition: "replied", reply: "答复" });
    await opinion(resident, d1, "2026-01-05T10:00:00", { disposition: "not_adopted", note: "不符合政策" }, "解释");
    await opinion(resident, d1, "2026-01-06T10:00:00");
    await opinion(resident, d2, "2026-02-01T00:00:00", { disposition: "adopted", note: "x" }); // out
    await opinion(resident, d2, "2026-01-20T10:00:00", { disposition: "adopted", note: "x" });
    await opinion(west, d4, "2026-01-20T10:00:00", { disposition: "adopted", note: "x" }); // other street

    const r = await district.json("GET", `/api/decide/disclosures/stats?areaId=${s1.id}&from=2026-01-01&to=2026-02-01`);
    expect(r.status).toBe(200);
    expect(r.body.total).toEqual({ published: 3, withdrawn: 1, collected: 6, adopted: 3, replied: 3, notAdopted: 1 });
    expect(r.body.byArea).toEqual([
      { areaId: s1.id, areaName: "东街道", published: 1, collected: 0, adopted: 0, replied: 0, notAdopted: 0 },
      { areaId: c1.id, areaName: "东一社区", published: 2, collected: 6, adopted: 3, replied: 3, notAdopted: 1 },
    ]);
    const cat = Object.fromEntries(r.body.byCategory.map((x: { category: string }) => [x.category, x]));
    expect(cat.finance).toMatchObject({ published: 1, collected: 5, adopted: 2, replied: 3, notAdopted: 1 });
    expect(cat.party).toMatchObject({ published: 1, collected: 1, adopted: 1, replied: 0 });
    expect(cat.residents).toMatchObject({ published: 1, collected: 0 });

    // The SQL equals the pure reference over the raw rows, for several areas and periods.
    const ds = await t.db.selectFrom("disclosures").select(["area_path", "category", "published_at"]).execute();
    const os = await t.db
      .selectFrom("disclosure_opinions as o")
      .innerJoin("disclosures as d", "d.id", "o.disclosure_id")
      .select(["o.area_path", "d.category", "o.created_at", "o.disposition", sql<boolean>`o.reply is not null`.as("replied")])
      .execute();
    const rows = {
      ds: ds.map((d) => ({ areaPath: d.area_path, category: d.category, publishedAt: d.published_at })),
      os: os.map((o) => ({
        areaPath: o.area_path,
        category: o.category,
        createdAt: o.created_at,
        disposition: o.disposition,
        replied: o.replied,
      })),
    };
    for (const [area, from, to] of [
      [s1, "2026-01-01", "2026-02-01"],
      [t.fx.areas.district, "2026-01-01", "2026-02-02"],
      [c1, "2026-01-03", "2026-01-05"],
      [g1, "2020-01-01", "2030-01-01"],
      [c2, "2026-01-01", "2026-12-31"],
    ] as const) {
      const res = await district.json("GET", `/api/decide/disclosures/stats?areaId=${area.id}&from=${from}&to=${to}`);
      const { withdrawn: _, ...total } = res.body.total;
      const expected = countStats(rows.ds, rows.os, {
        areaPath: area.path,
        from: cst(`${from}T00:00:00`),
        to: cst(`${to}T00:00:00`),
      });
      expect(total, `${from}..${to}`).toEqual(expected);
    }
  });
});
