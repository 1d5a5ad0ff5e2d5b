// Starts Gongzhi: configuration, database, migrations, the demo district on a first embedded start,
// the grid index, then the HTTP server.
import { serve } from "@hono/node-server";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { openDatabase } from "./db/database.js";
import { migrate } from "./db/migrate.js";
import { FieldCipher } from "./lib/crypto.js";
import { GridIndex } from "./modules/registry/grid-index.js";
import { LoggingChannel, startOutbox } from "./modules/appeals/outbox.js";
import { AppealsRuntime, DirectoryStorage } from "./modules/appeals/runtime.js";
import { startLoop, startScheduler } from "./modules/appeals/scheduler.js";
import { sweepProposals } from "./modules/deliberation/proposals.service.js";
import { closeDueSurveys } from "./modules/evaluation/service.js";
import { ensureAllUnits, ensureCatalogue } from "./modules/appeals/setup.js";
import { loadOrTrain, scheduleRetraining } from "./modules/appeals/training.js";
import { loadDemoIfEmpty } from "./demo/first-start.js";
import { startChainer } from "./modules/audit/repository.js";

async function main() {
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
  let database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database.db);
  if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);
  const cipher = new FieldCipher(config.secretKey);
  // Demo data only ever lands on an empty embedded database, never on a server database by itself.
  // The catalogue first: the demo's work orders are filed under it.
  await ensureCatalogue(database.db);
  if (database.kind === "pglite" && config.demoOnEmpty && (await loadDemoIfEmpty(database.db, cipher))) {
    // Generating 50,000 people grows the embedded database's WASM heap, which never shrinks;
    // reopening it gives the server its everyday footprint.
    await database.close();
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  }
  const gridIndex = new GridIndex();
  await gridIndex.reload(database.db);
  await ensureAllUnits(database.db);
  const appeals = new AppealsRuntime(new DirectoryStorage(`${config.dataDir}/files`));
  await appeals.reloadCalendar(database.db);
  await loadOrTrain(database.db, appeals);
  scheduleRetraining(database.db, appeals);
  const app = buildApp({ config, db: database.db, dbKind: database.kind, cipher, gridIndex, appeals });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    console.log(`Gongzhi listening on http://localhost:${info.port} (database: ${database.kind})`);
  });
  // The audit chainer links committed audit entries into the hash chain, a second behind.
  const stopChainer = startChainer(database.db);
  // Durable timers (yellow/red lights) and the outbox dispatcher; their state lives in the tables.
  const stopScheduler = startScheduler({ db: database.db });
  const stopOutbox = startOutbox({ db: database.db, channels: [new LoggingChannel()] });
  // Community affairs on the clock: proposals past their backing deadline lapse, surveys past
  // their closing time close (and reopen what residents rated below the threshold).
  const stopDecide = startLoop(
    async () => {
      const now = new Date();
      await sweepProposals(database.db, now);
      await closeDueSurveys(database.db, now);
    },
    60_000,
    (e) => console.error("community affairs timers:", e),
  );
  const stop = async () => {
    server.close();
    stopChainer();
    await Promise.all([stopScheduler(), stopOutbox(), stopDecide()]);
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
