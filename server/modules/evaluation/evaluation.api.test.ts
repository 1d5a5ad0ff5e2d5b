import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { hashPassword } from "../identity/service.js";
import { closeDueSurveys, respond } from "./service.js";

let ctx: TestContext;
let community1: Client;
let community2: Client;
let gridA: Client;
let resident: Client; // r1, home g1 (c1)
let outsider: Client; // r5, home g3 (c2)
let projectId: string;
let memberNoUserId: string;

const S = "/api/decide/surveys";

async function audits(action: string, targetId: string) {
  const r = await ctx.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("action", "=", action)
    .where("target_id", "=", targetId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  ctx = await createTestContext();
  const { db, fx } = ctx;
  // A second community's staff (c2), to try reading across communities.
  const c2 = await db
    .insertInto("users")
    .values({
      username: "community2",
      display_name: "西一社区干部",
      kind: "staff",
      role: "community",
      password_hash: await hashPassword(fx.password),
      resident_id: null,
      department: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("user_scopes").values({ user_id: c2.id, area_id: fx.areas.c2.id }).execute();
  await addResidentUser(ctx, fx.residents.r5.id, "outsider");
  // A finished practical project of c1, owned by the street's user.
  const p = await db
    .insertInto("practical_projects")
    .values({
      district_id: fx.districtId,
      area_id: fx.areas.c1.id,
      area_path: fx.areas.c1.path,
      title: "东一小区加装电梯",
      owner_user_id: fx.users.street1,
      budget: "120000.00",
      source_type: "manual",
      status: "done",
      progress: "100",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  projectId = p.id;
  // The residents' committee of c1: a member with a login (grid-a) and one without (r3).
  const body = await db
    .insertInto("bodies")
    .values({
      district_id: fx.districtId,
      area_id: fx.areas.c1.id,
      area_path: fx.areas.c1.path,
      kind: "residents_committee",
      name: "东一社区居委会",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("body_members")
    .values({
      body_id: body.id,
      district_id: fx.districtId,
      user_id: fx.users["grid-a"],
      name: "网格员甲",
      role: "member",
      term_start: "2024-01-01",
    })
    .execute();
  const m = await db
    .insertInto("body_members")
    .values({
      body_id: body.id,
      district_id: fx.districtId,
      resident_id: fx.residents.r3.id,
      name: "王芳",
      role: "chair",
      term_start: "2024-01-01",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  memberNoUserId = m.id;
  // An ended membership is not a candidate.
  await db
    .insertInto("body_members")
    .values({
      body_id: body.id,
      district_id: fx.districtId,
      resident_id: fx.residents.r2.id,
      name: "李娜",
      role: "member",
      term_start: "2020-01-01",
      ended_at: "2023-01-01",
      end_reason: "term_end",
    })
    .execute();
  community1 = await ctx.login("community1");
  community2 = await ctx.login("community2");
  gridA = await ctx.login("grid-a");
  resident = await ctx.login("resident");
  outsider = await ctx.login("outsider");
}, 120_000);

afterAll(() => ctx?.close());

const item = (d: { items: { id: string; label: string; targetType: string }[] }, type: string) =>
  d.items.find((i) => i.targetType === type) as { id: string; label: string };

describe("set-up and permissions", () => {
  it("lists cadre candidates: community staff and current residents' committee members", async () => {
    const r = await community1.json("GET", `${S}/candidates?areaId=${ctx.fx.areas.c1.id}&type=cadre`);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((c: { targetId: string }) => c.targetId);
    expect(ids).toContain(ctx.fx.users.community1);
    expect(ids).toContain(ctx.fx.users["grid-a"]);
    expect(ids).toContain(memberNoUserId);
    expect(r.body.items.some((c: { label: string }) => c.label === "李娜")).toBe(false);
    expect(ids).not.toContain(ctx.fx.users.community2);
    const p = await community1.json("GET", `${S}/candidates?areaId=${ctx.fx.areas.c1.id}&type=project`);
    expect(p.body.items[0]).toMatchObject({ targetId: projectId, ownerUserId: ctx.fx.users.street1 });
  });

  it("refuses managing by a resident, a grid worker and outside the scope; bad input names the field", async () => {
    const body = {
      areaId: ctx.fx.areas.c1.id,
      title: "测试",
      kind: "mixed",
      items: [{ targetType: "other", label: "环境卫生" }],
    };
    expect((await resident.json("POST", S, body)).status).toBe(403);
    expect((await gridA.json("POST", S, body)).status).toBe(403);
    const out = await community1.json("POST", S, { ...body, areaId: ctx.fx.areas.c2.id });
    expect(out.status).toBe(400);
    expect(out.body.error.details[0].path).toBe("areaId");
    const kind = await community1.json("POST", S, { ...body, kind: "cadres" });
    expect(kind.status).toBe(400);
    expect(kind.body.error.details[0].path).toBe("items.0.targetType");
    const notCadre = await community1.json("POST", S, {
      ...body,
      kind: "cadres",
      items: [{ targetType: "cadre", targetId: ctx.fx.users.community2 }],
    });
    expect(notCadre.status).toBe(400);
    expect(notCadre.body.error.details[0].path).toBe("items.0.targetId");
    const th = await community1.json("POST", S, { ...body, threshold: { numerator: 4, denominator: 3 } });
    expect(th.status).toBe(400);
    expect(th.body.error.details[0].path).toBe("threshold");
    const times = await community1.json(
      "POST",
      S,
      { ...body, opensAt: "2030-01-02T00:00:00+08:00", closesAt: "2030-01-01T00:00:00+08:00" },
      { "accept-language": "en" },
    );
    expect(times.status).toBe(400);
    expect(times.body.error.details[0]).toMatchObject({ path: "closesAt", message: "must be later than the opening time" });
    const n = await ctx.db
      .selectFrom("surveys")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe("a half-year evaluation: answers, edges and close", () => {
  let id: string;
  let detail: { items: { id: string; label: string; targetType: string }[] };

  it("creates a draft that residents cannot see and other communities cannot read", async () => {
    const r = await community1.json("POST", S, {
      areaId: ctx.fx.areas.c1.id,
      title: "2025年上半年监督评议会",
      kind: "mixed",
      items: [
        { targetType: "project", targetId: projectId },
        { targetType: "cadre", targetId: ctx.fx.users.community1 },
        { targetType: "other", label: "小区环境卫生" },
      ],
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(await audits("survey.create", id)).toBe(1);
    const d = await community1.json("GET", `${S}/${id}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: "draft", threshold: { numerator: 1, denominator: 3 }, electorate: 4 });
    detail = d.body;
    expect(item(detail, "project").label).toBe("东一小区加装电梯");
    expect((await resident.json("GET", `${S}/${id}`)).status).toBe(404);
    expect((await community2.json("GET", `${S}/${id}`)).status).toBe(404);
    expect((await community2.json("GET", S)).body.total).toBe(0);
    // The grid worker of g1 sees the community's survey (to enter paper questionnaires).
    expect((await gridA.json("GET", `${S}/${id}`)).status).toBe(200);
    // Answering a draft is refused.
    const ans = await resident.json("POST", `${S}/${id}/responses`, { ratings: [] });
    expect(ans.status).toBe(400);
  });

  it("opens; only a manager in scope may open", async () => {
    expect((await resident.json("POST", `${S}/${id}/open`)).status).toBe(403);
    expect((await gridA.json("POST", `${S}/${id}/open`)).status).toBe(403);
    expect((await community2.json("POST", `${S}/${id}/open`)).status).toBe(404);
    const r = await community1.json("POST", `${S}/${id}/open`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("open");
    expect((await community1.json("POST", `${S}/${id}/open`)).status).toBe(409);
    expect(
      (
        await community1.json("PUT", `${S}/${id}`, {
          areaId: ctx.fx.areas.c1.id,
          title: "x",
          kind: "mixed",
          items: [{ targetType: "other", label: "y" }],
        })
      ).status,
    ).toBe(409);
    expect(await audits("survey.open", id)).toBe(1);
  });

  it("a resident of the area answers once; a retry does not duplicate; other answers are refused", async () => {
    const list = await resident.json("GET", `${S}?todo=true`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const ratings = [
      { itemId: item(detail, "project").id, rating: "satisfied", comment: "电梯很好" },
      { itemId: item(detail, "cadre").id, rating: "dissatisfied", comment: "  很少来小区  " },
      { itemId: item(detail, "other").id, rating: "satisfied" },
    ];
    const missing = await resident.json("POST", `${S}/${id}/responses`, { ratings: ratings.slice(0, 2) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe("ratings");
    const unknown = await resident.json("POST", `${S}/${id}/responses`, {
      ratings: [...ratings.slice(0, 2), { itemId: projectId, rating: "basic" }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("ratings.2.itemId");
    const first = await resident.json("POST", `${S}/${id}/responses`, { ratings });
    expect(first.status).toBe(201);
    const again = await resident.json("POST", `${S}/${id}/responses`, { ratings });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id, duplicate: true });
    const changed = await resident.json("POST", `${S}/${id}/responses`, {
      ratings: ratings.map((r) => ({ ...r, rating: "basic" })),
    });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("evaluation_already_answered");
    const n = await ctx.db
      .selectFrom("survey_responses")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("survey_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const mine = await resident.json("GET", `${S}/${id}`);
    expect(mine.body.myResponse.ratings).toHaveLength(3);
    expect(mine.body.myResponse.ratings.find((r: { itemId: string }) => r.itemId === item(detail, "cadre").id).comment).toBe(
      "很少来小区",
    );
    expect(mine.body.electorate).toBeNull();
    expect((await resident.json("GET", `${S}?todo=true`)).body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    expect(await audits("survey.respond", id)).toBe(1);
  });

  it("a resident outside the area cannot see or answer it", async () => {
    expect((await outsider.json("GET", `${S}/${id}`)).status).toBe(404);
    expect((await outsider.json("GET", S)).body.total).toBe(0);
    const r = await outsider.json("POST", `${S}/${id}/responses`, {
      ratings: detail.items.map((i) => ({ itemId: i.id, rating: "satisfied" })),
    });
    expect(r.status).toBe(404);
  });

  it("staff enter paper questionnaires naming the resident, each once, only for residents of the area", async () => {
    const ratings = (p: string, c: string, o: string, comment?: string) => [
      { itemId: item(detail, "project").id, rating: p, comment: comment ?? null },
      { itemId: item(detail, "cadre").id, rating: c, comment: comment ?? null },
      { itemId: item(detail, "other").id, rating: o },
    ];
    // grid-a (g1) enters r2 and r3 of g1
    const r2 = await gridA.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r2.id,
      ratings: ratings("dissatisfied", "satisfied", "satisfied", "进度太慢"),
    });
    expect(r2.status).toBe(201);
    const twice = await gridA.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r2.id,
      ratings: ratings("satisfied", "satisfied", "satisfied"),
    });
    expect(twice.status).toBe(409);
    // r1 already answered online: a paper questionnaire for r1 is refused too
    const r1 = await gridA.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r1.id,
      ratings: ratings("basic", "basic", "basic"),
    });
    expect(r1.status).toBe(409);
    // r4 lives in g2, outside grid-a's scope
    const r4 = await gridA.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r4.id,
      ratings: ratings("basic", "basic", "basic"),
    });
    expect(r4.status).toBe(400);
    expect(r4.body.error.details[0].path).toBe("residentId");
    // r5 lives in c2, outside the survey's area
    const district = await ctx.login("district");
    const r5 = await district.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r5.id,
      ratings: ratings("basic", "basic", "basic"),
    });
    expect(r5.status).toBe(400);
    expect(r5.body.error.details[0].path).toBe("residentId");
    const byResident = await resident.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r3.id,
      ratings: ratings("basic", "basic", "basic"),
    });
    expect(byResident.status).toBe(403);
    expect(
      (
        await community1.json("POST", `${S}/${id}/paper`, {
          residentId: ctx.fx.residents.r3.id,
          ratings: ratings("dissatisfied", "dissatisfied", "basic", "没有公示"),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await community1.json("POST", `${S}/${id}/paper`, {
          residentId: ctx.fx.residents.r4.id,
          ratings: ratings("basic", "basic", "dissatisfied"),
        })
      ).status,
    ).toBe(201);
    expect(await audits("survey.paper", id)).toBe(3);
  });

  it("nobody sees results before close", async () => {
    expect((await resident.json("GET", `${S}/${id}/results`)).status).toBe(409);
    expect((await community1.json("GET", `${S}/${id}/results`)).status).toBe(409);
    const d = await community1.json("GET", `${S}/${id}`);
    expect(d.body.responseCount).toBe(4);
    expect(d.body.items.every((i: { status: string }) => i.status === "open")).toBe(true);
  });

  it("close judges each item: 1 of 4 reopens the project through C2 and notifies the cadre; 2 of 4 is kept", async () => {
    // project: S, D, D, B → 1/4; cadre: D, S, D, B → 1/4; other: S, S, B, D → 2/4
    expect((await resident.json("POST", `${S}/${id}/close`)).status).toBe(403);
    expect((await gridA.json("POST", `${S}/${id}/close`)).status).toBe(403);
    const r = await community1.json("POST", `${S}/${id}/close`);
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.items.map((i: { label: string; status: string; rate: string }) => [i.label, i]));
    expect(by.东一小区加装电梯).toMatchObject({ status: "reopened", rate: "25.00", total: 4 });
    expect(by.小区环境卫生).toMatchObject({ status: "kept", rate: "50.00" });
    const cadre = r.body.items.find((i: { id: string }) => i.id === item(detail, "cadre").id);
    expect(cadre).toMatchObject({ status: "reopened", rate: "25.00" });
    const p = await ctx.db.selectFrom("practical_projects").selectAll().where("id", "=", projectId).executeTakeFirstOrThrow();
    expect(p.status).toBe("reopened");
    expect(p.reopen_count).toBe(1);
    const timeline = await sql<{
      n: string;
    }>`select count(*) as n from project_updates where project_id = ${projectId} and kind = 'reopen'`.execute(ctx.db);
    expect(Number(timeline.rows[0].n)).toBe(1);
    const notes = await ctx.db.selectFrom("notifications").selectAll().where("user_id", "=", ctx.fx.users.community1).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain("很少来小区");
    expect(notes[0].body).toContain("没有公示");
    expect(notes[0].body).toContain("25.00%");
    // the project's owner is told by the projects module
    const owner = await ctx.db.selectFrom("notifications").selectAll().where("user_id", "=", ctx.fx.users.street1).execute();
    expect(owner).toHaveLength(1);
    expect(await audits("survey.close", id)).toBe(1);
    expect(await audits("project.reopen", projectId)).toBe(1);
    expect((await community1.json("POST", `${S}/${id}/close`)).status).toBe(409);
  });

  it("after close answers are refused and results are published; residents get no comments", async () => {
    const late = await gridA.json("POST", `${S}/${id}/paper`, {
      residentId: ctx.fx.residents.r1.id,
      ratings: detail.items.map((i) => ({ itemId: i.id, rating: "satisfied" })),
    });
    expect(late.status).toBe(409);
    const res = await resident.json("GET", `${S}/${id}/results`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responses: 4, electorate: 4, threshold: { numerator: 1, denominator: 3 } });
    const proj = res.body.items.find((i: { targetType: string }) => i.targetType === "project");
    expect(proj).toMatchObject({
      satisfied: 1,
      basic: 1,
      dissatisfied: 2,
      total: 4,
      rate: "25.00",
      positiveRate: "50.00",
      status: "reopened",
      commentsCount: 3,
      comments: null,
    });
    const staff = await community1.json("GET", `${S}/${id}/results`);
    const staffProj = staff.body.items.find((i: { targetType: string }) => i.targetType === "project");
    expect(staffProj.comments.map((c: { comment: string }) => c.comment)).toEqual(["电梯很好", "进度太慢", "没有公示"]);
    expect((await outsider.json("GET", `${S}/${id}/results`)).status).toBe(404);
    expect((await community2.json("GET", `${S}/${id}/results`)).status).toBe(404);
  });
});

describe("cadre direct rating", () => {
  it("exactly one third is kept; below is reopened and the cadre is notified; results visible to residents", async () => {
    const people = await addPeople(ctx, { grid: "g1", households: 3 });
    const r = await community1.json("POST", S, {
      areaId: ctx.fx.areas.c1.id,
      title: "居民直评社区干部",
      kind: "cadres",
      items: [
        { targetType: "cadre", targetId: ctx.fx.users.community1 },
        { targetType: "cadre", targetId: ctx.fx.users["grid-a"] },
        { targetType: "cadre", targetId: memberNoUserId },
      ],
    });
    expect(r.status).toBe(201);
    const id = r.body.id;
    await community1.json("POST", `${S}/${id}/open`);
    const d = (await community1.json("GET", `${S}/${id}`)).body;
    const [c1, ga, wf] = d.items as { id: string; ownerUserId: string | null; label: string }[];
    expect(ga.ownerUserId).toBe(ctx.fx.users["grid-a"]);
    expect(wf.ownerUserId).toBeNull();
    expect(wf.label).toContain("王芳");
    const plan: [string, string, string][] = [
      ["satisfied", "basic", "satisfied"],
      ["basic", "basic", "satisfied"],
      ["dissatisfied", "dissatisfied", "satisfied"],
    ];
    for (const [k, p] of people.entries()) {
      const out = await community1.json("POST", `${S}/${id}/paper`, {
        residentId: p.residentId,
        ratings: [
          { itemId: c1.id, rating: plan[k][0] },
          { itemId: ga.id, rating: plan[k][1], comment: k === 0 ? "态度需改进" : null },
          { itemId: wf.id, rating: plan[k][2] },
        ],
      });
      expect(out.status).toBe(201);
    }
    // Before close a resident sees the survey but nothing of others' ratings.
    const before = await resident.json("GET", `${S}/${id}`);
    expect(before.status).toBe(200);
    expect(before.body.myResponse).toBeNull();
    expect(JSON.stringify(before.body)).not.toContain("态度需改进");
    expect((await resident.json("GET", `${S}/${id}/results`)).status).toBe(409);

    const closed = await community1.json("POST", `${S}/${id}/close`);
    const status = Object.fromEntries(closed.body.items.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(status[c1.id]).toBe("kept"); // 1 of 3: exactly one third is not below
    expect(status[ga.id]).toBe("reopened"); // 0 of 3
    expect(status[wf.id]).toBe("kept"); // 3 of 3
    const notes = await ctx.db.selectFrom("notifications").selectAll().where("user_id", "=", ctx.fx.users["grid-a"]).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain("态度需改进");
    const res = await resident.json("GET", `${S}/${id}/results`);
    expect(res.status).toBe(200);
    const row = res.body.items.find((i: { id: string }) => i.id === c1.id);
    expect(row).toMatchObject({ satisfied: 1, basic: 1, dissatisfied: 1, rate: "33.33", positiveRate: "66.67", status: "kept" });
    expect(res.body.items.find((i: { id: string }) => i.id === ga.id)).toMatchObject({ commentsCount: 1, comments: null });
  });

  it("zero ratings: no rate and not reopened", async () => {
    const r = await community1.json("POST", S, {
      areaId: ctx.fx.areas.c1.id,
      title: "无人作答的评议",
      kind: "cadres",
      items: [{ targetType: "cadre", targetId: ctx.fx.users.community1 }],
    });
    await community1.json("POST", `${S}/${r.body.id}/open`);
    const closed = await community1.json("POST", `${S}/${r.body.id}/close`);
    expect(closed.body.items[0]).toMatchObject({ status: "kept", rate: null, total: 0 });
    const res = await community1.json("GET", `${S}/${r.body.id}/results`);
    expect(res.body.items[0]).toMatchObject({ total: 0, rate: null, positiveRate: null, status: "kept" });
  });
});

describe("the answering window", () => {
  it("refuses before opening and after closing; the closing instant itself counts; due surveys close", async () => {
    const opensAt = new Date(Date.now() + 3_600_000);
    const r = await community1.json("POST", S, {
      areaId: ctx.fx.areas.c1.id,
      title: "时间窗测试",
      kind: "mixed",
      opensAt: opensAt.toISOString(),
      closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      items: [{ targetType: "other", label: "服务窗口" }],
    });
    const id = r.body.id;
    expect((await community1.json("POST", `${S}/${id}/open`)).status).toBe(200);
    const itemId = (await community1.json("GET", `${S}/${id}`)).body.items[0].id;
    const ratings = [{ itemId, rating: "satisfied" as const }];
    const early = await resident.json("POST", `${S}/${id}/responses`, { ratings });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("evaluation_not_open");

    // Move the window into the past: closed by time even before the scheduler runs.
    const closesAt = new Date(Date.now() - 60_000);
    await ctx.db
      .updateTable("surveys")
      .set({ opens_at: new Date(closesAt.getTime() - 3_600_000), closes_at: closesAt })
      .where("id", "=", id)
      .execute();
    const late = await resident.json("POST", `${S}/${id}/responses`, { ratings });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("evaluation_closed");

    // The closing instant itself is inside the window.
    const me = await ctx.db.selectFrom("users").select(["id"]).where("username", "=", "resident").executeTakeFirstOrThrow();
    const session = {
      id: me.id,
      username: "resident",
      displayName: "resident",
      kind: "resident" as const,
      role: "resident" as const,
      permissions: ["decide.participate"],
      residentId: ctx.fx.residents.r1.id,
      scope: { paths: [ctx.fx.areas.g1.path] },
      areas: [],
      csrfToken: "",
    };
    const actor = { userId: me.id, username: "resident", ip: "test" };
    await expect(respond(ctx.db, session, actor, id, ratings, new Date(closesAt.getTime() + 1))).rejects.toMatchObject({
      code: "evaluation_closed",
    });
    const atClose = await respond(ctx.db, session, actor, id, ratings, closesAt);
    expect(atClose.duplicate).toBe(false);

    expect(await closeDueSurveys(ctx.db, closesAt)).toBe(0);
    expect(await closeDueSurveys(ctx.db, new Date())).toBe(1);
    const s = await ctx.db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(s.status).toBe("closed");
    expect(s.published_at).not.toBeNull();
    const item = await ctx.db.selectFrom("survey_items").selectAll().where("survey_id", "=", id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: "kept", satisfied: 1, basic: 0, dissatisfied: 0 });
    expect(await closeDueSurveys(ctx.db, new Date())).toBe(0);
  });
});
