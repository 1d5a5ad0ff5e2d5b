import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addResidentUser } from "../../../test/people.js";
import type { SessionUser } from "../identity/types.js";
import * as listings from "./listings.service.js";

let t: TestContext;
let district: Client;
let community: Client;
let resident: Client; // r1, home g1 (c1)
let neighbour: Client; // r3, home g1 (c1)
let west: Client; // r5, home g3 (c2)

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestContext();
  await addResidentUser(t, t.fx.residents.r5.id, "west-resident");
  await addResidentUser(t, t.fx.residents.r3.id, "neighbour");
  [district, community, resident, neighbour, west] = await Promise.all([
    t.login("district"),
    t.login("community1"),
    t.login("resident"),
    t.login("neighbour"),
    t.login("west-resident"),
  ]);
}, 120_000);
afterAll(() => t.close());

async function openListing(
  c: Client,
  residents: string[],
  window = { opensAt: iso(Date.now() - hour), closesAt: iso(Date.now() + hour) },
) {
  const r = await c.json("POST", "/api/decide/listings", {
    areaId: t.fx.areas.c1.id,
    kind: "low_income",
    title: "2026年12月低保对象公示",
    ...window,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const id = r.body.id as string;
  const entries: string[] = [];
  for (const rid of residents) {
    const e = await c.json("POST", `/api/decide/listings/${id}/entries`, { residentId: rid, amount: "780.00" });
    expect(e.status, JSON.stringify(e.body)).toBe(201);
    entries.push(e.body.id);
  }
  return { id, entries };
}

const closeNow = (id: string) =>
  t.db
    .updateTable("public_listings")
    .set({ opens_at: new Date(Date.now() - 2 * hour), closes_at: new Date(Date.now() - 1) })
    .where("id", "=", id)
    .execute();

describe("public listings", () => {
  it("validates the window and the entries", async () => {
    const at = Date.now();
    const bad = await community.json("POST", "/api/decide/listings", {
      areaId: t.fx.areas.c1.id,
      kind: "low_income",
      title: "x",
      opensAt: iso(at),
      closesAt: iso(at),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("closesAt");
    const { id } = await openListing(community, [t.fx.residents.r1.id]);
    expect(
      (await community.json("POST", `/api/decide/listings/${id}/entries`, { residentId: t.fx.residents.r1.id })).status,
    ).toBe(409);
    // Out of the community's scope: not found in its registry.
    const r5 = await community.json("POST", `/api/decide/listings/${id}/entries`, { residentId: t.fx.residents.r5.id });
    expect(r5.status).toBe(400);
    expect(r5.body.error.details[0].path).toBe("residentId");
    // In the district's scope but not living in the listing's area.
    const outside = await district.json("POST", `/api/decide/listings/${id}/entries`, { residentId: t.fx.residents.r5.id });
    expect(outside.body.error.details[0]).toMatchObject({ path: "residentId" });
    expect(
      (
        await resident.json("POST", "/api/decide/listings", {
          areaId: t.fx.areas.c1.id,
          kind: "low_income",
          title: "x",
          opensAt: iso(0),
          closesAt: iso(1),
        })
      ).status,
    ).toBe(403);
  });

  it("shows masked names and IDs only, to residents while open", async () => {
    const { id } = await openListing(community, [t.fx.residents.r1.id, t.fx.residents.r2.id, t.fx.residents.r4.id]);
    // A draft is not public.
    expect((await resident.json("GET", `/api/decide/listings/${id}`)).status).toBe(404);
    expect((await community.json("POST", `/api/decide/listings/${id}/publish`)).status).toBe(200);
    expect(
      (await community.json("POST", `/api/decide/listings/${id}/entries`, { residentId: t.fx.residents.r3.id })).status,
    ).toBe(409);
    for (const c of [resident, community, district]) {
      const res = await c.request("GET", `/api/decide/listings/${id}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const key of ["r1", "r2", "r4"] as const) {
        expect(text).not.toContain(t.fx.residents[key].doc);
        expect(text).not.toContain(t.fx.residents[key].doc.slice(6, 14)); // not even the birth date
      }
      for (const name of ["张伟", "李娜", "刘洋"]) expect(text).not.toContain(name);
      const body = JSON.parse(text);
      expect(body.entries.map((e: { maskedName: string }) => e.maskedName).sort()).toEqual(["刘*", "张*", "李*"]);
      expect(body.entries[0].docMasked).toMatch(/\*/);
    }
    const list = await resident.json("GET", "/api/decide/listings");
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(id);
    expect((await west.json("GET", `/api/decide/listings/${id}`)).status).toBe(404);
  });

  it("takes objections only while open, from residents of the area; staff resolve them", async () => {
    const { id, entries } = await openListing(community, [t.fx.residents.r1.id, t.fx.residents.r2.id, t.fx.residents.r4.id]);
    await community.json("POST", `/api/decide/listings/${id}/publish`);
    const [, e2, e4] = entries;
    const o1 = await resident.json("POST", `/api/decide/listings/${id}/objections`, {
      entryId: e2,
      reason: "其家庭有经营性车辆",
    });
    expect(o1.status).toBe(201);
    const o2 = await neighbour.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e4, reason: "收入不实" });
    expect(o2.status).toBe(201);
    expect((await west.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e2, reason: "x" })).status).toBe(404);
    expect((await community.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e2, reason: "x" })).status).toBe(
      403,
    );
    expect((await resident.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e2, reason: " " })).status).toBe(400);

    // Resolving: a reason is required; residents may not resolve.
    expect(
      (
        await resident.json("POST", `/api/decide/listings/objections/${o1.body.id}/resolve`, {
          outcome: "upheld",
          resolution: "x",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await community.json("POST", `/api/decide/listings/objections/${o1.body.id}/resolve`, {
          outcome: "upheld",
          resolution: "",
        })
      ).status,
    ).toBe(400);
    const up = await community.json("POST", `/api/decide/listings/objections/${o1.body.id}/resolve`, {
      outcome: "upheld",
      resolution: "经核查,家庭收入超过标准,取消低保资格",
    });
    expect(up.status).toBe(200);
    expect(
      (
        await community.json("POST", `/api/decide/listings/objections/${o1.body.id}/resolve`, {
          outcome: "dismissed",
          resolution: "x",
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await community.json("POST", `/api/decide/listings/objections/${o2.body.id}/resolve`, {
          outcome: "dismissed",
          resolution: "经核查,收入属实",
        })
      ).status,
    ).toBe(200);
    // An objection to a removed entry is refused.
    expect((await neighbour.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e2, reason: "x" })).status).toBe(
      409,
    );

    const staff = await community.json("GET", `/api/decide/listings/${id}`);
    expect(staff.body.counts).toEqual({ entries: 3, objections: 2, upheld: 1, removed: 1 });
    expect(staff.body.entries.find((e: { id: string }) => e.id === e2)).toMatchObject({
      status: "removed",
      removedReason: "经核查,家庭收入超过标准,取消低保资格",
    });
    const pub = await resident.json("GET", `/api/decide/listings/${id}`);
    expect(pub.body.entries.map((e: { id: string }) => e.id)).not.toContain(e2);
    expect(pub.body.objections).toHaveLength(1); // only my own
    const notes = await resident.json("GET", "/api/notifications");
    expect(notes.body.items[0].title).toContain("异议已成立");
    const audit = await t.db.selectFrom("audit_log").select("action").where("action", "like", "listing.%").execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "listing.create",
        "listing.entry.add",
        "listing.publish",
        "listing.objection.create",
        "listing.objection.resolve",
      ]),
    );

    // After closing: objections refused; residents no longer see it; republish as a new round.
    expect(
      (
        await community.json("POST", `/api/decide/listings/${id}/republish`, {
          opensAt: iso(Date.now()),
          closesAt: iso(Date.now() + hour),
        })
      ).status,
    ).toBe(409);
    await closeNow(id);
    const late = await resident.json("POST", `/api/decide/listings/${id}/objections`, { entryId: e4, reason: "迟到的异议" });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("disclosure_listing_not_open");
    expect((await resident.json("GET", `/api/decide/listings/${id}`)).status).toBe(404);
    const again = await community.json("POST", `/api/decide/listings/${id}/republish`, {
      opensAt: iso(Date.now()),
      closesAt: iso(Date.now() + hour),
    });
    expect(again.status).toBe(201);
    const round2 = await resident.json("GET", `/api/decide/listings/${again.body.id}`);
    expect(round2.body).toMatchObject({ round: 2, previousId: id, phase: "open", counts: { entries: 2, objections: 0 } });
    expect(
      (
        await community.json("POST", `/api/decide/listings/${id}/republish`, {
          opensAt: iso(Date.now()),
          closesAt: iso(Date.now() + hour),
        })
      ).status,
    ).toBe(409);
  });

  it("refuses republishing while objections are pending", async () => {
    const { id, entries } = await openListing(community, [t.fx.residents.r1.id]);
    await community.json("POST", `/api/decide/listings/${id}/publish`);
    await neighbour.json("POST", `/api/decide/listings/${id}/objections`, { entryId: entries[0], reason: "疑问" });
    await closeNow(id);
    const r = await community.json("POST", `/api/decide/listings/${id}/republish`, {
      opensAt: iso(Date.now()),
      closesAt: iso(Date.now() + hour),
    });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("disclosure_listing_pending");
  });

  it("accepts an objection at the closing instant and refuses one a millisecond later", async () => {
    const opens = Date.now() - hour;
    const closes = Date.now() + hour;
    const { id, entries } = await openListing(community, [t.fx.residents.r2.id], { opensAt: iso(opens), closesAt: iso(closes) });
    await community.json("POST", `/api/decide/listings/${id}/publish`);
    const u = await t.db
      .selectFrom("users")
      .select(["id", "resident_id"])
      .where("username", "=", "neighbour")
      .executeTakeFirstOrThrow();
    const user: SessionUser = {
      id: u.id,
      username: "neighbour",
      displayName: "neighbour",
      kind: "resident",
      role: "resident",
      permissions: ["decide.participate"],
      residentId: u.resident_id,
      scope: { paths: [t.fx.areas.g1.path] },
      areas: [],
      csrfToken: "",
    };
    const actor = { userId: u.id, username: "neighbour", ip: "127.0.0.1" };
    const input = { entryId: entries[0], reason: "最后一刻的异议" };
    await expect(listings.object(t.db, user, actor, id, input, new Date(opens - 1))).rejects.toMatchObject({ status: 409 });
    await expect(listings.object(t.db, user, actor, id, input, new Date(opens))).resolves.toBeTypeOf("string");
    await expect(listings.object(t.db, user, actor, id, input, new Date(closes))).resolves.toBeTypeOf("string");
    await expect(listings.object(t.db, user, actor, id, input, new Date(closes + 1))).rejects.toMatchObject({
      status: 409,
      code: "disclosure_listing_not_open",
    });
  });
});
