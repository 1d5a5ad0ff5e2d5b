import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addPeople, addResidentUser, type Person } from "../../../test/people.js";
import { sweepProposals } from "./service.js";

// Many requests per test; the shared test machine can be slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

let t: TestContext;
let community: Client;
let district: Client;
let gridA: Client;
let resident: Client;
let repsBody: string;
let reps: Person[];

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

beforeAll(async () => {
  t = await createTestContext();
  community = await t.login("community1");
  district = await t.login("district");
  gridA = await t.login("grid-a");
  resident = await t.login("resident");
  // The residents' representatives meeting of c1: 23 representatives, each of their own household.
  const b = await community.json("POST", "/api/decide/bodies", {
    areaId: t.fx.areas.c1.id,
    kind: "representatives",
    name: "东一社区居民代表会议",
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  repsBody = b.body.id;
  reps = await addPeople(t, { grid: "g2", households: 23 });
  for (const [i, p] of reps.entries()) {
    const m = await community.json("POST", `/api/decide/bodies/${repsBody}/members`, {
      residentId: p.residentId,
      role: i === 0 ? "chair" : "member",
      termStart: "2024-01-01",
      termEnd: "2099-12-31",
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
  }
}, 180_000);
afterAll(() => t.close());

/** A submitted proposal of c1 (by community staff), collecting backing. */
async function collecting(opts: { flowCode?: string; areaId?: string; deadline?: string } = {}) {
  const d = await community.json("POST", "/api/decide/proposals", {
    title: "增设非机动车充电桩",
    content: "小区内电动车飞线充电隐患大,建议增设集中充电桩。",
    category: "facilities",
    estimatedCost: "48000.00",
    areaId: opts.areaId ?? t.fx.areas.c1.id,
  });
  expect(d.status, JSON.stringify(d.body)).toBe(201);
  const s = await community.json("POST", `/api/decide/proposals/${d.body.id}/submit`, {
    flowCode: opts.flowCode,
    backingDeadline: opts.deadline,
  });
  expect(s.status, JSON.stringify(s.body)).toBe(200);
  return s.body as { id: string; status: string; threshold: { households: number; reps: number | null } };
}

const paper = (c: Client, id: string, residentId: string) =>
  c.json("POST", `/api/decide/proposals/${id}/backings`, { residentId });

/** A proposal of c1 that entered its flow through three representatives' signatures. */
async function inFlow(flowCode?: string) {
  const p = await collecting({ flowCode });
  for (const r of reps.slice(0, 3)) expect((await paper(community, p.id, r.residentId)).status).toBe(201);
  const d = await community.json("GET", `/api/decide/proposals/${p.id}`);
  expect(d.body.status).toBe("in_flow");
  return p.id;
}

const step = (c: Client, id: string, body: Record<string, unknown>) => c.json("POST", `/api/decide/proposals/${id}/steps`, body);

/** A row in helper B's votes table (or a stand-in when that table is not there yet). */
async function makeVote(proposalId: string | null, status: string, passed: boolean | null): Promise<string> {
  const id = randomUUID();
  const exists = await sql<{
    n: number;
  }>`select count(*)::int as n from information_schema.tables where table_name = 'votes'`.execute(t.db);
  if (exists.rows[0].n === 0) {
    await sql`create table votes (id uuid primary key, status text not null, passed boolean, proposal_id uuid)`.execute(t.db);
  }
  const cols = await sql<{ column_name: string; data_type: string; udt_name: string }>`
    select column_name, data_type, udt_name from information_schema.columns
    where table_name = 'votes' and is_nullable = 'NO' and column_default is null`.execute(t.db);
  const values: Record<string, unknown> = { id, status, passed, proposal_id: proposalId };
  for (const c of cols.rows) {
    if (c.column_name in values) continue;
    const n = c.column_name;
    if (n === "district_id") values[n] = t.fx.districtId;
    else if (n === "area_id") values[n] = t.fx.areas.c1.id;
    else if (n === "area_path") values[n] = t.fx.areas.c1.path;
    else if (n === "kind") values[n] = "yes_no";
    else if (n === "electorate") values[n] = "residents";
    else if (n === "created_by") values[n] = t.fx.users.community1;
    else if (c.udt_name === "uuid") values[n] = randomUUID();
    else if (c.data_type === "boolean") values[n] = false;
    else if (c.data_type.startsWith("timestamp")) values[n] = new Date();
    else if (c.data_type === "integer" || c.data_type === "numeric") values[n] = 1;
    else if (c.data_type === "jsonb") values[n] = "{}";
    else values[n] = "表决";
  }
  const keys = Object.keys(values);
  await sql`insert into votes (${sql.join(keys.map((k) => sql.ref(k)))}) values (${sql.join(keys.map((k) => values[k]))})`.execute(
    t.db,
  );
  return id;
}

describe("bodies", () => {
  it("lists the body with its 23 current members, chair first", async () => {
    const d = await community.json("GET", `/api/decide/bodies/${repsBody}`);
    expect(d.status).toBe(200);
    expect(d.body.members).toHaveLength(23);
    expect(d.body.members[0].role).toBe("chair");
    expect(d.body.backingHouseholds).toBe(50);
    expect(d.body.backingRepRatio).toBe("0.1000");
    expect(d.body.canManage).toBe(true);
    const l = await gridA.json("GET", "/api/decide/bodies");
    expect(l.body.items.find((b: { id: string }) => b.id === repsBody).currentMembers).toBe(23);
  });

  it("ends a member: they leave the current list and stay in the history with the reason", async () => {
    const b = await community.json("POST", "/api/decide/bodies", {
      areaId: t.fx.areas.c1.id,
      kind: "residents_committee",
      name: "东一社区居委会",
    });
    const m = await community.json("POST", `/api/decide/bodies/${b.body.id}/members`, {
      residentId: t.fx.residents.r3.id,
      role: "secretary",
      termStart: "2024-01-01",
    });
    expect(m.status).toBe(201);
    const again = await community.json("POST", `/api/decide/bodies/${b.body.id}/members`, {
      residentId: t.fx.residents.r3.id,
      termStart: "2024-01-01",
    });
    expect(again.status).toBe(409);
    const end = await community.json("POST", `/api/decide/bodies/${b.body.id}/members/${m.body.id}/end`, {
      reason: "moved",
      endedAt: "2025-06-30",
    });
    expect(end.status).toBe(200);
    expect(end.body).toMatchObject({ endedAt: "2025-06-30", endReason: "moved", current: false });
    const twice = await community.json("POST", `/api/decide/bodies/${b.body.id}/members/${m.body.id}/end`, {
      reason: "resigned",
    });
    expect(twice.status).toBe(409);
    const d = await community.json("GET", `/api/decide/bodies/${b.body.id}`);
    expect(d.body.members).toHaveLength(0);
    expect(d.body.history).toMatchObject([{ name: "王芳", endReason: "moved" }]);
  });

  it("validates settings and names the field", async () => {
    const bad = await community.json(
      "PATCH",
      `/api/decide/bodies/${repsBody}`,
      { backingRepRatio: "1.5" },
      { "accept-language": "en" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("backingRepRatio");
    const noMember = await community.json("POST", `/api/decide/bodies/${repsBody}/members`, { termStart: "2024-01-01" });
    expect(noMember.status).toBe(400);
    expect(noMember.body.error.details[0].path).toBe("residentId");
    const outside = await community.json("POST", `/api/decide/bodies/${repsBody}/members`, {
      residentId: t.fx.residents.r5.id,
      termStart: "2024-01-01",
    });
    expect(outside.status).toBe(400);
  });

  it("is managed only by staff who run the area", async () => {
    const body = { areaId: t.fx.areas.c1.id, kind: "consultation", name: "协商议事委员会" };
    expect((await gridA.json("POST", "/api/decide/bodies", body)).status).toBe(403);
    expect((await resident.json("POST", "/api/decide/bodies", body)).status).toBe(403);
    expect((await gridA.json("PATCH", `/api/decide/bodies/${repsBody}`, { name: "x" })).status).toBe(403);
    const other = await community.json("POST", "/api/decide/bodies", { ...body, areaId: t.fx.areas.c2.id });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].path).toBe("areaId");
    const c2 = await district.json("POST", "/api/decide/bodies", { ...body, areaId: t.fx.areas.c2.id });
    expect(c2.status).toBe(201);
    expect((await community.json("GET", `/api/decide/bodies/${c2.body.id}`)).status).toBe(404);
    expect((await resident.json("GET", `/api/decide/bodies/${c2.body.id}`)).status).toBe(404);
  });

  it("tells a resident whether they are a representative", async () => {
    const me = await resident.json("GET", "/api/decide/bodies/me");
    expect(me.body.isRepresentative).toBe(false);
    await addResidentUser(t, reps[0].residentId, "rep-0");
    const rep = await t.login("rep-0");
    const mine = await rep.json("GET", "/api/decide/bodies/me");
    expect(mine.body).toMatchObject({ isRepresentative: true, memberships: [{ bodyId: repsBody, role: "chair" }] });
    const d = await rep.json("POST", "/api/decide/proposals", { title: "代表提案", content: "内容", category: "other" });
    expect(d.body.authorKind).toBe("representative");
  });
});

describe("drafting and backing", () => {
  it("a resident drafts in their community by default, submits, and backs online once", async () => {
    const d = await resident.json("POST", "/api/decide/proposals", {
      title: "楼道照明改造",
      content: "1栋楼道灯损坏多处,建议更换感应灯。",
      category: "facilities",
      estimatedCost: "3200.50",
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect(d.body).toMatchObject({
      areaId: t.fx.areas.c1.id,
      authorKind: "resident",
      authorName: "张伟",
      status: "draft",
      bodyId: repsBody,
    });
    const s = await resident.json("POST", `/api/decide/proposals/${d.body.id}/submit`, {});
    expect(s.body).toMatchObject({ status: "collecting", threshold: { households: 50, reps: 3, repCount: 23 } });
    const b1 = await resident.json("POST", `/api/decide/proposals/${d.body.id}/back`);
    expect(b1.status).toBe(200);
    expect(b1.body.proposal.backing).toEqual({ households: 1, reps: 0, signers: 1 });
    const b2 = await resident.json("POST", `/api/decide/proposals/${d.body.id}/back`);
    expect(b2.status).toBe(409);
    // r2 lives in r1's household: two signers, one household.
    const b3 = await paper(gridA, d.body.id, t.fx.residents.r2.id);
    expect(b3.status).toBe(201);
    expect(b3.body.proposal.backing).toEqual({ households: 1, reps: 0, signers: 2 });
    const again = await paper(community, d.body.id, t.fx.residents.r1.id);
    expect(again.status).toBe(409);
    const list = await resident.json("GET", "/api/decide/proposals?toBack=true");
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(d.body.id);
    const who = await community.json("GET", `/api/decide/proposals/${d.body.id}/backings`);
    expect(who.body.items.map((b: { channel: string }) => b.channel)).toEqual(["online", "paper"]);
    expect((await resident.json("GET", `/api/decide/proposals/${d.body.id}/backings`)).status).toBe(403);
  });

  it("refuses an area that does not contain the resident's home", async () => {
    const d = await resident.json("POST", "/api/decide/proposals", {
      title: "x",
      content: "y",
      category: "other",
      areaId: t.fx.areas.c2.id,
    });
    expect(d.status).toBe(400);
    expect(d.body.error.details[0].path).toBe("areaId");
  });

  it("refuses a signer who does not live in the area", async () => {
    const g1 = await collecting({ areaId: t.fx.areas.g1.id });
    const r4 = await paper(community, g1.id, t.fx.residents.r4.id); // r4 lives in g2
    expect(r4.status).toBe(400);
    expect(r4.body.error.details[0].path).toBe("residentId");
    const c1 = await collecting();
    const r5 = await paper(district, c1.id, t.fx.residents.r5.id); // r5 lives in c2
    expect(r5.status).toBe(400);
    // A resident of c2 cannot even see c1's proposal, let alone back it.
    const uid = await addResidentUser(t, t.fx.residents.r5.id, "chen-jing");
    expect(uid).toBeTruthy();
    const chen = await t.login("chen-jing");
    expect((await chen.json("POST", `/api/decide/proposals/${c1.id}/back`)).status).toBe(404);
  });

  it("49 households are not enough, the 50th carries it into the flow", async () => {
    const p = await collecting();
    const people = await addPeople(t, { grid: "g1", households: 50 });
    for (const r of people.slice(0, 49)) expect((await paper(community, p.id, r.residentId)).status).toBe(201);
    let d = await community.json("GET", `/api/decide/proposals/${p.id}`);
    expect(d.body).toMatchObject({ status: "collecting", backing: { households: 49 } });
    const last = await paper(community, p.id, people[49].residentId);
    expect(last.body.proposal).toMatchObject({ status: "in_flow", currentStep: 0, backing: { households: 50 } });
    d = await community.json("GET", `/api/decide/proposals/${p.id}`);
    expect(d.body.thresholdReachedAt).not.toBeNull();
    expect(d.body.events.map((e: { action: string }) => e.action)).toContain("threshold_reached");
    // No more backing once in the flow.
    expect((await paper(community, p.id, t.fx.residents.r3.id)).status).toBe(409);
  });

  it("a household signing twice counts once toward the 50", async () => {
    const p = await collecting();
    const people = await addPeople(t, { grid: "g1", households: 49, perHousehold: 2 });
    for (const r of people) expect((await paper(community, p.id, r.residentId)).status).toBe(201);
    const d = await community.json("GET", `/api/decide/proposals/${p.id}`);
    expect(d.body).toMatchObject({ status: "collecting", backing: { households: 49, signers: 98 } });
  });

  it("2 of 23 representatives are not enough, 3 are", async () => {
    const p = await collecting();
    expect(p.threshold.reps).toBe(3);
    await paper(community, p.id, reps[0].residentId);
    const two = await paper(community, p.id, reps[1].residentId);
    expect(two.body.representative).toBe(true);
    expect(two.body.proposal).toMatchObject({ status: "collecting", backing: { reps: 2, households: 2 } });
    const three = await paper(community, p.id, reps[2].residentId);
    expect(three.body.proposal).toMatchObject({ status: "in_flow", backing: { reps: 3 } });
  });

  it("a backing in the deadline's last minute counts; one a minute after is refused and the proposal lapses", async () => {
    const p = await collecting();
    await t.db
      .updateTable("proposals")
      .set({ backing_deadline: new Date(Date.now() + 50_000) })
      .where("id", "=", p.id)
      .execute();
    expect((await resident.json("POST", `/api/decide/proposals/${p.id}/back`)).status).toBe(200);
    await t.db
      .updateTable("proposals")
      .set({ backing_deadline: new Date(Date.now() - 60_000) })
      .where("id", "=", p.id)
      .execute();
    const late = await paper(community, p.id, t.fx.residents.r3.id);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("deliberation_deadline_passed");
    const d = await community.json("GET", `/api/decide/proposals/${p.id}`);
    expect(d.body.status).toBe("lapsed");
    expect(d.body.backing.signers).toBe(1);
  });

  it("the sweep lapses what nobody read", async () => {
    const p = await collecting();
    const past = new Date(Date.now() - 3_600_000);
    await t.db.updateTable("proposals").set({ backing_deadline: past }).where("id", "=", p.id).execute();
    expect(await sweepProposals(t.db, new Date())).toBeGreaterThanOrEqual(1);
    const row = await t.db
      .selectFrom("proposals")
      .select(["status", "lapsed_at"])
      .where("id", "=", p.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("lapsed");
    expect(row.lapsed_at?.getTime()).toBe(past.getTime());
    expect(await sweepProposals(t.db, new Date())).toBe(0);
  });

  it("rejects a bad deadline and an unknown flow, naming the field", async () => {
    const d = await community.json("POST", "/api/decide/proposals", {
      title: "t",
      content: "c",
      category: "other",
      areaId: t.fx.areas.c1.id,
    });
    const past = await community.json("POST", `/api/decide/proposals/${d.body.id}/submit`, { backingDeadline: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toBe("backingDeadline");
    const flow = await community.json("POST", `/api/decide/proposals/${d.body.id}/submit`, { flowCode: "nope" });
    expect(flow.body.error.details[0].path).toBe("flowCode");
    const row = await t.db.selectFrom("proposals").select("status").where("id", "=", d.body.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
  });
});

describe("decision flow", () => {
  it("statutory: discuss, review returned and revised, vote adopts, then completes", async () => {
    // The resident's own proposal, carried by three representatives.
    const d = await resident.json("POST", "/api/decide/proposals", {
      title: "加装电梯",
      content: "老旧楼加装电梯",
      category: "facilities",
    });
    const id = d.body.id as string;
    await resident.json("POST", `/api/decide/proposals/${id}/submit`, {});
    for (const r of reps.slice(0, 3)) await paper(community, id, r.residentId);

    let r = await step(community, id, { outcome: "pass", minutes: "两委联席会议同意提交党员大会审议" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.proposal).toMatchObject({ status: "in_flow", currentStep: 1 });
    r = await step(community, id, { outcome: "return", minutes: "请补充资金来源" });
    expect(r.body.proposal).toMatchObject({ status: "returned", currentStep: 1 });
    // Returned: the author revises and resubmits to the same step.
    expect((await step(community, id, { outcome: "pass" })).status).toBe(409);
    const e = await resident.json("PATCH", `/api/decide/proposals/${id}`, { content: "老旧楼加装电梯,资金由业主分摊与补贴" });
    expect(e.status).toBe(200);
    const rs = await resident.json("POST", `/api/decide/proposals/${id}/resubmit`, { note: "已补充" });
    expect(rs.body).toMatchObject({ status: "in_flow", currentStep: 1 });
    r = await step(community, id, { outcome: "pass" });
    expect(r.body.round).toBe(2);
    expect(r.body.proposal.currentStep).toBe(2);

    // Vote step: the vote must be closed and agree.
    const open = await makeVote(id, "open", null);
    r = await step(community, id, { outcome: "pass", voteId: open });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("voteId");
    const failed = await makeVote(id, "closed", false);
    r = await step(community, id, { outcome: "pass", voteId: failed });
    expect(r.status).toBe(400);
    const passed = await makeVote(id, "closed", true);
    r = await step(community, id, { outcome: "reject", voteId: passed });
    expect(r.status).toBe(400);
    r = await step(community, id, { outcome: "pass", voteId: passed, minutes: "应到23人,实到20人,同意18人" });
    expect(r.status).toBe(200);
    expect(r.body.proposal).toMatchObject({ status: "adopted", decision: "adopted", currentStep: 3 });
    expect(r.body.proposal.adoptedAt).not.toBeNull();
    // A vote only on a vote step; no rejecting after adoption.
    expect((await step(community, id, { outcome: "pass", voteId: passed })).status).toBe(400);
    expect((await step(community, id, { outcome: "reject" })).status).toBe(409);
    for (let i = 3; i < 6; i++) r = await step(community, id, { outcome: "pass" });
    expect(r.body.proposal).toMatchObject({ status: "completed", decision: "adopted", currentStep: null });

    const detail = await resident.json("GET", `/api/decide/proposals/${id}`);
    expect(detail.body.steps.map((s: { stepKey: string; outcome: string }) => `${s.stepKey}:${s.outcome}`)).toEqual([
      "discuss:pass",
      "review:return",
      "review:pass",
      "vote:pass",
      "implement:pass",
      "supervise:pass",
      "evaluate:pass",
    ]);
  });

  it("reject ends it as rejected", async () => {
    const id = await inFlow();
    const r = await step(community, id, { outcome: "reject", minutes: "不符合规划" });
    expect(r.body.proposal).toMatchObject({ status: "rejected", decision: "rejected" });
    expect((await step(community, id, { outcome: "pass" })).status).toBe(409);
  });

  it("three meetings flow: adopted at the coordination meeting", async () => {
    const id = await inFlow("three_meetings");
    await step(community, id, { outcome: "pass" });
    const r = await step(community, id, { outcome: "pass" });
    expect(r.body.proposal).toMatchObject({ status: "adopted", currentStep: 2 });
    const done = await step(community, id, { outcome: "pass" });
    expect(done.body.proposal.status).toBe("completed");
  });

  it("two simultaneous step records: one wins, the other gets 409", async () => {
    const id = await inFlow();
    // Both clients saw the same version at step 0; whichever commits second must lose.
    const seen = (await community.json("GET", `/api/decide/proposals/${id}`)).body.version as number;
    const other = await t.login("community1");
    const [a, b] = await Promise.all([
      step(community, id, { outcome: "pass", stepIndex: 0, version: seen }),
      step(other, id, { outcome: "return", stepIndex: 0, version: seen }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const rows = await t.db.selectFrom("proposal_steps").select("id").where("proposal_id", "=", id).execute();
    expect(rows).toHaveLength(1);
    const stale = await step(community, id, { outcome: "pass", version: 0 });
    expect(stale.status).toBe(409);
    // Four at once on the same step, without versions: the conditional update lets one through.
    const id2 = await inFlow();
    const results = await Promise.all(
      ["pass", "return", "reject", "pass"].map((outcome) => step(community, id2, { outcome, stepIndex: 0 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const rows2 = await t.db.selectFrom("proposal_steps").select("id").where("proposal_id", "=", id2).execute();
    expect(rows2).toHaveLength(1);
  });

  it("residents and grid workers cannot record steps; grid workers can record paper backings", async () => {
    const id = await inFlow();
    expect((await step(resident, id, { outcome: "pass" })).status).toBe(403);
    expect((await step(gridA, id, { outcome: "pass" })).status).toBe(403);
    const p = await collecting();
    expect((await paper(gridA, p.id, t.fx.residents.r3.id)).status).toBe(201);
    expect(
      (await resident.json("POST", `/api/decide/proposals/${p.id}/backings`, { residentId: t.fx.residents.r3.id })).status,
    ).toBe(403);
  });

  it("community1 cannot see c2's proposals", async () => {
    const d = await district.json("POST", "/api/decide/proposals", {
      title: "西一提案",
      content: "c",
      category: "other",
      areaId: t.fx.areas.c2.id,
    });
    await district.json("POST", `/api/decide/proposals/${d.body.id}/submit`, {});
    expect((await community.json("GET", `/api/decide/proposals/${d.body.id}`)).status).toBe(404);
    expect((await paper(community, d.body.id, t.fx.residents.r3.id)).status).toBe(404);
    const list = await community.json("GET", "/api/decide/proposals?pageSize=200");
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(d.body.id);
    expect((await resident.json("GET", `/api/decide/proposals/${d.body.id}`)).status).toBe(404);
  });

  it("a district defines its own flow template; community staff may not", async () => {
    const tpl = {
      code: "quick",
      nameZh: "快速流程",
      nameEn: "Quick flow",
      steps: [
        { key: "consult", kind: "discuss", nameZh: "协商", nameEn: "Consult" },
        { key: "vote", kind: "vote", nameZh: "表决", nameEn: "Vote", decides: true },
      ],
    };
    expect((await community.json("POST", "/api/decide/flow-templates", tpl)).status).toBe(403);
    const c = await district.json("POST", "/api/decide/flow-templates", tpl);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect((await district.json("POST", "/api/decide/flow-templates", tpl)).status).toBe(409);
    const l = await community.json("GET", "/api/decide/flow-templates");
    expect(l.body.items.map((x: { code: string }) => x.code)).toEqual(
      ["statutory", "three_meetings", "zhangjiagang", "quick"].sort((a, b) =>
        a === "quick" ? 1 : b === "quick" ? -1 : a.localeCompare(b),
      ),
    );
    const id = await inFlow("quick");
    await step(community, id, { outcome: "pass" });
    const r = await step(community, id, { outcome: "pass" });
    expect(r.body.proposal).toMatchObject({ status: "completed", decision: "adopted" });
  });
});

describe("statistics and files", () => {
  it("counts per community over a period", async () => {
    const s = await community.json("GET", "/api/decide/stats/proposals");
    expect(s.status).toBe(200);
    const c1 = s.body.items.find((i: { areaId: string }) => i.areaId === t.fx.areas.c1.id);
    expect(c1.submitted).toBeGreaterThanOrEqual(10);
    expect(c1.adopted).toBeGreaterThanOrEqual(3);
    expect(c1.rejected).toBeGreaterThanOrEqual(1);
    expect(c1.lapsed).toBeGreaterThanOrEqual(2);
    expect(s.body.items.some((i: { areaId: string }) => i.areaId === t.fx.areas.c2.id)).toBe(false);
    expect((await resident.json("GET", "/api/decide/stats/proposals")).status).toBe(403);
    const future = await community.json("GET", "/api/decide/stats/proposals?from=2020-01-01&to=2020-02-01");
    expect(future.body.total.submitted).toBe(0);
  });

  it("attaches files to a proposal and scopes reading them", async () => {
    const p = await collecting();
    const form = new FormData();
    form.append("file", new File([PNG], "现场照片.png"));
    form.append("ownerType", "proposal");
    form.append("ownerId", p.id);
    const up = await community.json("POST", "/api/decide/files", form);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ mime: "image/png", name: "现场照片.png" });
    const got = await resident.request("GET", up.body.url);
    expect(got.status).toBe(200);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);
    const known = await t.db.selectFrom("users").select("id").where("username", "=", "chen-jing").executeTakeFirst();
    if (!known) await addResidentUser(t, t.fx.residents.r5.id, "chen-jing");
    const chen = await t.login("chen-jing");
    expect((await chen.request("GET", up.body.url)).status).toBe(404);
    const list = await resident.json("GET", `/api/decide/files?ownerType=proposal&ownerId=${p.id}`);
    expect(list.body.items).toHaveLength(1);

    const bad = new FormData();
    bad.append("file", new File([new Uint8Array([1, 2, 3, 4])], "x.exe"));
    bad.append("ownerType", "proposal");
    bad.append("ownerId", p.id);
    const r = await community.json("POST", "/api/decide/files", bad);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("file");
    // A resident may not attach to someone else's proposal.
    const form2 = new FormData();
    form2.append("file", new File([PNG], "a.png"));
    form2.append("ownerType", "proposal");
    form2.append("ownerId", p.id);
    expect((await resident.json("POST", "/api/decide/files", form2)).status).toBe(403);
    const detail = await community.json("GET", `/api/decide/proposals/${p.id}`);
    expect(detail.body.files).toHaveLength(1);
    // Minutes attached to a recorded step.
    const flowId = await inFlow();
    const rec = await step(community, flowId, { outcome: "pass", minutes: "同意" });
    const sf = new FormData();
    sf.append("file", new File([PNG], "纪要.png"));
    sf.append("ownerType", "proposal_step");
    sf.append("ownerId", rec.body.stepId);
    expect((await gridA.json("POST", "/api/decide/files", sf)).status).toBe(201);
    const d2 = await resident.json("GET", `/api/decide/proposals/${flowId}`);
    expect(d2.body.steps[0].files).toHaveLength(1);
    const unknown = new FormData();
    unknown.append("file", new File([PNG], "a.png"));
    unknown.append("ownerType", "spaceship");
    unknown.append("ownerId", p.id);
    const u = await community.json("POST", "/api/decide/files", unknown);
    expect(u.status).toBe(400);
    expect(u.body.error.details[0].path).toBe("ownerType");
  });
});
