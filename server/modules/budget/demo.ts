// Demo data for participatory budgets: this year's fund (240000 yuan) for every community; in the
// demo community a round collecting ideas this year, and last year's round taken through costing,
// a households' vote with paper ballots, results, and implementation (practical projects and the
// spending disclosure) by the same services the API uses. Deterministic: registry order and `now`.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Role } from "../identity/rules.js";
import { permissionsOf } from "../identity/rules.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { castPaper } from "../votes/service.js";
import { DEFAULT_FUND } from "./rules.js";
import * as service from "./service.js";

const cstYear = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

const COLLECTING: { title: string; description: string; estimate: string | null }[] = [
  { title: "单元门口加装休息座椅", description: "老人买菜回来爬楼前想坐一下,每个单元门口放一张长椅。", estimate: "18000" },
  { title: "小区主路增设减速带", description: "快递电动车车速太快,建议在主路两处路口加减速带和反光镜。", estimate: "12000" },
  { title: "社区图书角扩充", description: "活动室的图书角书太旧,希望增加少儿读物和报刊。", estimate: "30000" },
  { title: "雨污管道疏通改造", description: "3 栋后面每逢大雨积水,需要疏通并加大排水口。", estimate: null },
  { title: "楼顶晾晒架", description: "在可上人的楼顶安装不锈钢晾晒架。", estimate: "25000" },
];

// Last year's round: feasible ideas with their costs (one infeasible), and the paper ballots as
// (approved idea positions, how many households handed that ballot in). Every ballot fits the fund.
const PAST: { title: string; description: string; cost: string | null; note?: string }[] = [
  { title: "老旧楼道灯改造", description: "把 12 个单元的楼道灯换成声控 LED 灯。", cost: "68000.00" },
  { title: "老年食堂设备更新", description: "更换老年食堂的灶具、消毒柜和保温餐台。", cost: "95000.00" },
  { title: "儿童游乐设施翻新", description: "更换破损的滑梯和秋千,铺设塑胶地面。", cost: "120000.00" },
  { title: "健身步道铺设", description: "沿小区绿地铺设 400 米彩色健身步道。", cost: "88000.00" },
  { title: "垃圾分类亭改造", description: "把 4 个露天垃圾点改成带顶棚和洗手池的分类亭。", cost: "42000.00" },
  {
    title: "停车棚加装充电桩",
    description: "在非机动车棚安装智能充电桩。",
    cost: null,
    note: "涉及电力增容,须供电部门审批,不宜由专项资金承担;已转交物业和供电所研究。",
  },
];
const PAST_BALLOTS: [number[], number][] = [
  [[0, 1, 4], 10],
  [[0, 2], 8],
  [[1, 2], 7],
  [[0, 3], 5],
  [[3, 4], 4],
  [[2], 6],
  [[1], 3],
  [[0, 1], 3],
];

async function staffUser(db: Kysely<DB>, username: string): Promise<SessionUser | null> {
  const u = await db
    .selectFrom("users")
    .select(["id", "username", "display_name", "kind", "role", "resident_id"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!u) return null;
  const areas = await db
    .selectFrom("user_scopes as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .select(["a.id", "a.name", "a.level", "a.path"])
    .where("s.user_id", "=", u.id)
    .execute();
  const role = u.role as Role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    kind: u.kind,
    role,
    permissions: permissionsOf(role),
    residentId: u.resident_id,
    scope: { paths: areas.map((a) => a.path) },
    areas,
    csrfToken: "",
  };
}

export async function seedBudgetDemo(db: Kysely<DB>, now: Date): Promise<void> {
  const year = cstYear(now);
  const communities = await db
    .selectFrom("areas")
    .select(["id", "path", "district_id"])
    .where("level", "=", "community")
    .orderBy("code")
    .execute();
  if (communities.length === 0) return;
  const funds = communities
    .filter((c) => c.district_id)
    .map((c) => ({
      district_id: c.district_id as string,
      area_id: c.id,
      area_path: c.path,
      year,
      amount: DEFAULT_FUND.community,
      note: "锦江经验:每个社区每年 24 万元公共服务专项资金",
    }));
  await db
    .insertInto("budget_funds")
    .values(funds)
    .onConflict((oc) => oc.columns(["area_id", "year"]).doNothing())
    .execute();

  const staff = await staffUser(db, "demo-community");
  const home = staff?.areas.find((a) => a.level === "community");
  if (!staff || !home) return;
  const actor: Actor = { userId: staff.id, username: staff.username, ip: "127.0.0.1" };
  const existing = await db.selectFrom("budget_rounds").select("id").where("area_id", "=", home.id).executeTakeFirst();
  if (existing) return;

  // Residents who put ideas forward: the demo resident first, then others of the community.
  const resident = await db
    .selectFrom("users")
    .select(["id", "resident_id"])
    .where("username", "=", "demo-resident")
    .executeTakeFirst();
  const others = await db
    .selectFrom("residents")
    .select("id")
    .where("area_path", "<@", home.path)
    .orderBy("id")
    .limit(12)
    .execute();
  const authors = [resident?.resident_id, ...others.map((r) => r.id)].filter((id): id is string => !!id);

  const ideaRows = (
    roundId: string,
    areaPath: string,
    items: { title: string; description: string; estimate?: string | null }[],
  ) =>
    items.map((it, n) => ({
      round_id: roundId,
      district_id: communities[0].district_id as string,
      area_id: home.id,
      area_path: areaPath,
      title: it.title,
      description: it.description,
      location: null,
      estimated_cost: it.estimate ?? null,
      resident_id: authors[n % authors.length] ?? null,
      submitted_by: n === 0 && resident ? resident.id : null,
      cost: null,
      feasible: null,
      feasibility_note: null,
      costed_by: null,
      costed_at: null,
      project_id: null,
    }));

  // Last year's round, all the way through.
  const past = await service.createRound(db, staff, actor, {
    areaId: home.id,
    year: year - 1,
    title: `${year - 1} 年度公共服务专项资金项目`,
    description: "居民提出项目建议,社区测算费用,全体住户投票决定资金用途。",
    ballotRule: "knapsack",
    electorate: "households",
  });
  const pastIdeas = await db
    .insertInto("budget_ideas")
    .values(ideaRows(past.id, home.path, PAST))
    .returning(["id", "title"])
    .execute();
  const idOf = new Map(pastIdeas.map((i) => [i.title, i.id]));
  await service.advance(db, staff, actor, past.id, { to: "costing" });
  for (const idea of PAST) {
    await service.costIdea(db, staff, actor, idOf.get(idea.title) as string, {
      feasible: idea.cost !== null,
      cost: idea.cost,
      note: idea.note ?? null,
    });
  }
  await service.advance(db, staff, actor, past.id, { to: "voting" });
  const voteId = (await db.selectFrom("budget_rounds").select("vote_id").where("id", "=", past.id).executeTakeFirstOrThrow())
    .vote_id as string;
  const options = await db.selectFrom("vote_options").select(["id", "ref_id"]).where("vote_id", "=", voteId).execute();
  const optionOf = (position: number) => options.find((o) => o.ref_id === idOf.get(PAST[position].title))?.id as string;
  const total = PAST_BALLOTS.reduce((s, [, n]) => s + n, 0);
  const electors = await db
    .selectFrom("vote_electors")
    .select("elector_id")
    .where("vote_id", "=", voteId)
    .orderBy("elector_id")
    .limit(total)
    .execute();
  let k = 0;
  for (const [choice, n] of PAST_BALLOTS) {
    for (let i = 0; i < n && k < electors.length; i++, k++) {
      await castPaper(db, staff, actor, voteId, {
        serial: `Z${String(k + 1).padStart(4, "0")}`,
        electorId: electors[k].elector_id,
        optionIds: choice.map(optionOf),
      });
    }
  }
  await service.advance(db, staff, actor, past.id, { to: "results" });
  await service.advance(db, staff, actor, past.id, { to: "implementation" });
  // Dates of a round that happened last year (the budget tables only).
  const at = (month: number, day: number) => new Date(Date.UTC(year - 1, month - 1, day, 2));
  await db
    .updateTable("budget_rounds")
    .set({ created_at: at(3, 1), phase_changed_at: at(6, 20), updated_at: at(6, 20) })
    .where("id", "=", past.id)
    .execute();
  await db
    .updateTable("budget_ideas")
    .set({ created_at: at(3, 15), costed_at: at(4, 20), updated_at: at(4, 20) })
    .where("round_id", "=", past.id)
    .execute();

  // This year's round, collecting ideas.
  const current = await service.createRound(db, staff, actor, {
    areaId: home.id,
    year,
    title: `${year} 年度公共服务专项资金项目`,
    description: "欢迎居民提出项目建议:改善小区环境、服务老人儿童、方便大家生活的事都可以。",
    ballotRule: "knapsack",
    electorate: "households",
  });
  await db
    .insertInto("budget_ideas")
    .values(ideaRows(current.id, home.path, COLLECTING))
    .execute();
}
