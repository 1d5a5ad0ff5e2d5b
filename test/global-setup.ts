// Migrates once per run: a PGlite data directory dumped to a tarball that every API test file
// loads, and (with TEST_DATABASE_URL) a template database that every file clones.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../server/db/database.js";
import { migrate } from "../server/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    database: "pglite" | "postgres";
    pgliteDump: string;
    pgTemplate: string;
  }
}

export const TEMPLATE_DB = `gz_tmpl_${process.pid}`;

export default async function setup(project: TestProject) {
  const dir = path.resolve(".tmp");
  mkdirSync(dir, { recursive: true });
  const dumpFile = path.join(dir, `pglite-${process.pid}.tar.gz`);
  const lite = await openPglite(undefined);
  await migrate(lite.db);
  const dump = await (lite.pglite as NonNullable<typeof lite.pglite>).dumpDataDir("gzip");
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide("pgliteDump", dumpFile);

  const url = process.env.TEST_DATABASE_URL;
  project.provide("pgTemplate", url ? TEMPLATE_DB : "");
  if (!url) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DB}`);
  await admin.query(`create database ${TEMPLATE_DB}`);
  const tmplUrl = new URL(url);
  tmplUrl.pathname = `/${TEMPLATE_DB}`;
  const tmpl = openPostgres(tmplUrl.toString(), 1);
  await migrate(tmpl.db);
  await tmpl.close();
  return async () => {
    // Clones left by crashed files are dropped too.
    const { rows } = await admin.query("select datname from pg_database where datname like $1", [`${TEMPLATE_DB}_c_%`]);
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.end();
  };
}
