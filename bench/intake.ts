// Appeals benchmarks: intake throughput and latency over HTTP (PostgreSQL and PGlite), the raw
// single-row insert rate of the same PostgreSQL for comparison, and the three-rates dashboard over
// a million orders. Prints each figure beside its target.
//   npm run bench:intake [-- --only pg|pglite|stats] [--seconds 15] [--clients 32]
// PostgreSQL parts use BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) to create
// and drop a scratch database gz_bench_intake_<pid>; they are skipped when it is unreachable.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { figures, report, type Running, startApp } from "./app.js";
import { agent, login, request, type Session } from "./http-client.js";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { openPglite, openPostgres } from "../server/db/database.js";
import type { DB } from "../server/db/schema.js";
import { ensureUnits } from "../server/modules/appeals/units.js";
import { labelOf } from "../server/modules/registry/scope.js";
import type { Fixture } from "../test/fixtures.js";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    seconds: { type: "string", default: "15" },
    clients: { type: "string", default: "32" },
    rate: { type: "string", default: "300" },
    orders: { type: "string", default: "1000000" },
    keep: { type: "boolean", default: false },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const RATE = Number(args.rate);
const STATS_ORDERS = Number(args.orders);
const only = args.only;

/** The fixture has two streets; the dashboard wants four, each with a community and a grid. */
async function addStreets(db: Kysely<DB>, fx: Fixture) {
  const district = fx.areas.district;
  for (const n of [3, 4]) {
    const add = async (
      key: string,
      parent: { id: string; path: string },
      level: "street" | "community" | "grid",
      code: string,
      name: string,
    ) => {
      const id = randomUUID();
      const p = `${parent.path}.${labelOf(id)}`;
      await db
        .insertInto("areas")
        .values({ id, parent_id: parent.id, level, code, name, path: p, district_id: fx.districtId })
        .execute();
      fx.areas[key] = { id, path: p };
    };
    await add(`s${n}`, district, "street", `51019900${n}`, `第${n}街道`);
    await add(`c${n}`, fx.areas[`s${n}`], "community", `51019900${n}001`, `第${n}社区`);
    await add(`g${n + 1}`, fx.areas[`c${n}`], "grid", `51019900${n}001001`, `第${n}网格`);
  }
  await ensureUnits(db, fx.districtId, []);
}

const CONTENTS = [
  "小区门口夜间施工噪音扰民",
  "楼道堆放杂物影响通行",
  "路灯损坏多日无人维修",
  "共享单车乱停放堵塞人行道",
  "餐馆油烟直排扰民",
];
let seq = 0;
const orderBody = (grids: string[]) => {
  const i = seq++;
  return {
    appealType: "complaint",
    categoryCode: "t_noise",
    content: `${CONTENTS[i % CONTENTS.length]}(第${i}件)`,
    gridId: grids[i % grids.length],
  };
};

function quantile(sorted: number[], q: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** N clients, each submitting as fast as answers come back, for `seconds`. */
async function closedLoop(run: Running, s: Session, clients: number, seconds: number) {
  const grids = [run.fx.areas.g1.id, run.fx.areas.g2.id, run.fx.areas.g3.id];
  const lat: number[] = [];
  let errors = 0;
  let firstError = "";
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await request(run.base, "POST", "/api/orders", orderBody(grids), s);
        if (r.status === 201) lat.push(performance.now() - t0);
        else {
          errors++;
          firstError ||= `${r.status} ${r.text.slice(0, 200)}`;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { rate: lat.length / elapsed, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), n: lat.length, errors, firstError };
}

/** Submissions at a fixed rate regardless of answers (open loop); latency from the scheduled start. */
async function fixedRate(run: Running, s: Session, perSecond: number, seconds: number) {
  const grids = [run.fx.areas.g1.id, run.fx.areas.g2.id, run.fx.areas.g3.id];
  const total = perSecond * seconds;
  const lat: number[] = [];
  let errors = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      request(run.base, "POST", "/api/orders", orderBody(grids), s).then((r) => {
        if (r.status === 201) lat.push(performance.now() - due);
        else errors++;
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { achieved: lat.length / elapsed, p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), errors };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function intakeFigures(label: string, run: Running, targetRate: number, withFixed: boolean) {
  const s = await login(run.base, "operator", run.fx.password);
  // Warm-up: JIT, pools, plans.
  await closedLoop(run, s, Math.min(CLIENTS, 8), 2);
  console.log(`  ${label}: ${CLIENTS} clients for ${SECONDS} s …`);
  const c = await closedLoop(run, s, CLIENTS, SECONDS);
  if (c.errors) console.log(`    ${c.errors} failed submissions; first: ${c.firstError}`);
  report({
    figure: `${label} intake, sustained`,
    value: `${c.rate.toFixed(0)} orders/s (${c.n} orders)`,
    target: `≥ ${targetRate} orders/s`,
    ok: c.rate >= targetRate,
  });
  report({
    figure: `${label} intake latency p50 / p99 (${CLIENTS} clients)`,
    value: `${ms(c.p50)} / ${ms(c.p99)}`,
    target: "",
    ok: null,
  });
  let fixed: Awaited<ReturnType<typeof fixedRate>> | null = null;
  if (withFixed) {
    console.log(`  ${label}: ${RATE} orders/s for 10 s …`);
    fixed = await fixedRate(run, s, RATE, 10);
    report({
      figure: `${label} intake at ${RATE}/s, p50 / p99`,
      value: `${ms(fixed.p50)} / ${ms(fixed.p99)} (achieved ${fixed.achieved.toFixed(0)}/s${fixed.errors ? `, ${fixed.errors} errors` : ""})`,
      target: "p99 < 100 ms",
      ok: fixed.p99 < 100 && fixed.errors === 0,
    });
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Raw single-row inserts: the ceiling one round trip and one commit per row allow

async function rawInserts(url: string, rows = 10_000, connections = 10) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  await pool.query(
    "create table if not exists bench_raw (id bigint generated always as identity primary key, a text not null, at timestamptz not null default now())",
  );
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (next < rows) {
          const i = next++;
          await client.query("insert into bench_raw (a) values ($1)", [`row ${i}`]);
        }
      } finally {
        client.release();
      }
    }),
  );
  const rate = rows / ((performance.now() - start) / 1000);
  await pool.query("drop table bench_raw");
  await pool.end();
  return rate;
}

// ---------------------------------------------------------------------------------------------
// The dashboard over a million orders

async function fillOrders(db: Kysely<DB>, fx: Fixture, n: number) {
  const streets = ["s1", "s2", "s3", "s4"];
  const grids = ["g1", "g3", "g4", "g5"]; // one grid per street
  const communities = ["c1", "c2", "c3", "c4"];
  const arr = (keys: string[], f: (k: string) => string) => sql.raw(`array[${keys.map((k) => `'${f(k)}'`).join(",")}]`);
  const ids = (keys: string[]) => arr(keys, (k) => fx.areas[k].id);
  const units = await db.selectFrom("units").select(["id", "area_id"]).execute();
  const unitOfArea = new Map(units.map((u) => [u.area_id, u.id]));
  const unitIds = arr(communities, (k) => unitOfArea.get(fx.areas[k].id) as string);
  const CHUNK = 250_000;
  for (let lo = 1; lo <= n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK - 1);
    // Accepted evenly over 2025 (CST); statuses, contacts, answers and verdicts vary with i.
    await sql`
      insert into orders (district_id, number, channel, appeal_type, category_code, title, content,
        grid_id, community_id, street_id, area_path, status, unit_id, accepted_at, response_due_at,
        resolve_due_at, warn_at, warned_at, overdue_fired_at, contacted_at, answered_at, resolved, satisfaction)
      select ${fx.districtId}::uuid, 'B' || lpad(i::text, 8, '0'),
        (array['resident','patrol','hotline','open311'])[1 + (i / 4) % 4],
        'complaint', case when i % 3 = 0 then 't_structure' else 't_noise' end, '基准工单', '基准工单内容',
        (${ids(grids)}::uuid[])[1 + i % 4], (${ids(communities)}::uuid[])[1 + i % 4], (${ids(streets)}::uuid[])[1 + i % 4],
        (${arr(grids, (k) => fx.areas[k].path)}::ltree[])[1 + i % 4],
        case when i % 50 = 0 then 'in_progress' when i % 97 = 0 then 'voided' when i % 10 = 0 then 'answered' else 'archived' end,
        (${unitIds}::uuid[])[1 + i % 4],
        a, a + interval '24 hours', a + interval '10 days', a + interval '8 days', a + interval '8 days', null,
        case when i % 50 = 0 then null else a + (i % 30) * interval '1 hour' end,
        case when i % 50 = 0 then null else a + (i % 300) * interval '1 hour' end,
        case when i % 50 = 0 or i % 10 = 0 then null else i % 7 <> 0 end,
        case when i % 50 = 0 or i % 10 = 0 then null when i % 11 = 0 then 'dissatisfied' when i % 3 = 0 then 'basic' else 'satisfied' end
      from (
        select i, timestamptz '2025-01-01 00:00:00+08' + (i::float8 / ${n}) * interval '365 days' as a
        from generate_series(${lo}::int, ${hi}::int) i
      ) s`.execute(db);
    process.stdout.write(`\r  inserted ${hi.toLocaleString()} orders`);
  }
  process.stdout.write("\n");
  // A year-old table has been vacuumed by autovacuum long since: hint bits set, visibility map current.
  await sql`vacuum analyze orders`.execute(db);
}

async function statsFigures(run: Running) {
  const t0 = performance.now();
  await fillOrders(run.db, run.fx, STATS_ORDERS);
  console.log(`  filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const s = await login(run.base, "street1", run.fx.password);
  const q = "/api/appeals/stats?groupBy=community&from=2025-01-01&to=2026-01-01";
  const first = await request(run.base, "GET", q, undefined, s);
  if (first.status !== 200) throw new Error(`stats: ${first.status} ${first.text}`);
  const body = JSON.parse(first.text);
  console.log(
    `  street 1 over 2025: ${body.total.orders.toLocaleString()} orders; rows ${body.rows.map((r: { name: string; orders: number }) => `${r.name} ${r.orders}`).join(", ")}`,
  );
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    const r = await request(run.base, "GET", q, undefined, s);
    times.push(performance.now() - a);
    if (r.status !== 200) throw new Error(`stats: ${r.status}`);
  }
  times.sort((a, b) => a - b);
  report({
    figure: `three rates, one street, 2025, of ${STATS_ORDERS.toLocaleString()} orders (median of 5)`,
    value: ms(times[2]),
    target: "< 300 ms",
    ok: times[2] < 300,
  });
  // Which scan carries the query: a whole year of one street of four is a quarter of the table, spread
  // over every page, where a sequential scan is the right plan; a month goes through the index.
  const scanOf = async (from: string, to: string) => {
    const plan = await sql<{ "QUERY PLAN": string }>`explain select count(*) from orders o
      where o.accepted_at >= ${from}::timestamptz and o.accepted_at < ${to}::timestamptz
        and o.status not in ('voided','merged') and o.street_id in (${run.fx.areas.s1.id}::uuid)`.execute(run.db);
    return plan.rows
      .map((r) => r["QUERY PLAN"])
      .filter((l) => /Scan/.test(l))
      .map((l) => l.replace(/\s*\(cost.*$/, "").replace(/^[\s>-]*/, ""))
      .join(" ← ");
  };
  report({
    figure: "plan, one street, a year",
    value: await scanOf("2025-01-01 00:00+08", "2026-01-01 00:00+08"),
    target: "",
    ok: null,
  });
  const month = await scanOf("2025-06-01 00:00+08", "2025-07-01 00:00+08");
  report({
    figure: "plan, one street, a month",
    value: month,
    target: "orders_street_time_idx",
    ok: month.includes("orders_street_time_idx"),
  });
  const tm: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = performance.now();
    await request(run.base, "GET", "/api/appeals/stats?groupBy=community&from=2025-06-01&to=2025-07-01", undefined, s);
    tm.push(performance.now() - a);
  }
  tm.sort((a, b) => a - b);
  report({ figure: "three rates, one street, one month (median of 5)", value: ms(tm[2]), target: "", ok: null });
  for (const [label, path2] of [
    ["map", "/api/appeals/stats/map?from=2025-01-01&to=2026-01-01"],
    ["trend", "/api/appeals/stats/trend?from=2025-01-01&to=2026-01-01"],
  ] as const) {
    const ts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const a = performance.now();
      await request(run.base, "GET", path2, undefined, s);
      ts.push(performance.now() - a);
    }
    ts.sort((a, b) => a - b);
    report({ figure: `${label}, one street, 2025 (median of 5)`, value: ms(ts[2]), target: "", ok: null });
  }
}

// ---------------------------------------------------------------------------------------------

async function stopApp(run: Running) {
  await new Promise<void>((r) => run.server.close(() => r()));
}

async function postgresPart() {
  const name = `gz_bench_intake_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (e) {
    report({ figure: "PostgreSQL", value: `skipped: ${(e as Error).message}`, target: "", ok: null });
    return;
  }
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 20);
  try {
    const run = await startApp(database, addStreets);
    try {
      if (!only || only === "pg") {
        console.log("\nPostgreSQL intake");
        const c = await intakeFigures("PostgreSQL", run, 1000, true);
        console.log("  raw single-row inserts: 10,000 over 10 connections …");
        const raw = await rawInserts(url.toString());
        report({ figure: "PostgreSQL raw single-row inserts", value: `${raw.toFixed(0)} rows/s`, target: "", ok: null });
        report({ figure: "intake ÷ raw inserts", value: `${((c.rate / raw) * 100).toFixed(1)} %`, target: "", ok: null });
      }
      if (!only || only === "stats") {
        console.log("\nDashboard (PostgreSQL)");
        await statsFigures(run);
      }
    } finally {
      await stopApp(run);
    }
  } finally {
    await database.close();
    if (args.keep) console.log(`  kept database ${name}`);
    else await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function pglitePart() {
  console.log("\nPGlite intake");
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-bench-intake-"));
  const database = await openPglite(dir);
  try {
    const run = await startApp(database, addStreets);
    try {
      await intakeFigures("PGlite", run, 200, false);
    } finally {
      await stopApp(run);
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Gongzhi appeals benchmark — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ""}`);
  if (!only || only === "pg" || only === "stats") await postgresPart();
  if (!only || only === "pglite") await pglitePart();
  agent.destroy();
  console.log("\nSummary");
  for (const f of figures)
    console.log(`  ${f.ok === null ? " " : f.ok ? "✓" : "✗"} ${f.figure}: ${f.value}${f.target ? ` (target ${f.target})` : ""}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
