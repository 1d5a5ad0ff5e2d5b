// Durability of the embedded database: the real server is killed (SIGKILL, no shutdown) right after
// it answered 201 to a new appeal; after a restart on the same data directory the order is there,
// and the client's retry with the same Idempotency-Key gets the same order instead of a second one.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openPglite } from "../../db/database.js";
import { migrate } from "../../db/migrate.js";
import { FieldCipher } from "../../lib/crypto.js";
import { buildFixture, type Fixture } from "../../../test/fixtures.js";

const embedded = inject("database") === "pglite";

let dir: string;
let fx: Fixture;
let server: { child: ChildProcess; port: number; log: string[] } | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function start(): Promise<{ child: ChildProcess; port: number; log: string[] }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    DEMO_ON_EMPTY: "false",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "error",
  };
  // The embedded database and the key in the data directory, whatever the shell had set.
  delete env.DATABASE_URL;
  delete env.GONGZHI_SECRET_KEY;
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["server/main.ts"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (d) => log.push(String(d)));
  child.stderr?.on("data", (d) => log.push(String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${log.join("")}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start within 60 s:\n${log.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, port, log };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

async function login(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: fx.password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = (await res.json()).csrfToken as string;
  return (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${p}`, {
      method,
      headers: {
        cookie,
        ...(method !== "GET" ? { "x-csrf-token": csrf } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe.skipIf(!embedded)("a crash right after answering", () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "gz-crash-"));
    const key = randomBytes(32).toString("hex");
    writeFileSync(path.join(dir, "secret.key"), key, { mode: 0o600 });
    const database = await openPglite(path.join(dir, "pg"));
    await migrate(database.db);
    fx = await buildFixture(database.db, new FieldCipher(Buffer.from(key, "hex")));
    await database.close();
  }, 120_000);

  afterAll(async () => {
    if (server) await killHard(server.child);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the order and answers the retry with the same order", { timeout: 120_000 }, async () => {
    const idempotencyKey = randomUUID();
    const body = {
      appealType: "complaint",
      categoryCode: "t_noise",
      content: "凌晨施工噪音扰民,持续一周",
      gridId: fx.areas.g1.id,
    };

    server = await start();
    let call = await login(server.port, "operator");
    const first = await call("POST", "/api/orders", body, { "idempotency-key": idempotencyKey });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; number: string };
    await killHard(server.child);
    expect(server.child.signalCode).toBe("SIGKILL");

    server = await start();
    call = await login(server.port, "operator");
    const read = await call("GET", `/api/orders/${created.id}`);
    expect(read.status, server.log.join("")).toBe(200);
    expect(await read.json()).toMatchObject({ id: created.id, number: created.number, status: "accepted" });

    const retry = await call("POST", "/api/orders", body, { "idempotency-key": idempotencyKey });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual(created);

    const list = await call("GET", "/api/orders");
    expect(list.status).toBe(200);
    const page = (await list.json()) as { total: number; items: { id: string }[] };
    expect(page.total).toBe(1);
    expect(page.items.map((o) => o.id)).toEqual([created.id]);
    await killHard(server.child);
    server = null;
  });
});
