import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import * as m0001 from "./migrations/0001_foundation.js";
import * as m0002 from "./migrations/0002_care_tags.js";
import * as m0003 from "./migrations/0003_appeals.js";
import * as m0004 from "./migrations/0004_deliberation.js";
import * as m0005 from "./migrations/0005_votes.js";
import * as m0006 from "./migrations/0006_budget.js";
import * as m0007 from "./migrations/0007_projects.js";
import * as m0008 from "./migrations/0008_disclosure.js";
import * as m0009 from "./migrations/0009_evaluation.js";

// Migrations are listed here in order; each is a list of statements (PGlite's extended protocol
// takes one statement per query).
const all: { name: string; up: string[] }[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];

class ListProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of all) {
      out[m.name] = {
        up: async (db: Kysely<unknown>) => {
          for (const stmt of m.up) await sql.raw(stmt).execute(db);
        },
      };
    }
    return out;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrate(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ListProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
