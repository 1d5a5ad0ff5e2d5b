// npm run migrate: applies pending migrations to the configured database and exits.
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const applied = await migrate(database.db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} finally {
  await database.close();
}
