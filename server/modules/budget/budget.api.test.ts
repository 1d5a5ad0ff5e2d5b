// Participatory budget over HTTP: funds, a round's life from ideas to practical projects, scope and
// permission refusals, and results equal to greedyBudget of the ballots actually cast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createTestContext, type TestContext } from "../../../test/harness.js";
import { addPeople, addResidentUser } from "../../../test/people.js";
import { greedyBudget } from "./tally.js";

let t: TestContext;
let community: Client; // c1 staff
let street: Client; // s1 staff
let district: Client;
let resident: Client; // r1, lives in g1 (c1)
let outsider: Client; // r5, lives in g3 (c2)
let department: Client; // decide.read only

const B = "/api/decide/budget";

beforeAll(async () => {
  t = await createTestContext();
  community = await t.login("community1");
  street = await t.login("street1");
  district = await t.login("district");
  resident = await t.login("resident");
  department = await t.login("department");
  await addResidentUser(t, t.fx.residents.r5.id, "r5-login");
  outsider = await t.login("r5-login");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function newRound(c: Client, year: number, extra: Record<string, unknown> = {}, areaId = t.fx.areas.c1.id) {
  const res = await c.json("POST", `${B}/rounds`, { areaId, year, title: `${year} 年公共服务专项资金`, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function advance(id: string, to: string, extra: Record<string, unknown> = {}) {
  return community.json("POST", `${B}/rounds/${id}/advance`, { to, ...extra });
}

describe("funds", () => {
  it("default to 240000 yuan for a community", async () => {
    const res = await community.json("GET", `${B}/funds?year=2030`);
    expect(res.status).toBe(200);
    const c1 = res.body.items.find((f: { areaId: string }) => f.areaId === t.fx.areas.c1.id);
    expect(c1).toMatchObject({ amount: "240000.00", isDefault: true, level: "community" });
    // community staff see only their own community
    expect(res.body.items.map((f: { areaId: string }) => f.areaId)).toEqual([t.fx.areas.c1.id]);
  });

  it("are set per area and year, exactly", async () => {
    const res = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: "300000.5" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amount: "300000.50", isDefault: false });
    const again = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: 310000 });
    expect(again.body.amount).toBe("310000.00");
    const list = await street.json("GET", `${B}/funds?year=2030`);
    const byArea = Object.fromEntries(list.body.items.map((f: { areaId: string; amount: string }) => [f.areaId, f.amount]));
    expect(byArea[t.fx.areas.c1.id]).toBe("310000.00");
    expect(byArea[t.fx.areas.s1.id]).toBe("1250000.00");
    const other = await street.json("GET", `${B}/funds?year=2031`);
    expect(other.body.items.find((f: { areaId: string }) => f.areaId === t.fx.areas.c1.id).amount).toBe("240000.00");
  });

  it("refuse bad amounts, areas out of scope, grids and residents", async () => {
    const bad = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: "12.345" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("amount");
    const neg = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: "-1" });
    expect(neg.status).toBe(400);
    const other = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c2.id, year: 2030, amount: "1" });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].path).toBe("areaId");
    const grid = await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.g1.id, year: 2030, amount: "1" });
    expect(grid.status).toBe(400);
    expect(grid.body.error.details[0].path).toBe("areaId");
    expect((await resident.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: "1" })).status).toBe(403);
    expect((await resident.json("GET", `${B}/funds?year=2030`)).status).toBe(403);
    const list = await community.json("GET", `${B}/funds?year=2030`);
    expect(list.body.items[0].amount).toBe("310000.00");
  });
});

describe("rounds and ideas", () => {
  let round: string;

  beforeAll(async () => {
    round = await newRound(community, 2030);
  });

  it("take the year's fund; one live round per area and year", async () => {
    const r = await community.json("GET", `${B}/rounds/${round}`);
    expect(r.body).toMatchObject({ phase: "collect", fund: "310000.00", ballotRule: "knapsack", electorate: "residents" });
    const dup = await community.json("POST", `${B}/rounds`, { areaId: t.fx.areas.c1.id, year: 2030, title: "again" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("budget_round_exists");
  });

  it("are created by staff only, in their scope", async () => {
    expect((await resident.json("POST", `${B}/rounds`, { areaId: t.fx.areas.c1.id, year: 2031, title: "x" })).status).toBe(403);
    expect((await department.json("POST", `${B}/rounds`, { areaId: t.fx.areas.c1.id, year: 2031, title: "x" })).status).toBe(403);
    const other = await community.json("POST", `${B}/rounds`, { areaId: t.fx.areas.c2.id, year: 2031, title: "x" });
    expect(other.status).toBe(400);
    expect(other.body.error.details[0].path).toBe("areaId");
    const k = await community.json("POST", `${B}/rounds`, {
      areaId: t.fx.areas.c1.id,
      year: 2031,
      title: "x",
      ballotRule: "up_to_k",
    });
    expect(k.status).toBe(400);
    expect(k.body.error.details[0].path).toBe("maxChoices");
  });

  it("follow a fund change while collecting", async () => {
    await community.json("PUT", `${B}/funds`, { areaId: t.fx.areas.c1.id, year: 2030, amount: "240000" });
    expect((await community.json("GET", `${B}/rounds/${round}`)).body.fund).toBe("240000.00");
  });

  it("take ideas from residents of the area", async () => {
    const res = await resident.json("POST", `${B}/rounds/${round}/ideas`, {
      title: "小区健身步道",
      description: "沿东一路修一条健身步道",
      estimatedCost: "80000",
    });
    expect(res.status).toBe(201);
    const dup = await resident.json("POST", `${B}/rounds/${round}/ideas`, { title: "小区健身步道" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("budget_idea_exists");
    const bad = await resident.json("POST", `${B}/rounds/${round}/ideas`, { title: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("title");
  });

  it("refuse ideas from residents outside the area (the round is not theirs to see)", async () => {
    const res = await outsider.json("POST", `${B}/rounds/${round}/ideas`, { title: "西一社区的想法" });
    expect(res.status).toBe(404);
    expect((await outsider.json("GET", `${B}/rounds/${round}`)).status).toBe(404);
    expect((await outsider.json("GET", `${B}/rounds`)).body.items).toEqual([]);
    // and a resident of c1 cannot reach a c2 round
    const c2round = await newRound(district, 2030, {}, t.fx.areas.c2.id);
    expect((await resident.json("POST", `${B}/rounds/${c2round}/ideas`, { title: "x" })).status).toBe(404);
    expect((await outsider.json("POST", `${B}/rounds/${c2round}/ideas`, { title: "西一社区的想法" })).status).toBe(201);
    expect((await community.json("GET", `${B}/rounds/${c2round}`)).status).toBe(404);
  });

  it("list ideas without the submitter's name for residents", async () => {
    const mine = await resident.json("GET", `${B}/rounds/${round}/ideas`);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      title: "小区健身步道",
      mine: true,
      submitterName: null,
      estimatedCost: "80000.00",
    });
    const staff = await community.json("GET", `${B}/rounds/${round}/ideas`);
    expect(staff.body.items[0]).toMatchObject({ submitterName: "张伟", mine: false });
    expect((await department.json("GET", `${B}/rounds/${round}/ideas`)).status).toBe(200);
  });

  it("cost ideas only in the costing phase, by staff", async () => {
    const idea = (await community.json("GET", `${B}/rounds/${round}/ideas`)).body.items[0].id;
    const early = await community.json("POST", `${B}/ideas/${idea}/cost`, { feasible: true, cost: "50000" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("budget_wrong_phase");
    expect((await advance(round, "voting")).status).toBe(409); // no skipping
    expect((await advance(round, "costing")).body.phase).toBe("costing");
    // residents and read-only staff may not cost
    expect((await resident.json("POST", `${B}/ideas/${idea}/cost`, { feasible: true, cost: "50000" })).status).toBe(403);
    expect((await department.json("POST", `${B}/ideas/${idea}/cost`, { feasible: true, cost: "50000" })).status).toBe(403);
    // ideas stop coming in
    const late = await resident.json("POST", `${B}/rounds/${round}/ideas`, { title: "迟到的想法" });
    expect(late.status).toBe(409);
    // a feasible idea needs a cost within the fund; an infeasible one a reason
    const noCost = await community.json("POST", `${B}/ideas/${idea}/cost`, { feasible: true });
    expect(noCost.status).toBe(400);
    expect(noCost.body.error.details[0].path).toBe("cost");
    const over = await community.json("POST", `${B}/ideas/${idea}/cost`, { feasible: true, cost: "240000.01" });
    expect(over.status).toBe(400);
    expect(over.body.error.details[0].path).toBe("cost");
    const noReason = await community.json("POST", `${B}/ideas/${idea}/cost`, { feasible: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe("note");
    const ok = await community.json("POST", `${B}/ideas/${idea}/cost`, { feasible: false, note: "占用消防通道" });
    expect(ok.status).toBe(200);
    const after = (await resident.json("GET", `${B}/rounds/${round}/ideas`)).body.items[0];
    expect(after).toMatchObject({ feasible: false, feasibilityNote: "占用消防通道", cost: null });
  });

  it("cannot vote without a feasible idea", async () => {
    const res = await advance(round, "voting");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("budget_no_feasible_idea");
    expect((await community.json("GET", `${B}/rounds/${round}`)).body).toMatchObject({ phase: "costing", voteId: null });
  });

  it("is cancelled with a reason, and a new round may then start", async () => {
    const noReason = await advance(round, "cancelled");
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe("reason");
    expect((await advance(round, "cancelled", { reason: "合并到下一轮" })).body.phase).toBe("cancelled");
    expect((await advance(round, "collect")).status).toBe(409);
    const next = await newRound(community, 2030);
    expect(next).not.toBe(round);
    const empty = await advance(next, "costing");
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe("budget_no_ideas");
  });
});

describe("a whole round: ideas → costing → voting → results → implementation", () => {
  let round: string;
  const ideas: Record<string, string> = {};
  const voters: Client[] = [];

  beforeAll(async () => {
    // Nine more adults in c1 with logins (the electorate: every resident of c1).
    const people = [
      ...(await addPeople(t, { grid: "g1", households: 5 })),
      ...(await addPeople(t, { grid: "g2", households: 4 })),
    ];
    for (const [n, p] of people.entries()) {
      await addResidentUser(t, p.residentId, `budget-voter-${n}`);
      voters.push(await t.login(`budget-voter-${n}`));
    }
    voters.push(resident);
    round = await newRound(community, 2029);
    // costs: A 150000, B 100000, C 60000, D 30000, E (infeasible); fund 240000
    for (const [key, title] of [
      ["A", "社区文化活动中心改造"],
      ["B", "老旧楼道照明更新"],
      ["C", "儿童游乐场翻新"],
      ["D", "便民休息座椅"],
      ["E", "地下车库扩建"],
    ]) {
      const who = key === "E" ? community : voters[key.charCodeAt(0) - 65];
      const res = await who.json("POST", `${B}/rounds/${round}/ideas`, { title });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ideas[key] = res.body.id;
    }
  }, 120_000);

  it("needs every idea assessed before voting", async () => {
    expect((await advance(round, "costing")).status).toBe(200);
    for (const [key, cost] of [
      ["A", "150000"],
      ["B", "100000"],
      ["C", "60000"],
      ["D", "30000.50"],
    ]) {
      expect((await community.json("POST", `${B}/ideas/${ideas[key]}/cost`, { feasible: true, cost })).status).toBe(200);
    }
    const res = await advance(round, "voting");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("budget_unassessed_ideas");
    await community.json("POST", `${B}/ideas/${ideas.E}/cost`, { feasible: false, note: "超出公共服务范围" });
  });

  it("opens a budget vote of the feasible ideas", async () => {
    const res = await advance(round, "voting");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = (await community.json("GET", `${B}/rounds/${round}`)).body;
    expect(r.phase).toBe("voting");
    expect(r.voteId).toBeTruthy();
    const vote = (await resident.json("GET", `/api/decide/votes/${r.voteId}`)).body;
    expect(vote).toMatchObject({ kind: "budget", status: "open", budgetRule: "knapsack", fund: "240000.00", secret: true });
    expect(vote.me.canCast).toBe(true);
    expect(vote.options.map((o: { refId: string }) => o.refId).sort()).toEqual([ideas.A, ideas.B, ideas.C, ideas.D].sort());
    // costing is over
    expect((await community.json("POST", `${B}/ideas/${ideas.A}/cost`, { feasible: true, cost: "1" })).status).toBe(409);
  });

  it("computes results equal to greedyBudget of the ballots cast", async () => {
    const voteId = (await community.json("GET", `${B}/rounds/${round}`)).body.voteId;
    const options = (await resident.json("GET", `/api/decide/votes/${voteId}`)).body.options as { id: string; refId: string }[];
    const opt = (key: string) => options.find((o) => o.refId === ideas[key])!.id;
    // A over the fund with B and C: refused (knapsack ballot)
    const tooMuch = await voters[0].json("POST", `/api/decide/votes/${voteId}/ballots`, { optionIds: [opt("A"), opt("B")] });
    expect(tooMuch.status).toBe(400);
    // A 6, B 4, C 3, D 3: A funded (90000 left); B (100000) no longer fits; C and D tie on votes,
    // so the cheaper D (30000.50) goes first and is funded (59999.50 left); C (60000) no longer fits.
    const ballots: string[][] = [
      ["A", "C"],
      ["A", "C"],
      ["A", "D"],
      ["A", "D"],
      ["A"],
      ["A"],
      ["B", "C"],
      ["B", "D"],
      ["B"],
      ["B"],
    ];
    for (const [n, b] of ballots.entries()) {
      const res = await voters[n].json("POST", `/api/decide/votes/${voteId}/ballots`, { optionIds: b.map(opt) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const twice = await voters[0].json("POST", `/api/decide/votes/${voteId}/ballots`, { optionIds: [opt("D")] });
    expect(twice.status).toBe(409);
    // results are not there yet
    expect((await resident.json("GET", `${B}/rounds/${round}/results`)).status).toBe(409);

    expect((await advance(round, "results")).status).toBe(200);
    const res = await resident.json("GET", `${B}/rounds/${round}/results`);
    expect(res.status).toBe(200);
    const counts = new Map<string, number>();
    for (const b of ballots) for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
    const costs: Record<string, string> = { A: "150000", B: "100000", C: "60000", D: "30000.50" };
    const expected = greedyBudget(
      ["A", "B", "C", "D"].map((k) => ({ id: ideas[k], cost: costs[k], votes: counts.get(k) ?? 0 })),
      "240000",
    );
    expect(res.body.winners.map((w: { ideaId: string }) => w.ideaId)).toEqual(expected.winners);
    expect(res.body.winners.map((w: { ideaId: string }) => w.ideaId)).toEqual([ideas.A, ideas.D]);
    expect(res.body).toMatchObject({ fund: "240000.00", spent: "180000.50", remaining: "59999.50", ballots: 10 });
    expect(expected.spent).toBe("180000.50");
    expect(res.body.tieRule).toBe("lower_cost_then_id");
    expect(
      res.body.steps.map((s: { rank: number; title: string; votes: number; decision: string; remainingAfter: string }) => [
        s.rank,
        s.votes,
        s.decision,
        s.remainingAfter,
      ]),
    ).toEqual([
      [1, 6, "funded", "90000.00"],
      [2, 4, "skipped", "90000.00"],
      [3, 3, "funded", "59999.50"],
      [4, 3, "skipped", "59999.50"],
    ]);
    expect(res.body.steps[2].ideaId).toBe(ideas.D);
    expect(res.body.steps.map((s: { ideaId: string }) => s.ideaId)).toEqual(expected.steps.map((s) => s.id));
    // the vote is closed and published: residents can see it and recount
    const vote = (
      await resident.json("GET", `/api/decide/votes/${(await community.json("GET", `${B}/rounds/${round}`)).body.voteId}`)
    ).body;
    expect(vote.status).toBe("published");
  });

  it("turns winners into practical projects and discloses the spending", async () => {
    expect((await resident.json("POST", `${B}/rounds/${round}/advance`, { to: "implementation" })).status).toBe(403);
    const res = await advance(round, "implementation");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const projects = await t.db
      .selectFrom("practical_projects")
      .select(["title", "budget", "source_type", "source_id", "area_id"])
      .where("source_type", "=", "budget")
      .orderBy("title")
      .execute();
    expect(projects.map((p) => [p.source_id, p.budget, p.area_id]).sort()).toEqual(
      [
        [ideas.A, "150000.00", t.fx.areas.c1.id],
        [ideas.D, "30000.50", t.fx.areas.c1.id],
      ].sort(),
    );
    const r = (await community.json("GET", `${B}/rounds/${round}`)).body;
    expect(r.phase).toBe("implementation");
    expect(r.disclosureId).toBeTruthy();
    const d = await t.db.selectFrom("disclosures").selectAll().where("id", "=", r.disclosureId).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ category: "finance", status: "published", area_id: t.fx.areas.c1.id });
    expect(d.fields).toMatchObject({ openingBalance: "240000.00", expenseTotal: "180000.50", closingBalance: "59999.50" });
    const results = (await resident.json("GET", `${B}/rounds/${round}/results`)).body;
    expect(results.winners.every((w: { projectId: string | null }) => w.projectId)).toBe(true);
    // the end
    expect((await advance(round, "cancelled", { reason: "x" })).status).toBe(409);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", round)
      .where("action", "=", "budget.round.advance")
      .execute();
    expect(audit).toHaveLength(4);
  });
});

describe("an up-to-k ballot of households", () => {
  it("caps choices at k and counts one ballot per household", async () => {
    const round = await newRound(street, 2028, { ballotRule: "up_to_k", maxChoices: 1, electorate: "households" });
    const ids: string[] = [];
    for (const title of ["路灯", "座椅"])
      ids.push((await resident.json("POST", `${B}/rounds/${round}/ideas`, { title })).body.id);
    await advance(round, "costing");
    for (const id of ids) await community.json("POST", `${B}/ideas/${id}/cost`, { feasible: true, cost: "1000" });
    expect((await advance(round, "voting")).status).toBe(200);
    const voteId = (await resident.json("GET", `${B}/rounds/${round}`)).body.voteId;
    const vote = (await resident.json("GET", `/api/decide/votes/${voteId}`)).body;
    expect(vote).toMatchObject({ electorate: "households", budgetRule: "up_to_k", maxChoices: 1 });
    const both = await resident.json("POST", `/api/decide/votes/${voteId}/ballots`, {
      optionIds: vote.options.map((o: { id: string }) => o.id),
    });
    expect(both.status).toBe(400);
    expect((await resident.json("POST", `/api/decide/votes/${voteId}/ballots`, { optionIds: [vote.options[1].id] })).status).toBe(
      201,
    );
    // the cancel of a voting round cancels its vote
    expect((await advance(round, "cancelled", { reason: "重新征集" })).status).toBe(200);
    expect((await community.json("GET", `/api/decide/votes/${voteId}`)).body.status).toBe("cancelled");
  });
});
