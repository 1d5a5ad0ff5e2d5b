// Browser test: a grid worker on a phone opens the map, their grid and a resident,
// and sees the ID number masked. Runs the real server on a temp data dir.
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifacts, type Stack, startStack } from "./stack.js";

let stack: Stack | null = null;
let browser: Browser | null = null;
let baseUrl = "";

beforeAll(async () => {
  stack = await startStack();
  browser = stack.browser;
  baseUrl = stack.baseUrl;
});

afterAll(async () => {
  await stack?.stop();
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
