import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { bodyWithMembers, loginsFor, westStaff } from "./test-helpers.js";

let ctx: TestContext;
let staff: Client;
let grid: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  staff = await ctx.login("community1");
  grid = await ctx.login("grid-a");
}, 120_000);
afterAll(() => ctx.close());

async function newVote(body: Record<string, unknown>): Promise<string> {
  const res = await staff.json("POST", "/api/decide/votes", { areaId: ctx.fx.areas.c1.id, secret: false, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const open = async (id: string) => {
  const r = await staff.json("POST", `/api/decide/votes/${id}/open`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const close = async (id: string) => {
  const r = await staff.json("POST", `/api/decide/votes/${id}/close`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const publish = async (id: string) => expect((await staff.json("POST", `/api/decide/votes/${id}/publish`)).status).toBe(200);

describe("the votes area keeps voters and choices apart", () => {
  it("no table has both a voter column and a choice column", async () => {
    const cols = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema()
        and (table_name like 'vote%' or table_name like 'meeting%' or table_name like 'open_space%' or table_name = 'household_owners')`.execute(
      ctx.db,
    );
    const byTable = new Map<string, string[]>();
    for (const c of cols.rows) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
    expect(byTable.has("vote_ballots")).toBe(true);
    expect(byTable.has("vote_turnout")).toBe(true);
    const voterish = /elector|voter|person|resident|user_id|member|recorded_by|created_by/;
    const choiceish = /^(choice|choices|option_id|option_ids|answer|selection)$/;
    for (const [table, columns] of byTable) {
      const both = columns.some((c) => voterish.test(c)) && columns.some((c) => choiceish.test(c));
      expect(both, `${table}: ${columns.join(",")}`).toBe(false);
    }
    // Ballots carry no time either.
    expect(byTable.get("vote_ballots")?.some((c) => /_at$|time|date/.test(c))).toBe(false);
    expect(byTable.get("vote_turnout")?.some((c) => /_at$|time|date/.test(c))).toBe(false);
  });
});

describe("a secret household vote", () => {
  let voteId: string;
  let voters: Client[];
  let people: Awaited<ReturnType<typeof addPeople>>;
  const receipts: string[] = [];

  it("is set up and opened; the electorate is snapshotted", async () => {
    people = await addPeople(ctx, { grid: "g1", households: 6 });
    voteId = await newVote({
      areaId: ctx.fx.areas.g1.id,
      title: "是否同意在小区内增设充电桩",
      kind: "yes_no",
      electorate: "households",
      secret: true,
      rule: { quorum: "1/2" },
    });
    const opened = await open(voteId);
    // fixture households h1, h2 plus the six added (bodies' helper households may exist too)
    const hh = await ctx.db
      .selectFrom("households")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where(sql<boolean>`area_path <@ ${ctx.fx.areas.g1.path}::ltree`)
      .executeTakeFirstOrThrow();
    expect(opened.electorateCount).toBe(Number(hh.n));
    voters = await loginsFor(ctx, people.slice(0, 4), "sv");
  });

  it("later registry changes do not change the electorate", async () => {
    const [late] = await addPeople(ctx, { grid: "g1", households: 1 });
    await addResidentUser(ctx, late.residentId, "late-comer");
    const c = await ctx.login("late-comer");
    const r = await c.json("POST", `/api/decide/votes/${voteId}/ballots`, { choice: "yes" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("votes_not_elector");
    // A voter who moves away after the vote opened keeps their ballot right.
    await ctx.db.updateTable("residents").set({ household_id: null }).where("id", "=", people[3].residentId).execute();
    const v = await staff.json("GET", `/api/decide/votes/${voteId}`);
    const hh = await ctx.db
      .selectFrom("vote_electors")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("vote_id", "=", voteId)
      .executeTakeFirstOrThrow();
    expect(v.body.electorateCount).toBe(Number(hh.n));
  });

  it("one ballot per household: a second is refused with 409", async () => {
    const choices = ["yes", "yes", "no", "abstain"];
    for (const [i, c] of voters.entries()) {
      const r = await c.json(
        "POST",
        `/api/decide/votes/${voteId}/ballots`,
        { choice: choices[i] },
        { "idempotency-key": `k-${i}` },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.receipt).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      receipts.push(r.body.receipt);
    }
    const again = await voters[0].json("POST", `/api/decide/votes/${voteId}/ballots`, { choice: "no" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("votes_already_voted");
    // The receipt is not kept next to the voter as an idempotent replay.
    const kept = await ctx.db.selectFrom("idempotency_keys").select("key").where("key", "like", "k-%").execute();
    expect(kept).toHaveLength(0);
    // Nothing links a ballot to a household for a secret vote.
    const links = await ctx.db.selectFrom("vote_open_ballots").select("ballot_id").where("vote_id", "=", voteId).execute();
    expect(links).toHaveLength(0);
    await expect(
      sql`insert into vote_open_ballots (ballot_id, vote_id, elector_id)
          select id, vote_id, ${people[0].householdId} from vote_ballots where vote_id = ${voteId} limit 1`.execute(ctx.db),
    ).rejects.toThrow();
  });

  it("paper ballots: entered once per serial, once per household; grid workers enter them", async () => {
    const paper = (serial: string, electorId: string, choice = "yes") =>
      grid.json("POST", `/api/decide/votes/${voteId}/paper-ballots`, { serial, electorId, choice });
    const ok = await paper("P-0001", people[4].householdId);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    receipts.push(ok.body.receipt);
    const twice = await paper("P-0001", people[5].householdId);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("votes_serial_used");
    const sameHousehold = await paper("P-0002", people[4].householdId, "no");
    expect(sameHousehold.status).toBe(409);
    expect(sameHousehold.body.error.code).toBe("votes_already_voted");
    const votedOnline = await paper("P-0003", people[0].householdId, "no");
    expect(votedOnline.status).toBe(409);
    const stranger = await paper("P-0004", ctx.fx.households.h4, "no");
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details[0].path).toBe("electorId");
    const badChoice = await paper("P-0005", people[5].householdId, "maybe");
    expect(badChoice.status).toBe(400);
    // Staff see who took part, never what they chose.
    const electors = await staff.json("GET", `/api/decide/votes/${voteId}/electors?voted=true`);
    expect(electors.body.total).toBe(5);
    expect(JSON.stringify(electors.body)).not.toMatch(/"choice"|abstain/);
  });

  it("results stay hidden from residents until published; a receipt can be checked", async () => {
    const closed = await close(voteId);
    expect(closed.result.counts).toEqual({ yes: 3, no: 1, abstain: 1 });
    const resident = voters[0];
    expect((await resident.json("GET", `/api/decide/votes/${voteId}/result`)).status).toBe(409);
    expect((await resident.json("GET", `/api/decide/votes/${voteId}`)).body.result).toBeNull();
    expect((await resident.json("GET", `/api/decide/votes/${voteId}/ballots`)).status).toBe(409);
    const check = await resident.json("GET", `/api/decide/votes/${voteId}/receipt?code=${receipts[2].toLowerCase()}`);
    expect(check.body).toMatchObject({ found: true, choice: "no" });
    const bogus = await resident.json("GET", `/api/decide/votes/${voteId}/receipt?code=2222-2222-2222`);
    expect(bogus.body.found).toBe(false);
    const malformed = await resident.json("GET", `/api/decide/votes/${voteId}/receipt?code=abc`);
    expect(malformed.status).toBe(400);
  });

  it("the published ballot list recounts to the stored result", async () => {
    await publish(voteId);
    const resident = voters[1];
    const list = await resident.json("GET", `/api/decide/votes/${voteId}/ballots`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items.map((b: { receipt: string }) => b.receipt).sort()).toEqual([...receipts].sort());
    expect(Object.keys(list.body.items[0]).sort()).toEqual(["area", "choice", "labels", "receipt"]);
    // Recount by hand from the list…
    const counts = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
    for (const b of list.body.items) counts[b.choice]++;
    const result = await resident.json("GET", `/api/decide/votes/${voteId}/result`);
    expect(result.body.result.counts).toEqual(counts);
    // …and with the server's tally function.
    const recount = await resident.json("GET", `/api/decide/votes/${voteId}/recount`);
    expect(recount.body.matches).toBe(true);
    expect(recount.body.recounted.counts).toEqual(counts);
    expect(result.body.result.explanation.zh).toContain("规则");
    expect(result.body.ruleText.en).toContain("1/2");
  });
});

describe("rules at the edges through the API", () => {
  it("more than half with an exact half fails; a recall that passes ends the member's term", async () => {
    const body = await bodyWithMembers(ctx, 4, 4);
    const clients = await Promise.all(body.members.map((m) => ctx.login(m.username as string)));
    const half = await newVote({
      title: "是否同意调整议事规则",
      kind: "yes_no",
      electorate: "body",
      bodyId: body.bodyId,
      rule: { quorum: "0" },
    });
    await open(half);
    for (const [i, c] of clients.entries()) {
      expect((await c.json("POST", `/api/decide/votes/${half}/ballots`, { choice: i < 2 ? "yes" : "no" })).status).toBe(201);
    }
    const r = await close(half);
    expect(r.passed).toBe(false);
    expect(r.result.checks.find((c: { key: string }) => c.key === "threshold")).toMatchObject({
      value: "2",
      needed: "3",
      met: false,
    });
    // Open votes record who cast which ballot.
    const links = await ctx.db.selectFrom("vote_open_ballots").select("elector_id").where("vote_id", "=", half).execute();
    expect(links).toHaveLength(4);

    const target = body.members[3];
    const recall = await newVote({
      title: "罢免代表",
      kind: "yes_no",
      electorate: "body",
      bodyId: body.bodyId,
      recallMemberId: target.id,
      secret: true,
    });
    const shown = await staff.json("GET", `/api/decide/votes/${recall}`);
    expect(shown.body.rule).toEqual({ quorum: "1/2", threshold: "more_than_half", base: "electorate" });
    await open(recall);
    for (const c of clients.slice(0, 3))
      expect((await c.json("POST", `/api/decide/votes/${recall}/ballots`, { choice: "yes" })).status).toBe(201);
    const done = await close(recall);
    expect(done.passed).toBe(true);
    const m = await ctx.db
      .selectFrom("body_members")
      .select(["ended_at", "end_reason"])
      .where("id", "=", target.id)
      .executeTakeFirstOrThrow();
    expect(m.end_reason).toBe("recalled");
    expect(m.ended_at).not.toBeNull();
  });

  it("two thirds of the electorate at the bound", async () => {
    const body = await bodyWithMembers(ctx, 3, 3);
    const clients = await Promise.all(body.members.map((m) => ctx.login(m.username as string)));
    const id = await newVote({
      title: "修订居民公约",
      kind: "yes_no",
      electorate: "body",
      bodyId: body.bodyId,
      rule: { quorum: "0", threshold: "two_thirds", base: "electorate" },
    });
    await open(id);
    await clients[0].json("POST", `/api/decide/votes/${id}/ballots`, { choice: "yes" });
    await clients[1].json("POST", `/api/decide/votes/${id}/ballots`, { choice: "yes" });
    const r = await close(id);
    expect(r.passed).toBe(true); // 2 of 3 is two thirds
    expect(r.result.checks[1]).toMatchObject({ value: "2", base: "3", needed: "2", met: true });
  });

  it("owners (art. 278): area passes, heads fail; one owner of several flats counts once by head, fully by area", async () => {
    // A building of its own so the electorate is exactly these five flats.
    const building = await ctx.db
      .insertInto("buildings")
      .values({
        district_id: ctx.fx.districtId,
        grid_id: ctx.fx.areas.g2.id,
        area_path: ctx.fx.areas.g2.path,
        kind: "building",
        name: "9栋",
        address: "东一路9号",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const areas = [120, 100, 80, 50, 50];
    const flats = await addPeople(ctx, { grid: "g2", households: 5, floorArea: (i) => areas[i] });
    for (const f of flats) {
      await ctx.db
        .updateTable("households")
        .set({ building_id: building.id, head_resident_id: f.residentId })
        .where("id", "=", f.householdId)
        .execute();
    }
    // The owner of flat 0 also owns flats 1 and 2: 300 m² of 400, one owner of three.
    for (const f of flats.slice(1, 3)) {
      const r = await staff.json("PUT", `/api/decide/households/${f.householdId}/owner`, { residentId: flats[0].residentId });
      expect(r.status).toBe(200);
    }
    const residentTry = await (await ctx.login("resident")).json("PUT", `/api/decide/households/${flats[1].householdId}/owner`, {
      residentId: flats[1].residentId,
    });
    expect(residentTry.status).toBe(403);
    const owners = await staff.json("GET", `/api/decide/owners?areaId=${ctx.fx.areas.g2.id}&buildingId=${building.id}`);
    expect(owners.body.items.filter((o: { ownerResidentId: string }) => o.ownerResidentId === flats[0].residentId)).toHaveLength(
      3,
    );
    // One flat, as the household page asks for it: explicit owner, and the head as the fallback.
    const one = await staff.json("GET", `/api/decide/owners?areaId=${ctx.fx.areas.g2.id}&householdId=${flats[1].householdId}`);
    expect(one.body.items.map((o: { householdId: string; explicit: boolean }) => [o.householdId, o.explicit])).toEqual([
      [flats[1].householdId, true],
    ]);

    const [big, , , small1, small2] = await loginsFor(ctx, flats, "own");
    const vote = async (matter: "ordinary" | "special") => {
      const id = await newVote({
        areaId: ctx.fx.areas.g2.id,
        buildingId: building.id,
        title: matter === "ordinary" ? "续聘物业服务企业" : "使用专项维修资金",
        kind: "yes_no",
        electorate: "owners",
        rule: { matter },
      });
      const o = await open(id);
      expect(o.electorateCount).toBe(3);
      expect(o.electorateArea).toMatch(/^400(\.00)?$/);
      return id;
    };
    // Area passes (300 of 400 yes), heads fail (1 of 3 yes).
    const a = await vote("ordinary");
    await big.json("POST", `/api/decide/votes/${a}/ballots`, { choice: "yes" });
    await small1.json("POST", `/api/decide/votes/${a}/ballots`, { choice: "no" });
    await small2.json("POST", `/api/decide/votes/${a}/ballots`, { choice: "no" });
    const ra = (await close(a)).result;
    expect(ra.turnout).toBe(3);
    expect(ra.turnoutArea).toBe("400.00");
    expect(ra.checks.find((c: { key: string }) => c.key === "area_yes").met).toBe(true);
    expect(ra.checks.find((c: { key: string }) => c.key === "head_yes").met).toBe(false);
    expect(ra.passed).toBe(false);
    // Heads pass (2 of 3), area fails (100 of 400).
    const b = await vote("ordinary");
    await big.json("POST", `/api/decide/votes/${b}/ballots`, { choice: "no" });
    await small1.json("POST", `/api/decide/votes/${b}/ballots`, { choice: "yes" });
    await small2.json("POST", `/api/decide/votes/${b}/ballots`, { choice: "yes" });
    const rb = (await close(b)).result;
    expect(rb.checks.find((c: { key: string }) => c.key === "head_yes").met).toBe(true);
    expect(rb.checks.find((c: { key: string }) => c.key === "area_yes").met).toBe(false);
    expect(rb.passed).toBe(false);
    // Special matter: the big owner alone is 3/4 of the area but not 3/4 of the owners.
    const s = await vote("special");
    await big.json("POST", `/api/decide/votes/${s}/ballots`, { choice: "yes" });
    await small1.json("POST", `/api/decide/votes/${s}/ballots`, { choice: "yes" });
    const rs = (await close(s)).result;
    // 2 of 3 owners, 350 of 400 m² took part: participation met; yes 2/2 and 350/350.
    expect(rs.checks.map((c: { met: boolean }) => c.met)).toEqual([true, true, true, true]);
    expect(rs.passed).toBe(true);
  });

  it("a budget ballot over the fund is refused, naming the field; winners from the greedy rule", async () => {
    const people = await addPeople(ctx, { grid: "g1", households: 3 });
    const id = await newVote({
      areaId: ctx.fx.areas.g1.id,
      title: "2026年公共服务资金项目",
      kind: "budget",
      electorate: "residents",
      budgetRule: "knapsack",
      fund: "240000.00",
      options: [
        { label: "加装电梯", cost: "150000.00" },
        { label: "小区绿化", cost: "100000.00" },
        { label: "路灯改造", cost: "80000.00" },
      ],
      rule: { quorum: "0" },
    });
    const v = await staff.json("GET", `/api/decide/votes/${id}`);
    const [o1, o2, o3] = v.body.options.map((o: { id: string }) => o.id);
    await open(id);
    const [a, b, c] = await loginsFor(ctx, people, "bud");
    const over = await a.json("POST", `/api/decide/votes/${id}/ballots`, { optionIds: [o1, o2] }, { "accept-language": "en" });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe("optionIds");
    expect(over.body.error.details[0].message).toContain("250000.00");
    expect((await a.json("POST", `/api/decide/votes/${id}/ballots`, { optionIds: [o1, o3] })).status).toBe(201);
    expect((await b.json("POST", `/api/decide/votes/${id}/ballots`, { optionIds: [o1] })).status).toBe(201);
    expect((await c.json("POST", `/api/decide/votes/${id}/ballots`, { optionIds: [o2] })).status).toBe(201);
    const r = await close(id);
    expect(r.result.winners).toEqual([o1, o3]);
    expect(r.result.budget.steps.map((s: { decision: string }) => s.decision)).toEqual(["funded", "funded", "skipped"]);
  });
});

describe("permissions", () => {
  let id: string;
  beforeAll(async () => {
    id = await newVote({
      title: "社区活动室开放时间",
      kind: "choose",
      electorate: "residents",
      maxChoices: 1,
      options: [{ label: "上午" }, { label: "晚上" }],
    });
  });

  it("residents cannot see drafts, nor open or close a vote", async () => {
    const resident = await ctx.login("resident");
    expect((await resident.json("GET", `/api/decide/votes/${id}`)).status).toBe(404);
    expect((await resident.json("POST", `/api/decide/votes/${id}/open`)).status).toBe(403);
    await open(id);
    expect((await resident.json("GET", `/api/decide/votes/${id}`)).status).toBe(200);
    expect((await resident.json("POST", `/api/decide/votes/${id}/close`)).status).toBe(403);
    const list = await resident.json("GET", "/api/decide/votes?toCast=true");
    expect(list.body.items.some((v: { id: string; me: { canCast: boolean } }) => v.id === id && v.me.canCast)).toBe(true);
  });

  it("another community cannot see it; grid-a enters paper ballots but cannot create or close votes", async () => {
    const west = await westStaff(ctx);
    expect((await west.json("GET", `/api/decide/votes/${id}`)).status).toBe(404);
    expect((await west.json("GET", `/api/decide/votes/${id}/electors`)).status).toBe(404);
    const list = await west.json("GET", "/api/decide/votes");
    expect(list.body.items.some((v: { id: string }) => v.id === id)).toBe(false);
    expect(
      (
        await grid.json("POST", "/api/decide/votes", {
          areaId: ctx.fx.areas.g1.id,
          title: "x",
          kind: "yes_no",
          electorate: "residents",
          secret: false,
        })
      ).status,
    ).toBe(403);
    expect((await grid.json("POST", `/api/decide/votes/${id}/close`)).status).toBe(403);
    const v = await grid.json("GET", `/api/decide/votes/${id}`);
    const paper = await grid.json("POST", `/api/decide/votes/${id}/paper-ballots`, {
      serial: "A-1",
      electorId: ctx.fx.residents.r3.id,
      optionIds: [v.body.options[1].id],
    });
    expect(paper.status, JSON.stringify(paper.body)).toBe(201);
    // Bad set-up names the field and changes nothing.
    const before = await ctx.db
      .selectFrom("votes")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const bad = await staff.json("POST", "/api/decide/votes", {
      areaId: ctx.fx.areas.c1.id,
      title: "x",
      kind: "choose",
      electorate: "residents",
      secret: false,
      options: [{ label: "只有一个" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("options");
    const badRule = await staff.json("POST", "/api/decide/votes", {
      areaId: ctx.fx.areas.c1.id,
      title: "x",
      kind: "yes_no",
      electorate: "residents",
      secret: false,
      rule: { quorum: "7/5" },
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.details[0].path).toBe("rule.quorum");
    const after = await ctx.db
      .selectFrom("votes")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
