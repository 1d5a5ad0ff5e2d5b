import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import type { OrderStatus } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { cstDay } from "./calendar.js";
import { type OrderFacts, ratesOf, sumUp } from "./metrics.js";
import { GROUP_KEYS, type GroupKey, stats, sumsBy } from "./stats.repository.js";

let t: TestContext;

// Hours after 1 Nov 2024 08:00 CST: long past, so the API's real "now" settles every deadline too.
const h = (n: number) => new Date(Date.UTC(2024, 10, 1) + n * 3_600_000);
const NOW = h(1000);
const FROM = h(0);
const TO = h(200);

type Spec = {
  grid: "g1" | "g2" | "g3";
  unit: string | null;
  category: string;
  channel: "resident" | "patrol" | "hotline" | "open311";
  status: OrderStatus;
  acc: number;
  respDue: number;
  resDue: number;
  contacted?: number;
  answered?: number;
  resolved?: boolean;
  satisfaction?: "satisfied" | "basic" | "dissatisfied";
};

// Hand-chosen: see the comment beside each order.
const specs = (): Spec[] => {
  const u = t.fx.units;
  const g2 = unitOf("g2");
  const c1 = unitOf("c1");
  return [
    // on time all round; exactly at the start of the period
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_noise",
      channel: "hotline",
      status: "archived",
      acc: 0,
      respDue: 24,
      resDue: 240,
      contacted: 2,
      answered: 50,
      resolved: true,
      satisfaction: "satisfied",
    },
    // contacted and answered at the deadline minute: on time
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_noise",
      channel: "resident",
      status: "archived",
      acc: 1,
      respDue: 25,
      resDue: 241,
      contacted: 25,
      answered: 241,
      resolved: true,
      satisfaction: "basic",
    },
    // late, late, unresolved and dissatisfied
    {
      grid: "g2",
      unit: g2,
      category: "t_structure",
      channel: "patrol",
      status: "archived",
      acc: 10,
      respDue: 34,
      resDue: 250,
      contacted: 40,
      answered: 400,
      resolved: false,
      satisfaction: "dissatisfied",
    },
    // open, resolution past due unanswered
    {
      grid: "g2",
      unit: c1,
      category: "t_structure",
      channel: "hotline",
      status: "in_progress",
      acc: 20,
      respDue: 44,
      resDue: 260,
      contacted: 21,
    },
    // nothing settled yet at NOW
    {
      grid: "g3",
      unit: u.cgzf,
      category: "t_noise",
      channel: "open311",
      status: "dispatched",
      acc: 30,
      respDue: 1100,
      resDue: 1200,
    },
    // undispatched; both deadlines fall exactly at NOW: settled, neither on time
    { grid: "g3", unit: null, category: "t_noise", channel: "hotline", status: "accepted", acc: 40, respDue: 1000, resDue: 1000 },
    // left out
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_noise",
      channel: "hotline",
      status: "voided",
      acc: 41,
      respDue: 65,
      resDue: 300,
      contacted: 42,
    },
    { grid: "g3", unit: null, category: "t_noise", channel: "hotline", status: "merged", acc: 42, respDue: 66, resDue: 300 },
    // answered, no call-back yet
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_structure",
      channel: "resident",
      status: "answered",
      acc: 50,
      respDue: 74,
      resDue: 290,
      contacted: 51,
      answered: 60,
    },
    // resolved but dissatisfied (counted resolved, not satisfied); last hour of the period
    {
      grid: "g2",
      unit: g2,
      category: "t_noise",
      channel: "patrol",
      status: "dispatched",
      acc: 199,
      respDue: 223,
      resDue: 439,
      contacted: 200,
      answered: 230,
      resolved: true,
      satisfaction: "dissatisfied",
    },
    // outside the period: at its end (exclusive) and just before its start
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_noise",
      channel: "hotline",
      status: "archived",
      acc: 200,
      respDue: 224,
      resDue: 440,
      contacted: 201,
      answered: 210,
      resolved: true,
      satisfaction: "satisfied",
    },
    {
      grid: "g1",
      unit: u.cgzf,
      category: "t_noise",
      channel: "hotline",
      status: "archived",
      acc: -1,
      respDue: 23,
      resDue: 239,
      contacted: 1,
      answered: 9,
      resolved: true,
      satisfaction: "satisfied",
    },
  ];
};

const areaOf = { g1: ["c1", "s1"], g2: ["c1", "s1"], g3: ["c2", "s2"] } as const;
let unitIds: Record<string, string> = {};
const unitOf = (area: string) => unitIds[t.fx.areas[area].id];

type Row = Spec & { facts: OrderFacts; keys: Record<GroupKey, string | null> };
const rows: Row[] = [];

beforeAll(async () => {
  t = await createTestContext();
  unitIds = Object.fromEntries(
    (await t.db.selectFrom("units").select(["id", "area_id"]).where("area_id", "is not", null).execute()).map((u) => [
      u.area_id,
      u.id,
    ]),
  );
  let n = 0;
  for (const s of specs()) {
    const [community, street] = areaOf[s.grid];
    const d = (x?: number) => (x === undefined ? null : h(x));
    await t.db
      .insertInto("orders")
      .values({
        district_id: t.fx.districtId,
        number: `GZTEST${String(++n).padStart(4, "0")}`,
        channel: s.channel,
        appeal_type: "complaint",
        category_code: s.category,
        title: "测试",
        content: "测试工单",
        grid_id: t.fx.areas[s.grid].id,
        community_id: t.fx.areas[community].id,
        street_id: t.fx.areas[street].id,
        area_path: t.fx.areas[s.grid].path,
        status: s.status,
        unit_id: s.unit,
        accepted_at: h(s.acc),
        response_due_at: h(s.respDue),
        resolve_due_at: h(s.resDue),
        warn_at: h(s.acc + 1),
        contacted_at: d(s.contacted),
        answered_at: d(s.answered),
        resolved: s.resolved ?? null,
        satisfaction: s.satisfaction ?? null,
      })
      .execute();
    rows.push({
      ...s,
      facts: {
        status: s.status,
        acceptedAt: h(s.acc),
        responseDueAt: h(s.respDue),
        resolveDueAt: h(s.resDue),
        contactedAt: d(s.contacted),
        answeredAt: d(s.answered),
        resolved: s.resolved ?? null,
        satisfaction: s.satisfaction ?? null,
      },
      keys: {
        street: t.fx.areas[street].id,
        community: t.fx.areas[community].id,
        grid: t.fx.areas[s.grid].id,
        unit: s.unit,
        category: s.category,
        channel: s.channel,
        day: cstDay(h(s.acc)),
      },
    });
  }
});
afterAll(() => t.close());

const inPeriod = (r: Row) => r.facts.acceptedAt >= FROM && r.facts.acceptedAt < TO;

/** What metrics.ts says, group by group. */
function expected(by: GroupKey, keep: (r: Row) => boolean, now: Date) {
  const groups = new Map<string | null, OrderFacts[]>();
  for (const r of rows.filter((r) => inPeriod(r) && keep(r) && r.status !== "voided" && r.status !== "merged")) {
    groups.set(r.keys[by], [...(groups.get(r.keys[by]) ?? []), r.facts]);
  }
  return new Map([...groups].map(([k, facts]) => [k, sumUp(facts, now)]));
}

const scopeOf = (...areas: string[]): Scope => ({ paths: areas.map((a) => t.fx.areas[a].path) });

describe("the three rates in SQL", () => {
  it("sums exactly what metrics.ts sums, for every grouping", async () => {
    for (const by of GROUP_KEYS) {
      const got = await sumsBy(t.db, scopeOf("district"), by, { from: FROM, to: TO }, NOW);
      const want = expected(by, () => true, NOW);
      expect(new Map(got.map((g) => [g.key, g.sums])), by).toEqual(want);
    }
  });

  it("agrees with the hand count of the whole period", async () => {
    const [all] = await sumsBy(t.db, scopeOf("district"), null, { from: FROM, to: TO }, NOW);
    expect(all.sums).toEqual({
      orders: 8, // #1–#6, #9, #10
      responseSettled: 7, // all but the unsettled #5; #6 due exactly at NOW
      respondedOnTime: 5, // #1, #2 (at the minute), #4, #9, #10
      callbacks: 4,
      resolved: 3,
      satisfied: 2,
      resolveSettled: 7, // answered #1 #2 #3 #9 #10, #4 past due, #6 due exactly at NOW
      answeredOnTime: 4, // #1, #2 (at the minute), #9, #10
      answered: 5,
      handlingHoursTotal: 50 + 240 + 390 + 10 + 31,
    } as typeof all.sums);
  });

  it("counts only the caller's scope", async () => {
    for (const by of ["community", "unit", "day"] as const) {
      const got = await sumsBy(t.db, scopeOf("s1"), by, { from: FROM, to: TO }, NOW);
      expect(new Map(got.map((g) => [g.key, g.sums]))).toEqual(expected(by, (r) => r.grid !== "g3", NOW));
      const grid = await sumsBy(t.db, scopeOf("g2"), by, { from: FROM, to: TO }, NOW);
      expect(new Map(grid.map((g) => [g.key, g.sums]))).toEqual(expected(by, (r) => r.grid === "g2", NOW));
    }
  });

  it("ranks best first by satisfaction, then on time", async () => {
    const out = await stats(t.db, scopeOf("district"), "grid", { from: FROM, to: TO }, NOW);
    expect(out.rows.map((r) => r.name)).toEqual(["东一第1网格", "东一第2网格", "西一第1网格"]);
    const want = expected("grid", () => true, NOW);
    for (const r of out.rows) expect(r).toEqual({ key: r.key, name: r.name, ...ratesOf(want.get(r.key) as never) });
    expect(out.total).toMatchObject(
      ratesOf(
        sumUp(
          rows.filter(inPeriod).map((r) => r.facts),
          NOW,
        ),
      ),
    );
  });
});

describe("stats API", () => {
  const q = "from=2024-11-01T00:00:00Z&to=2024-11-09T08:00:00Z";

  it("gives a street its own rates, ranked, with names", async () => {
    const s = await t.login("street1");
    const r = await s.json("GET", `/api/appeals/stats?${q}&groupBy=unit`);
    expect(r.status).toBe(200);
    const now = new Date();
    const want = expected("unit", (x) => x.grid !== "g3", now);
    expect(r.body.rows).toHaveLength(want.size);
    for (const row of r.body.rows)
      expect(row).toEqual({ key: row.key, name: expect.any(String), ...ratesOf(want.get(row.key) as never) });
    expect(r.body.rows[0].name).toBe("城管执法局");
    const total = sumUp(
      rows.filter((x) => inPeriod(x) && x.grid !== "g3").map((x) => x.facts),
      now,
    );
    expect(r.body.total).toEqual({ ...total, ...ratesOf(total) });
  });

  it("takes CST dates: to=2024-11-09 ends at that day's midnight", async () => {
    const d = await t.login("district");
    const r = await d.json("GET", "/api/appeals/stats?from=2024-11-01&to=2024-11-09&groupBy=day");
    expect(r.body.rows.map((x: { key: string }) => x.key)).toEqual(["2024-11-01", "2024-11-02", "2024-11-03"]);
    expect(r.body.from).toBe("2024-10-31T16:00:00.000Z");
  });

  it("refuses bad periods and callers without appeal.read", async () => {
    const d = await t.login("district");
    expect((await d.json("GET", "/api/appeals/stats?from=2024-11-09&to=2024-11-01")).status).toBe(400);
    expect((await d.json("GET", "/api/appeals/stats?from=2020-01-01&to=2024-11-01")).status).toBe(400);
    expect((await d.json("GET", `/api/appeals/stats?${q}&groupBy=planet`)).status).toBe(400);
    expect((await (await t.login("resident")).json("GET", `/api/appeals/stats?${q}`)).status).toBe(403);
  });

  it("maps open and overdue orders per grid", async () => {
    const d = await t.login("district");
    const r = await d.json("GET", `/api/appeals/stats/map?${q}`);
    const byName = Object.fromEntries(r.body.items.map((x: { gridName: string }) => [x.gridName, x]));
    expect(byName.东一第1网格).toMatchObject({ orders: 3, open: 0, overdue: 0 });
    expect(byName.东一第2网格).toMatchObject({ orders: 3, open: 2, overdue: 2 });
    expect(byName.东一第2网格.center[0]).toBeCloseTo(104.015, 9);
    expect(byName.东一第2网格.center[1]).toBeCloseTo(30.005, 9);
    expect(byName.西一第1网格).toMatchObject({ orders: 2, open: 2, overdue: 2 });
    const g = await (await t.login("grid-b")).json("GET", `/api/appeals/stats/map?${q}`);
    expect(g.body.items.map((x: { gridName: string }) => x.gridName)).toEqual(["东一第2网格"]);
  });

  it("gives the daily trend", async () => {
    const d = await t.login("community1");
    const r = await d.json("GET", `/api/appeals/stats/trend?${q}`);
    expect(r.body.items).toEqual([
      { day: "2024-11-01", orders: 3, answered: 3 },
      { day: "2024-11-02", orders: 1, answered: 0 },
      { day: "2024-11-03", orders: 1, answered: 1 },
      { day: "2024-11-09", orders: 1, answered: 1 },
    ]);
  });
});
