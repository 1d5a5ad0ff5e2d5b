// HTTP routes of the votes module: votes (set-up, life cycle, ballots, results, the published
// ballot list, receipts, recount), flat owners, and the meetings' routes.
import { createRoute, z } from "@hono/zod-openapi";
import { fieldError } from "../../lib/errors.js";
import {
  actorOf,
  type Ctx,
  createRouter,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  Paging,
  pageOf,
  requirePermission,
  requireUser,
} from "../../lib/http.js";
import { meetingRoutes } from "./meetings.routes.js";
import * as owners from "./owners.service.js";
import * as votes from "./service.js";

export const votesRoutes = createRouter();
votesRoutes.route("/", meetingRoutes);

const KINDS = ["yes_no", "choose", "budget"] as const;
const ELECTORATES = ["body", "residents", "households", "owners"] as const;
const STATUSES = ["draft", "open", "closed", "published", "cancelled"] as const;
const THRESHOLDS = ["none", "more_than_half", "two_thirds", "three_quarters"] as const;
const Money = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/)
  .openapi({ example: "240000.00" });

const RuleBody = z
  .object({
    quorum: z
      .string()
      .trim()
      .max(12)
      .optional()
      .openapi({ description: "minimum participation of the electorate, e.g. 1/2, 2/3, 0.6, 0" }),
    threshold: z
      .enum(THRESHOLDS)
      .optional()
      .openapi({ description: "more than half; two thirds or three quarters (bound included)" }),
    base: z.enum(["participating", "electorate"]).optional(),
    matter: z.enum(["ordinary", "special"]).optional().openapi({ description: "owners' votes (Civil Code art. 278)" }),
  })
  .openapi("VoteRuleBody");

const VoteBody = z
  .object({
    areaId: z.string().uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(10000).nullable().optional(),
    kind: z.enum(KINDS),
    electorate: z.enum(ELECTORATES),
    bodyId: z.string().uuid().nullable().optional(),
    meetingId: z.string().uuid().nullable().optional(),
    proposalId: z.string().uuid().nullable().optional(),
    recallMemberId: z.string().uuid().nullable().optional(),
    buildingId: z.string().uuid().nullable().optional(),
    secret: z.boolean().default(false),
    options: z
      .array(
        z.object({
          label: z.string().trim().min(1).max(200),
          cost: Money.nullable().optional(),
          refId: z.string().uuid().nullable().optional(),
        }),
      )
      .max(100)
      .optional(),
    maxChoices: z.number().int().min(1).max(100).nullable().optional(),
    fund: Money.nullable().optional(),
    budgetRule: z.enum(["knapsack", "up_to_k"]).optional(),
    rule: RuleBody.optional(),
    opensAt: z.string().datetime({ offset: true }).nullable().optional(),
    closesAt: z.string().datetime({ offset: true }).nullable().optional(),
  })
  .openapi("VoteBody");

const Rule = z
  .object({
    quorum: z.string(),
    threshold: z.enum(THRESHOLDS),
    base: z.enum(["participating", "electorate"]),
    matter: z.enum(["ordinary", "special"]).optional(),
  })
  .openapi("VoteRule");

const Text = z.object({ zh: z.string(), en: z.string() });

const Check = z.object({
  key: z.enum(["quorum", "threshold", "area_turnout", "head_turnout", "area_yes", "head_yes"]),
  value: z.string(),
  base: z.string(),
  ratio: z.string(),
  op: z.enum([">", ">="]),
  needed: z.string(),
  met: z.boolean(),
});

const Result = z
  .object({
    kind: z.enum(KINDS),
    electorate: z.enum(ELECTORATES),
    rule: Rule,
    electorateCount: z.number().int(),
    electorateArea: z.string().nullable(),
    turnout: z.number().int(),
    turnoutArea: z.string().nullable(),
    counts: z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() }).nullable(),
    areas: z.object({ yes: z.string(), no: z.string(), abstain: z.string() }).nullable(),
    blank: z.number().int(),
    options: z
      .array(
        z.object({
          id: z.string(),
          position: z.number().int(),
          label: z.string(),
          votes: z.number().int(),
          cost: z.string().nullable(),
          refId: z.string().nullable(),
          approved: z.boolean(),
        }),
      )
      .nullable(),
    winners: z.array(z.string()),
    tied: z.array(z.string()),
    budget: z
      .object({
        winners: z.array(z.string()),
        steps: z.array(
          z.object({
            id: z.string(),
            votes: z.number().int(),
            cost: z.string(),
            remainingBefore: z.string(),
            decision: z.enum(["funded", "skipped"]),
            remainingAfter: z.string(),
            reason: z.string().optional(),
          }),
        ),
        spent: z.string(),
        remaining: z.string(),
        tieRule: z.string(),
      })
      .nullable(),
    checks: z.array(Check),
    quorumMet: z.boolean(),
    passed: z.boolean(),
    explanation: Text,
  })
  .openapi("VoteResult");

const Me = z.object({ elector: z.boolean(), voted: z.boolean(), canCast: z.boolean() });

const VoteItem = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(KINDS),
    electorate: z.enum(ELECTORATES),
    secret: z.boolean(),
    status: z.enum(STATUSES),
    areaId: z.string(),
    areaName: z.string(),
    meetingId: z.string().nullable(),
    proposalId: z.string().nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    electorateCount: z.number().int().nullable(),
    turnout: z.number().int(),
    passed: z.boolean().nullable(),
    me: Me,
  })
  .openapi("VoteItem");

const Vote = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    districtId: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    buildingId: z.string().nullable(),
    bodyId: z.string().nullable(),
    bodyName: z.string().nullable(),
    meetingId: z.string().nullable(),
    meetingTitle: z.string().nullable(),
    proposalId: z.string().nullable(),
    recallMemberId: z.string().nullable(),
    recallMemberName: z.string().nullable(),
    kind: z.enum(KINDS),
    electorate: z.enum(ELECTORATES),
    secret: z.boolean(),
    status: z.enum(STATUSES),
    rule: Rule,
    ruleText: Text,
    budgetRule: z.enum(["knapsack", "up_to_k"]).nullable(),
    fund: z.string().nullable(),
    maxChoices: z.number().int().nullable(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    electorateCount: z.number().int().nullable(),
    electorateArea: z.string().nullable(),
    turnout: z.number().int(),
    passed: z.boolean().nullable(),
    result: Result.nullable(),
    options: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        label: z.string(),
        cost: z.string().nullable(),
        refId: z.string().nullable(),
      }),
    ),
    me: Me,
    canManage: z.boolean(),
    canRecord: z.boolean(),
  })
  .openapi("Vote");

const BallotBody = z
  .object({
    choice: z.enum(["yes", "no", "abstain"]).optional().openapi({ description: "yes/no votes" }),
    optionIds: z.array(z.string().uuid()).max(100).optional().openapi({ description: "choose and budget votes" }),
  })
  .openapi("BallotBody");

const Receipt = z.object({
  receipt: z.string().openapi({ description: "shown once: keep it to check your ballot in the published list" }),
});

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes",
    tags: ["decide"],
    summary: "Votes in my scope (staff) or of the areas I live in (residents; never drafts), newest first",
    request: {
      query: Paging.extend({
        status: z.enum(STATUSES).optional(),
        areaId: z.string().uuid().optional(),
        meetingId: z.string().uuid().optional(),
        proposalId: z.string().uuid().optional(),
        toCast: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => v === "true")
          .openapi({ description: "only open votes I may still cast" }),
      }),
    },
    responses: { 200: json(pageOf(VoteItem)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.listVotes(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes",
    tags: ["decide"],
    summary: "Set up a vote (a draft): kind, electorate, rule, secret or open, options",
    request: { body: jsonBody(VoteBody) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const db = c.get("deps").db;
    const body = c.req.valid("json");
    const area = await db
      .selectFrom("areas")
      .select(["id", "path", "district_id"])
      .where("id", "=", body.areaId)
      .executeTakeFirst();
    if (!area?.district_id) throw fieldError("areaId", "unknown_reference");
    if (!user.scope.paths.some((p) => area.path === p || area.path.startsWith(`${p}.`)))
      throw fieldError("areaId", "not_in_scope");
    const districtId = area.district_id;
    const id = await db.transaction().execute((trx) =>
      votes.createVoteTx(trx, actorOf(c), {
        ...body,
        districtId,
        areaId: area.id,
        areaPath: area.path,
        rule: body.rule,
        opensAt: body.opensAt ? new Date(body.opensAt) : null,
        closesAt: body.closesAt ? new Date(body.closesAt) : null,
        createdBy: user.id,
      }),
    );
    return c.json({ id }, 201);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}",
    tags: ["decide"],
    summary: "A vote with its options, turnout so far, my part in it, and the result when visible",
    request: { params: IdParam },
    responses: { 200: json(Vote), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.getVote(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

const Lifecycle = z.object({ id: z.string(), status: z.enum(STATUSES) });

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/open",
    tags: ["decide"],
    summary: "Open a vote: snapshot the electorate; a vote at a meeting needs the meeting's quorum",
    request: { params: IdParam },
    responses: {
      200: json(Lifecycle.extend({ electorateCount: z.number().int(), electorateArea: z.string().nullable() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await votes.openVote(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/close",
    tags: ["decide"],
    summary: "Close a vote: tally the ballots, store the result with the rule; a passed recall ends the member's term",
    request: { params: IdParam },
    responses: { 200: json(Lifecycle.extend({ passed: z.boolean(), result: Result })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await votes.closeVote(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/publish",
    tags: ["decide"],
    summary: "Publish the result and the ballot list",
    request: { params: IdParam },
    responses: { 200: json(Lifecycle), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await votes.publishVote(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/cancel",
    tags: ["decide"],
    summary: "Cancel a draft or open vote",
    request: { params: IdParam, body: jsonBody(z.object({ reason: z.string().trim().min(1).max(2000) })) },
    responses: { 200: json(Lifecycle), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(
      await votes.cancelVote(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").reason),
      200,
    );
  },
);

/** A secret ballot's receipt must not be kept next to the voter: drop any stored idempotent replay. */
async function forgetReplay(c: Ctx, userId: string) {
  const key = c.req.header("idempotency-key");
  if (key) await c.get("deps").db.deleteFrom("idempotency_keys").where("user_id", "=", userId).where("key", "=", key).execute();
}

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/ballots",
    tags: ["decide"],
    summary: "Cast my ballot online (once; I must be in the electorate). Returns a receipt code, once",
    request: { params: IdParam, body: jsonBody(BallotBody) },
    responses: { 201: json(Receipt), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const out = await votes.castOnline(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    await forgetReplay(c, user.id);
    return c.json(out, 201);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/votes/{id}/paper-ballots",
    tags: ["decide"],
    summary: "Enter a paper ballot (decide.record): its serial (once per vote) and the elector who handed it in",
    request: {
      params: IdParam,
      body: jsonBody(BallotBody.extend({ serial: z.string().trim().min(1).max(40), electorId: z.string().uuid() })),
    },
    responses: { 201: json(Receipt), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.record");
    const out = await votes.castPaper(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    await forgetReplay(c, user.id);
    return c.json(out, 201);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}/electors",
    tags: ["decide"],
    summary: "The snapshotted electorate with who has taken part (staff; never what they chose)",
    request: {
      params: IdParam,
      query: Paging.extend({
        search: z.string().trim().max(50).optional(),
        voted: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => (v === undefined ? undefined : v === "true")),
      }),
    },
    responses: {
      200: json(
        pageOf(
          z.object({
            electorId: z.string(),
            label: z.string(),
            area: z.string(),
            flats: z.number().int(),
            voted: z.boolean(),
            channel: z.enum(["online", "paper"]).nullable(),
            paperSerial: z.string().nullable(),
          }),
        ),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    return c.json(await votes.listElectors(c.get("deps").db, user, c.req.valid("param").id, c.req.valid("query")), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}/result",
    tags: ["decide"],
    summary: "The stored result with the rule that decided it (staff once closed; everyone once published)",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          id: z.string(),
          status: z.enum(STATUSES),
          passed: z.boolean().nullable(),
          rule: Rule,
          ruleText: Text,
          result: Result,
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.voteResult(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}/ballots",
    tags: ["decide"],
    summary: "The published ballot list: receipt and choice of every ballot (no voters), to check and recount",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          kind: z.enum(KINDS),
          options: z.array(z.object({ id: z.string(), position: z.number().int(), label: z.string() })),
          items: z.array(
            z.object({ receipt: z.string(), choice: z.string(), labels: z.array(z.string()), area: z.string().nullable() }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.ballotList(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}/receipt",
    tags: ["decide"],
    summary: "Check a receipt: was the ballot counted, and with which choice",
    request: { params: IdParam, query: z.object({ code: z.string().trim().min(1).max(40) }) },
    responses: {
      200: json(
        z.object({ receipt: z.string(), found: z.boolean(), choice: z.string().nullable(), labels: z.array(z.string()) }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.checkReceipt(c.get("deps").db, user, c.req.valid("param").id, c.req.valid("query").code), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/votes/{id}/recount",
    tags: ["decide"],
    summary: "Recount the published ballot list with the same tally and compare with the stored result",
    request: { params: IdParam },
    responses: {
      200: json(z.object({ matches: z.boolean(), ballots: z.number().int(), recounted: Result, stored: Result })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await votes.recount(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/owners",
    tags: ["decide"],
    summary: "Flats of an area with their owner (set explicitly, else the household head) and floor area",
    request: {
      query: Paging.extend({
        areaId: z.string().uuid(),
        buildingId: z.string().uuid().optional(),
        householdId: z.string().uuid().optional(),
      }),
    },
    responses: {
      200: json(
        pageOf(
          z.object({
            householdId: z.string(),
            address: z.string(),
            floorArea: z.string().nullable(),
            ownerResidentId: z.string().nullable(),
            ownerName: z.string().nullable(),
            explicit: z.boolean(),
          }),
        ),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    return c.json(await owners.listOwners(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

votesRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/decide/households/{id}/owner",
    tags: ["decide"],
    summary: "Set the owner of a flat (for owners' votes); null falls back to the household head",
    request: { params: IdParam, body: jsonBody(z.object({ residentId: z.string().uuid().nullable() })) },
    responses: {
      200: json(z.object({ householdId: z.string(), ownerResidentId: z.string().nullable(), explicit: z.boolean() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(
      await owners.setOwner(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").residentId),
      200,
    );
  },
);
