import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addResidentUser } from "../../../test/people.js";

let t: TestContext;
let community: Client;
let street: Client;
let district: Client;
let grid: Client;
let gridB: Client;
let resident: Client;
let neighbour: Client;
let outsider: Client;

const A = "/api/decide/agreements";

beforeAll(async () => {
  t = await createTestContext();
  await addResidentUser(t, t.fx.residents.r4.id, "resident-g2"); // g2, also under c1
  await addResidentUser(t, t.fx.residents.r5.id, "resident-c2"); // g3, under c2
  community = await t.login("community1");
  street = await t.login("street1");
  district = await t.login("district");
  grid = await t.login("grid-a");
  gridB = await t.login("grid-b");
  resident = await t.login("resident");
  neighbour = await t.login("resident-g2");
  outsider = await t.login("resident-c2");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function draft(c: Client, kind: string, area = t.fx.areas.c1.id, effectiveOn = "2026-03-01") {
  const res = await c.json("POST", A, {
    areaId: area,
    kind,
    title: kind === "duty" ? "社区干部履职承诺书" : "东一社区居民公约",
    summary: "摘要",
    body: "第一条 爱护公共环境。",
    effectiveOn,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; versionId: string };
}

describe("a residents' convention: versions and signatures", () => {
  let id: string;
  let v1: string;
  let v2: string;

  it("a draft is not visible to residents and cannot be signed", async () => {
    ({ id, versionId: v1 } = await draft(community, "convention"));
    expect((await resident.json("GET", `${A}/${id}`)).status).toBe(404);
    expect((await resident.json("POST", `${A}/${id}/sign`)).status).toBe(404);
    const paper = await grid.json("POST", `${A}/${id}/signatures`, { signerType: "household", signerId: t.fx.households.h2 });
    expect(paper.status).toBe(409); // staff see the draft (grid-a reads c1's items) but it is not signable yet
    expect(paper.body.error.code).toBe("agreements_not_published");
    const list = (await resident.json("GET", A)).body.items;
    expect(list).toHaveLength(0);
  });

  it("publishing makes it readable and signable by residents of the area", async () => {
    const pub = await community.json("POST", `${A}/${id}/versions/${v1}/publish`);
    expect(pub.status).toBe(200);
    const d = (await resident.json("GET", `${A}/${id}`)).body;
    expect(d.status).toBe("published");
    expect(d.currentVersionId).toBe(v1);
    expect(d.can.sign).toBe(true);
    const s = await resident.json("POST", `${A}/${id}/sign`);
    expect(s.status).toBe(201);
    expect(s.body.versionId).toBe(v1);
  });

  it("a second signature of the same version is refused", async () => {
    const again = await resident.json("POST", `${A}/${id}/sign`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("agreements_already_signed");
    // on paper for the same resident: the database refuses it too
    const paper = await community.json("POST", `${A}/${id}/signatures`, {
      signerType: "resident",
      signerId: t.fx.residents.r1.id,
    });
    expect(paper.status).toBe(409);
    const d = (await resident.json("GET", `${A}/${id}`)).body;
    expect(d.mySignature).not.toBeNull();
    expect(d.can.sign).toBe(false);
  });

  it("staff record paper signatures of households in the area, once each", async () => {
    // a grid worker records for a household of their own grid, not for one of another grid
    expect(
      (await grid.json("POST", `${A}/${id}/signatures`, { signerType: "household", signerId: t.fx.households.h2 })).status,
    ).toBe(201);
    const notMine = await grid.json("POST", `${A}/${id}/signatures`, { signerType: "household", signerId: t.fx.households.h3 });
    expect(notMine.status).toBe(400);
    expect(notMine.body.error.details[0].path).toBe("signerId");
    expect((await grid.json("POST", `${A}/${id}/retire`, {})).status).toBe(403);
    const h = await community.json("POST", `${A}/${id}/signatures`, { signerType: "household", signerId: t.fx.households.h3 });
    expect(h.status).toBe(201);
    expect(
      (await community.json("POST", `${A}/${id}/signatures`, { signerType: "household", signerId: t.fx.households.h3 })).status,
    ).toBe(409);
    const outside = await community.json("POST", `${A}/${id}/signatures`, {
      signerType: "household",
      signerId: t.fx.households.h4,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].path).toBe("signerId");
    const wrongType = await community.json("POST", `${A}/${id}/signatures`, {
      signerType: "user",
      signerId: t.fx.users["grid-a"],
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toBe("signerType");
    const unknown = await community.json("POST", `${A}/${id}/signatures`, {
      signerType: "resident",
      signerId: "00000000-0000-4000-8000-000000000009",
    });
    expect(unknown.status).toBe(400);
    const sigs = (await community.json("GET", `${A}/${id}/signatures`)).body;
    expect(sigs.total).toBe(3);
    expect(sigs.items.map((s: { channel: string }) => s.channel).sort()).toEqual(["online", "paper", "paper"]);
  });

  it("a new version cannot take effect before the current one; one draft at a time", async () => {
    const early = await community.json("POST", `${A}/${id}/versions`, { body: "修订稿", effectiveOn: "2026-02-01" });
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe("effectiveOn");
    const ok = await community.json("POST", `${A}/${id}/versions`, {
      body: "第一条 爱护公共环境。第二条 文明养犬。",
      effectiveOn: "2026-07-01",
      note: "增加文明养犬",
    });
    expect(ok.status).toBe(201);
    expect(ok.body.number).toBe(2);
    v2 = ok.body.id;
    const second = await community.json("POST", `${A}/${id}/versions`, { body: "再一稿", effectiveOn: "2026-08-01" });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("agreements_draft_exists");
    // residents do not see the draft version
    const seen = (await resident.json("GET", `${A}/${id}`)).body.versions;
    expect(seen.map((v: { number: number }) => v.number)).toEqual([1]);
    expect((await community.json("PATCH", `${A}/${id}/versions/${v2}`, { note: "增加文明养犬条款" })).status).toBe(200);
    expect((await community.json("PATCH", `${A}/${id}/versions/${v1}`, { note: "x" })).status).toBe(409);
  });

  it("publishing v2 supersedes v1, keeps history, and asks for new signatures", async () => {
    expect((await community.json("POST", `${A}/${id}/versions/${v2}/publish`)).status).toBe(200);
    expect((await community.json("POST", `${A}/${id}/versions/${v1}/publish`)).status).toBe(409);
    const d = (await resident.json("GET", `${A}/${id}`)).body;
    expect(d.currentVersionId).toBe(v2);
    expect(d.versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, "published"],
      [1, "superseded"],
    ]);
    expect(d.versions[1].signatureCount).toBe(3);
    expect(d.mySignature).toBeNull();
    expect(d.can.sign).toBe(true);
    expect((await resident.json("POST", `${A}/${id}/sign`)).status).toBe(201);
    expect((await neighbour.json("POST", `${A}/${id}/sign`)).status).toBe(201);
    const list = (await resident.json("GET", A)).body.items;
    expect(list[0]).toMatchObject({ id, versionNumber: 2, signatureCount: 2, signedByMe: true });
  });

  it("a resident of another community cannot read or sign it", async () => {
    expect((await outsider.json("GET", `${A}/${id}`)).status).toBe(404);
    expect((await outsider.json("POST", `${A}/${id}/sign`)).status).toBe(404);
  });

  it("retiring stops signatures and hides it from residents; history stays for staff", async () => {
    expect((await resident.json("POST", `${A}/${id}/retire`, {})).status).toBe(403);
    expect((await community.json("POST", `${A}/${id}/retire`, { reason: "已并入新公约" })).status).toBe(200);
    expect((await resident.json("GET", `${A}/${id}`)).status).toBe(404);
    const paper = await community.json("POST", `${A}/${id}/signatures`, {
      signerType: "household",
      signerId: t.fx.households.h1,
    });
    expect(paper.status).toBe(409);
    expect((await community.json("POST", `${A}/${id}/versions`, { body: "x", effectiveOn: "2027-01-01" })).status).toBe(409);
    const d = (await community.json("GET", `${A}/${id}`)).body;
    expect(d.status).toBe("retired");
    expect(d.versions).toHaveLength(2);
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", id).execute();
    const actions = audit.map((a) => a.action);
    for (const a of [
      "agreement.create",
      "agreement.publish",
      "agreement.version_add",
      "agreement.sign",
      "agreement.sign_paper",
      "agreement.retire",
    ]) {
      expect(actions).toContain(a);
    }
  });
});

describe("a duty agreement of the community cadres", () => {
  let id: string;
  it("cadres sign it; residents read it but do not sign", async () => {
    const g = await draft(community, "duty");
    id = g.id;
    await community.json("POST", `${A}/${id}/versions/${g.versionId}/publish`);
    expect((await community.json("POST", `${A}/${id}/sign`)).status).toBe(201);
    expect((await community.json("POST", `${A}/${id}/sign`)).status).toBe(409);
    expect((await street.json("POST", `${A}/${id}/sign`)).status).toBe(201); // the street above the community
    const r = await resident.json("GET", `${A}/${id}`);
    expect(r.status).toBe(200);
    expect(r.body.can.sign).toBe(false);
    const refused = await resident.json("POST", `${A}/${id}/sign`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("agreements_not_signer");
  });

  it("paper signatures of cadres; a cadre of another community is refused", async () => {
    expect(
      (await community.json("POST", `${A}/${id}/signatures`, { signerType: "user", signerId: t.fx.users["grid-b"] })).status,
    ).toBe(201);
    expect(
      (await community.json("POST", `${A}/${id}/signatures`, { signerType: "user", signerId: t.fx.users.community1 })).status,
    ).toBe(409);
    const res = await community.json("POST", `${A}/${id}/signatures`, { signerType: "resident", signerId: t.fx.residents.r1.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("signerType");
    const ids = (await community.json("GET", `${A}/${id}/signatures`)).body.items.map((s: { signerId: string }) => s.signerId);
    expect(ids.sort()).toEqual([t.fx.users.community1, t.fx.users.street1, t.fx.users["grid-b"]].sort());
  });
});

describe("permissions", () => {
  let c2: string;
  beforeAll(async () => {
    const g = await draft(district, "org_resident", t.fx.areas.c2.id);
    c2 = g.id;
    await district.json("POST", `${A}/${c2}/versions/${g.versionId}/publish`);
  });

  it("residents and grid workers do not manage", async () => {
    const body = { areaId: t.fx.areas.g1.id, kind: "convention", title: "x", body: "y", effectiveOn: "2026-01-01" };
    expect((await resident.json("POST", A, body)).status).toBe(403);
    expect((await grid.json("POST", A, body)).status).toBe(403);
    expect((await gridB.json("POST", `${A}/${c2}/retire`, {})).status).toBe(403);
  });

  it("other communities' agreements are out of scope for staff", async () => {
    expect((await community.json("GET", `${A}/${c2}`)).status).toBe(404);
    expect(
      (await community.json("POST", `${A}/${c2}/signatures`, { signerType: "household", signerId: t.fx.households.h4 })).status,
    ).toBe(404);
    expect(
      (
        await community.json("POST", A, {
          areaId: t.fx.areas.c2.id,
          kind: "convention",
          title: "x",
          body: "y",
          effectiveOn: "2026-01-01",
        })
      ).status,
    ).toBe(400);
  });

  it("residents cannot list signatures; the c2 resident signs the c2 agreement", async () => {
    expect((await outsider.json("GET", `${A}/${c2}/signatures`)).status).toBe(403);
    expect((await outsider.json("POST", `${A}/${c2}/sign`)).status).toBe(201);
    expect((await resident.json("GET", `${A}/${c2}`)).status).toBe(404);
  });

  it("bad dates are refused naming the field", async () => {
    const res = await community.json("POST", A, {
      areaId: t.fx.areas.c1.id,
      kind: "convention",
      title: "x",
      body: "y",
      effectiveOn: "2026-13-01",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("effectiveOn");
  });
});
