// What every browser test stands on: the real server on a temp data directory (the demo district
// loads on its first start) and Debian's Chromium, started once per file and torn down after.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

export const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const artifacts = path.join(repoRoot, "e2e", "artifacts");

export type Stack = { baseUrl: string; browser: Browser; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(server: ChildProcess, url: string, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}\n${log().slice(-4000)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms\n${log().slice(-4000)}`);
}

export async function startStack(): Promise<Stack> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "gongzhi-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_ON_EMPTY: "true" };
  delete env.DATABASE_URL;
  delete env.GONGZHI_SECRET_KEY;
  const server = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["server/main.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const collect = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  await waitForHealth(server, baseUrl, () => log, 150_000);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  return {
    baseUrl,
    browser,
    stop: async () => {
      await browser.close().catch(() => undefined);
      if (server.exitCode === null) {
        const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
        server.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (server.exitCode === null) server.kill("SIGKILL");
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
