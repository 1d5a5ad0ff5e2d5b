// Per-file test database and app, a small fixture district, and logged-in clients.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { buildApp } from "../server/app.js";
import type { Config } from "../server/config.js";
import { type Database, openPglite, openPostgres } from "../server/db/database.js";
import { FieldCipher } from "../server/lib/crypto.js";
import { GridIndex } from "../server/modules/registry/grid-index.js";
import { AppealsRuntime, MemoryStorage } from "../server/modules/appeals/runtime.js";
import { buildFixture } from "./fixtures.js";

export async function openTestDb(): Promise<Database> {
  if (inject("database") === "pglite") {
    return openPglite(undefined, new Blob([readFileSync(inject("pgliteDump"))]));
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const template = inject("pgTemplate");
  const name = `${template}_c_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = openPostgres(u.toString(), 4);
  return {
    ...database,
    close: async () => {
      await database.close();
      // Backends of the closed pool may still be exiting; give them a moment instead of killing them.
      for (let i = 0; ; i++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          break;
        } catch (e) {
          if (i >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await admin.end();
    },
  };
}

export const testConfig: Config = {
  port: 0,
  host: "127.0.0.1",
  dataDir: "/nonexistent",
  databaseUrl: undefined,
  secretKey: Buffer.alloc(32, 7),
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  demoOnEmpty: false,
  logLevel: "error",
  trustProxy: false,
};

export type Client = {
  csrf: string;
  request: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  json: <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: T }>;
};

export async function createTestContext() {
  const database = await openTestDb();
  const cipher = new FieldCipher(testConfig.secretKey);
  const gridIndex = new GridIndex();
  const fx = await buildFixture(database.db, cipher);
  await gridIndex.reload(database.db);
  const appeals = new AppealsRuntime(new MemoryStorage());
  await appeals.reloadCalendar(database.db);
  const deps = { config: testConfig, db: database.db, dbKind: database.kind, cipher, gridIndex, appeals };
  const app = buildApp(deps);

  function client(cookie = "", csrf = ""): Client {
    const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(body !== undefined && !(body instanceof FormData) ? { "content-type": "application/json" } : {}),
            ...(cookie ? { cookie } : {}),
            ...(csrf && method !== "GET" ? { "x-csrf-token": csrf } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        }),
      );
    return {
      csrf,
      request,
      json: async (method, path, body, headers) => {
        const res = await request(method, path, body, headers);
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      },
    };
  }

  async function login(username: string, password = fx.password): Promise<Client> {
    const res = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
    const csrf = (await res.json()).csrfToken as string;
    return client(cookies.join("; "), csrf);
  }

  return {
    app,
    deps,
    db: database.db,
    database,
    fx,
    cipher,
    gridIndex,
    anonymous: client(),
    login,
    close: () => database.close(),
  };
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;
