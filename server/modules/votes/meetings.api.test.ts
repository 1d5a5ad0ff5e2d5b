import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { bodyWithMembers, westStaff } from "./test-helpers.js";

let ctx: TestContext;
let staff: Client;
let grid: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.login("community1");
  grid = await ctx.login("grid-a");
}, 120_000);
afterAll(() => ctx.close());

const soon = () => new Date(Date.now() + 3_600_000).toISOString();

describe("a body meeting: notice, sign-in, quorum before a vote", () => {
  let meetingId: string;
  let body: Awaited<ReturnType<typeof bodyWithMembers>>;

  it("is scheduled with agenda and notice to members with accounts", async () => {
    body = await bodyWithMembers(ctx, 9, 3);
    const bad = await staff.json("POST", "/api/decide/meetings", {
      areaId: ctx.fx.areas.c1.id,
      bodyId: body.bodyId,
      kind: "body",
      title: "居民代表会议",
      startsAt: soon(),
      agenda: [{ title: "加装电梯", proposalId: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("agenda.0.proposalId");

    const res = await staff.json("POST", "/api/decide/meetings", {
      areaId: ctx.fx.areas.c1.id,
      bodyId: body.bodyId,
      kind: "body",
      title: "2026年第二次居民代表会议",
      place: "社区议事厅",
      startsAt: soon(),
      agenda: [{ title: "审议加装电梯方案" }, { title: "通报实事项目进展", notes: "书面通报" }],
      notify: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.notified).toBe(3);
    meetingId = res.body.id;
    const n = await ctx.db.selectFrom("notifications").select("title").where("title", "like", "会议通知%").execute();
    expect(n).toHaveLength(3);

    const detail = await staff.json("GET", `/api/decide/meetings/${meetingId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.agenda.map((a: { title: string }) => a.title)).toEqual(["审议加装电梯方案", "通报实事项目进展"]);
    expect(detail.body.checkinCode).toMatch(/^\d{6}$/);
    expect(detail.body.count).toMatchObject({ present: 0, expected: 9, needed: 6, reached: false });
  });

  it("a vote at the meeting is refused one short of quorum and opens when it is met", async () => {
    const vote = await staff.json("POST", "/api/decide/votes", {
      areaId: ctx.fx.areas.c1.id,
      title: "是否同意加装电梯方案",
      kind: "yes_no",
      electorate: "body",
      bodyId: body.bodyId,
      meetingId,
      secret: false,
    });
    expect(vote.status).toBe(201);
    // Grid worker signs five members in; one of them twice (harmless).
    for (const m of body.members.slice(0, 5)) {
      const r = await grid.json("POST", `/api/decide/meetings/${meetingId}/attendance`, { memberId: m.id });
      expect(r.status).toBe(200);
      expect(r.body.member).toBe(true);
    }
    const again = await grid.json("POST", `/api/decide/meetings/${meetingId}/attendance`, { memberId: body.members[0].id });
    expect(again.body.alreadySignedIn).toBe(true);
    const count = await staff.json("GET", `/api/decide/meetings/${meetingId}/count`);
    expect(count.body).toMatchObject({ present: 5, expected: 9, needed: 6, reached: false, short: 1 });

    const refused = await staff.json("POST", `/api/decide/votes/${vote.body.id}/open`, undefined, { "accept-language": "en" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("votes_quorum_not_met");
    expect(refused.body.error.message).toContain("1 short");
    const still = await staff.json("GET", `/api/decide/votes/${vote.body.id}`);
    expect(still.body.status).toBe("draft");

    // A non-member resident may not sign in to a body meeting.
    const outsider = await grid.json("POST", `/api/decide/meetings/${meetingId}/attendance`, {
      residentId: ctx.fx.residents.r3.id,
    });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe("votes_not_member");

    // The sixth member signs themselves in with the code shown at the meeting.
    const code = (await staff.json("GET", `/api/decide/meetings/${meetingId}`)).body.checkinCode as string;
    const member6 = body.members[5];
    await addResidentUser(ctx, member6.residentId, "rep-six");
    const six = await ctx.login("rep-six");
    const wrong = await six.json("POST", `/api/decide/meetings/${meetingId}/checkin`, {
      code: code === "000000" ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe("code");
    const ok = await six.json("POST", `/api/decide/meetings/${meetingId}/checkin`, { code });
    expect(ok.status).toBe(200);
    expect(ok.body.member).toBe(true);
    const count2 = await six.json("GET", `/api/decide/meetings/${meetingId}/count`);
    expect(count2.body).toMatchObject({ present: 6, needed: 6, reached: true });
    const opened = await staff.json("POST", `/api/decide/votes/${vote.body.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body.electorateCount).toBe(9);
  });

  it("a per-meeting quorum overrides the body's", async () => {
    const res = await staff.json("PATCH", `/api/decide/meetings/${meetingId}`, { quorumRatio: "3/4" });
    expect(res.status).toBe(200);
    const count = await staff.json("GET", `/api/decide/meetings/${meetingId}/count`);
    expect(count.body).toMatchObject({ present: 6, needed: 7, reached: false });
    const bad = await staff.json("PATCH", `/api/decide/meetings/${meetingId}`, { quorumRatio: "5/4" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("quorumRatio");
  });

  it("minutes and decisions reach residents only when published", async () => {
    const detail = await staff.json("GET", `/api/decide/meetings/${meetingId}`);
    const item = detail.body.agenda[0].id;
    expect((await staff.json("POST", `/api/decide/meetings/${meetingId}/status`, { status: "in_progress" })).status).toBe(200);
    const rec = await staff.json("PATCH", `/api/decide/meetings/${meetingId}/agenda/${item}`, {
      outcome: "passed",
      decision: "同意加装电梯方案",
    });
    expect(rec.status).toBe(200);
    await staff.json("PATCH", `/api/decide/meetings/${meetingId}`, {
      minutes: "应到9人,实到6人。",
      decisions: "通过加装电梯方案",
    });
    const resident = await ctx.login("resident");
    const before = await resident.json("GET", `/api/decide/meetings/${meetingId}`);
    expect(before.status).toBe(200);
    expect(before.body.minutes).toBeNull();
    expect(before.body.checkinCode).toBeNull();
    expect(before.body.agenda[0].decision).toBeNull();
    // residents cannot run meetings
    expect((await resident.json("POST", `/api/decide/meetings/${meetingId}/status`, { status: "closed" })).status).toBe(403);
    expect((await staff.json("POST", `/api/decide/meetings/${meetingId}/status`, { status: "published" })).status).toBe(409);
    expect((await staff.json("POST", `/api/decide/meetings/${meetingId}/status`, { status: "closed" })).status).toBe(200);
    expect((await staff.json("POST", `/api/decide/meetings/${meetingId}/status`, { status: "published" })).status).toBe(200);
    const after = await resident.json("GET", `/api/decide/meetings/${meetingId}`);
    expect(after.body.minutes).toBe("应到9人,实到6人。");
    expect(after.body.decisions).toBe("通过加装电梯方案");
    expect(after.body.agenda[0]).toMatchObject({ outcome: "passed", decision: "同意加装电梯方案" });
    // sign-in is over
    expect(
      (await grid.json("POST", `/api/decide/meetings/${meetingId}/attendance`, { memberId: body.members[6].id })).status,
    ).toBe(409);
  });

  it("is hidden from other scopes", async () => {
    const west = await westStaff(ctx);
    expect((await west.json("GET", `/api/decide/meetings/${meetingId}`)).status).toBe(404);
    expect((await west.json("GET", `/api/decide/meetings/${meetingId}/count`)).status).toBe(404);
    const list = await west.json("GET", "/api/decide/meetings");
    expect(list.body.items.some((m: { id: string }) => m.id === meetingId)).toBe(false);
    // A resident of the other community
    await addResidentUser(ctx, ctx.fx.residents.r5.id, "west-resident");
    const westResident = await ctx.login("west-resident");
    expect((await westResident.json("GET", `/api/decide/meetings/${meetingId}`)).status).toBe(404);
    // grid-a sees it (the community contains the grid) but cannot change it
    expect((await grid.json("GET", `/api/decide/meetings/${meetingId}`)).status).toBe(200);
    expect((await grid.json("PATCH", `/api/decide/meetings/${meetingId}`, { title: "x" })).status).toBe(403);
  });
});

describe("a public hearing and an open-space meeting", () => {
  it("any resident of the area signs in with the code; expected count gives a quorum", async () => {
    const res = await staff.json("POST", "/api/decide/meetings", {
      areaId: ctx.fx.areas.c1.id,
      kind: "hearing",
      title: "停车收费听证会",
      startsAt: soon(),
      expectedCount: 3,
    });
    expect(res.status).toBe(201);
    const code = (await staff.json("GET", `/api/decide/meetings/${res.body.id}`)).body.checkinCode;
    const resident = await ctx.login("resident");
    const r = await resident.json("POST", `/api/decide/meetings/${res.body.id}/checkin`, { code });
    expect(r.status).toBe(200);
    expect(r.body.member).toBe(false);
    const count = await staff.json("GET", `/api/decide/meetings/${res.body.id}/count`);
    expect(count.body).toMatchObject({ present: 1, expected: 3, needed: 2, reached: false });
  });

  it("participants propose topics, join groups and keep notes", async () => {
    const res = await staff.json("POST", "/api/decide/meetings", {
      areaId: ctx.fx.areas.c1.id,
      kind: "open_space",
      title: "社区开放空间:我们的院子",
      startsAt: soon(),
    });
    const id = res.body.id;
    const code = (await staff.json("GET", `/api/decide/meetings/${id}`)).body.checkinCode;
    const [p1, p2] = await addPeople(ctx, { grid: "g1", households: 2 });
    await addResidentUser(ctx, p1.residentId, "os-1");
    await addResidentUser(ctx, p2.residentId, "os-2");
    const a = await ctx.login("os-1");
    const b = await ctx.login("os-2");
    // before signing in: refused
    expect((await a.json("POST", `/api/decide/meetings/${id}/topics`, { title: "楼道堆物" })).status).toBe(403);
    await a.json("POST", `/api/decide/meetings/${id}/checkin`, { code });
    await b.json("POST", `/api/decide/meetings/${id}/checkin`, { code });
    const topic = await a.json("POST", `/api/decide/meetings/${id}/topics`, { title: "楼道堆物", description: "怎么清理" });
    expect(topic.status).toBe(201);
    const join = await b.json("POST", `/api/decide/topics/${topic.body.id}/join`);
    expect(join.body).toEqual({ joined: true, alreadyJoined: false });
    expect((await b.json("POST", `/api/decide/topics/${topic.body.id}/join`)).body.alreadyJoined).toBe(true);
    expect((await b.json("POST", `/api/decide/topics/${topic.body.id}/notes`, { body: "每月第一个周六集中清理" })).status).toBe(
      201,
    );
    const topics = await staff.json("GET", `/api/decide/meetings/${id}/topics`);
    expect(topics.body.items).toHaveLength(1);
    expect(topics.body.items[0].members).toHaveLength(2);
    expect(topics.body.items[0].notes[0].body).toBe("每月第一个周六集中清理");
  });
});
