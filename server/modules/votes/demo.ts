// Demo data for meetings and votes in the demo community (demo-community's area): a past
// representatives' meeting with attendance, agenda, minutes and a published open vote; a published
// secret household vote with its ballot list; an open vote the demo resident can cast; an upcoming
// hearing; a past open-space meeting with groups and notes. Runs after the deliberation demo (it uses
// the community's representatives' body when there is one). Counts and receipts derive from `now`
// and the registry's order.
import { createHash, randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { MeetingKind, MeetingStatus } from "../../db/schema.votes.js";
import type { Actor } from "../identity/types.js";
import { dayOf } from "./access.js";
import { receiptFrom } from "./rules.js";
import { closeVoteTx, createVoteTx, openVoteTx } from "./service.js";

const DAY = 86_400_000;

const receiptOf = (seed: string) => receiptFrom(createHash("sha256").update(seed).digest());

type Ballot = { electorId: string; choice: string; paper?: string };

/** Writes ballots in bulk: turnout (no choice), ballots (no voter) in receipt order, open links. */
async function castBulk(
  db: Kysely<DB>,
  voteId: string,
  districtId: string,
  secret: boolean,
  ballots: Ballot[],
  recorder: string | null,
) {
  const rows = ballots.map((b, i) => ({ ...b, receipt: receiptOf(`${voteId}:${i}`), id: randomUUID() }));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insertInto("vote_turnout")
      .values(
        chunk.map((b) => ({
          vote_id: voteId,
          elector_id: b.electorId,
          district_id: districtId,
          channel: b.paper ? ("paper" as const) : ("online" as const),
          paper_serial: b.paper ?? null,
          recorded_by: b.paper ? recorder : null,
        })),
      )
      .execute();
  }
  const sorted = [...rows].sort((a, b) => (a.receipt < b.receipt ? -1 : 1));
  for (let i = 0; i < sorted.length; i += 500) {
    await db
      .insertInto("vote_ballots")
      .values(
        sorted.slice(i, i + 500).map((b) => ({ id: b.id, vote_id: voteId, receipt: b.receipt, choice: b.choice, area: null })),
      )
      .execute();
  }
  if (!secret) {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto("vote_open_ballots")
        .values(rows.slice(i, i + 500).map((b) => ({ ballot_id: b.id, vote_id: voteId, elector_id: b.electorId })))
        .execute();
    }
  }
}

const electorsOf = (db: Kysely<DB>, voteId: string) =>
  db
    .selectFrom("vote_electors")
    .select(["elector_id", "label"])
    .where("vote_id", "=", voteId)
    .orderBy("label")
    .orderBy("elector_id")
    .execute();

export async function seedVotesDemo(db: Kysely<DB>, now: Date): Promise<void> {
  if (await db.selectFrom("meetings").select("id").limit(1).executeTakeFirst()) return; // seeded already
  const staff = await db
    .selectFrom("users as u")
    .innerJoin("user_scopes as s", "s.user_id", "u.id")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .select(["u.id as user_id", "a.id", "a.path", "a.district_id"])
    .where("u.username", "=", "demo-community")
    .executeTakeFirst();
  if (!staff?.district_id) return;
  const districtId = staff.district_id;
  const actor: Actor = { userId: staff.user_id, username: "demo-community", ip: "demo" };
  const gridWorker = await db.selectFrom("users").select("id").where("username", "=", "demo-grid-a").executeTakeFirst();
  const resident = await db
    .selectFrom("users as u")
    .innerJoin("residents as r", "r.id", "u.resident_id")
    .select(["r.id", "r.grid_id", "r.area_path", "r.household_id"])
    .where("u.username", "=", "demo-resident")
    .executeTakeFirst();
  // The demo resident's grid, else the community's first grid.
  const grid = resident?.area_path.startsWith(`${staff.path}.`)
    ? { id: resident.grid_id, path: resident.area_path }
    : await db
        .selectFrom("areas")
        .select(["id", "path"])
        .where("parent_id", "=", staff.id)
        .where("level", "=", "grid")
        .orderBy("code")
        .executeTakeFirst();
  if (!grid) return;
  const at = (days: number, hour = 19) => {
    const d = new Date(now.getTime() + days * DAY);
    return new Date(`${dayOf(d)}T${String(hour).padStart(2, "0")}:30:00+08:00`);
  };
  const meetingRow = (x: {
    kind: MeetingKind;
    title: string;
    startsAt: Date;
    bodyId?: string | null;
    status: MeetingStatus;
  }) => ({
    district_id: districtId,
    area_id: staff.id,
    area_path: staff.path,
    body_id: x.bodyId ?? null,
    kind: x.kind,
    title: x.title,
    place: "社区党群服务中心二楼议事厅",
    starts_at: x.startsAt,
    ends_at: new Date(x.startsAt.getTime() + 2 * 3_600_000),
    public: x.kind !== "body",
    checkin_code: String(100000 + (Math.floor(x.startsAt.getTime() / 60_000) % 900000)),
    status: x.status,
    created_by: staff.user_id,
    created_at: new Date(x.startsAt.getTime() - 7 * DAY),
    notified_at: new Date(x.startsAt.getTime() - 5 * DAY),
  });

  // 1. A past meeting of the representatives (or a public-opinion meeting) with a published open vote.
  const body = await db
    .selectFrom("bodies")
    .select(["id", "name"])
    .where("area_id", "=", staff.id)
    .where("kind", "=", "representatives")
    .executeTakeFirst();
  const past = at(-10);
  const proposal = await db
    .selectFrom("proposals")
    .select(["id", "title"])
    .where(sql<boolean>`area_path <@ ${staff.path}::ltree`)
    .orderBy("created_at")
    .executeTakeFirst();
  const matter = proposal?.title ?? "增设电动自行车集中充电桩方案";
  const m1 = await db
    .insertInto("meetings")
    .values({
      ...meetingRow({
        kind: body ? "body" : "public_opinion",
        title: body ? `${body.name}第三次会议` : "社区民情恳谈会",
        startsAt: past,
        bodyId: body?.id,
        status: "published",
      }),
      expected_count: body ? null : 30,
      started_at: past,
      closed_at: new Date(past.getTime() + 2 * 3_600_000),
      published_at: new Date(past.getTime() + DAY),
      minutes: `会议由主任主持。通报了上季度实事项目进展;审议了“${matter}”,经表决通过;听取了居民关于公共区域管理的意见,交居委会研究。`,
      decisions: `1. 通过“${matter}”,由居委会组织实施;\n2. 公共区域管理问题提交下次民情恳谈会讨论。`,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("meeting_agenda_items")
    .values([
      {
        meeting_id: m1.id,
        district_id: districtId,
        position: 1,
        title: "通报上季度实事项目进展",
        outcome: "noted",
        decision: "知悉",
      },
      {
        meeting_id: m1.id,
        district_id: districtId,
        position: 2,
        title: `审议:${matter}`,
        proposal_id: proposal?.id ?? null,
        outcome: "passed",
        decision: "表决通过,由居委会组织实施",
      },
      {
        meeting_id: m1.id,
        district_id: districtId,
        position: 3,
        title: "听取居民关于公共区域管理的意见",
        outcome: "deferred",
        decision: "提交下次民情恳谈会",
      },
    ])
    .execute();
  const day = dayOf(past);
  const members = body
    ? await db
        .selectFrom("body_members")
        .select(["id", "resident_id", "user_id", "name"])
        .where("body_id", "=", body.id)
        .where("term_start", "<=", day)
        .where("ended_at", "is", null)
        .orderBy("name")
        .orderBy("id")
        .execute()
    : [];
  if (body && members.length) {
    const present = members.slice(0, Math.max(1, Math.ceil((members.length * 5) / 6)));
    await db
      .insertInto("meeting_attendance")
      .values(
        present.map((p, i) => ({
          meeting_id: m1.id,
          district_id: districtId,
          resident_id: p.resident_id,
          user_id: p.resident_id ? null : p.user_id,
          body_member_id: p.id,
          name: p.name,
          method: i % 3 === 0 ? ("staff" as const) : ("code" as const),
          recorded_by: i % 3 === 0 ? staff.user_id : null,
          signed_in_at: new Date(past.getTime() - (20 - i) * 60_000),
        })),
      )
      .execute();
    const voteId = await db.transaction().execute(async (trx) => {
      const id = await createVoteTx(trx, actor, {
        districtId,
        areaId: staff.id,
        areaPath: staff.path,
        title: `表决:${matter}`,
        kind: "yes_no",
        electorate: "body",
        bodyId: body.id,
        meetingId: m1.id,
        proposalId: proposal?.id ?? null,
        secret: false,
        createdBy: staff.user_id,
      });
      await openVoteTx(trx, actor, id, new Date(past.getTime() + 3_600_000));
      return id;
    });
    const electors = new Set((await electorsOf(db, voteId)).map((e) => e.elector_id));
    const ballots = present
      .filter((p) => electors.has(p.id))
      .map((p, i) => ({ electorId: p.id, choice: i % 9 === 4 ? "no" : i % 9 === 7 ? "abstain" : "yes" }));
    await castBulk(db, voteId, districtId, false, ballots, null);
    await db.transaction().execute(async (trx) => {
      await closeVoteTx(trx, actor, voteId, new Date(past.getTime() + 90 * 60_000));
      await trx
        .updateTable("votes")
        .set({ status: "published", published_at: new Date(past.getTime() + DAY) })
        .where("id", "=", voteId)
        .execute();
      await trx
        .updateTable("meeting_agenda_items")
        .set({ vote_id: voteId })
        .where("meeting_id", "=", m1.id)
        .where("position", "=", 2)
        .execute();
    });
  } else {
    const people = await db
      .selectFrom("residents")
      .select(["id", "name"])
      .where(sql<boolean>`area_path <@ ${staff.path}::ltree`)
      .orderBy("id")
      .limit(24)
      .execute();
    if (people.length) {
      await db
        .insertInto("meeting_attendance")
        .values(
          people.map((p) => ({
            meeting_id: m1.id,
            district_id: districtId,
            resident_id: p.id,
            name: p.name,
            method: "code" as const,
          })),
        )
        .execute();
    }
  }

  // 2. A published secret vote of the households of the grid, with its ballot list.
  const secretOpened = at(-20, 9);
  const secretId = await db.transaction().execute(async (trx) => {
    const id = await createVoteTx(trx, actor, {
      districtId,
      areaId: grid.id,
      areaPath: grid.path,
      title: "是否同意小区实行停车收费管理(每车每月 60 元,用于停车位维护)",
      description: "由居民代表会议提出,按户投票,无记名。",
      kind: "yes_no",
      electorate: "households",
      secret: true,
      rule: { quorum: "1/2", threshold: "more_than_half", base: "participating" },
      closesAt: new Date(secretOpened.getTime() + 7 * DAY),
      createdBy: staff.user_id,
    });
    await openVoteTx(trx, actor, id, secretOpened);
    return id;
  });
  const hh = await electorsOf(db, secretId);
  const turnout = hh.filter((_, i) => i % 10 < 7 && !(resident?.household_id && hh[i].elector_id === resident.household_id));
  await castBulk(
    db,
    secretId,
    districtId,
    true,
    turnout.map((e, i) => ({
      electorId: e.elector_id,
      choice: i % 5 === 1 ? "no" : i % 13 === 6 ? "abstain" : "yes",
      paper: i % 6 === 0 ? `P-${String(i + 1).padStart(4, "0")}` : undefined,
    })),
    gridWorker?.id ?? staff.user_id,
  );
  await db.transaction().execute(async (trx) => {
    await closeVoteTx(trx, actor, secretId, new Date(secretOpened.getTime() + 7 * DAY));
    await trx
      .updateTable("votes")
      .set({ status: "published", published_at: new Date(secretOpened.getTime() + 8 * DAY) })
      .where("id", "=", secretId)
      .execute();
  });

  // 3. An open vote the demo resident can cast.
  const openId = await db.transaction().execute(async (trx) => {
    const id = await createVoteTx(trx, actor, {
      districtId,
      areaId: grid.id,
      areaPath: grid.path,
      title: "是否同意在小区北门设置智能快递柜",
      description: "快递柜由快递公司免费安装维护,占用北门内侧约 6 平方米公共区域。",
      kind: "yes_no",
      electorate: "residents",
      secret: false,
      rule: { quorum: "1/2", threshold: "more_than_half", base: "participating" },
      closesAt: at(5, 20),
      createdBy: staff.user_id,
    });
    await openVoteTx(trx, actor, id, at(-2, 9));
    return id;
  });
  const rs = await electorsOf(db, openId);
  await castBulk(
    db,
    openId,
    districtId,
    false,
    rs
      .filter((e, i) => i % 4 === 0 && e.elector_id !== resident?.id)
      .map((e, i) => ({ electorId: e.elector_id, choice: i % 6 === 5 ? "no" : "yes" })),
    null,
  );

  // 4. An upcoming hearing, and a past open-space meeting with its groups and notes.
  const hearing = await db
    .insertInto("meetings")
    .values({
      ...meetingRow({ kind: "hearing", title: "老旧小区改造方案听证会", startsAt: at(2), status: "scheduled" }),
      expected_count: 40,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("meeting_agenda_items")
    .values([
      { meeting_id: hearing.id, district_id: districtId, position: 1, title: "设计单位介绍改造方案" },
      { meeting_id: hearing.id, district_id: districtId, position: 2, title: "居民代表发表意见" },
    ])
    .execute();
  const os = await db
    .insertInto("meetings")
    .values({
      ...meetingRow({ kind: "open_space", title: "开放空间会议:我们的院子怎么管", startsAt: at(-30, 14), status: "published" }),
      started_at: at(-30, 14),
      closed_at: at(-30, 17),
      published_at: at(-29, 10),
      minutes: "共 36 位居民参加,提出 3 个议题,形成 3 个行动小组。",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const osPeople = await db
    .selectFrom("residents")
    .select(["id", "name"])
    .where(sql<boolean>`area_path <@ ${grid.path}::ltree`)
    .orderBy("id")
    .limit(9)
    .execute();
  const topics: [string, string[]][] = [
    ["楼道堆物清理", ["每月第一个周六集中清理", "由楼栋长牵头,志愿者协助"]],
    ["院内绿地认养", ["12 户报名认养花坛", "社区提供花苗"]],
    ["老人助餐", ["与街道老年食堂对接送餐"]],
  ];
  for (const [ti, [title, notes]] of topics.entries()) {
    const group = osPeople.slice(ti * 3, ti * 3 + 3);
    if (!group.length) break;
    const t = await db
      .insertInto("open_space_topics")
      .values({
        meeting_id: os.id,
        district_id: districtId,
        title,
        proposer_name: group[0].name,
        proposer_resident_id: group[0].id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("open_space_participants")
      .values(group.map((p) => ({ topic_id: t.id, meeting_id: os.id, district_id: districtId, resident_id: p.id, name: p.name })))
      .execute();
    await db
      .insertInto("open_space_notes")
      .values(
        notes.map((body) => ({ topic_id: t.id, meeting_id: os.id, district_id: districtId, body, author_name: group[0].name })),
      )
      .execute();
  }
}
