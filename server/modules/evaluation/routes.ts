// HTTP routes of the evaluation module (评议): surveys, their items and candidates, answers online
// and on paper, open/close, and the results published at close.
import { createRoute, z } from "@hono/zod-openapi";
import {
  actorOf,
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
import { RATINGS, SURVEY_KINDS, TARGET_TYPES } from "./rules.js";
import * as service from "./service.js";

export const evaluationRoutes = createRouter();

const Kind = z.enum(SURVEY_KINDS);
const TargetType = z.enum(TARGET_TYPES);
const Rating = z.enum(RATINGS);
const Status = z.enum(["draft", "open", "closed"]);
const ItemStatus = z.enum(["open", "kept", "reopened"]);

const Instant = z
  .string()
  .datetime({ offset: true })
  .nullable()
  .optional()
  .openapi({ description: "ISO instant with offset, e.g. 2025-06-30T18:00:00+08:00" });

const ItemBody = z.object({
  targetType: TargetType,
  targetId: z.string().uuid().nullable().optional().openapi({
    description: "the rated record: a project, proposal, unit, or cadre (user id, or body membership id)",
  }),
  label: z.string().trim().max(200).nullable().optional().openapi({ description: "defaults to the record's name" }),
  ownerUserId: z.string().uuid().nullable().optional().openapi({
    description: "who gets the item back if reopened; defaults to the cadre, the project's owner, or the survey's creator",
  }),
});

const SurveyBody = z
  .object({
    areaId: z.string().uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).nullable().optional(),
    kind: Kind,
    threshold: z
      .object({ numerator: z.number().int().min(0), denominator: z.number().int().min(1).max(1000) })
      .nullable()
      .optional()
      .openapi({ description: "reopen an item when satisfied ÷ all < numerator ÷ denominator; default 1/3" }),
    opensAt: Instant,
    closesAt: Instant,
    items: z.array(ItemBody).min(1).max(200),
  })
  .openapi("SurveyBody");

const Survey = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind: Kind,
    status: Status,
    threshold: z.object({ numerator: z.number().int(), denominator: z.number().int() }),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    createdAt: z.string(),
    accepting: z.boolean().openapi({ description: "answers are accepted right now" }),
    itemCount: z.number().int(),
    responseCount: z.number().int(),
    answered: z.boolean().nullable().openapi({ description: "for a resident: whether they have answered; null for staff" }),
  })
  .openapi("Survey");

const Item = z.object({
  id: z.string(),
  position: z.number().int(),
  targetType: TargetType,
  targetId: z.string().nullable(),
  label: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  status: ItemStatus,
});

const SurveyDetail = Survey.extend({
  items: z.array(Item),
  electorate: z.number().int().nullable().openapi({ description: "residents living in the area (staff only)" }),
  myResponse: z
    .object({
      channel: z.string(),
      createdAt: z.string(),
      ratings: z.array(z.object({ itemId: z.string(), rating: Rating, comment: z.string().nullable() })),
    })
    .nullable(),
}).openapi("SurveyDetail");

const Results = z
  .object({
    survey: Survey,
    threshold: z.object({ numerator: z.number().int(), denominator: z.number().int(), text: z.string() }),
    responses: z.number().int(),
    electorate: z.number().int(),
    items: z.array(
      Item.extend({
        satisfied: z.number().int(),
        basic: z.number().int(),
        dissatisfied: z.number().int(),
        total: z.number().int(),
        rate: z.string().nullable().openapi({ description: "satisfied ÷ all, percent with 2 decimals; null with no ratings" }),
        positiveRate: z.string().nullable().openapi({ description: "(satisfied + basically satisfied) ÷ all, percent" }),
        commentsCount: z.number().int(),
        comments: z
          .array(z.object({ rating: Rating, comment: z.string() }))
          .nullable()
          .openapi({ description: "anonymous comments, staff only (null for residents)" }),
      }),
    ),
  })
  .openapi("SurveyResults");

const Candidate = z
  .object({
    targetType: TargetType,
    targetId: z.string(),
    label: z.string(),
    detail: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
  })
  .openapi("SurveyCandidate");

const RatingBody = z.object({
  itemId: z.string().uuid(),
  rating: Rating,
  comment: z.string().trim().max(1000).nullable().optional(),
});

const ResponseBody = z.object({ ratings: z.array(RatingBody).min(1).max(200) }).openapi("SurveyResponseBody");
const PaperBody = z
  .object({ residentId: z.string().uuid(), ratings: z.array(RatingBody).min(1).max(200) })
  .openapi("SurveyPaperBody");
const ResponseOut = z.object({
  id: z.string(),
  duplicate: z.boolean().openapi({ description: "true when the same answers had already been recorded" }),
});

evaluationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/surveys",
    tags: ["evaluation"],
    summary: "Surveys I can see: staff in scope, residents those of the areas they live in (never drafts)",
    request: {
      query: Paging.extend({
        status: Status.optional(),
        kind: Kind.optional(),
        areaId: z.string().uuid().optional(),
        todo: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => v === "true")
          .openapi({ description: "only surveys open now that I have not answered" }),
      }),
    },
    responses: { 200: json(pageOf(Survey)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.listSurveys(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/surveys/candidates",
    tags: ["evaluation"],
    summary: "What a survey of an area can rate: its cadres, projects, proposals or units",
    request: { query: z.object({ areaId: z.string().uuid(), type: TargetType }) },
    responses: { 200: json(z.object({ items: z.array(Candidate) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const q = c.req.valid("query");
    return c.json({ items: await service.candidates(c.get("deps").db, user, q.areaId, q.type) }, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/surveys",
    tags: ["evaluation"],
    summary: "Set up a survey (a draft) with its items",
    request: { body: jsonBody(SurveyBody) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await service.createSurvey(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/surveys/{id}",
    tags: ["evaluation"],
    summary: "A survey with its items and, for a resident, their own answers (never anyone else's)",
    request: { params: IdParam },
    responses: { 200: json(SurveyDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.getSurvey(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/decide/surveys/{id}",
    tags: ["evaluation"],
    summary: "Change a draft survey and replace its items",
    request: { params: IdParam, body: jsonBody(SurveyBody) },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await service.updateSurvey(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/surveys/{id}/open",
    tags: ["evaluation"],
    summary: "Open a draft survey for answers",
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string(), status: Status })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await service.openSurvey(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/surveys/{id}/close",
    tags: ["evaluation"],
    summary: "Close an open survey: judge every item, reopen those below the threshold, publish the results",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          id: z.string(),
          status: z.literal("closed"),
          items: z.array(
            z.object({
              id: z.string(),
              label: z.string(),
              status: z.enum(["kept", "reopened"]),
              rate: z.string().nullable(),
              total: z.number().int(),
            }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await service.closeSurvey(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/surveys/{id}/responses",
    tags: ["evaluation"],
    summary: "Answer a survey as a resident of its area: every item once; one response per resident",
    request: { params: IdParam, body: jsonBody(ResponseBody) },
    responses: { 201: json(ResponseOut), 200: json(ResponseOut, "The same answers were already recorded"), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.participate");
    const out = await service.respond(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").ratings);
    return out.duplicate ? c.json(out, 200) : c.json(out, 201);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/surveys/{id}/paper",
    tags: ["evaluation"],
    summary: "Enter a paper questionnaire naming the resident; once per resident",
    request: { params: IdParam, body: jsonBody(PaperBody) },
    responses: { 201: json(ResponseOut), 200: json(ResponseOut, "The same answers were already recorded"), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.record");
    const out = await service.recordPaper(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return out.duplicate ? c.json(out, 200) : c.json(out, 201);
  },
);

evaluationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/surveys/{id}/results",
    tags: ["evaluation"],
    summary: "Results published at close: per item the counts, rates and verdict (409 before close)",
    request: { params: IdParam },
    responses: { 200: json(Results), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.getResults(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);
