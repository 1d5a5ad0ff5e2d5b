// Votes benchmark: a 10,000-household secret vote with ballots cast through the HTTP API (PostgreSQL
// and PGlite), and the tally of 100,000 ballots. Prints each figure beside its target.
//   npm run bench:vote [-- --only pg|pglite] [--households 10000] [--clients 32] [--tally 100000]
// The PostgreSQL part uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) to
// create and drop a scratch database gz_bench_vote_<pid>; it is skipped when that is unreachable.
// Voters' sessions are inserted directly (logging 10,000 residents in would measure argon2, not votes).
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
import { SESSION_COOKIE } from "../server/modules/identity/routes.js";
import { type TallyInput, tallyVote } from "../server/modules/votes/tally.js";
import type { Fixture } from "../test/fixtures.js";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    households: { type: "string", default: "10000" },
    clients: { type: "string", default: "32" },
    tally: { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
  },
});
const HOUSEHOLDS = Number(args.households);
const CLIENTS = Number(args.clients);
const TALLY = Number(args.tally);

async function call(base: string, method: string, p: string, body: unknown, s: Session) {
  const r = await request(base, method, p, body, s);
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.text.slice(0, 300)}`);
  return JSON.parse(r.text);
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** n households with one resident each in grid g3, each resident with a login and a live session. */
async function addVoters(db: Kysely<DB>, fx: Fixture, n: number): Promise<Session[]> {
  const g = fx.areas.g3;
  const CHUNK = 5000;
  for (let lo = 1; lo <= n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK - 1);
    await sql`with h as (
        insert into households (district_id, grid_id, area_path, address, floor_area)
        select ${fx.districtId}::uuid, ${g.id}::uuid, ${g.path}::ltree, '基准路' || i || '号', 60 + i % 80
        from generate_series(${lo}::int, ${hi}::int) i
        returning id, address)
      insert into residents (district_id, grid_id, area_path, household_id, name, doc_type, doc_cipher, doc_blind,
        doc_masked, residence_type, relation)
      select ${fx.districtId}::uuid, ${g.id}::uuid, ${g.path}::ltree, h.id, '居民' || h.address, 'resident_id', 'bench',
        'bench-' || h.id, '110105********0000', 'registered', '户主' from h`.execute(db);
  }
  await sql`update households h set head_resident_id = r.id from residents r
    where r.household_id = h.id and r.doc_cipher = 'bench'`.execute(db);
  await sql`insert into users (username, display_name, kind, role, password_hash, resident_id)
    select 'bv-' || r.id, r.name, 'resident', 'resident', 'no-login', r.id from residents r where r.doc_cipher = 'bench'`.execute(
    db,
  );
  await sql`insert into user_scopes (user_id, area_id)
    select u.id, ${g.id}::uuid from users u where u.username like 'bv-%'`.execute(db);
  // As fresh as a voter who has just logged in: last seen "now" for the next few minutes, so the
  // server does not refresh last_seen_at (one write a minute per session) during the run.
  await sql`insert into sessions (token_hash, user_id, csrf_token, ip, created_at, last_seen_at, expires_at)
    select encode(sha256(convert_to('bench-' || u.id, 'UTF8')), 'hex'), u.id, 'csrf-bench', '127.0.0.1', now(),
      now() + interval '10 minutes', now() + interval '12 hours'
    from users u where u.username like 'bv-%'`.execute(db);
  await sql`analyze`.execute(db);
  const users = await db.selectFrom("users").select("id").where("username", "like", "bv-%").execute();
  return users.map((u) => ({ cookie: `${SESSION_COOKIE}=bench-${u.id}`, csrf: "csrf-bench" }));
}

const CHOICES = ["yes", "yes", "yes", "no", "no", "abstain"] as const;

async function castAll(run: Running, voteId: string, voters: Session[], clients: number) {
  let next = 0;
  let errors = 0;
  let firstError = "";
  const lat: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = next++;
        if (i >= voters.length) return;
        const t0 = performance.now();
        const r = await request(
          run.base,
          "POST",
          `/api/decide/votes/${voteId}/ballots`,
          { choice: CHOICES[i % CHOICES.length] },
          voters[i],
        );
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
  return {
    rate: lat.length / elapsed,
    n: lat.length,
    elapsed,
    p50: quantile(lat, 0.5),
    p99: quantile(lat, 0.99),
    errors,
    firstError,
  };
}

async function voteFigures(label: string, run: Running, targetRate: number) {
  console.log(`  ${label}: ${HOUSEHOLDS.toLocaleString()} households with a resident, login and session …`);
  let t = performance.now();
  const voters = await addVoters(run.db, run.fx, HOUSEHOLDS);
  console.log(`    added in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const staff = await login(run.base, "district", run.fx.password);
  const setup = {
    areaId: run.fx.areas.g3.id,
    title: "是否同意小区停车位改造方案(基准)",
    kind: "yes_no",
    electorate: "households",
    secret: true,
    rule: { quorum: "1/2" },
  };
  const { id } = await call(run.base, "POST", "/api/decide/votes", setup, staff);
  t = performance.now();
  const opened = await call(run.base, "POST", `/api/decide/votes/${id}/open`, undefined, staff);
  report({
    figure: `${label} open (snapshot of ${opened.electorateCount.toLocaleString()} households)`,
    value: ms(performance.now() - t),
    target: "",
    ok: null,
  });

  console.log(`  ${label}: casting ${voters.length.toLocaleString()} ballots through the API, ${CLIENTS} clients …`);
  const c = await castAll(run, id, voters, CLIENTS);
  if (c.errors) console.log(`    ${c.errors} failed ballots; first: ${c.firstError}`);
  report({
    figure: `${label} ballots cast through the API`,
    value: `${c.rate.toFixed(0)} ballots/s (${c.n.toLocaleString()} in ${c.elapsed.toFixed(1)} s)`,
    target: targetRate ? `≥ ${targetRate} ballots/s` : "",
    ok: targetRate ? c.rate >= targetRate && c.errors === 0 : null,
  });
  report({
    figure: `${label} ballot latency p50 / p99 (${CLIENTS} clients)`,
    value: `${ms(c.p50)} / ${ms(c.p99)}`,
    target: "",
    ok: null,
  });
  // A second ballot from the same voter is refused.
  const again = await request(run.base, "POST", `/api/decide/votes/${id}/ballots`, { choice: "no" }, voters[0]);
  report({
    figure: `${label} second ballot from one voter`,
    value: `HTTP ${again.status}`,
    target: "409",
    ok: again.status === 409,
  });

  t = performance.now();
  const closed = await call(run.base, "POST", `/api/decide/votes/${id}/close`, undefined, staff);
  report({
    figure: `${label} close and tally of ${closed.result.turnout.toLocaleString()} ballots`,
    value: `${ms(performance.now() - t)} (yes ${closed.result.counts.yes}, no ${closed.result.counts.no}, abstain ${closed.result.counts.abstain}; ${closed.passed ? "passed" : "not passed"})`,
    target: "",
    ok: closed.result.turnout === c.n,
  });
  await call(run.base, "POST", `/api/decide/votes/${id}/publish`, undefined, staff);
  t = performance.now();
  const recount = await call(run.base, "GET", `/api/decide/votes/${id}/recount`, undefined, staff);
  report({
    figure: `${label} recount of the published list`,
    value: `${ms(performance.now() - t)}, matches: ${recount.matches}`,
    target: "matches",
    ok: recount.matches,
  });

  // The tally of TALLY ballots: synthetic ballots written straight into a second vote.
  const second = await call(run.base, "POST", "/api/decide/votes", { ...setup, title: "计票基准" }, staff);
  await call(run.base, "POST", `/api/decide/votes/${second.id}/open`, undefined, staff);
  await sql`insert into vote_ballots (vote_id, receipt, choice)
    select ${second.id}::uuid, 'T' || lpad(i::text, 11, '0'), (array['yes','yes','no','abstain'])[1 + i % 4]
    from generate_series(1, ${TALLY}::int) i`.execute(run.db);
  t = performance.now();
  const big = await call(run.base, "POST", `/api/decide/votes/${second.id}/close`, undefined, staff);
  const closeMs = performance.now() - t;
  report({
    figure: `${label} close: fetch + tally + store of ${big.result.turnout.toLocaleString()} ballots`,
    value: ms(closeMs),
    target: "< 1000 ms",
    ok: closeMs < 1000,
  });
  return second.id as string;
}

/** The pure tally alone, on ballots already in memory (median of 5). */
async function pureTally(db: Kysely<DB>, voteId: string) {
  const vote = await db.selectFrom("votes").selectAll().where("id", "=", voteId).executeTakeFirstOrThrow();
  const ballots = await db.selectFrom("vote_ballots").select(["choice", "area"]).where("vote_id", "=", voteId).execute();
  const input: TallyInput = {
    kind: vote.kind,
    electorate: vote.electorate,
    rule: vote.rule as unknown as TallyInput["rule"],
    electorateCount: vote.electorate_count ?? 0,
    electorateArea: vote.electorate_area,
    options: [],
    maxChoices: null,
    fund: null,
    ballots,
  };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    tallyVote(input);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  report({
    figure: `pure tally of ${ballots.length.toLocaleString()} ballots (median of 5)`,
    value: ms(times[2]),
    target: "< 1000 ms",
    ok: times[2] < 1000,
  });
}

/** Raw single-row commits on the same server: the ceiling this machine allows right now. */
async function rawInserts(url: string, rows = 5000, connections = 20) {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  await pool.query("create table bench_raw_vote (id bigint generated always as identity primary key, a text not null)");
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const client = await pool.connect();
      try {
        while (next < rows) {
          next++;
          await client.query("insert into bench_raw_vote (a) values ($1)", ["x"]);
        }
      } finally {
        client.release();
      }
    }),
  );
  const rate = rows / ((performance.now() - start) / 1000);
  await pool.query("drop table bench_raw_vote");
  await pool.end();
  return rate;
}

async function stopApp(run: Running) {
  await new Promise<void>((r) => run.server.close(() => r()));
}

async function postgresPart() {
  console.log("\nPostgreSQL");
  const name = `gz_bench_vote_${process.pid}`;
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
    const run = await startApp(database);
    try {
      const tallyVoteId = await voteFigures("PostgreSQL", run, 500);
      await pureTally(run.db, tallyVoteId);
      const raw = await rawInserts(url.toString());
      report({
        figure: "PostgreSQL raw single-row commits, same server, 20 connections",
        value: `${raw.toFixed(0)} rows/s`,
        target: "",
        ok: null,
      });
      const cast = figures.find((f) => f.figure === "PostgreSQL ballots cast through the API");
      if (cast)
        report({
          figure: "ballots ÷ raw commits",
          value: `${((Number.parseFloat(cast.value) / raw) * 100).toFixed(1)} %`,
          target: "",
          ok: null,
        });
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
  console.log("\nPGlite");
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-bench-vote-"));
  const database = await openPglite(dir);
  try {
    const run = await startApp(database);
    try {
      await voteFigures("PGlite", run, 0);
    } finally {
      await stopApp(run);
    }
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Gongzhi votes benchmark — Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? ""}`);
  if (!args.only || args.only === "pg") await postgresPart();
  if (!args.only || args.only === "pglite") await pglitePart();
  agent.destroy();
  console.log("\nSummary");
  for (const f of figures)
    console.log(`  ${f.ok === null ? " " : f.ok ? "✓" : "✗"} ${f.figure}: ${f.value}${f.target ? ` (target ${f.target})` : ""}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
