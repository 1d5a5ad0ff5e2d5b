// Registry benchmarks: import throughput, resident search latency, grid locate throughput and the
// server's memory with the demo district. Prints a table of figures beside their targets.
//   npm run bench:registry [-- --only import|search|locate|rss]
// PostgreSQL parts use BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) to create
// and drop a scratch database gz_bench_<pid>; they are skipped when it is unreachable.
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { type Database, openPglite, openPostgres } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";
import type { DB, GeoPolygon } from "../server/db/schema.js";
import { FieldCipher } from "../server/lib/crypto.js";
import { permissionsOf } from "../server/modules/identity/rules.js";
import type { SessionUser } from "../server/modules/identity/types.js";
import { makeCitizenId } from "../server/modules/registry/citizen-id.js";
import { bboxOf } from "../server/modules/registry/geo.js";
import { GridIndex } from "../server/modules/registry/grid-index.js";
import { listResidents } from "../server/modules/registry/residents.repository.js";
import { labelOf } from "../server/modules/registry/scope.js";
import * as transfer from "../server/modules/transfer/service.js";

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const IMPORT_ROWS = 50_000;
const SEARCH_ROWS = 1_000_000;

type Figure = { part: string; figure: string; value: string; target: string; ok: boolean | null };
const figures: Figure[] = [];
const report = (f: Figure) => {
  figures.push(f);
  const mark = f.ok === null ? "" : f.ok ? "  ✓" : "  ✗";
  console.log(`  → ${f.figure}: ${f.value} (target ${f.target})${mark}`);
};
const skip = (part: string, figure: string, why: string) =>
  report({ part, figure, value: `skipped: ${why}`, target: "", ok: null });

// ---------------------------------------------------------------------------------------------
// A district of 4 streets × 3 communities × 10 grids = 120 grids, tiled over a rectangle.

const COLS = 12;
const ROWS = 10;
const CELL = 0.01;
const ORIGIN = [104.0, 30.6] as const;

function tile(n: number): GeoPolygon {
  const x = ORIGIN[0] + (n % COLS) * CELL;
  const y = ORIGIN[1] + Math.floor(n / COLS) * CELL;
  return {
    type: "Polygon",
    coordinates: [
      [
        [x, y],
        [x + CELL, y],
        [x + CELL, y + CELL],
        [x, y + CELL],
        [x, y],
      ],
    ],
  };
}

type District = { districtId: string; districtPath: string; communities: string[]; gridCodes: string[] };

async function buildDistrict(db: Kysely<DB>): Promise<District> {
  const insert = async (
    parent: { id: string; path: string } | null,
    level: DB["areas"]["level"],
    code: string,
    name: string,
    districtId: string | null,
  ) => {
    const id = randomUUID();
    const p = parent ? `${parent.path}.${labelOf(id)}` : labelOf(id);
    await db
      .insertInto("areas")
      .values({
        id,
        parent_id: parent?.id ?? null,
        level,
        code,
        name,
        path: p,
        district_id: level === "district" ? id : districtId,
      })
      .execute();
    return { id, path: p };
  };
  const city = await insert(null, "city", "510100", "基准市", null);
  const district = await insert(city, "district", "510198", "基准区", null);
  const communities: string[] = [];
  const gridCodes: string[] = [];
  let n = 0;
  for (let s = 1; s <= 4; s++) {
    const streetCode = `510198${String(s).padStart(3, "0")}`;
    const street = await insert(district, "street", streetCode, `第${s}街道`, district.id);
    for (let c = 1; c <= 3; c++) {
      const communityCode = `${streetCode}${String(c).padStart(3, "0")}`;
      const community = await insert(street, "community", communityCode, `第${s}-${c}社区`, district.id);
      communities.push(community.id);
      for (let g = 1; g <= 10; g++) {
        const code = `${communityCode}${String(g).padStart(3, "0")}`;
        const grid = await insert(community, "grid", code, `第${s}-${c}-${g}网格`, district.id);
        const polygon = tile(n++);
        const [min_lng, min_lat, max_lng, max_lat] = bboxOf(polygon);
        await db
          .insertInto("grids")
          .values({
            area_id: grid.id,
            district_id: district.id,
            polygon: JSON.stringify(polygon),
            min_lng,
            min_lat,
            max_lng,
            max_lat,
          })
          .execute();
        gridCodes.push(code);
      }
    }
  }
  return { districtId: district.id, districtPath: district.path, communities, gridCodes };
}

function benchUser(d: District): SessionUser {
  return {
    id: randomUUID(),
    username: "bench",
    displayName: "bench",
    kind: "staff",
    role: "district",
    permissions: permissionsOf("district"),
    residentId: null,
    scope: { paths: [d.districtPath] },
    areas: [],
    csrfToken: "",
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Import

const SURNAMES = [..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"];
const GIVEN = [..."伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉"];

async function residentsWorkbook(codes: string[], rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet("居民");
  ws.addRow([
    "姓名",
    "证件类型",
    "证件号码",
    "手机号码",
    "居住类型",
    "与户主关系",
    "民族",
    "网格编码",
    "户地址",
    "标签",
  ]).commit();
  const types = ["户籍", "常住", "流动"];
  const start = Date.UTC(1950, 0, 1);
  for (let i = 0; i < rows; i++) {
    const birth = new Date(start + Math.floor(i / 1000) * 86_400_000 * 97).toISOString().slice(0, 10);
    const hh = Math.floor(i / 3);
    ws.addRow([
      SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / 20) % GIVEN.length] + GIVEN[Math.floor(i / 600) % GIVEN.length],
      "居民身份证",
      makeCitizenId("510104", birth, i % 1000),
      `139${String(i).padStart(8, "0")}`,
      types[i % 3],
      i % 3 === 0 ? "户主" : "家庭成员",
      "汉族",
      codes[hh % codes.length],
      `幸福路${hh}号`,
      i % 5 === 0 ? "老年人" : "",
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function timeImport(database: Database, label: string, target: number) {
  await migrate(database.db);
  const district = await buildDistrict(database.db);
  const gridIndex = new GridIndex();
  await gridIndex.reload(database.db);
  const deps = { db: database.db, cipher: new FieldCipher(Buffer.alloc(32, 9)), gridIndex };
  process.stdout.write(`  generating a ${IMPORT_ROWS.toLocaleString()}-row workbook … `);
  const file = await residentsWorkbook(district.gridCodes, IMPORT_ROWS);
  console.log(`${(file.length / 1e6).toFixed(1)} MB`);
  const user = benchUser(district);
  const t0 = performance.now();
  const started = await transfer.startImport(deps, user, "residents", "bench.xlsx", "xlsx", file);
  await started.done;
  const t1 = performance.now();
  const validated = started.view("en");
  if (validated.status !== "validated" || validated.errorCount) {
    throw new Error(`bench file did not validate: ${validated.status} ${JSON.stringify(validated.errors.slice(0, 3))}`);
  }
  await transfer.commitImport(
    deps,
    user,
    { userId: user.id, username: "bench", ip: "bench" },
    started.id,
    "all_or_nothing",
    "en",
    { wait: 0 },
  );
  await transfer.settled(started.id);
  const t2 = performance.now();
  const done = transfer.jobView(started.id, "en");
  if (done?.status !== "done" || done.insertedRows !== IMPORT_ROWS) throw new Error(`import failed: ${done?.message}`);
  const rate = IMPORT_ROWS / ((t2 - t0) / 1000);
  console.log(`  parse+validate ${((t1 - t0) / 1000).toFixed(1)} s, commit ${((t2 - t1) / 1000).toFixed(1)} s`);
  report({
    part: "import",
    figure: `import ${IMPORT_ROWS.toLocaleString()} residents, ${label}`,
    value: `${Math.round(rate).toLocaleString()} rows/s (${((t2 - t0) / 1000).toFixed(1)} s)`,
    target: `≥ ${target.toLocaleString()} rows/s`,
    ok: rate >= target,
  });
}

async function benchImport() {
  console.log("\n[import] PGlite (fresh data directory)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-bench-"));
  const lite = await openPglite(dir);
  try {
    await timeImport(lite, "PGlite", 1_500);
  } finally {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n[import] PostgreSQL");
  await withScratchPg("import", "import 50,000 residents, PostgreSQL", (db) => timeImport(db, "PostgreSQL", 5_000));
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL scratch database

async function withScratchPg(part: string, figure: string, fn: (db: Database) => Promise<void>) {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    skip(part, figure, `PostgreSQL unreachable at ${PG_URL} (${(e as Error).message})`);
    return;
  }
  const name = `gz_bench_${process.pid}`;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 4);
  try {
    await fn(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Search over 1,000,000 residents

const md5 = (s: string) => createHash("md5").update(s).digest("hex");

async function benchSearch() {
  console.log(`\n[search] PostgreSQL, ${SEARCH_ROWS.toLocaleString()} residents`);
  await withScratchPg("search", "resident search p95", async (database) => {
    const { db } = database;
    await migrate(db);
    const district = await buildDistrict(db);
    const surnames = sql.lit(`{${SURNAMES.join(",")}}`);
    const given = sql.lit(`{${GIVEN.join(",")}}`);
    const step = 100_000;
    const t0 = performance.now();
    for (let from = 1; from <= SEARCH_ROWS; from += step) {
      const to = Math.min(SEARCH_ROWS, from + step - 1);
      await sql`
        insert into residents (district_id, grid_id, area_path, name, doc_type, doc_cipher, doc_blind, doc_masked, sex,
          birth_date, phone_cipher, phone_blind, phone_masked, residence_type)
        select g.district_id, g.area_id, g.path,
          (${surnames}::text[])[1 + i % 20] || (${given}::text[])[1 + (i / 20) % 30]
            || case when i % 4 = 0 then '' else (${given}::text[])[1 + (i / 600) % 30] end,
          'resident_id', 'bench', md5('doc:' || i), '510104********' || lpad((i % 10000)::text, 4, '0'),
          case when i % 2 = 0 then 'male' else 'female' end, date '1940-01-01' + (i % 25000),
          'bench', md5('phone:139' || lpad(i::text, 8, '0')), '139****' || lpad((i % 10000)::text, 4, '0'),
          (array['registered','resident','floating'])[1 + i % 3]
        from generate_series(${from}::int, ${to}::int) i
        join (select (row_number() over (order by a.code) - 1)::int as n, g.area_id, g.district_id, a.path
              from grids g join areas a on a.id = g.area_id) g on g.n = i % 120`.execute(db);
      process.stdout.write(`\r  filled ${to.toLocaleString()} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await sql`
      insert into resident_tags (resident_id, tag_code, district_id)
      select id, (array['elderly','disabled','veteran','party_member','volunteer'])[1 + abs(hashtext(id::text)) % 5], district_id
      from residents where abs(hashtext(id::text)) % 10 = 0`.execute(db);
    await sql`analyze`.execute(db);
    console.log(`\n  filled and analysed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const communities = await db.selectFrom("areas").select("path").where("id", "in", district.communities).execute();
    const scope = { paths: [district.districtPath] };
    const kinds = ["name fragment", "full name", "ID number", "phone", "tag", "community"] as const;
    const timings: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
    const all: number[] = [];
    const pick = <T>(xs: T[], i: number) => xs[((i % xs.length) + xs.length) % xs.length];
    for (let i = -20; i < 1000; i++) {
      const kind = kinds[(i + 60) % kinds.length];
      const k = 1 + ((((i * 7919 + 104_729) % SEARCH_ROWS) + SEARCH_ROWS) % SEARCH_ROWS);
      const filter =
        kind === "name fragment"
          ? { q: pick(SURNAMES, i) + pick(GIVEN, i * 3) }
          : kind === "full name"
            ? { q: pick(SURNAMES, k) + pick(GIVEN, Math.floor(k / 20)) + pick(GIVEN, Math.floor(k / 600)) }
            : kind === "ID number"
              ? { docBlinds: [md5(`doc:${k}`)] }
              : kind === "phone"
                ? { phoneBlind: md5(`phone:139${String(k).padStart(8, "0")}`) }
                : kind === "tag"
                  ? { tag: pick(["elderly", "disabled", "veteran", "party_member", "volunteer"], i) }
                  : { areaPath: pick(communities, i).path };
      const t = performance.now();
      await listResidents(db, scope, filter, 1, 20);
      const ms = performance.now() - t;
      if (i >= 0) {
        timings[kind].push(ms);
        all.push(ms);
      }
    }
    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
    };
    for (const k of kinds) {
      console.log(`  ${k.padEnd(14)} p50 ${pct(timings[k], 50).toFixed(1)} ms  p95 ${pct(timings[k], 95).toFixed(1)} ms`);
    }
    const p95 = pct(all, 95);
    report({
      part: "search",
      figure: `resident search over ${SEARCH_ROWS.toLocaleString()} (1,000 queries, page + capped count)`,
      value: `p50 ${pct(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms`,
      target: "p95 < 50 ms",
      ok: p95 < 50,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Grid locate

function benchLocate() {
  console.log("\n[locate] GridIndex over 120 grids");
  const index = new GridIndex();
  index.build(
    Array.from({ length: COLS * ROWS }, (_, n) => ({ id: String(n), name: `g${n}`, code: String(n), polygon: tile(n) })),
  );
  const N = 1_000_000;
  const xs = new Float64Array(N);
  const ys = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    xs[i] = ORIGIN[0] + Math.random() * COLS * CELL;
    ys[i] = ORIGIN[1] + Math.random() * ROWS * CELL;
  }
  let found = 0;
  const t = performance.now();
  for (let i = 0; i < N; i++) if (index.locate(xs[i], ys[i])) found++;
  const s = (performance.now() - t) / 1000;
  const rate = N / s;
  console.log(`  ${found.toLocaleString()} of ${N.toLocaleString()} points located in ${s.toFixed(2)} s`);
  report({
    part: "locate",
    figure: "grid locate (1,000,000 random points)",
    value: `${Math.round(rate).toLocaleString()} lookups/s`,
    target: "≥ 200,000 lookups/s",
    ok: rate >= 200_000,
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Server memory with the demo district

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

async function benchRss() {
  console.log("\n[rss] server with the demo district");
  const figure = "server RSS with the demo district";
  if (!existsSync("server/demo/generator.ts")) return skip("rss", figure, "server/demo/generator.ts is missing");
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-bench-rss-"));
  try {
    // The first start generates the demo in-process (PGlite's WASM heap never shrinks after that);
    // a restart on the same data directory is the steady state an operator sees.
    for (const [label, generates] of [
      ["first start, demo generated", true],
      ["restart, demo already loaded", false],
    ] as const) {
      const mb = await serverRss(dir, generates);
      if (typeof mb === "string") return skip("rss", `${figure} (${label})`, mb);
      report({ part: "rss", figure: `${figure} (${label})`, value: `${mb.toFixed(0)} MB`, target: "< 300 MB", ok: mb < 300 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the server on `dir`, makes a few API calls, and returns its VmRSS in MB (or why not). */
async function serverRss(dir: string, firstStart: boolean): Promise<number | string> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: "127.0.0.1", DEMO_ON_EMPTY: "true" };
  delete env.DATABASE_URL;
  delete env.GONGZHI_SECRET_KEY;
  // The server as `npm start` runs it (compiled by the install), node itself so the pid is the server's.
  if (!existsSync("dist/server/main.js")) return "dist/server/main.js is missing: run npm run build:server";
  const child = spawn(process.execPath, ["dist/server/main.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => {
    log += d;
  });
  child.stderr.on("data", (d) => {
    log += d;
  });
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const t0 = performance.now();
    for (;;) {
      if (exited) return `the server exited: ${log.trim().split("\n").slice(-3).join(" | ")}`;
      if (performance.now() - t0 > 600_000) return "the server did not answer /healthz within 10 minutes";
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`  ${firstStart ? "first start" : "restart"}: up in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "demo-admin", password: "Demo-2026-gz" }),
    });
    if (!login.ok) return `demo-admin login failed (${login.status})`;
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    for (const p of ["/api/grids", "/api/residents", "/api/residents?q=王", "/api/households", "/api/grids/geojson"]) {
      const r = await fetch(`${base}${p}`, { headers: { cookie } });
      await r.arrayBuffer();
    }
    const counts = await (await fetch(`${base}/api/residents?pageSize=1`, { headers: { cookie } })).json();
    console.log(`  demo residents visible to demo-admin: ${counts.total}${counts.totalCapped ? "+" : ""}`);
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
  } finally {
    if (!exited) {
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && !exited; i++) await new Promise((r) => setTimeout(r, 100));
      if (!exited) child.kill("SIGKILL");
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  const parts = ["import", "search", "locate", "rss"];
  if (values.only && !parts.includes(values.only)) throw new Error(`--only takes one of ${parts.join(", ")}`);
  const run = (p: string) => !values.only || values.only === p;
  if (run("import")) await benchImport();
  if (run("search")) await benchSearch();
  if (run("locate")) benchLocate();
  if (run("rss")) await benchRss();

  console.log("\nGongzhi registry benchmark");
  const w = Math.max(...figures.map((f) => f.figure.length));
  const v = Math.max(...figures.map((f) => f.value.length));
  for (const f of figures) {
    const mark = f.ok === null ? " " : f.ok ? "✓" : "✗";
    console.log(`${mark} ${f.figure.padEnd(w)}  ${f.value.padEnd(v)}  ${f.target}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
