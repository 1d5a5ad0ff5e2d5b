// HTTP routes of the budget module: funds, rounds and their phases, ideas and costing, results.
import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, createRouter, errorResponses, IdParam, json, jsonBody, Paging, pageOf, requireUser } from "../../lib/http.js";
import * as service from "./service.js";

export const budgetRoutes = createRouter();

const tags = ["budget"];
const Money = z
  .union([z.string().trim(), z.number()])
  .transform((v) => String(v))
  .openapi({ type: "string", example: "240000.00", description: "yuan, at most 2 decimals" });
const Year = z.coerce.number().int().min(2000).max(2100).openapi({ example: 2026 });
const Phase = z.enum(["collect", "costing", "voting", "results", "implementation", "cancelled"]);
const BallotRule = z.enum(["knapsack", "up_to_k"]).openapi({
  description: "knapsack: a ballot's total cost may not exceed the fund; up_to_k: approve at most maxChoices projects",
});

const Fund = z
  .object({
    areaId: z.string(),
    areaName: z.string(),
    level: z.string(),
    year: z.number().int(),
    amount: z.string(),
    isDefault: z
      .boolean()
      .openapi({ description: "no amount set: the default for the level (community 240000, street 1250000)" }),
    note: z.string().nullable().optional(),
    updatedAt: z.string().nullable().optional(),
  })
  .openapi("BudgetFund");

const Round = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    year: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    phase: Phase,
    fund: z.string(),
    ballotRule: BallotRule,
    maxChoices: z.number().int().nullable(),
    electorate: z.enum(["residents", "households"]),
    voteId: z.string().nullable(),
    disclosureId: z.string().nullable(),
    cancelReason: z.string().nullable(),
    ideas: z.number().int(),
    assessed: z.number().int(),
    feasible: z.number().int(),
    phaseChangedAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("BudgetRound");

const Idea = z
  .object({
    id: z.string(),
    roundId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    location: z.string().nullable(),
    estimatedCost: z.string().nullable(),
    cost: z.string().nullable(),
    feasible: z.boolean().nullable(),
    feasibilityNote: z.string().nullable(),
    costedAt: z.string().nullable(),
    projectId: z.string().nullable(),
    submitterName: z.string().nullable().openapi({ description: "staff only" }),
    mine: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("BudgetIdea");

const Step = z.object({
  rank: z.number().int(),
  ideaId: z.string(),
  title: z.string(),
  votes: z.number().int(),
  cost: z.string(),
  remainingBefore: z.string(),
  decision: z.enum(["funded", "skipped"]),
  reason: z.enum(["fits", "does_not_fit", "no_votes"]),
  remainingAfter: z.string(),
});

const Results = z
  .object({
    roundId: z.string(),
    phase: Phase,
    fund: z.string(),
    spent: z.string(),
    remaining: z.string(),
    tieRule: z.literal("lower_cost_then_id").openapi({
      description: "ranked by votes (desc), then cost (asc), then idea id (asc); projects with no votes are not funded",
    }),
    ballots: z.number().int().nullable(),
    winners: z.array(
      z.object({
        ideaId: z.string(),
        title: z.string(),
        votes: z.number().int(),
        cost: z.string(),
        projectId: z.string().nullable(),
      }),
    ),
    steps: z.array(Step),
  })
  .openapi("BudgetResults");

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---- funds

budgetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/budget/funds",
    tags,
    summary: "Yearly funds of the streets and communities in my scope (the default where none is set)",
    request: { query: z.object({ year: Year, areaId: z.string().uuid().optional() }) },
    responses: { 200: json(z.object({ items: z.array(Fund) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await service.listFunds(c.get("deps").db, user, c.req.valid("query")) }, 200);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/decide/budget/funds",
    tags,
    summary: "Set the fund of a street or community for a year; rounds still collecting or costing follow it",
    request: {
      body: jsonBody(
        z.object({ areaId: z.string().uuid(), year: Year, amount: Money, note: optText(500) }).openapi("BudgetFundInput"),
      ),
    },
    responses: { 200: json(Fund), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.setFund(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 200);
  },
);

// ---- rounds

budgetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/budget/rounds",
    tags,
    summary: "Budget rounds: staff see their scope, residents the rounds of the areas they live in",
    request: { query: Paging.extend({ areaId: z.string().uuid().optional(), year: Year.optional(), phase: Phase.optional() }) },
    responses: { 200: json(pageOf(Round)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.listRounds(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

const RoundSettings = {
  title: text(200),
  description: optText(4000),
  ballotRule: BallotRule.optional(),
  maxChoices: z.number().int().nullable().optional().openapi({ description: "k of an up_to_k ballot" }),
  electorate: z.enum(["residents", "households"]).optional().openapi({ description: "one ballot per resident or per household" }),
};

budgetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/budget/rounds",
    tags,
    summary: "Start a round for an area and year (one live round each); it starts collecting ideas",
    request: {
      body: jsonBody(z.object({ areaId: z.string().uuid(), year: Year, ...RoundSettings }).openapi("BudgetRoundInput")),
    },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.createRound(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/budget/rounds/{id}",
    tags,
    summary: "A budget round",
    request: { params: IdParam },
    responses: { 200: json(Round), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.getRound(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/budget/rounds/{id}",
    tags,
    summary: "Change a round's title and ballot settings while it is collecting or costing",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ ...RoundSettings, title: text(200).optional() }).openapi("BudgetRoundPatch")),
    },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await service.updateRound(c.get("deps").db, user, actorOf(c), id, c.req.valid("json")), 200);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/budget/rounds/{id}/advance",
    tags,
    summary:
      "Move a round to its next phase (collect → costing → voting → results → implementation) or cancel it. " +
      "voting: every idea assessed, one feasible; opens the budget vote. results: closes the vote and computes " +
      "the winners. implementation: winners become practical projects and the spending is disclosed.",
    request: {
      params: IdParam,
      body: jsonBody(
        z
          .object({
            to: Phase.openapi({ description: "the phase expected next (or cancelled); anything else is refused with 409" }),
            reason: optText(1000).openapi({ description: "required to cancel" }),
            closesAt: z.coerce.date().nullable().optional().openapi({ description: "voting: when the vote closes" }),
          })
          .openapi("BudgetAdvance"),
      ),
    },
    responses: { 200: json(z.object({ id: z.string(), phase: Phase })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await service.advance(c.get("deps").db, user, actorOf(c), id, c.req.valid("json")), 200);
  },
);

// ---- ideas

budgetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/budget/rounds/{id}/ideas",
    tags,
    summary: "The project ideas of a round, oldest first, with costing and feasibility",
    request: { params: IdParam },
    responses: { 200: json(z.object({ items: z.array(Idea), phase: Phase })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.listIdeas(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/budget/rounds/{id}/ideas",
    tags,
    summary: "Submit a project idea while the round collects (residents of the area; staff for paper ideas)",
    request: {
      params: IdParam,
      body: jsonBody(
        z
          .object({
            title: text(200),
            description: optText(4000),
            location: optText(200),
            estimatedCost: Money.nullable().optional().openapi({ description: "the resident's own estimate, optional" }),
          })
          .openapi("BudgetIdeaInput"),
      ),
    },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await service.submitIdea(c.get("deps").db, user, actorOf(c), id, c.req.valid("json")), 201);
  },
);

budgetRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/budget/ideas/{id}/cost",
    tags,
    summary: "Feasibility and costing of an idea by staff while the round is costing (may be revised until voting)",
    request: {
      params: IdParam,
      body: jsonBody(
        z
          .object({
            feasible: z.boolean(),
            cost: Money.nullable().optional().openapi({ description: "required when feasible; at most the round's fund" }),
            note: optText(2000).openapi({ description: "required when not feasible: the reason" }),
          })
          .openapi("BudgetCosting"),
      ),
    },
    responses: {
      200: json(z.object({ id: z.string(), feasible: z.boolean(), cost: z.string().nullable(), note: z.string().nullable() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid("param");
    return c.json(await service.costIdea(c.get("deps").db, user, actorOf(c), id, c.req.valid("json")), 200);
  },
);

// ---- results

budgetRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/budget/rounds/{id}/results",
    tags,
    summary: "Winners and the step-by-step computation (greedy by votes within the fund, stated tie rule)",
    request: { params: IdParam },
    responses: { 200: json(Results), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.results(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);
