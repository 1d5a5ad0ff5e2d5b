// Demo data for bodies and proposals. In every community: a residents' representatives meeting of
// 23 residents (one per household), the residents' committee, the two committees jointly and the
// party members' meeting, and one proposal collecting backing. In the demo community (demo-community's
// area) also proposals in the flow, adopted, completed, rejected and lapsed, with their step records.
// Deterministic: everything derives from the registry's order and `now`.
import { randomUUID } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ProposalStatus } from "../../db/schema.deliberation.js";
import { BUILTIN_FLOWS } from "./flows.js";
import { cstDay, thresholdOf } from "./rules.js";
import { ensureFlowTemplates } from "./templates.service.js";

const DAY = 86_400_000;
const REPS = 23;

type Idea = { title: string; content: string; category: string; cost: string | null };

const IDEAS: Idea[] = [
  {
    title: "增设电动自行车集中充电桩",
    content: "楼道飞线充电隐患大,建议在小区空地增设集中充电桩 40 个。",
    category: "safety",
    cost: "48000.00",
  },
  {
    title: "老旧楼栋加装电梯",
    content: "3 号、5 号楼老人多,上下楼困难,建议加装电梯,资金由业主分摊并申请补贴。",
    category: "facilities",
    cost: "650000.00",
  },
  {
    title: "开设社区老年食堂",
    content: "独居老人吃饭难,建议利用社区活动中心一楼开设老年食堂。",
    category: "services",
    cost: "120000.00",
  },
  { title: "规范小区停车秩序", content: "消防通道常被占用,建议施划车位并实行错峰停车。", category: "traffic", cost: "30000.00" },
  {
    title: "更换小区物业服务企业",
    content: "现物业服务差、收费不透明,建议由业主大会表决重新选聘。",
    category: "property",
    cost: null,
  },
  {
    title: "建设垃圾分类投放亭",
    content: "现有垃圾桶露天摆放,异味大,建议建设 6 个分类投放亭。",
    category: "environment",
    cost: "90000.00",
  },
  { title: "举办邻里文化节", content: "每年秋季举办一次邻里文化节,增进邻里交流。", category: "culture", cost: "15000.00" },
];

export async function seedDeliberationDemo(db: Kysely<DB>, now: Date): Promise<void> {
  if (await db.selectFrom("bodies").select("id").limit(1).executeTakeFirst()) return; // seeded already
  await ensureFlowTemplates(db);
  const statutory = BUILTIN_FLOWS[0];
  const today = cstDay(now);
  const termStart = `${Number(today.slice(0, 4)) - 2}-01-01`;
  const termEnd = `${Number(today.slice(0, 4)) + 3}-12-31`;

  const communities = await db
    .selectFrom("areas")
    .select(["id", "path", "name", "district_id"])
    .where("level", "=", "community")
    .orderBy("code")
    .execute();
  const demoArea = await db
    .selectFrom("users as u")
    .innerJoin("user_scopes as s", "s.user_id", "u.id")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .select(["a.id", "u.id as user_id"])
    .where("u.username", "=", "demo-community")
    .executeTakeFirst();
  const demoResident = await db
    .selectFrom("users")
    .select(["id", "resident_id"])
    .where("username", "=", "demo-resident")
    .executeTakeFirst();
  const demoHome = demoResident?.resident_id
    ? await db.selectFrom("residents").select(["name", "area_path"]).where("id", "=", demoResident.resident_id).executeTakeFirst()
    : undefined;

  const allBodies: Insertable<DB["bodies"]>[] = [];
  const allMembers: Insertable<DB["body_members"]>[] = [];
  const allProposals: Insertable<DB["proposals"]>[] = [];
  const allBackings: Insertable<DB["proposal_backings"]>[] = [];
  const allEvents: Insertable<DB["proposal_events"]>[] = [];
  const allSteps: Insertable<DB["proposal_steps"]>[] = [];
  for (const [ci, c] of communities.entries()) {
    const districtId = c.district_id as string;
    // Residents in household order; one per household for the representatives.
    const people = await db
      .selectFrom("residents")
      .select(["id", "name", "household_id", "area_path"])
      .where(sql<boolean>`area_path <@ ${c.path}::ltree`)
      .where("household_id", "is not", null)
      .orderBy("household_id")
      .orderBy("id")
      .limit(400)
      .execute();
    const perHousehold = new Map<string, (typeof people)[number]>();
    for (const p of people) if (!perHousehold.has(p.household_id as string)) perHousehold.set(p.household_id as string, p);
    const heads = [...perHousehold.values()];
    // Enough households for the representatives, the committees and the backers of every state.
    if (heads.length < REPS + 90) continue;

    const mk = (kind: Insertable<DB["bodies"]>["kind"], name: string) => ({
      district_id: districtId,
      area_id: c.id,
      area_path: c.path,
      kind,
      name: `${c.name}${name}`,
    });
    const bodies = [
      mk("representatives", "居民代表会议"),
      mk("residents_committee", "居民委员会"),
      mk("two_committees", "两委联席会议"),
      mk("party_members", "党员大会"),
    ].map((b) => ({ ...b, id: randomUUID() }));
    allBodies.push(...bodies);
    const bodyOf = (k: string) => bodies.find((b) => b.kind === k)?.id as string;
    const reps = heads.slice(0, REPS);
    const members: Insertable<DB["body_members"]>[] = reps.map((r, i) => ({
      body_id: bodyOf("representatives"),
      district_id: districtId,
      resident_id: r.id,
      name: r.name,
      role: i === 0 ? "chair" : i === 1 ? "vice_chair" : i === 2 ? "secretary" : "member",
      term_start: termStart,
      term_end: termEnd,
    }));
    // One former representative who moved away, kept in the history.
    const moved = heads[REPS];
    members.push({
      body_id: bodyOf("representatives"),
      district_id: districtId,
      resident_id: moved.id,
      name: moved.name,
      role: "member",
      term_start: termStart,
      term_end: termEnd,
      ended_at: cstDay(now.getTime() - 200 * DAY),
      end_reason: "moved",
    });
    const committee = heads.slice(REPS + 1, REPS + 5);
    for (const [i, r] of committee.entries()) {
      members.push({
        body_id: bodyOf("residents_committee"),
        district_id: districtId,
        resident_id: r.id,
        name: r.name,
        role: i === 0 ? "chair" : "member",
        term_start: termStart,
        term_end: termEnd,
      });
      members.push({
        body_id: bodyOf("two_committees"),
        district_id: districtId,
        resident_id: r.id,
        name: r.name,
        role: i === 0 ? "chair" : "member",
        term_start: termStart,
        term_end: termEnd,
      });
    }
    for (const [i, r] of heads.slice(REPS + 5, REPS + 17).entries()) {
      members.push({
        body_id: bodyOf("party_members"),
        district_id: districtId,
        resident_id: r.id,
        name: r.name,
        role: i === 0 ? "chair" : "member",
        term_start: termStart,
        term_end: termEnd,
      });
    }
    allMembers.push(...members);

    const threshold = thresholdOf({ backingHouseholds: 50, backingRepRatio: "0.1000" }, REPS);
    const isDemo = demoArea?.id === c.id;
    const staffId = isDemo ? (demoArea?.user_id ?? null) : null;
    // Every community: one proposal collecting; the demo community: one in each state.
    const plan: { status: ProposalStatus; step: number | null; daysAgo: number; households: number; repBacked: number }[] = isDemo
      ? [
          { status: "collecting", step: null, daysAgo: 5, households: 18, repBacked: 1 },
          { status: "in_flow", step: 1, daysAgo: 25, households: 12, repBacked: 3 },
          { status: "adopted", step: 3, daysAgo: 60, households: 52, repBacked: 2 },
          { status: "completed", step: null, daysAgo: 150, households: 8, repBacked: 4 },
          { status: "rejected", step: 2, daysAgo: 90, households: 50, repBacked: 0 },
          { status: "lapsed", step: null, daysAgo: 80, households: 21, repBacked: 1 },
          { status: "collecting", step: null, daysAgo: 2, households: 3, repBacked: 0 },
        ]
      : [{ status: "collecting", step: null, daysAgo: 3 + (ci % 7), households: 6 + (ci % 11), repBacked: ci % 3 }];

    for (const [pi, spec] of plan.entries()) {
      const idea = IDEAS[(ci + pi) % IDEAS.length];
      const author = heads[(REPS + 20 + pi * 3) % heads.length];
      const byResident = isDemo && pi === plan.length - 1 && demoHome?.area_path.startsWith(`${c.path}.`) === true;
      const submitted = new Date(now.getTime() - spec.daysAgo * DAY);
      const deadline = new Date(submitted.getTime() + 30 * DAY);
      const reached = spec.status !== "collecting" && spec.status !== "lapsed";
      const reachedAt = reached ? new Date(submitted.getTime() + 6 * DAY) : null;
      const recorded =
        spec.status === "completed" ? statutory.steps.length : (spec.step ?? 0) + (spec.status === "rejected" ? 1 : 0);
      const signers = [...reps.slice(0, spec.repBacked), ...heads.slice(REPS + 30, REPS + 30 + spec.households - spec.repBacked)];
      const p = { id: randomUUID() };
      allProposals.push({
        id: p.id,
        district_id: districtId,
        area_id: c.id,
        area_path: c.path,
        body_id: bodyOf("representatives"),
        author_kind: "resident",
        author_resident_id: byResident ? (demoResident?.resident_id as string) : author.id,
        author_user_id: byResident ? (demoResident?.id as string) : staffId,
        author_name: byResident ? (demoHome?.name ?? author.name) : author.name,
        title: idea.title,
        content: idea.content,
        category: idea.category,
        estimated_cost: idea.cost,
        status: spec.status,
        decision:
          spec.status === "adopted" || spec.status === "completed" ? "adopted" : spec.status === "rejected" ? "rejected" : null,
        flow_code: statutory.code,
        flow_name_zh: statutory.nameZh,
        flow_name_en: statutory.nameEn,
        flow_steps: JSON.stringify(statutory.steps),
        current_step: spec.status === "completed" || spec.status === "collecting" || spec.status === "lapsed" ? null : spec.step,
        threshold_households: threshold.households,
        threshold_rep_ratio: threshold.repRatio,
        threshold_reps: threshold.reps,
        rep_count: REPS,
        backing_households: signers.length,
        backing_reps: spec.repBacked,
        backing_count: signers.length,
        backing_deadline: deadline,
        submitted_at: submitted,
        threshold_reached_at: reachedAt,
        lapsed_at: spec.status === "lapsed" ? deadline : null,
        adopted_at: spec.status === "adopted" || spec.status === "completed" ? new Date(submitted.getTime() + 20 * DAY) : null,
        rejected_at: spec.status === "rejected" ? new Date(submitted.getTime() + 20 * DAY) : null,
        completed_at: spec.status === "completed" ? new Date(submitted.getTime() + 120 * DAY) : null,
        version: 1 + recorded,
        created_by: byResident ? (demoResident?.id as string) : staffId,
        created_at: new Date(submitted.getTime() - DAY),
        updated_at: submitted,
      });
      if (signers.length > 0) {
        allBackings.push(
          ...signers.map((s, k) => ({
            proposal_id: p.id,
            district_id: districtId,
            resident_id: s.id,
            household_id: s.household_id,
            representative: k < spec.repBacked,
            channel: k % 4 === 3 ? ("paper" as const) : ("online" as const),
            user_id: null,
            recorded_by: k % 4 === 3 ? staffId : null,
            backed_at: new Date(submitted.getTime() + ((k % 5) + 1) * 3_600_000),
          })),
        );
      }
      const events: Insertable<DB["proposal_events"]>[] = [
        {
          proposal_id: p.id,
          district_id: districtId,
          at: submitted,
          actor_name: "system",
          action: "submit",
          from_status: "draft",
          to_status: "collecting",
          data: "{}",
        },
      ];
      if (reachedAt)
        events.push({
          proposal_id: p.id,
          district_id: districtId,
          at: reachedAt,
          actor_name: "system",
          action: "threshold_reached",
          from_status: "collecting",
          to_status: "in_flow",
          data: "{}",
        });
      if (spec.status === "lapsed")
        events.push({
          proposal_id: p.id,
          district_id: districtId,
          at: deadline,
          actor_name: "system",
          action: "lapse",
          from_status: "collecting",
          to_status: "lapsed",
          data: "{}",
        });
      allEvents.push(...events);
      if (recorded > 0) {
        const steps = statutory.steps.slice(0, recorded).map((s, k) => {
          const last = k === recorded - 1;
          const outcome = spec.status === "rejected" && last ? ("reject" as const) : ("pass" as const);
          return {
            proposal_id: p.id,
            district_id: districtId,
            step_index: k,
            step_key: s.key,
            step_kind: s.kind,
            round: 1,
            outcome,
            minutes:
              s.kind === "vote"
                ? `应到 ${REPS} 人,实到 ${REPS - 3} 人;${outcome === "pass" ? "同意 17 人,反对 2 人,弃权 1 人,通过" : "同意 7 人,反对 12 人,弃权 1 人,未通过"}。`
                : `${s.nameZh}:经讨论${outcome === "pass" ? "同意进入下一环节" : "不予通过"}。`,
            recorded_by: staffId,
            recorded_by_name: staffId ? "demo-community" : "社区工作人员",
            recorded_at: new Date((reachedAt as Date).getTime() + (k + 1) * 4 * DAY),
          };
        });
        allSteps.push(...steps);
      }
    }
  }
  // A few batched inserts, in dependency order.
  const chunks = <T>(xs: T[], n = 500) =>
    Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
  for (const c of chunks(allBodies)) await db.insertInto("bodies").values(c).execute();
  for (const c of chunks(allMembers)) await db.insertInto("body_members").values(c).execute();
  for (const c of chunks(allProposals, 200)) await db.insertInto("proposals").values(c).execute();
  for (const c of chunks(allBackings)) await db.insertInto("proposal_backings").values(c).execute();
  for (const c of chunks(allEvents)) await db.insertInto("proposal_events").values(c).execute();
  for (const c of chunks(allSteps)) await db.insertInto("proposal_steps").values(c).execute();
}
