// What the HTTP benchmarks share: the figures they print, and the application started in-process
// on a real socket over a migrated database with the test fixture district.
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Kysely } from "kysely";
import { buildApp } from "../server/app.js";
import type { Config } from "../server/config.js";
import type { Database } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";
import type { DB } from "../server/db/schema.js";
import { FieldCipher } from "../server/lib/crypto.js";
import { AppealsRuntime, MemoryStorage } from "../server/modules/appeals/runtime.js";
import { GridIndex } from "../server/modules/registry/grid-index.js";
import { buildFixture, type Fixture } from "../test/fixtures.js";

export type Figure = { figure: string; value: string; target: string; ok: boolean | null };
export const figures: Figure[] = [];

/** Prints a figure as it is measured and keeps it for the summary. */
export const report = (f: Figure) => {
  figures.push(f);
  const mark = f.ok === null ? "" : f.ok ? "  ✓" : "  ✗";
  console.log(`  → ${f.figure}: ${f.value}${f.target ? ` (target ${f.target})` : ""}${mark}`);
};

const config: Config = {
  port: 0,
  host: "127.0.0.1",
  dataDir: "/nonexistent",
  databaseUrl: undefined,
  secretKey: Buffer.alloc(32, 9),
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  demoOnEmpty: false,
  logLevel: "error",
  trustProxy: false,
};

export type Running = { base: string; fx: Fixture; db: Kysely<DB>; server: ServerType };

/** Migrates, builds the fixture (then `prepare` adds what the benchmark needs), and listens. */
export async function startApp(
  database: Database,
  prepare: (db: Kysely<DB>, fx: Fixture) => Promise<void> = async () => {},
): Promise<Running> {
  await migrate(database.db);
  const cipher = new FieldCipher(config.secretKey);
  const fx = await buildFixture(database.db, cipher);
  await prepare(database.db, fx);
  const gridIndex = new GridIndex();
  await gridIndex.reload(database.db);
  const appeals = new AppealsRuntime(new MemoryStorage());
  await appeals.reloadCalendar(database.db);
  const app = buildApp({ config, db: database.db, dbKind: database.kind, cipher, gridIndex, appeals });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, fx, db: database.db, server };
}
