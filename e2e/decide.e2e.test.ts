// Browser test of 居民议事 (issue 4 §10): the community lowers its representatives meeting's backing
// threshold to two households; a resident drafts and backs a proposal on a phone and a neighbour's
// paper signature carries it over the threshold; staff record the joint meeting and the party
// members' review, run a meeting of the representatives to its quorum (one short first), hold a
// yes/no vote there with paper ballots, close and publish it, record the representatives' vote step
// (the proposal is adopted) and publish a residents'-affairs disclosure; the resident's hub then
// shows the passed vote and the disclosure. Runs the real server on a temp data dir.
import fs from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifacts, type Stack, startStack } from "./stack.js";

const PASSWORD = "Demo-2026-gz";

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

type Session = { context: BrowserContext; page: Page; errors: string[] };

async function open(kind: "phone" | "desk"): Promise<Session> {
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

/** A JSON call with the page's session cookie and CSRF header, as web/src/api.ts sends it. */
async function call<T = Record<string, unknown>>(
  page: Page,
  method: "GET" | "POST" | "PATCH",
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const csrf = (await page.context().cookies()).find((c) => c.name === "gz_csrf")?.value ?? "";
  const res = await page.request.fetch(`${baseUrl}${url}`, {
    method,
    headers: { "X-CSRF-Token": decodeURIComponent(csrf), "Content-Type": "application/json", Accept: "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}

/** Like call, but the answer must be 2xx. */
async function ok<T = Record<string, unknown>>(page: Page, method: "GET" | "POST" | "PATCH", url: string, body?: unknown) {
  const r = await call<T>(page, method, url, body);
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const visible = (l: Locator) => l.waitFor({ state: "visible", timeout: 30_000 });

async function proposalStatus(page: Page, status: string) {
  await visible(page.locator(`[data-testid="proposal-status"][data-status="${status}"]`).first());
}

/** Record the proposal's current flow step as passed through the record-step dialog. */
async function recordStep(page: Page, minutes: string, voteId?: string) {
  const before = await page.getByTestId("step-record").count();
  await page.getByTestId("proposal-record-step").click();
  await page.locator('[data-testid="step-minutes"]:visible').fill(minutes);
  if (voteId) await page.locator('[data-testid="step-vote-id"]:visible').fill(voteId);
  await page.locator('[data-testid="step-save"]:visible').click();
  await expect.poll(() => page.getByTestId("step-record").count(), { timeout: 30_000 }).toBe(before + 1);
}

type Proposal = { id: string; status: string; currentStep: number | null; decision: string | null; version: number };
type Count = { present: number; expected: number | null; needed: number | null; reached: boolean; short: number };

describe("residents decide in the browser", () => {
  it("backing → three steps → meeting quorum → vote passes → result and disclosure on the resident's hub", async () => {
    const resident = await open("phone");
    const staff = await open("desk");
    let current: Page = staff.page;
    const tag = `${Date.now() % 100_000}`;
    const title = `春熙路口增设无障碍坡道 ${tag}`;
    try {
      await login(staff.page, "demo-community");
      await login(resident.page, "demo-resident");
      const me = await ok<{ areas: Array<{ id: string; name: string; level: string }> }>(staff.page, "GET", "/api/auth/me");
      const community = me.areas.find((a) => a.level === "community");
      expect(community?.name).toBe("春熙社区");
      const communityId = community?.id as string;

      // --- Staff: the representatives meeting's backing threshold becomes two households (UI). ---
      const bodies = await ok<{ items: Array<{ id: string; kind: string; currentMembers: number | null }> }>(
        staff.page,
        "GET",
        `/api/decide/bodies?areaId=${communityId}`,
      );
      const reps = bodies.items.find((b) => b.kind === "representatives");
      expect(reps).toBeTruthy();
      const repsId = reps?.id as string;
      await staff.page.goto(`${baseUrl}/decide/bodies/${repsId}`);
      const households = staff.page.getByTestId("body-backing-households");
      await visible(households);
      await expect.poll(() => households.inputValue(), { timeout: 30_000 }).not.toBe("");
      await households.fill("2");
      await staff.page.getByTestId("body-save").click();
      await expect
        .poll(
          async () =>
            (await ok<{ backingHouseholds: number }>(staff.page, "GET", `/api/decide/bodies/${repsId}`)).backingHouseholds,
          {
            timeout: 30_000,
          },
        )
        .toBe(2);

      // --- The resident, on a phone, drafts and submits a proposal, then backs it. ---
      current = resident.page;
      await resident.page.goto(`${baseUrl}/decide/proposals/new`);
      await visible(resident.page.getByTestId("proposal-form-title"));
      await resident.page.getByTestId("proposal-form-title").fill(title);
      await resident.page
        .getByTestId("proposal-form-content")
        .fill("春熙路 2 号院门口台阶较高,轮椅和婴儿车进出困难,建议增设无障碍坡道并加装扶手。");
      await resident.page.getByTestId("proposal-form-cost").fill("18000");
      await resident.page.getByTestId("proposal-form-submit").click();
      await resident.page.waitForURL(/\/decide\/proposals\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      const proposalId = resident.page.url().split("/").pop() as string;
      await proposalStatus(resident.page, "collecting");
      await expect.poll(() => resident.page.getByTestId("backing-households").textContent(), { timeout: 30_000 }).toBe("0/2");
      await resident.page.getByTestId("proposal-back").click();
      await expect.poll(() => resident.page.getByTestId("backing-households").textContent(), { timeout: 30_000 }).toBe("1/2");
      await proposalStatus(resident.page, "collecting"); // one household is not enough
      // Backing twice is refused.
      expect((await call(resident.page, "POST", `/api/decide/proposals/${proposalId}/back`)).status).toBe(409);
      await shot(resident.page, "decide-proposal-backed-phone.png");

      // --- Staff enter a neighbour's paper signature (another household of the community) → threshold. ---
      current = staff.page;
      const standing = await ok<{ residentId: string }>(resident.page, "GET", "/api/decide/bodies/me");
      const self = await ok<{ householdId: string; gridId: string }>(staff.page, "GET", `/api/residents/${standing.residentId}`);
      const neighbours = await ok<{ items: Array<{ id: string; name: string; docMasked: string; householdId: string | null }> }>(
        staff.page,
        "GET",
        `/api/residents?areaId=${self.gridId}&pageSize=50`,
      );
      const neighbour = neighbours.items.find((r) => r.householdId && r.householdId !== self.householdId);
      expect(neighbour).toBeTruthy();
      const n = neighbour as { id: string; name: string; docMasked: string };
      await staff.page.goto(`${baseUrl}/decide/proposals/${proposalId}`);
      await proposalStatus(staff.page, "collecting");
      await staff.page.getByTestId("proposal-paper").click();
      const search = staff.page.locator('[data-testid="resident-search"]:visible');
      await search.click();
      await staff.page.keyboard.type(n.name);
      await staff.page.locator(".ant-select-item-option").filter({ hasText: n.docMasked }).first().click();
      await staff.page.locator('[data-testid="paper-save"]:visible').click();
      await proposalStatus(staff.page, "in_flow");
      await staff.page.keyboard.press("Escape"); // the paper dialog stays open for the next signature
      await staff.page.locator(".ant-modal-wrap:visible").waitFor({ state: "hidden", timeout: 10_000 });

      // The resident sees it in the flow too (UI and API).
      current = resident.page;
      await resident.page.reload();
      await proposalStatus(resident.page, "in_flow");
      const flowing = await ok<Proposal>(resident.page, "GET", `/api/decide/proposals/${proposalId}`);
      expect(flowing.status).toBe("in_flow");
      expect(flowing.currentStep).toBe(0);

      // --- Staff record step 1 (两委联席会议 discuss) and step 2 (党员大会 review) as passed. ---
      current = staff.page;
      await recordStep(staff.page, "两委联席会议讨论:同意提交党员大会审议。");
      await recordStep(staff.page, "党员大会审议:同意提交居民代表会议表决。");
      const reviewed = await ok<Proposal>(staff.page, "GET", `/api/decide/proposals/${proposalId}`);
      expect(reviewed.status).toBe("in_flow");
      expect(reviewed.currentStep).toBe(2);
      // The vote step cannot be passed without a vote that passed... nor with an unknown one.
      const noVote = await call(staff.page, "POST", `/api/decide/proposals/${proposalId}/steps`, {
        outcome: "pass",
        voteId: "00000000-0000-4000-8000-000000000000",
        version: reviewed.version,
      });
      expect(noVote.status).toBe(400);

      // --- A meeting of the representatives, linked to the proposal on its agenda. ---
      const meeting = await ok<{ id: string }>(staff.page, "POST", "/api/decide/meetings", {
        areaId: communityId,
        bodyId: repsId,
        kind: "body",
        title: `居民代表会议 ${tag}`,
        place: "春熙社区党群服务中心",
        startsAt: new Date().toISOString(),
        agenda: [{ title: `表决:${title}`, proposalId }],
      });
      const meetingUrl = `${baseUrl}/decide/meetings/${meeting.id}`;
      await staff.page.goto(meetingUrl);
      await staff.page.getByTestId("meeting-in_progress").click();
      await visible(staff.page.getByTestId("meeting-closed"));

      // The vote is set up from the meeting page (a draft of the body at this meeting).
      await staff.page.getByTestId("meeting-new-vote").click();
      await staff.page.waitForURL(/\/decide\/votes\/new\?/, { timeout: 30_000 });
      await staff.page.getByTestId("vote-title").fill(`关于“${title}”的表决`);
      await staff.page.getByTestId("vote-save").click();
      await staff.page.waitForURL(/\/decide\/votes\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      const voteId = staff.page.url().split("/").pop() as string;
      await visible(staff.page.getByTestId("vote-open"));

      // Sign in all but two of the quorum through the API (as a clerk would from the roll).
      const count0 = await ok<Count>(staff.page, "GET", `/api/decide/meetings/${meeting.id}/count`);
      expect(count0.expected).toBe(reps?.currentMembers);
      const needed = count0.needed as number;
      expect(needed).toBe(Math.ceil((count0.expected as number) * 0.6667));
      const roll = await ok<{ members: Array<{ memberId: string; signedIn: boolean }> }>(
        staff.page,
        "GET",
        `/api/decide/meetings/${meeting.id}/attendance`,
      );
      for (const m of roll.members.slice(0, needed - 2)) {
        await ok(staff.page, "POST", `/api/decide/meetings/${meeting.id}/attendance`, { memberId: m.memberId });
      }

      // Two more in the sign-in dialog: one short of the quorum first, then reached.
      await staff.page.goto(meetingUrl);
      const present = staff.page.getByTestId("meeting-present");
      const quorum = staff.page.getByTestId("meeting-quorum");
      await expect.poll(() => present.textContent(), { timeout: 30_000 }).toBe(String(needed - 2));
      await staff.page.getByTestId("meeting-signin-open").click();
      const signIn = staff.page.locator('[data-testid="signin-member"]:visible');
      await signIn.first().click();
      await expect.poll(() => present.textContent(), { timeout: 30_000 }).toBe(String(needed - 1));
      expect(await quorum.getAttribute("data-reached")).toBe("false");
      expect(await quorum.textContent()).toContain("1");
      const short = await ok<Count>(staff.page, "GET", `/api/decide/meetings/${meeting.id}/count`);
      expect(short).toMatchObject({ present: needed - 1, reached: false, short: 1 });
      // The vote cannot open one short of the quorum.
      const early = await call<{ error: { code: string } }>(staff.page, "POST", `/api/decide/votes/${voteId}/open`);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe("votes_quorum_not_met");
      await shot(staff.page, "decide-meeting-one-short.png");
      await signIn.first().click();
      await expect.poll(() => present.textContent(), { timeout: 30_000 }).toBe(String(needed));
      await expect.poll(() => quorum.getAttribute("data-reached"), { timeout: 30_000 }).toBe("true");
      await staff.page.keyboard.press("Escape");
      await shot(staff.page, "decide-meeting-quorum.png");

      // --- The vote: open, paper ballots (API, and one in the dialog), close, publish. ---
      await staff.page.goto(`${baseUrl}/decide/votes/${voteId}`);
      await staff.page.getByTestId("vote-open").click();
      await visible(staff.page.getByTestId("vote-paper"));
      const electors = await ok<{ items: Array<{ electorId: string }>; total: number }>(
        staff.page,
        "GET",
        `/api/decide/votes/${voteId}/electors?pageSize=100`,
      );
      expect(electors.total).toBe(count0.expected);
      const choices = [...Array(needed - 1).fill("yes"), "no", "no", "abstain"] as string[];
      for (const [i, choice] of choices.entries()) {
        await ok(staff.page, "POST", `/api/decide/votes/${voteId}/paper-ballots`, {
          serial: `P-${tag}-${i + 1}`,
          electorId: electors.items[i].electorId,
          choice,
        });
      }
      // The same paper serial twice is refused.
      const again = await call<{ error: { code: string } }>(staff.page, "POST", `/api/decide/votes/${voteId}/paper-ballots`, {
        serial: `P-${tag}-1`,
        electorId: electors.items[choices.length].electorId,
        choice: "yes",
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("votes_serial_used");
      await staff.page.reload();
      await staff.page.getByTestId("vote-paper").click();
      await staff.page.locator('[data-testid="paper-serial"]:visible').fill(`P-${tag}-UI`);
      await staff.page.locator('[data-testid="paper-elector"]:visible').click();
      await staff.page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
      // A click on the dialog's title closes the dropdown for sure.
      await staff.page.locator(".ant-modal-title:visible").first().click();
      await staff.page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden", timeout: 10_000 });
      await staff.page.locator(".ant-modal:visible .ant-radio-button-wrapper").filter({ hasText: "赞成" }).click();
      await staff.page.locator(".ant-modal:visible .ant-modal-footer .ant-btn-primary").click();
      const turnout = staff.page.getByTestId("vote-turnout");
      const cast = choices.length + 1;
      await expect
        .poll(async () => ((await turnout.textContent()) ?? "").replace(/\s/g, ""), { timeout: 30_000 })
        .toBe(`${cast}/${count0.expected}`);
      await staff.page.keyboard.press("Escape");
      await staff.page.getByTestId("vote-close").click();
      await staff.page.locator(".ant-modal-confirm-btns .ant-btn-primary").click();
      await visible(staff.page.getByTestId("vote-publish"));
      expect(await staff.page.getByTestId("vote-passed").first().textContent()).toContain("通过");
      await staff.page.getByTestId("vote-publish").click();
      await expect
        .poll(async () => (await ok<{ status: string }>(staff.page, "GET", `/api/decide/votes/${voteId}`)).status, {
          timeout: 30_000,
        })
        .toBe("published");
      const vote = await ok<{ passed: boolean; result: { counts: { yes: number; no: number; abstain: number } } }>(
        staff.page,
        "GET",
        `/api/decide/votes/${voteId}`,
      );
      expect(vote.passed).toBe(true);
      expect(vote.result.counts).toEqual({ yes: needed, no: 2, abstain: 1 });
      await shot(staff.page, "decide-vote-published.png");

      // --- Step 3 (居民代表会议 vote) with the vote: the proposal is adopted. ---
      await staff.page.goto(`${baseUrl}/decide/proposals/${proposalId}`);
      await proposalStatus(staff.page, "in_flow");
      await recordStep(staff.page, `居民代表会议表决:赞成 ${needed} 人,反对 2 人,弃权 1 人,通过。`, voteId);
      await proposalStatus(staff.page, "adopted");
      const adopted = await ok<Proposal>(staff.page, "GET", `/api/decide/proposals/${proposalId}`);
      expect(adopted).toMatchObject({ status: "adopted", decision: "adopted" });
      await shot(staff.page, "decide-proposal-adopted.png");

      // --- The resolution is disclosed as residents' affairs (drafted by API, published in the UI). ---
      const disclosureTitle = `居务公开:${title}`;
      const draft = await ok<{ id: string }>(staff.page, "POST", "/api/decide/disclosures", {
        areaId: communityId,
        category: "residents",
        title: disclosureTitle,
        fields: {
          matter: title,
          decision: `经居民代表会议表决通过(赞成 ${needed} 人,反对 2 人,弃权 1 人),实施该项目。`,
          basis: "《城市居民委员会组织法》;居民代表会议议事规则。",
        },
      });
      await staff.page.goto(`${baseUrl}/decide/disclosures/${draft.id}`);
      await staff.page.getByTestId("disclosure-publish-now").click();
      await staff.page.locator(".ant-popover:visible .ant-btn-primary").click();
      await expect
        .poll(() => staff.page.getByTestId("disclosure-status").first().textContent(), { timeout: 30_000 })
        .toBe("已公开");

      // --- The resident's hub shows the passed vote and the disclosure. ---
      current = resident.page;
      await resident.page.goto(`${baseUrl}/decide`);
      await visible(resident.page.getByTestId("decide-hub"));
      const votesCard = resident.page.getByTestId("votes-card");
      const result = votesCard.locator(".ant-list-item").filter({ hasText: `关于“${title}”的表决` });
      await visible(result);
      expect(await result.getByTestId("vote-passed").textContent()).toContain("通过");
      const disclosure = resident.page
        .getByTestId("disclosure-card")
        .getByTestId("disclosure-item")
        .filter({ hasText: disclosureTitle });
      await visible(disclosure);
      await shot(resident.page, "decide-hub-phone.png");
      // The full result page and the adopted proposal, as the resident sees them.
      await resident.page.goto(`${baseUrl}/decide/my-votes/${voteId}`);
      await visible(resident.page.getByTestId("vote-result"));
      expect(await resident.page.getByTestId("vote-result").getByTestId("vote-passed").first().textContent()).toContain("通过");
      await resident.page.goto(`${baseUrl}/decide/proposals/${proposalId}`);
      await proposalStatus(resident.page, "adopted");
      await shot(resident.page, "decide-proposal-adopted-phone.png");

      expect(resident.errors).toEqual([]);
      expect(staff.errors).toEqual([]);
    } catch (e) {
      await shot(current, "decide-failure.png");
      throw e;
    } finally {
      await resident.context.close();
      await staff.context.close();
    }
  });
});
