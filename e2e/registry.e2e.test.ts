// Browser test: a grid worker on a phone opens the map, their grid and a resident,
// and sees the ID number masked. Runs the real server on a temp data dir.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const artifacts = path.join(repoRoot, "e2e", "artifacts");

let dataDir = "";
let server: ChildProcess | null = null;
let serverLog = "";
let browser: Browser | null = null;
let baseUrl = "";

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

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) {
      throw new Error(`server exited with code ${server.exitCode}\n${serverLog.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms\n${serverLog.slice(-4000)}`);
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "gongzhi-e2e-"));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(path.join(repoRoot, "node_modules", ".bin", "tsx"), ["server/main.ts"], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_ON_EMPTY: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (b: Buffer) => {
    serverLog = (serverLog + b.toString()).slice(-20_000);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  await waitForHealth(baseUrl, 150_000);

  browser = await chromium.launch({
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
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise<void>((resolve) => server?.once("exit", () => resolve()));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

describe("registry in the browser (phone)", () => {
  it("grid worker opens map → grid → resident and sees a masked ID", async () => {
    if (!browser) throw new Error("browser not started");
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await fs.mkdir(artifacts, { recursive: true });

    try {
      // Log in.
      await page.goto(`${baseUrl}/login`);
      await page.locator("input#username").fill("demo-grid-a");
      await page.locator("input#password").fill("Demo-2026-gz");
      await page.getByTestId("login-submit").click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 30_000 });

      // The grid map renders a canvas.
      await page.goto(`${baseUrl}/map`);
      const map = page.getByTestId("grid-map");
      await map.waitFor({ state: "visible", timeout: 30_000 });
      await expect(map.locator("canvas").first().isVisible()).resolves.toBe(true);
      const box = await map.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      await page.screenshot({ path: path.join(artifacts, "map-phone.png"), fullPage: false });

      // The grid worker sees their own grid only; open it.
      const gridLinks = page.getByTestId("grid-link");
      await gridLinks.first().waitFor({ state: "visible", timeout: 30_000 });
      expect(await gridLinks.count()).toBeGreaterThanOrEqual(1);
      await gridLinks.first().click();
      await page.waitForURL(/\/grids\/[^/]+$/, { timeout: 30_000 });

      // Open the first resident of the grid.
      const residentLink = page.getByTestId("resident-link").first();
      await residentLink.waitFor({ state: "visible", timeout: 30_000 });
      await residentLink.click();
      await page.waitForURL(/\/residents\/[^/]+$/, { timeout: 30_000 });

      // The ID number is masked.
      const doc = page.getByTestId("resident-doc");
      await doc.waitFor({ state: "visible", timeout: 30_000 });
      const masked = (await doc.textContent())?.trim() ?? "";
      expect(masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

      await page.screenshot({ path: path.join(artifacts, "resident-phone.png"), fullPage: true });
      expect(consoleErrors).toEqual([]);
    } catch (e) {
      await page.screenshot({ path: path.join(artifacts, "failure.png"), fullPage: true }).catch(() => undefined);
      throw e;
    } finally {
      await context.close();
    }
  });
});
