// Imports a spreadsheet from the command line through the same service as the web:
//   npm run import -- --kind residents file.xlsx [--mode good_rows|all_or_nothing] [--user <username>]
// The import runs as the given staff user (default: the first system administrator), within that
// user's data scope, and is audited as that user from ip 'cli'. With the embedded database, stop the
// server first: one data directory is opened by one process at a time.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ConfigError, loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";
import { FieldCipher } from "../server/lib/crypto.js";
import { permissionsOf, type Role } from "../server/modules/identity/rules.js";
import type { SessionUser } from "../server/modules/identity/types.js";
import { GridIndex } from "../server/modules/registry/grid-index.js";
import { findStaffUser, scopePathsOf } from "../server/modules/transfer/repository.js";
import { IMPORT_KINDS, type ImportKind } from "../server/modules/transfer/rules.js";
import * as service from "../server/modules/transfer/service.js";
import { fileTypeOf } from "../server/modules/transfer/workbook.js";

const usage =
  "usage: npm run import -- --kind residents|households|buildings|grids <file.xlsx|file.csv> [--mode good_rows|all_or_nothing] [--user <username>]";

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { values, positionals } = parseArgs({
    options: {
      kind: { type: "string" },
      mode: { type: "string", default: "all_or_nothing" },
      user: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help) fail(usage, 0);
  const kind = values.kind as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(", ")}\n${usage}`);
  const mode = values.mode as "good_rows" | "all_or_nothing";
  if (mode !== "good_rows" && mode !== "all_or_nothing") fail(`--mode must be good_rows or all_or_nothing\n${usage}`);
  const file = positionals[0];
  if (!file) fail(usage);
  const type = fileTypeOf(file);
  if (!type) fail("the file must be .xlsx or .csv");
  if (statSync(file).size > service.MAX_FILE_BYTES) fail("the file is larger than 20 MB");

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const row = await findStaffUser(database.db, values.user);
    if (!row) fail(values.user ? `no active staff user "${values.user}"` : "no system administrator found; pass --user");
    const role = row.role as Role;
    const user: SessionUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      kind: "staff",
      role,
      permissions: permissionsOf(role),
      residentId: null,
      scope: { paths: await scopePathsOf(database.db, row.id) },
      areas: [],
      csrfToken: "",
    };
    if (!user.permissions.includes("registry.import")) fail(`${user.username} (${role}) may not import`);
    if (kind === "grids" && !user.permissions.includes("area.write")) fail(`${user.username} (${role}) may not import grids`);

    const cipher = new FieldCipher(config.secretKey);
    const gridIndex = new GridIndex();
    await gridIndex.reload(database.db);
    const deps = { db: database.db, cipher, gridIndex };

    const bars = new cliProgress.MultiBar(
      { format: " {phase} |{bar}| {value}/{total} rows", hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    const phases = new Map<string, cliProgress.SingleBar>();
    const label = { read: "读取 read    ", validate: "校验 validate", import: "导入 import  " };
    const onProgress: service.Progress = (p) => {
      let bar = phases.get(p.phase);
      if (!bar) {
        bar = bars.create(Math.max(p.total, 1), 0, { phase: label[p.phase] });
        phases.set(p.phase, bar);
      }
      if (p.total) bar.setTotal(p.total);
      bar.update(p.done);
    };

    const bytes = new Uint8Array(readFileSync(file));
    const started = await service.startImport(deps, user, kind, path.basename(file), type, bytes, onProgress);
    await started.done;
    let job = started.view("zh");
    const printErrors = () => {
      if (!job.errorCount) return;
      console.log(`\n${job.errorCount} 个问题 / problems (前20 / first 20):`);
      for (const e of job.errors.slice(0, 20)) console.log(`  第${e.row}行 ${e.column}: ${e.message}`);
    };
    if (job.status === "failed") {
      bars.stop();
      printErrors();
      fail(`导入失败 / failed: ${job.message ?? ""}`, 1);
    }
    if (mode === "all_or_nothing" && job.errorCount > 0) {
      bars.stop();
      printErrors();
      fail(`\n${job.failedRows} 行有错误,未导入任何数据 (all_or_nothing); 改用 --mode good_rows 只导入正确的行`, 1);
    }
    await service.commitImport(deps, user, { userId: user.id, username: user.username, ip: "cli" }, started.id, mode, "zh", {
      wait: 0,
      onProgress,
    });
    await service.settled(started.id);
    bars.stop();
    job = service.jobView(started.id, "zh") ?? job;
    console.log(
      `\n${job.status === "done" ? "完成 / done" : `失败 / failed: ${job.message}`}: ${job.totalRows} 行 rows, ` +
        `新增 inserted ${job.insertedRows ?? 0}, 更新 updated ${job.updatedRows ?? 0}, 跳过 skipped ${job.failedRows ?? 0}`,
    );
    printErrors();
    if (job.status !== "done") process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
