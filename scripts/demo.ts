// npm run demo [-- --seed 2026]: fills an empty database with the demo district (蓉城市锦华区:
// 4 streets, 16 communities, 120 grids, ≈20,000 households, ≈50,000 residents) and the demo logins.
// It refuses a database that already holds areas or users: the demo never mixes with real data.
// With the embedded database, stop the server first (one process opens a data directory at a time).
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { ConfigError, loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";
import { DEMO_PASSWORD, generateDemo, isDatabaseEmpty } from "../server/demo/generator.js";
import { generateDecideDemo } from "../server/demo/decide.js";
import { generateDemoOrders } from "../server/demo/orders.js";
import { FieldCipher } from "../server/lib/crypto.js";
import { loadCalendar } from "../server/modules/appeals/repository.js";
import { ensureCatalogue } from "../server/modules/appeals/setup.js";
import { ROLE_LABELS } from "../server/modules/identity/rules.js";

const STEP_LABELS: Record<string, string> = {
  plan: "planning",
  areas: "areas and grids",
  buildings: "buildings",
  households: "households and residents",
  tags: "care tags",
  history: "residence history",
  users: "demo users",
  staff: "grid staff",
};

async function main() {
  const { values } = parseArgs({
    options: { seed: { type: "string", default: "2026" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log("usage: npm run demo [-- --seed <integer>]");
    return;
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) {
    console.error(`--seed must be an integer, got ${values.seed}`);
    process.exit(2);
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    if (!(await isDatabaseEmpty(database.db))) {
      const where =
        database.kind === "pglite"
          ? `the embedded database in ${config.dataDir}/pg. To start over, stop the server and delete that directory ` +
            `(rm -rf ${config.dataDir}/pg; keep ${config.dataDir}/secret.key)`
          : "the PostgreSQL database named by DATABASE_URL. To start over, drop and recreate that database";
      console.error(
        `The database already holds areas or users; the demo district is only generated into an empty one.\nThis is ${where}, then run npm run demo again.`,
      );
      process.exitCode = 1;
      return;
    }

    const bar = new cliProgress.SingleBar(
      { format: "{step} |{bar}| {value}/{total}", hideCursor: true, clearOnComplete: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { step: "starting".padEnd(26) });
    const summary = await generateDemo(database.db, new FieldCipher(config.secretKey), {
      seed,
      onProgress: (step, done, total) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { step: (STEP_LABELS[step] ?? step).padEnd(26) });
      },
    });
    bar.stop();
    await ensureCatalogue(database.db);
    const orders = await generateDemoOrders(database.db, await loadCalendar(database.db), { seed });
    const decideMs = await generateDecideDemo(database.db);

    console.log(`Demo district 蓉城市锦华区 generated in ${summary.seconds} s (seed ${seed}):`);
    console.log(
      `  ${summary.streets} streets, ${summary.communities} communities, ${summary.grids} grids, ` +
        `${summary.buildings} buildings, ${summary.households} households, ${summary.residents} residents, ${summary.users} users, ${orders} work orders`,
    );
    console.log(`  community affairs (bodies, proposals, votes, budgets, projects, disclosures, evaluations): ${decideMs} ms`);
    console.log(`\nDemo logins (password ${DEMO_PASSWORD}):`);
    for (const l of summary.logins) {
      const role = ROLE_LABELS[l.role].zh + (l.department ? ` · ${l.department}` : "");
      const who = l.displayName === ROLE_LABELS[l.role].zh ? role : `${l.displayName}（${role}）`;
      console.log(`  ${l.username.padEnd(16)} ${who}  scope: ${l.scopeLabel}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
