// Demo data for evaluation (评议): in the demo community a closed half-year supervision and
// evaluation meeting (监督评议会) whose results are published — one item below one third and
// reopened — and an open direct rating of the community's cadres (居民直评社区干部) that the demo
// resident can fill in. Deterministic: ratings follow fixed patterns over the registry's order.
import { type Kysely, type SqlBool, sql } from "kysely";
import type { SurveyRating, SurveyTargetType } from "../../db/schema.evaluation.js";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../identity/types.js";
import { cadreCandidates, closeSurveyTx } from "./service.js";

const DAY = 86_400_000;

type DemoItem = { targetType: SurveyTargetType; targetId: string | null; label: string; ownerUserId: string | null };

/** A rating pattern over ten respondents: [satisfied, basic, dissatisfied] counts summing to 10. */
type Pattern = [number, number, number];

const ratingAt = (p: Pattern, k: number): SurveyRating => {
  const i = k % 10;
  return i < p[0] ? "satisfied" : i < p[0] + p[1] ? "basic" : "dissatisfied";
};

const COMMENTS: Record<SurveyRating, string[]> = {
  satisfied: ["做得很好,继续保持", "干部经常入户走访,很负责", "效果明显,谢谢社区"],
  basic: ["总体还行,希望进度再快一点", "公示可以更及时一些", "有改进,但还不够"],
  dissatisfied: ["垃圾清运不及时,夏天味道很大", "反映多次没人回复", "楼道杂物一直没有清理", "希望公开整改时间表"],
};

export async function seedEvaluationDemo(db: Kysely<DB>, now: Date): Promise<void> {
  const users = await db
    .selectFrom("users")
    .select(["id", "username", "resident_id"])
    .where("username", "in", ["demo-community", "demo-street", "demo-district", "demo-resident"])
    .execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const staff = byName.get("demo-community") ?? byName.get("demo-street") ?? byName.get("demo-district");
  if (!staff) return;
  const me = byName.get("demo-resident");

  // The demo community: the demo resident's, else the community staff's scope, else the first.
  const home = me?.resident_id
    ? await db.selectFrom("residents").select("area_path").where("id", "=", me.resident_id).executeTakeFirst()
    : undefined;
  const communities = await db
    .selectFrom("areas")
    .select(["id", "name", "path", "district_id"])
    .where("level", "=", "community")
    .orderBy("code")
    .execute();
  const scoped = await db.selectFrom("user_scopes").select("area_id").where("user_id", "=", staff.id).execute();
  const community =
    communities.find((c) => home && (home.area_path === c.path || home.area_path.startsWith(`${c.path}.`))) ??
    communities.find((c) => scoped.some((s) => s.area_id === c.id)) ??
    communities[0];
  if (!community?.district_id) return;
  const districtId = community.district_id;

  const residents = await db
    .selectFrom("residents")
    .select(["id"])
    .where(sql<SqlBool>`area_path <@ ${community.path}::ltree`)
    .$if(Boolean(me?.resident_id), (q) => q.where("id", "<>", me?.resident_id as string))
    .orderBy("area_path")
    .orderBy("name")
    .orderBy("id")
    .limit(80)
    .execute();
  if (residents.length === 0) return;

  const projects = await sql<{ id: string; title: string; owner_user_id: string | null }>`
    select id, title, owner_user_id from practical_projects
    where area_path <@ ${community.path}::ltree and status in ('done','in_progress') and parent_id is null
    order by title, id limit 2`.execute(db);
  const cadres = (await cadreCandidates(db, community.path, now)).slice(0, 5);
  const actor: Actor = { userId: staff.id, username: staff.username, ip: "demo" };
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  await db.transaction().execute(async (trx) => {
    async function survey(
      title: string,
      kind: "mixed" | "cadres",
      opensAt: Date,
      closesAt: Date,
      items: DemoItem[],
      description: string,
    ): Promise<{ id: string; itemIds: string[] }> {
      const s = await trx
        .insertInto("surveys")
        .values({
          district_id: districtId,
          area_id: community.id,
          area_path: community.path,
          title,
          description,
          kind,
          status: "open",
          opens_at: opensAt,
          closes_at: closesAt,
          opened_at: opensAt,
          closed_at: null,
          published_at: null,
          created_by: staff?.id ?? null,
          created_at: new Date(opensAt.getTime() - DAY),
          updated_at: opensAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const rows = await trx
        .insertInto("survey_items")
        .values(
          items.map((it, i) => ({
            survey_id: s.id,
            district_id: districtId,
            position: i + 1,
            target_type: it.targetType,
            target_id: it.targetId,
            label: it.label,
            owner_user_id: it.ownerUserId,
            satisfied: null,
            basic: null,
            dissatisfied: null,
            comments: null,
            decided_at: null,
          })),
        )
        .returning(["id", "position"])
        .execute();
      return { id: s.id, itemIds: rows.sort((a, b) => a.position - b.position).map((r) => r.id) };
    }

    async function answer(surveyId: string, itemIds: string[], patterns: Pattern[], count: number, start: Date, end: Date) {
      const who = residents.slice(0, count);
      if (who.length === 0) return;
      const span = end.getTime() - start.getTime();
      const responses = await trx
        .insertInto("survey_responses")
        .values(
          who.map((r, k) => ({
            survey_id: surveyId,
            district_id: districtId,
            resident_id: r.id,
            channel: k % 4 === 3 ? ("paper" as const) : ("online" as const),
            user_id: k % 4 === 3 ? (staff?.id ?? null) : null,
            created_at: new Date(start.getTime() + Math.floor((span * (k + 1)) / (who.length + 1))),
          })),
        )
        .returning(["id", "resident_id", "created_at"])
        .execute();
      const order = new Map(who.map((r, k) => [r.id, k]));
      const ratings = responses.flatMap((resp) => {
        const k = order.get(resp.resident_id) as number;
        return itemIds.map((itemId, i) => {
          const rating = ratingAt(patterns[i], k + i);
          const pool = COMMENTS[rating];
          return {
            response_id: resp.id,
            survey_id: surveyId,
            item_id: itemId,
            district_id: districtId,
            rating,
            comment: (k + i) % 5 === 0 ? pool[(k + i) % pool.length] : null,
            created_at: resp.created_at,
          };
        });
      });
      await trx.insertInto("survey_ratings").values(ratings).execute();
    }

    // 1. The closed half-year evaluation: projects and community affairs; sanitation falls below 1/3.
    const halfYear: { item: DemoItem; pattern: Pattern }[] = [
      ...projects.rows.map((p) => ({
        item: { targetType: "project" as const, targetId: p.id, label: p.title, ownerUserId: p.owner_user_id },
        pattern: [7, 2, 1] as Pattern,
      })),
      {
        item: { targetType: "decision", targetId: null, label: "居务公开及时、完整", ownerUserId: staff.id },
        pattern: [5, 4, 1],
      },
      {
        item: { targetType: "other", targetId: null, label: "小区环境卫生整治", ownerUserId: staff.id },
        pattern: [2, 3, 5],
      },
      {
        item: { targetType: "other", targetId: null, label: "为老服务与上门探访", ownerUserId: staff.id },
        pattern: [4, 4, 2],
      },
    ];
    const closedAt = at(-20);
    const past = await survey(
      `${community.name}上半年监督评议会`,
      "mixed",
      at(-35),
      closedAt,
      halfYear.map((h) => h.item),
      "每半年一次的监督评议会:居民对实事项目和社区事务逐项评议,满意率低于三分之一的事项重新办理。",
    );
    await answer(
      past.id,
      past.itemIds,
      halfYear.map((h) => h.pattern),
      Math.min(60, residents.length),
      at(-35),
      at(-21),
    );
    await closeSurveyTx(trx, actor, past.id, closedAt);

    // 2. The open direct rating of cadres; the demo resident has not answered yet.
    if (cadres.length) {
      const open = await survey(
        `${community.name}居民直评社区干部`,
        "cadres",
        at(-3),
        at(11),
        cadres.map((c) => ({
          targetType: "cadre",
          targetId: c.targetId,
          label: c.detail ? `${c.label}(${c.detail})` : c.label,
          ownerUserId: c.ownerUserId,
        })),
        "干部半年述职后,请居民对每位社区干部直接评价,结果在评议结束时公布。",
      );
      await answer(
        open.id,
        open.itemIds,
        cadres.map((_, i) => [[6, 3, 1] as Pattern, [5, 3, 2] as Pattern, [7, 2, 1] as Pattern][i % 3]),
        Math.min(24, residents.length),
        at(-3),
        at(0),
      );
    }
  });
}
