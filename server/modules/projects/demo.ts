// Demo data for practical projects and agreements: per street a few projects in one community (the
// demo community where it lies in that street): a parent with three children at different stages,
// a pocket park with milestones, a finished lighting job; each with a timeline. In the demo
// community also a residents' convention with two versions and signatures, and the cadres' duty
// agreement. Deterministic: everything derives from the registry's order and `now`.
import { randomUUID } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import type { PracticalProjectsTable, ProjectMilestonesTable, ProjectUpdatesTable } from "../../db/schema.projects.js";
import type { DB } from "../../db/schema.js";
import { parentProgress } from "./rules.js";

const DAY = 86_400_000;
const dayStr = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

type Seed = {
  title: string;
  description: string;
  budget: string;
  status: "planned" | "in_progress" | "done";
  progress: string;
  startedDaysAgo: number | null;
  updates: { daysAgo: number; body: string; progress: string | null }[];
};

const CHILDREN: Seed[] = [
  {
    title: "加装楼道扶手",
    description: "为 6 栋无电梯老楼加装楼道扶手,方便老人上下楼。",
    budget: "200000.00",
    status: "done",
    progress: "100",
    startedDaysAgo: 80,
    updates: [
      { daysAgo: 70, body: "扶手材料进场,先施工 1、2 栋。", progress: "40" },
      { daysAgo: 40, body: "6 栋全部安装完成,正在验收。", progress: "100" },
    ],
  },
  {
    title: "屋面防水修缮",
    description: "对漏水严重的 4 栋楼屋面重做防水层。",
    budget: "600000.00",
    status: "in_progress",
    progress: "45",
    startedDaysAgo: 50,
    updates: [
      { daysAgo: 45, body: "完成屋面勘查,确定 4 栋楼的修缮范围。", progress: "10" },
      { daysAgo: 12, body: "3 栋楼旧防水层已铲除,第 1 栋新防水层完工。", progress: "45" },
    ],
  },
  {
    title: "小区道路黑化",
    description: "小区主干道沥青铺设,雨季后施工。",
    budget: "400000.00",
    status: "planned",
    progress: "0",
    startedDaysAgo: null,
    updates: [],
  },
];

const PARK: Seed = {
  title: "社区口袋公园建设",
  description: "利用闲置空地建设口袋公园:健身步道、儿童游乐区和休息座椅。方案经居民代表会议通过。",
  budget: "240000.00",
  status: "in_progress",
  progress: "70",
  startedDaysAgo: 60,
  updates: [
    { daysAgo: 58, body: "设计方案公示结束,收到 23 条居民意见,采纳 15 条。", progress: "15" },
    { daysAgo: 30, body: "场地平整完成,健身步道开始铺设。", progress: "45" },
    { daysAgo: 6, body: "步道和儿童游乐区完工,正在安装座椅和照明。", progress: "70" },
  ],
};

const LIGHTS: Seed = {
  title: "楼道照明改造",
  description: "更换楼道及院内照明灯具 48 套,改为声控节能灯。",
  budget: "48000.00",
  status: "done",
  progress: "100",
  startedDaysAgo: 120,
  updates: [
    { daysAgo: 115, body: "灯具采购完成。", progress: "30" },
    { daysAgo: 95, body: "48 套灯具全部更换完毕,居民验收满意。", progress: "100" },
  ],
};

const CONVENTION_V1 = `第一条 爱护公共环境,垃圾分类投放,不乱扔乱倒。
第二条 邻里和睦,互帮互助,关心孤寡老人和困难家庭。
第三条 爱护公共设施,不占用消防通道和楼道。
第四条 遵守公共秩序,22 时后不制造噪音。`;

const CONVENTION_V2 = `${CONVENTION_V1}
第五条 文明养犬,出门拴绳,及时清理犬只粪便。
第六条 电动自行车集中停放、集中充电,严禁入户充电和飞线充电。`;

const DUTY = `一、坚持每月走访网格内住户,及时收集和回应居民诉求。
二、居民诉求 1 个工作日内响应,15 个工作日内办结并回访。
三、按时公开党务、居务和财务,接受居民监督。
四、每半年向居民代表会议述职,接受居民评议;满意率低于三分之一的事项重新办理。`;

export async function seedProjectsDemo(db: Kysely<DB>, now: Date): Promise<void> {
  const communities = await db
    .selectFrom("areas")
    .select(["id", "name", "path", "district_id", "parent_id"])
    .where("level", "=", "community")
    .orderBy("code")
    .execute();
  if (communities.length === 0) return;
  const users = await db
    .selectFrom("users")
    .select(["id", "username", "resident_id", "display_name"])
    .where("username", "in", ["demo-community", "demo-street", "demo-district", "demo-resident", "demo-grid-a", "demo-grid-b"])
    .execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const staffUser = byName.get("demo-community") ?? byName.get("demo-street") ?? byName.get("demo-district");
  const staffId = staffUser?.id ?? null;
  const staffName = staffUser?.display_name ?? null;
  const homeScope = byName.get("demo-community")
    ? await db
        .selectFrom("user_scopes")
        .select("area_id")
        .where("user_id", "=", (byName.get("demo-community") as { id: string }).id)
        .executeTakeFirst()
    : undefined;
  const meUser = byName.get("demo-resident");

  // One community per street: the demo community in its street, otherwise the street's first.
  const perStreet = new Map<string, (typeof communities)[number]>();
  for (const c of communities) {
    const key = c.parent_id ?? "";
    if (!perStreet.has(key) || c.id === homeScope?.area_id) perStreet.set(key, c);
  }
  const chosen = [...perStreet.values()];
  const demoCommunity = chosen.find((c) => c.id === homeScope?.area_id) ?? chosen[0];

  await db.transaction().execute(async (trx) => {
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    // Everything is built in memory and written with one statement per table.
    const projects: Insertable<PracticalProjectsTable>[] = [];
    const updates: Insertable<ProjectUpdatesTable>[] = [];
    const milestones: Insertable<ProjectMilestonesTable>[] = [];

    function addProject(
      com: (typeof communities)[number],
      s: Seed,
      parentId: string | null,
      progress: string,
      status: Seed["status"],
    ): string {
      const id = randomUUID();
      // The demo staff login owns the projects of its own community only.
      const mine = com.id === demoCommunity.id;
      const owner = mine ? staffId : null;
      const author = mine ? staffName : "社区工作人员";
      const created = at((s.startedDaysAgo ?? 10) + 10);
      const lastUpdate = s.updates.length ? at(s.updates[s.updates.length - 1].daysAgo) : created;
      projects.push({
        id,
        district_id: com.district_id as string,
        area_id: com.id,
        area_path: com.path,
        parent_id: parentId,
        title: s.title,
        description: s.description,
        owner_user_id: owner,
        budget: s.budget,
        source_type: "manual",
        progress,
        status,
        planned_start: dayStr(created),
        planned_end: dayStr(at(-60)),
        started_at: s.startedDaysAgo !== null ? at(s.startedDaysAgo) : null,
        done_at: status === "done" ? lastUpdate : null,
        created_by: owner,
        created_at: created,
        updated_at: lastUpdate,
      });
      const base = {
        project_id: id,
        district_id: com.district_id as string,
        area_path: com.path,
        author_id: owner,
        author_name: author,
      };
      updates.push({ ...base, kind: "created", body: "项目立项", progress: "0", status_to: "planned", created_at: created });
      for (const u of s.updates)
        updates.push({ ...base, kind: "update", body: u.body, progress: u.progress, created_at: at(u.daysAgo) });
      if (status === "done") {
        updates.push({
          ...base,
          kind: "status",
          body: "状态:实施中 → 已完成。验收合格。",
          progress: "100",
          status_from: "in_progress",
          status_to: "done",
          created_at: new Date(lastUpdate.getTime() + 3_600_000),
        });
      }
      return id;
    }

    let park: string | null = null;
    const computed = parentProgress(CHILDREN.map((c) => ({ budget: c.budget, progress: c.progress, status: c.status }))) ?? "0";
    for (const com of chosen) {
      if (!com.district_id) continue;
      const parentSeed: Seed = {
        title: `${com.name}老旧小区改造提升`,
        description: "街道统筹的老旧小区改造,分为扶手、防水、道路三个子项目,进度按预算加权汇总。",
        budget: "1200000.00",
        status: "in_progress",
        progress: "0",
        startedDaysAgo: 80,
        updates: [{ daysAgo: 78, body: "改造方案经居民代表会议表决通过,分三个子项目实施。", progress: null }],
      };
      const parentId = addProject(com, parentSeed, null, computed, "in_progress");
      for (const c of CHILDREN) addProject(com, c, parentId, c.progress, c.status);
      const p = addProject(com, PARK, null, PARK.progress, PARK.status);
      addProject(com, LIGHTS, null, LIGHTS.progress, LIGHTS.status);
      if (com.id === demoCommunity.id) park = p;
      [
        { title: "设计方案公示", due: 50, done: 58, weight: "20" },
        { title: "场地平整与步道", due: 25, done: 30, weight: "40" },
        { title: "设施安装", due: -10, done: null, weight: "30" },
        { title: "竣工验收", due: -30, done: null, weight: "10" },
      ].forEach((m, i) => {
        milestones.push({
          project_id: p,
          district_id: com.district_id as string,
          position: i,
          title: m.title,
          due_on: dayStr(at(m.due)),
          done_on: m.done === null ? null : dayStr(at(m.done)),
          weight: m.weight,
        });
      });
    }
    if (projects.length) await trx.insertInto("practical_projects").values(projects).execute();
    if (milestones.length) await trx.insertInto("project_milestones").values(milestones).execute();
    if (updates.length) await trx.insertInto("project_updates").values(updates).execute();

    // Residents of the demo community follow and comment on the pocket park.
    const locals = await trx
      .selectFrom("residents")
      .select(["id", "name", "household_id"])
      .where("area_path", "<@", demoCommunity.path as never)
      // An expression, so the planner takes the area's residents by the GiST index and sorts them.
      .orderBy(sql`id::text`)
      .limit(30)
      .execute();
    if (park && demoCommunity.district_id) {
      const comments = ["希望座椅多放几张,方便老人休息。", "儿童游乐区的地面能否用软垫?", "晚上照明能开到几点?"];
      await trx
        .insertInto("project_comments")
        .values(
          locals.slice(0, comments.length).map((r, i) => ({
            project_id: park as string,
            district_id: demoCommunity.district_id as string,
            resident_id: r.id,
            author_name: r.name,
            body: comments[i],
            created_at: at(20 - i * 5),
          })),
        )
        .execute();
      if (staffId) {
        await trx
          .insertInto("project_comments")
          .values({
            project_id: park,
            district_id: demoCommunity.district_id,
            user_id: staffId,
            author_name: staffName ?? "社区",
            body: "已采纳:增加 4 张座椅,游乐区铺设软垫;照明开到 22 时。",
            created_at: at(3),
          })
          .execute();
      }
      if (meUser) {
        await trx
          .insertInto("project_follows")
          .values({ project_id: park, user_id: meUser.id, district_id: demoCommunity.district_id, created_at: at(25) })
          .execute();
      }
    }

    // Agreements of the demo community.
    if (!demoCommunity.district_id) return;
    const district = demoCommunity.district_id;
    const convention = await trx
      .insertInto("agreements")
      .values({
        district_id: district,
        area_id: demoCommunity.id,
        area_path: demoCommunity.path,
        kind: "convention",
        title: `${demoCommunity.name}居民公约`,
        summary: "居民共同商定、共同遵守的公约;修订版增加文明养犬和电动车充电两条。",
        status: "published",
        published_at: at(400),
        created_by: staffId,
        created_at: at(410),
        updated_at: at(60),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const [v1, v2] = await trx
      .insertInto("agreement_versions")
      .values([
        {
          agreement_id: convention.id,
          district_id: district,
          number: 1,
          body: CONVENTION_V1,
          effective_on: dayStr(at(400)),
          status: "superseded",
          published_at: at(400),
          superseded_at: at(60),
          created_by: staffId,
          created_at: at(410),
        },
        {
          agreement_id: convention.id,
          district_id: district,
          number: 2,
          body: CONVENTION_V2,
          effective_on: dayStr(at(60)),
          note: "经居民代表会议讨论,增加第五条、第六条",
          status: "published",
          published_at: at(60),
          created_by: staffId,
          created_at: at(70),
        },
      ])
      .returning("id")
      .execute();
    await trx.updateTable("agreements").set({ current_version_id: v2.id }).where("id", "=", convention.id).execute();
    const me = meUser?.resident_id ?? null;
    const sign = (versionId: string, list: typeof locals, daysAgo: number) =>
      list.map((r, i) => ({
        agreement_id: convention.id,
        version_id: versionId,
        district_id: district,
        signer_type: "resident" as const,
        signer_id: r.id,
        signer_name: r.name,
        channel: i % 3 === 0 ? ("paper" as const) : ("online" as const),
        recorded_by: i % 3 === 0 ? staffId : null,
        signed_at: at(daysAgo - i * 0.5),
      }));
    // Everyone signed v1 (the demo resident too); v2 is signed by most, but not yet by the demo resident.
    const v1Signers = [...locals];
    if (me && !v1Signers.some((r) => r.id === me)) {
      const row = await trx
        .selectFrom("residents")
        .select(["id", "name", "household_id"])
        .where("id", "=", me)
        .executeTakeFirst();
      if (row) v1Signers.push(row);
    }
    const v2Signers = locals.filter((r) => r.id !== me).slice(0, 18);
    const sigs = [...sign(v1.id, v1Signers, 390), ...sign(v2.id, v2Signers, 55)];
    if (sigs.length) await trx.insertInto("agreement_signatures").values(sigs).execute();

    const duty = await trx
      .insertInto("agreements")
      .values({
        district_id: district,
        area_id: demoCommunity.id,
        area_path: demoCommunity.path,
        kind: "duty",
        title: `${demoCommunity.name}社区干部履职承诺书`,
        summary: "社区“两委”成员和网格员向组织和居民公开承诺,每半年述职并接受评议。",
        status: "published",
        published_at: at(90),
        created_by: staffId,
        created_at: at(95),
        updated_at: at(90),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const dv = await trx
      .insertInto("agreement_versions")
      .values({
        agreement_id: duty.id,
        district_id: district,
        number: 1,
        body: DUTY,
        effective_on: dayStr(at(90)),
        status: "published",
        published_at: at(90),
        created_by: staffId,
        created_at: at(95),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("agreements").set({ current_version_id: dv.id }).where("id", "=", duty.id).execute();
    // The grid workers have signed; the community worker's own signature is left for the demo.
    const cadres = users
      .filter((u) => u.username === "demo-grid-a" || u.username === "demo-grid-b")
      .sort((a, b) => a.username.localeCompare(b.username));
    if (cadres.length) {
      await trx
        .insertInto("agreement_signatures")
        .values(
          cadres.map((u, i) => ({
            agreement_id: duty.id,
            version_id: dv.id,
            district_id: district,
            signer_type: "user" as const,
            signer_id: u.id,
            signer_name: u.display_name,
            channel: "online" as const,
            signed_at: at(88 - i),
          })),
        )
        .execute();
    }
  });
}
