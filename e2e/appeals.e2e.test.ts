// Browser test of 接诉即办: a resident submits an appeal with a photo on a phone, the community
// dispatches it to its own unit, signs for it and answers it, the resident rates it 满意, and the
// district sees a satisfaction rate on the dashboard. Runs the real server on a temp data dir.
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifacts, type Stack, startStack } from "./stack.js";

const PASSWORD = "Demo-2026-gz";
// A 1×1 transparent PNG.
const PNG_1x1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

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

async function open(kind: "phone" | "desk"): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  if (!browser) throw new Error("browser not started");
  const context = await browser.newContext(
    kind === "phone"
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN" }
      : { viewport: { width: 1440, height: 900 }, locale: "zh-CN" },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator("input#username").fill(username);
  await page.locator("input#password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"), { timeout: 30_000 });
}

async function shot(page: Page, name: string) {
  await fs.mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true }).catch(() => undefined);
}

/** The OK button of the action dialog that is open (other dialogs stay rendered but hidden). */
const dialogOk = (page: Page) => page.locator('[data-testid="dialog-ok"]:visible');

async function waitForStatus(page: Page, status: string) {
  await page.locator(`[data-testid="order-status"][data-status="${status}"]`).waitFor({ state: "visible", timeout: 30_000 });
}

describe("appeals in the browser", () => {
  it("resident submits → community dispatches, signs, answers → resident rates → district sees the rate", async () => {
    // --- The resident, on a phone, submits an appeal with a photo. ---
    const resident = await open("phone");
    const community = await open("desk");
    const district = await open("desk");
    let current: Page = resident.page;
    try {
      await login(resident.page, "demo-resident");
      const me = (await (await resident.page.request.get(`${baseUrl}/api/auth/me`)).json()) as {
        areas: Array<{ id: string; level: string }>;
      };
      const gridId = me.areas.find((a) => a.level === "grid")?.id ?? me.areas[0]?.id;
      expect(gridId).toBeTruthy();

      // A building address in the resident's grid, looked up as community staff (residents cannot read the registry).
      await login(community.page, "demo-community");
      const communityMe = (await (await community.page.request.get(`${baseUrl}/api/auth/me`)).json()) as {
        areas: Array<{ id: string; name: string; level: string }>;
      };
      const communityName = communityMe.areas[0]?.name ?? "";
      expect(communityName).not.toBe("");
      const buildings = (await (
        await community.page.request.get(`${baseUrl}/api/buildings?pageSize=1&areaId=${gridId}`)
      ).json()) as { items: Array<{ address: string }> };
      const address = buildings.items[0]?.address;
      expect(address).toBeTruthy();

      await resident.page.goto(`${baseUrl}/appeals/new`);
      const content = resident.page.getByTestId("appeal-content");
      await content.waitFor({ state: "visible", timeout: 30_000 });

      // A category: the first leaf of the first group.
      await resident.page.locator(".ant-cascader").first().click();
      await resident.page.locator(".ant-cascader-menu").first().locator(".ant-cascader-menu-item").first().click();
      await resident.page.locator(".ant-cascader-menu").nth(1).locator(".ant-cascader-menu-item").first().click();

      await content.fill("楼下路灯坏了一个多星期,晚上出行很不方便,请尽快修理。");
      await resident.page.getByTestId("appeal-address").fill(address as string);
      await resident.page
        .locator('input[type="file"]')
        .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: PNG_1x1 });
      await resident.page.locator(".ant-upload-list-item").first().waitFor({ state: "visible", timeout: 10_000 });
      await resident.page.getByTestId("appeal-submit").click();
      const numberEl = resident.page.getByTestId("order-number");
      await numberEl.waitFor({ state: "visible", timeout: 30_000 });
      const number = ((await numberEl.textContent()) ?? "").trim();
      expect(number).not.toBe("");
      await shot(resident.page, "appeal-submitted-phone.png");

      // --- Community staff: board → order → dispatch to the community's own unit. ---
      current = community.page;
      await community.page.goto(`${baseUrl}/appeals/board?box=new`);
      const row = community.page.getByRole("link", { name: number });
      await row.waitFor({ state: "visible", timeout: 30_000 });
      await row.click();
      await community.page.waitForURL(/\/appeals\/orders\/[^/]+$/, { timeout: 30_000 });
      await waitForStatus(community.page, "accepted");
      // The photo is on the order.
      await community.page.getByTestId("order-photo").first().waitFor({ state: "visible", timeout: 30_000 });

      await community.page.getByTestId("action-dispatch").click();
      const unitSelect = community.page.locator('[data-testid="unit-select"]:visible');
      await unitSelect.click();
      await community.page.keyboard.type(communityName);
      await community.page.locator(`.ant-select-item-option[title="${communityName}"]`).first().click();
      // A click on the dialog's title closes the dropdown for sure before OK is pressed.
      await community.page.locator(".ant-modal-title:visible").first().click();
      await community.page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden", timeout: 10_000 });
      await expect.poll(async () => (await unitSelect.textContent()) ?? "", { timeout: 10_000 }).toContain(communityName);
      await dialogOk(community.page).click();
      await waitForStatus(community.page, "dispatched");

      // --- As the handling unit: sign for it and answer. ---
      await community.page.getByTestId("action-sign").click();
      await dialogOk(community.page).click();
      await waitForStatus(community.page, "signed");

      await community.page.getByTestId("action-answer").click();
      await community.page.locator('[data-testid="answer-text"]:visible').fill("已联系路灯维护单位更换灯泡,现已恢复照明。");
      await dialogOk(community.page).click();
      await waitForStatus(community.page, "answered");
      await shot(community.page, "order-answered.png");

      // --- The resident rates it 满意 under 我的诉求. ---
      current = resident.page;
      await resident.page.goto(`${baseUrl}/appeals/mine`);
      const card = resident.page.getByTestId("my-appeal").filter({ hasText: number });
      await card.waitFor({ state: "visible", timeout: 30_000 });
      await card.getByTestId("action-callback").click();
      await resident.page.locator('[data-testid="rate-satisfied"]:visible').click();
      await dialogOk(resident.page).click();
      await card.getByTestId("my-rating").waitFor({ state: "visible", timeout: 30_000 });
      await card.locator('[data-testid="order-status"][data-status="archived"]').waitFor({ timeout: 30_000 });
      await shot(resident.page, "my-appeals-phone.png");

      // --- The district sees a satisfaction rate on the dashboard. ---
      current = district.page;
      await login(district.page, "demo-district");
      await district.page.goto(`${baseUrl}/appeals/dashboard`);
      const rate = district.page.getByTestId("rates-satisfaction");
      await rate.waitFor({ state: "visible", timeout: 30_000 });
      await expect.poll(async () => (await rate.getAttribute("data-value")) ?? "", { timeout: 30_000 }).not.toBe("");
      expect(await rate.textContent()).toMatch(/%/);
      await shot(district.page, "appeals-dashboard.png");

      expect(resident.errors).toEqual([]);
      expect(community.errors).toEqual([]);
      expect(district.errors).toEqual([]);
    } catch (e) {
      await shot(current, "appeals-failure.png");
      throw e;
    } finally {
      await resident.context.close();
      await community.context.close();
      await district.context.close();
    }
  });
});
