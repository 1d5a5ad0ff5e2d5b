// Demo data for disclosure: per community a few disclosures of each category over the last months,
// with opinions in every disposition, and one open low-income listing in the demo community.
// Deterministic: everything derives from the registry's order and `now`.
import type { Insertable, Kysely } from "kysely";
import type { DisclosureOpinionsTable } from "../../db/schema.disclosure.js";
import type { DB } from "../../db/schema.js";
import { formatCents } from "./rules.js";

const DAY = 86_400_000;

type Seeded = {
  category: "party" | "residents" | "compound" | "finance";
  template: string;
  title: string;
  fields: Record<string, unknown>;
};

function disclosuresFor(name: string, compound: string, ci: number, k: number): Seeded[] {
  const q = k === 0 ? "本季度" : "上季度";
  const inc = 240000_00n;
  const a = BigInt(3000_00 + ci * 137_25 + k * 911_10);
  const b = BigInt(1200_50 + ci * 45_05);
  const c = BigInt(860_00 + k * 77_77);
  return [
    {
      category: "party",
      template: "party.v1",
      title: `${name}${q}党费收缴及使用情况`,
      fields: { item: "党费收缴与使用", content: `${q}应缴党员 ${40 + ci} 人,实缴 ${39 + ci} 人;党费用于慰问困难党员。` },
    },
    {
      category: "residents",
      template: "residents.v1",
      title: k === 0 ? `${name}关于老旧小区加装电梯的决定` : `${name}关于规范非机动车停放的决定`,
      fields: {
        matter: k === 0 ? "老旧小区加装电梯" : "非机动车集中停放与充电",
        decision: k === 0 ? "同意在符合条件的楼栋启动加装电梯意见征询" : "在小区东门设置集中停放点和充电桩",
        basis: "居民代表会议决议",
      },
    },
    {
      category: "compound",
      template: "compound.v1",
      title: `${compound}${k === 0 ? "公共区域照明改造" : "停车位划线"}`,
      fields: { compound, matter: k === 0 ? "更换楼道及院内照明灯具 48 套" : "重新施划停车位 36 个,收费标准不变" },
    },
    {
      category: "finance",
      template: "finance.v1",
      title: `${name}${q}公共服务专项资金收支`,
      fields: {
        income: [{ item: "公共服务专项资金拨付", amount: formatCents(inc) }],
        incomeTotal: formatCents(inc),
        expense: [
          { item: "楼道照明改造", amount: formatCents(a) },
          { item: "健身器材维护", amount: formatCents(b) },
          { item: "居民议事会场地", amount: formatCents(c) },
        ],
        expenseTotal: formatCents(a + b + c),
      },
    },
  ];
}

const OPINIONS: {
  content: string;
  kind: "comment" | "question";
  disposition: "adopted" | "replied" | "not_adopted" | null;
  note: string | null;
  reply: string | null;
}[] = [
  {
    content: "建议在公示中列出各项支出的承办单位。",
    kind: "comment",
    disposition: "adopted",
    note: "已在公示中补充承办单位",
    reply: "感谢建议,已补充。",
  },
  {
    content: "照明改造能否优先安排老人多的楼栋?",
    kind: "question",
    disposition: "adopted",
    note: "已调整施工顺序,优先 3、5 栋",
    reply: null,
  },
  {
    content: "这笔费用的具体明细在哪里可以查看?",
    kind: "question",
    disposition: "replied",
    note: null,
    reply: "明细可在社区服务中心查阅,也可在附件中下载。",
  },
  {
    content: "建议把结余资金全部用于修路。",
    kind: "comment",
    disposition: "not_adopted",
    note: "专项资金须经居民代表会议决定用途,不能直接调整",
    reply: "已解释资金使用程序。",
  },
  { content: "下次公示能否提前一周通知?", kind: "comment", disposition: null, note: null, reply: null },
];

export async function seedDisclosureDemo(db: Kysely<DB>, now: Date): Promise<void> {
  const communities = await db
    .selectFrom("areas")
    .select(["id", "name", "path", "district_id"])
    .where("level", "=", "community")
    .orderBy("code")
    .execute();
  if (communities.length === 0) return;
  const users = await db
    .selectFrom("users")
    .select(["id", "username", "resident_id"])
    .where("username", "in", ["demo-community", "demo-street", "demo-district", "demo-resident"])
    .execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const staff = byName.get("demo-community") ?? byName.get("demo-street") ?? byName.get("demo-district");
  const meUser = byName.get("demo-resident");
  const meRow = meUser?.resident_id
    ? await db.selectFrom("residents").select(["id", "area_path"]).where("id", "=", meUser.resident_id).executeTakeFirst()
    : undefined;
  // The demo resident's account and registry record, when both exist.
  const me = meUser && meRow ? { userId: meUser.id, residentId: meRow.id, path: meRow.area_path } : null;
  const livesIn = (path: string) => me?.path.startsWith(`${path}.`) === true;
  const staffScope = staff
    ? await db
        .selectFrom("user_scopes as s")
        .innerJoin("areas as a", "a.id", "s.area_id")
        .select(["a.id", "a.path"])
        .where("s.user_id", "=", staff.id)
        .executeTakeFirst()
    : undefined;

  await db.transaction().execute(async (trx) => {
    for (const [ci, com] of communities.entries()) {
      if (!com.district_id) continue;
      const residents = await trx
        .selectFrom("residents")
        .select(["id", "area_path"])
        .where("area_path", "<@", com.path as never)
        .orderBy("id")
        .limit(12)
        .execute();
      const compound = await trx
        .selectFrom("buildings")
        .select("name")
        .where("area_path", "<@", com.path as never)
        .where("kind", "=", "compound")
        .orderBy("name")
        .limit(1)
        .executeTakeFirst();
      const rows = [0, 1].flatMap((k) =>
        disclosuresFor(com.name, compound?.name ?? `${com.name}1号院`, ci, k).map((d, di) => {
          // Spread over the last months: this quarter's items 1–5 weeks ago, last quarter's 3–4 months ago.
          const published = new Date(now.getTime() - ((k === 0 ? 7 : 95) + di * 6 + (ci % 5)) * DAY);
          const start = new Date(published.getTime() - 90 * DAY).toISOString().slice(0, 10);
          const end = new Date(published.getTime() - DAY).toISOString().slice(0, 10);
          return {
            district_id: com.district_id as string,
            area_id: com.id,
            area_path: com.path,
            category: d.category,
            template: d.template,
            title: d.title,
            body: "",
            fields: JSON.stringify(d.fields),
            period_start: start,
            period_end: end,
            status: "published" as const,
            published_at: published,
            published_by: staff?.id ?? null,
            created_by: staff?.id ?? null,
            created_at: published,
            updated_at: published,
          };
        }),
      );
      const inserted = await trx.insertInto("disclosures").values(rows).returning(["id", "published_at"]).execute();
      const opinions: Insertable<DisclosureOpinionsTable>[] = [];
      inserted.forEach((d, di) => {
        if (residents.length === 0 || !d.published_at) return;
        // Every disclosure gets a few opinions; together they cover every disposition.
        const n = 2 + ((di + ci) % 4);
        for (let j = 0; j < n; j++) {
          const o = OPINIONS[(di + j) % OPINIONS.length];
          const r = residents[(di * 3 + j) % residents.length];
          const created = new Date(d.published_at.getTime() + (j + 1) * 3_600_000 * 7);
          const handled = new Date(created.getTime() + 2 * DAY);
          const mine = me !== null && r.id === me.residentId;
          opinions.push({
            disclosure_id: d.id,
            district_id: com.district_id as string,
            area_path: com.path,
            author_user_id: mine ? me.userId : null,
            resident_id: r.id,
            kind: o.kind,
            content: o.content,
            created_at: created,
            disposition: o.disposition,
            disposition_note: o.note,
            disposed_at: o.disposition ? handled : null,
            disposed_by: o.disposition ? (staff?.id ?? null) : null,
            reply: o.reply,
            replied_at: o.reply ? handled : null,
            replied_by: o.reply ? (staff?.id ?? null) : null,
          });
        }
      });
      // The demo resident has asked something in their own community, and been answered.
      if (me && livesIn(com.path) && inserted[3]?.published_at) {
        opinions.push({
          disclosure_id: inserted[3].id,
          district_id: com.district_id,
          area_path: com.path,
          author_user_id: me.userId,
          resident_id: me.residentId,
          kind: "question",
          content: "健身器材维护费用包括哪些项目?",
          created_at: new Date(inserted[3].published_at.getTime() + DAY),
          disposition: "replied",
          disposition_note: null,
          disposed_at: new Date(inserted[3].published_at.getTime() + 3 * DAY),
          disposed_by: staff?.id ?? null,
          reply: "包括器材检修、更换易损件和安全检查。",
          replied_at: new Date(inserted[3].published_at.getTime() + 3 * DAY),
          replied_by: staff?.id ?? null,
        });
      }
      if (opinions.length) await trx.insertInto("disclosure_opinions").values(opinions).execute();
    }

    // One open low-income listing, in the demo community (or the first community).
    const home = staffScope && communities.find((c) => c.id === staffScope.id) ? staffScope : communities[0];
    const com = communities.find((c) => c.id === home.id) ?? communities[0];
    if (!com.district_id) return;
    const lowIncome = await trx
      .selectFrom("residents as r")
      .innerJoin("resident_tags as t", "t.resident_id", "r.id")
      .select(["r.id", "r.household_id"])
      .where("r.area_path", "<@", com.path as never)
      .where("t.tag_code", "=", "low_income")
      .orderBy("r.id")
      .limit(8)
      .execute();
    const recipients =
      lowIncome.length >= 3
        ? lowIncome
        : await trx
            .selectFrom("residents")
            .select(["id", "household_id"])
            .where("area_path", "<@", com.path as never)
            .orderBy("id")
            .limit(6)
            .execute();
    if (recipients.length === 0) return;
    const opens = new Date(now.getTime() - 3 * DAY);
    const listing = await trx
      .insertInto("public_listings")
      .values({
        district_id: com.district_id,
        area_id: com.id,
        area_path: com.path,
        kind: "low_income",
        title: `${com.name}${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月城乡低保对象公示`,
        description: "公示期内,居民对公示对象有异议的,可在线提出,社区将在 5 个工作日内核查答复。",
        opens_at: opens,
        closes_at: new Date(now.getTime() + 4 * DAY),
        status: "published",
        published_at: opens,
        published_by: staff?.id ?? null,
        created_by: staff?.id ?? null,
        created_at: opens,
        updated_at: opens,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const entries = await trx
      .insertInto("listing_entries")
      .values(
        recipients.map((r, i) => ({
          listing_id: listing.id,
          district_id: com.district_id as string,
          resident_id: r.id,
          household_id: r.household_id,
          amount: formatCents(BigInt(780_00 + (i % 3) * 120_00)),
          created_at: opens,
        })),
      )
      .returning("id")
      .execute();
    // One objection already dismissed, one waiting for staff: from the demo resident when they live
    // here, otherwise from a neighbour who is not on the list (received by letter: no account).
    const listed = new Set(recipients.map((r) => r.id));
    const mineHere = me !== null && livesIn(com.path) && !listed.has(me.residentId);
    const neighbour =
      me && mineHere
        ? me.residentId
        : (
            await trx
              .selectFrom("residents")
              .select("id")
              .where("area_path", "<@", com.path as never)
              .orderBy("id", "desc")
              .limit(20)
              .execute()
          ).find((r) => !listed.has(r.id))?.id;
    if (neighbour && entries.length >= 2) {
      const author = me && mineHere ? me.userId : null;
      await trx
        .insertInto("listing_objections")
        .values([
          {
            listing_id: listing.id,
            entry_id: entries[0].id,
            district_id: com.district_id,
            author_user_id: author,
            resident_id: neighbour,
            reason: "该户近期购置了新车,收入可能超标。",
            created_at: new Date(opens.getTime() + DAY),
            status: "dismissed",
            resolution: "经入户核查,车辆为亲属所有,该户收入符合标准。",
            resolved_at: new Date(opens.getTime() + 2 * DAY),
            resolved_by: staff?.id ?? null,
          },
          {
            listing_id: listing.id,
            entry_id: entries[1].id,
            district_id: com.district_id,
            author_user_id: author,
            resident_id: neighbour,
            reason: "该户家庭成员有稳定工作,请核实。",
            created_at: new Date(opens.getTime() + 2 * DAY),
          },
        ])
        .execute();
    }
  });
}
