// Opens the database: PGlite (embedded, one connection per data directory) unless DATABASE_URL
// points at a PostgreSQL server. Both speak the same SQL; migrations run on either.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { DB } from "./schema.js";

// Bigint and numeric come back as strings from node-postgres; dates as JS Dates. PGlite does the same
// for numeric; we parse int8 counts in the repositories where needed.
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD'

export type DatabaseKind = "pglite" | "postgres";

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Only for the embedded database: the PGlite instance (dump/load for tests and backups). */
  pglite?: PGlite;
  close: () => Promise<void>;
};

export const pgliteExtensions = { ltree, pg_trgm };

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dataDir ? `file://${dataDir}` : undefined,
    extensions: pgliteExtensions,
    loadDataDir,
    parsers: { 1082: (v: string) => v },
    // PostgreSQL's default 128 MB of shared buffers would all live in the WASM heap; the embedded
    // database serves one district, and 16 MB keeps the server's memory small.
    postgresqlconf: ["shared_buffers = 16MB"],
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export function openPostgres(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client can lose its server (restart, failover); the pool replaces it, the process lives on.
  pool.on("error", (e) => console.error(`database connection lost: ${e.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", close: () => db.destroy() };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(`${opts.dataDir}/pg`);
}
