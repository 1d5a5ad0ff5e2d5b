import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addResidentUser } from "../../../test/people.js";
import { createProjectTx, reopenProjectTx } from "./service.js";

let t: TestContext;
let community: Client;
let street: Client;
let district: Client;
let grid: Client;
let department: Client;
let resident: Client;
let outsider: Client;

const P = "/api/decide/projects";

beforeAll(async () => {
  t = await createTestContext();
  await addResidentUser(t, t.fx.residents.r5.id, "resident-c2"); // lives in g3 under c2
  community = await t.login("community1");
  street = await t.login("street1");
  district = await t.login("district");
  grid = await t.login("grid-a");
  department = await t.login("department");
  resident = await t.login("resident");
  outsider = await t.login("resident-c2");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function create(c: Client, body: Record<string, unknown>) {
  const res = await c.json("POST", P, { areaId: t.fx.areas.c1.id, sourceType: "manual", ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const progressOf = async (id: string) => (await community.json("GET", `${P}/${id}`)).body.progress as string;

describe("progress from children, weighted by budget", () => {
  let parent: string;
  let a: string;
  let b: string;

  it("100k at 50% and 300k at 100% give the parent 87.50%", async () => {
    parent = await create(community, { title: "老旧小区改造", budget: "400000" });
    a = await create(community, { title: "加装扶手", budget: "100000", parentId: parent });
    b = await create(community, { title: "屋面防水", budget: "300000.00", parentId: parent });
    expect((await community.json("POST", `${P}/${a}/updates`, { body: "完成一半", progress: 50 })).status).toBe(201);
    expect((await community.json("POST", `${P}/${b}/updates`, { body: "完工", progress: "100" })).status).toBe(201);
    expect(await progressOf(parent)).toBe("87.50");
    const detail = (await community.json("GET", `${P}/${parent}`)).body;
    expect(detail.children.map((c: { id: string }) => c.id).sort()).toEqual([a, b].sort());
    expect(detail.status).toBe("in_progress"); // started by its children
    expect(detail.can.setProgress).toBe(false);
  });

  it("a parent's progress cannot be set directly", async () => {
    const res = await community.json("POST", `${P}/${parent}/updates`, { body: "x", progress: 10 });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("progress");
    expect(await progressOf(parent)).toBe("87.50");
  });

  it("nested grandchildren recompute up the tree", async () => {
    const a1 = await create(community, { title: "1号楼扶手", budget: "50000", parentId: a });
    // a now follows its only child (0%): parent = (100k × 0 + 300k × 100) / 400k = 75
    expect(await progressOf(a)).toBe("0.00");
    expect(await progressOf(parent)).toBe("75.00");
    await community.json("POST", `${P}/${a1}/updates`, { body: "进行中", progress: "40" });
    expect(await progressOf(a)).toBe("40.00");
    expect(await progressOf(parent)).toBe("85.00");
  });

  it("zero budgets fall back to the plain mean", async () => {
    const z = await create(community, { title: "志愿服务", budget: "0" });
    const z1 = await create(community, { title: "清洁", budget: "0", parentId: z });
    const z2 = await create(community, { title: "宣传", budget: "0.00", parentId: z });
    await community.json("POST", `${P}/${z1}/updates`, { body: "过半", progress: 50 });
    await community.json("POST", `${P}/${z2}/updates`, { body: "完成", progress: 100 });
    expect(await progressOf(z)).toBe("75.00");
    // cancelling a child leaves the other alone in the figure
    expect((await community.json("POST", `${P}/${z1}/status`, { to: "cancelled" })).status).toBe(200);
    expect(await progressOf(z)).toBe("100.00");
  });

  it("a budget change re-weights the parent", async () => {
    const res = await community.json("PATCH", `${P}/${b}`, { budget: "100000" });
    expect(res.status).toBe(200);
    // (100k × 40 + 100k × 100) / 200k = 70
    expect(await progressOf(parent)).toBe("70.00");
  });

  it("a bad budget is refused naming the field, and nothing changes", async () => {
    const res = await community.json("POST", P, { areaId: t.fx.areas.c1.id, sourceType: "manual", title: "x", budget: "12.345" });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("budget");
    const bad = await community.json("POST", `${P}/${b}/updates`, { body: "x", progress: 100.5 });
    expect(bad.status).toBe(400);
  });
});

describe("status", () => {
  let id: string;
  it("planned → done is refused; planned → in_progress → done works", async () => {
    id = await create(community, { title: "路灯维修", budget: "8000", ownerUserId: t.fx.users.community1 });
    const refused = await community.json("POST", `${P}/${id}/status`, { to: "done" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("projects_bad_transition");
    expect((await community.json("POST", `${P}/${id}/status`, { to: "in_progress" })).status).toBe(200);
    expect((await community.json("POST", `${P}/${id}/status`, { to: "done", note: "验收合格" })).status).toBe(200);
    const d = (await community.json("GET", `${P}/${id}`)).body;
    expect(d.status).toBe("done");
    expect(d.progress).toBe("100.00");
  });

  it("staff cannot reopen or restart a done project; updates are refused", async () => {
    expect((await community.json("POST", `${P}/${id}/status`, { to: "reopened" })).status).toBe(409);
    expect((await community.json("POST", `${P}/${id}/status`, { to: "in_progress" })).status).toBe(409);
    expect((await community.json("POST", `${P}/${id}/status`, { to: "cancelled" })).status).toBe(409);
    const up = await community.json("POST", `${P}/${id}/updates`, { body: "再补一句", progress: 90 });
    expect(up.status).toBe(409);
    expect(up.body.error.code).toBe("projects_closed");
  });

  it("an evaluation reopens it: status, timeline quoting the comments, owner notified, audited", async () => {
    await t.db
      .transaction()
      .execute((trx) =>
        reopenProjectTx(trx, { userId: null, username: "evaluation", ip: "test" }, id, "满意率 20%", ["灯还是不亮", "维修太慢"]),
      );
    const d = (await community.json("GET", `${P}/${id}`)).body;
    expect(d.status).toBe("reopened");
    expect(d.reopenCount).toBe(1);
    const tl = (await community.json("GET", `${P}/${id}/updates`)).body.items;
    expect(tl[0].kind).toBe("reopen");
    expect(tl[0].body).toContain("灯还是不亮");
    expect(tl[0].body).toContain("维修太慢");
    const notes = await t.db.selectFrom("notifications").selectAll().where("user_id", "=", t.fx.users.community1).execute();
    expect(notes.some((n) => n.body.includes("灯还是不亮"))).toBe(true);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .where("action", "=", "project.reopen")
      .execute();
    expect(audit).toHaveLength(1);
    // reopened → in_progress by posting progress
    const up = await community.json("POST", `${P}/${id}/updates`, { body: "返工", progress: 60 });
    expect(up.status).toBe(201);
    expect(up.body.status).toBe("in_progress");
  });

  it("a cancelled project cannot be reopened", async () => {
    const c = await create(community, { title: "作废项目", budget: "1" });
    await community.json("POST", `${P}/${c}/status`, { to: "cancelled" });
    await expect(
      t.db.transaction().execute((trx) => reopenProjectTx(trx, { userId: null, username: "x", ip: "t" }, c, "r", [])),
    ).rejects.toMatchObject({ status: 409 });
    expect((await community.json("POST", `${P}/${c}/status`, { to: "in_progress" })).status).toBe(409);
  });

  it("a parent is not done while a child is open", async () => {
    const p = await create(community, { title: "父项目", budget: "2" });
    const k = await create(community, { title: "子项目", budget: "1", parentId: p });
    await community.json("POST", `${P}/${p}/status`, { to: "in_progress" });
    const refused = await community.json("POST", `${P}/${p}/status`, { to: "done" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("projects_children_not_done");
    await community.json("POST", `${P}/${k}/status`, { to: "in_progress" });
    await community.json("POST", `${P}/${k}/status`, { to: "done" });
    expect((await community.json("POST", `${P}/${p}/status`, { to: "done" })).status).toBe(200);
    // no children under a done parent
    const late = await community.json("POST", P, {
      areaId: t.fx.areas.c1.id,
      sourceType: "manual",
      title: "迟到",
      budget: "1",
      parentId: p,
    });
    expect(late.status).toBe(400);
    expect(late.body.error.details[0].path).toBe("parentId");
  });
});

describe("sources", () => {
  async function proposal(area: "c1" | "c2", status: string) {
    const { rows } = await sql<{ id: string }>`
      insert into proposals (district_id, area_id, area_path, author_kind, author_name, title, content, category, status)
      values (${t.fx.districtId}, ${t.fx.areas[area].id}, ${t.fx.areas[area].path}::ltree, 'staff', 'x', '加装电梯', '内容', 'facility', ${status})
      returning id`.execute(t.db);
    return rows[0].id;
  }

  it("a project from an adopted proposal in scope; a second one is refused", async () => {
    const pid = await proposal("c1", "adopted");
    const id = await create(community, { title: "加装电梯", budget: "600000", sourceType: "proposal", sourceId: pid });
    const d = (await community.json("GET", `${P}/${id}`)).body;
    expect(d.source).toMatchObject({ type: "proposal", id: pid, title: "加装电梯" });
    const again = await community.json("POST", P, {
      areaId: t.fx.areas.c1.id,
      sourceType: "proposal",
      sourceId: pid,
      title: "x",
      budget: "1",
    });
    expect(again.status).toBe(409);
  });

  it("refuses a proposal outside scope, a draft one, and a missing source id", async () => {
    const other = await proposal("c2", "adopted");
    const r1 = await community.json("POST", P, {
      areaId: t.fx.areas.c1.id,
      sourceType: "proposal",
      sourceId: other,
      title: "x",
      budget: "1",
    });
    expect(r1.status).toBe(400);
    expect(r1.body.error.details[0].path).toBe("sourceId");
    const draft = await proposal("c1", "draft");
    const r2 = await community.json("POST", P, {
      areaId: t.fx.areas.c1.id,
      sourceType: "proposal",
      sourceId: draft,
      title: "x",
      budget: "1",
    });
    expect(r2.status).toBe(400);
    const r3 = await community.json("POST", P, { areaId: t.fx.areas.c1.id, sourceType: "order", title: "x", budget: "1" });
    expect(r3.status).toBe(400);
    expect(r3.body.error.details[0].path).toBe("sourceId");
  });

  it("createProjectTx is idempotent per source (budget winners)", async () => {
    const ideaId = "00000000-0000-4000-8000-000000000001";
    const input = {
      districtId: t.fx.districtId,
      areaId: t.fx.areas.c1.id,
      areaPath: t.fx.areas.c1.path,
      title: "口袋公园",
      budget: "120000.50",
      sourceType: "budget" as const,
      sourceId: ideaId,
    };
    const actor = { userId: t.fx.users.community1, username: "community1", ip: "t" };
    const one = await t.db.transaction().execute((trx) => createProjectTx(trx, actor, input));
    const two = await t.db.transaction().execute((trx) => createProjectTx(trx, actor, input));
    expect(two).toBe(one);
    const d = (await community.json("GET", `${P}/${one}`)).body;
    expect(d.budget).toBe("120000.50");
    expect(d.sourceType).toBe("budget");
  });
});

describe("residents follow and comment", () => {
  let id: string;
  let c2project: string;

  beforeAll(async () => {
    id = await create(community, { title: "小区停车棚", budget: "30000" });
    c2project = await create(district, { title: "西一社区健身角", budget: "20000", areaId: t.fx.areas.c2.id });
  });

  it("following twice is idempotent", async () => {
    const one = await resident.json("POST", `${P}/${id}/follow`);
    expect(one.status).toBe(200);
    const two = await resident.json("POST", `${P}/${id}/follow`);
    expect(two.status).toBe(200);
    expect(two.body).toEqual({ following: true, followerCount: 1 });
    const d = (await resident.json("GET", `${P}/${id}`)).body;
    expect(d.following).toBe(true);
    const mine = (await resident.json("GET", `${P}?followed=true`)).body;
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it("followers get a notification on each timeline update", async () => {
    const before = await t.db.selectFrom("notifications").select("id").where("user_id", "=", t.fx.users.resident).execute();
    await community.json("POST", `${P}/${id}/updates`, { body: "车棚基础已浇筑", progress: 30 });
    await community.json("POST", `${P}/${id}/updates`, { body: "钢架到货" });
    const after = await t.db.selectFrom("notifications").selectAll().where("user_id", "=", t.fx.users.resident).execute();
    expect(after.length - before.length).toBe(2);
    expect(after.some((n) => n.body.includes("车棚基础已浇筑"))).toBe(true);
  });

  it("a timeline update carries photos uploaded through /api/decide/files", async () => {
    const up = await community.json("POST", `${P}/${id}/updates`, { body: "现场照片" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);
    const form = new FormData();
    form.set("file", new File([png], "现场.png", { type: "image/png" }));
    form.set("ownerType", "project_update");
    form.set("ownerId", up.body.id);
    const res = await community.json("POST", "/api/decide/files", form);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const tl = (await resident.json("GET", `${P}/${id}/updates`)).body.items;
    const entry = tl.find((e: { id: string }) => e.id === up.body.id);
    expect(entry.photos).toHaveLength(1);
    expect(entry.photos[0]).toMatchObject({ mime: "image/png", name: "现场.png" });
    const file = await resident.request("GET", `/api/decide/files/${entry.photos[0].id}`);
    expect(file.status).toBe(200);
    expect((await outsider.request("GET", `/api/decide/files/${entry.photos[0].id}`)).status).toBe(404);
  });

  it("unfollowing stops them", async () => {
    expect((await resident.json("DELETE", `${P}/${id}/follow`)).body).toEqual({ following: false, followerCount: 0 });
  });

  it("residents comment in their area; names are masked for other residents", async () => {
    const res = await resident.json("POST", `${P}/${id}/comments`, { body: "希望加装充电桩" });
    expect(res.status).toBe(201);
    const staffView = (await community.json("GET", `${P}/${id}/comments`)).body.items;
    expect(staffView[0].authorName).toBe("张伟");
    const mineView = (await resident.json("GET", `${P}/${id}/comments`)).body.items;
    expect(mineView[0]).toMatchObject({ authorName: "张伟", mine: true });
    expect((await community.json("POST", `${P}/${id}/comments`, { body: "已纳入方案" })).status).toBe(201);
  });

  it("a resident outside the area cannot see, follow or comment", async () => {
    expect((await outsider.json("GET", `${P}/${id}`)).status).toBe(404);
    expect((await outsider.json("POST", `${P}/${id}/follow`)).status).toBe(404);
    expect((await outsider.json("POST", `${P}/${id}/comments`, { body: "路过" })).status).toBe(404);
    const list = (await outsider.json("GET", P)).body.items.map((p: { id: string }) => p.id);
    expect(list).toContain(c2project);
    expect(list).not.toContain(id);
    // and r1 does not see c2's project
    expect((await resident.json("GET", `${P}/${c2project}`)).status).toBe(404);
  });

  it("an empty comment is refused naming the field", async () => {
    const res = await resident.json("POST", `${P}/${id}/comments`, { body: "  " });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("body");
  });
});

describe("permissions", () => {
  let id: string;
  let c2project: string;
  beforeAll(async () => {
    id = await create(community, {
      title: "绿化补植",
      budget: "5000",
      ownerUserId: t.fx.users.department,
      areaId: t.fx.areas.g1.id,
    });
    c2project = await create(district, { title: "西一路面", budget: "5000", areaId: t.fx.areas.c2.id });
  });

  it("residents do not manage", async () => {
    expect(
      (await resident.json("POST", P, { areaId: t.fx.areas.g1.id, sourceType: "manual", title: "x", budget: "1" })).status,
    ).toBe(403);
    expect((await resident.json("POST", `${P}/${id}/status`, { to: "in_progress" })).status).toBe(403);
    expect((await resident.json("POST", `${P}/${id}/updates`, { body: "x" })).status).toBe(403);
  });

  it("grid workers read but do not manage; staff do not follow", async () => {
    expect((await grid.json("GET", `${P}/${id}`)).status).toBe(200);
    expect((await grid.json("POST", `${P}/${id}/status`, { to: "in_progress" })).status).toBe(403);
    expect((await grid.json("POST", `${P}/${id}/milestones`, { title: "x" })).status).toBe(403);
    expect((await community.json("POST", `${P}/${id}/follow`)).status).toBe(403);
  });

  it("other communities' projects are out of scope", async () => {
    expect((await community.json("GET", `${P}/${c2project}`)).status).toBe(404);
    expect((await community.json("POST", `${P}/${c2project}/status`, { to: "in_progress" })).status).toBe(404);
    expect((await street.json("GET", `${P}/${c2project}`)).status).toBe(404);
    const list = (await community.json("GET", P)).body.items.map((p: { id: string }) => p.id);
    expect(list).not.toContain(c2project);
    const outside = await community.json("POST", P, { areaId: t.fx.areas.c2.id, sourceType: "manual", title: "x", budget: "1" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].path).toBe("areaId");
  });

  it("the owner posts updates without manage rights", async () => {
    const res = await department.json("POST", `${P}/${id}/updates`, { body: "苗木已进场", progress: 20 });
    expect(res.status).toBe(201);
    expect((await department.json("POST", `${P}/${id}/status`, { to: "done" })).status).toBe(403);
  });

  it("milestones: add, mark done (timeline entry), weighted share", async () => {
    const m1 = (await community.json("POST", `${P}/${id}/milestones`, { title: "设计", weight: "30", dueOn: "2026-05-01" })).body
      .id;
    await community.json("POST", `${P}/${id}/milestones`, { title: "施工", weight: "70" });
    const done = await community.json("PATCH", `${P}/${id}/milestones/${m1}`, { doneOn: "2026-04-28" });
    expect(done.status).toBe(200);
    const d = (await community.json("GET", `${P}/${id}`)).body;
    expect(d.milestones).toHaveLength(2);
    expect(d.milestoneProgress).toBe("30.00");
    const tl = (await community.json("GET", `${P}/${id}/updates`)).body.items;
    expect(tl[0].kind).toBe("milestone");
    const bad = await community.json("POST", `${P}/${id}/milestones`, { title: "x", dueOn: "2026-02-30" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("dueOn");
  });

  it("lists filter by status, source and area; writes are audited", async () => {
    const r = (await community.json("GET", `${P}?status=in_progress&sourceType=manual&areaId=${t.fx.areas.c1.id}&roots=true`))
      .body;
    expect(r.total).toBeGreaterThan(0);
    expect(
      r.items.every((p: { status: string; parentId: string | null }) => p.status === "in_progress" && p.parentId === null),
    ).toBe(true);
    const audit = await t.db.selectFrom("audit_log").select("action").where("target_id", "=", id).execute();
    const actions = audit.map((a) => a.action);
    expect(actions).toContain("project.create");
    expect(actions).toContain("project.post_update");
    expect(actions).toContain("project.milestone_add");
  });
});
