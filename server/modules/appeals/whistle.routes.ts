// 吹哨报到 over HTTP: blow the whistle on an order, report in, list whistles, and the departments'
// assessment (summoned, reported, late, not reported).
import { createRoute, z } from "@hono/zod-openapi";
import {
  actorOf,
  createRouter,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  Paging,
  requirePermission,
  requireUser,
} from "../../lib/http.js";
import * as service from "./service.js";
import { periodOf } from "./stats.routes.js";
import * as whistles from "./whistle.service.js";

export const whistleRoutes = createRouter();

const WhistleBody = z
  .object({
    leadUnitId: z.string().uuid().openapi({ description: "the lead unit (牵头单位): the order is dispatched to it" }),
    coUnitIds: z.array(z.string().uuid()).min(1).max(20).openapi({ description: "co-handling units (协办单位)" }),
    reportHours: z
      .number()
      .int()
      .min(1)
      .max(72)
      .default(2)
      .openapi({ description: "hours within which every unit must report in" }),
    note: z.string().trim().max(2000).nullable().optional(),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: "the order version you saw; a stale one is refused with 409" }),
  })
  .openapi("WhistleBody");

const ReportBody = z
  .object({
    unitId: z.string().uuid().openapi({ description: "the summoned unit reporting in (you must be a member)" }),
    part: z.string().trim().max(500).nullable().optional().openapi({ description: "what the unit takes on" }),
    result: z.string().trim().max(2000).nullable().optional().openapi({ description: "what it did or found" }),
  })
  .openapi("WhistleReportBody");

const WhistleUnit = z.object({
  unitId: z.string(),
  name: z.string(),
  kind: z.string(),
  role: z.enum(["lead", "co"]),
  reportedAt: z.string().nullable(),
  late: z.boolean().nullable().openapi({ description: "reported after the limit; null until reported" }),
  missed: z.boolean().openapi({ description: "not reported and the limit has passed" }),
  part: z.string().nullable(),
  result: z.string().nullable(),
});

const Whistle = z
  .object({
    id: z.string(),
    orderId: z.string(),
    orderNumber: z.string(),
    orderTitle: z.string(),
    orderStatus: z.string(),
    streetId: z.string().nullable(),
    streetName: z.string().nullable(),
    reportDueAt: z.string(),
    note: z.string().nullable(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    units: z.array(WhistleUnit),
  })
  .openapi("Whistle");

whistleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/orders/{id}/whistle",
    tags: ["appeals"],
    summary: "Blow the whistle (吹哨): summon a lead and co-handling units; the order goes to the lead",
    request: { params: IdParam, body: jsonBody(WhistleBody) },
    responses: {
      201: json(z.object({ id: z.string(), orderId: z.string(), reportDueAt: z.string(), version: z.number() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const out = await whistles.blow(c.get("deps"), user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 201);
  },
);

whistleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/orders/{id}/whistle",
    tags: ["appeals"],
    summary: "The latest whistle blown on an order, or null",
    request: { params: IdParam },
    responses: { 200: json(z.object({ whistle: Whistle.nullable() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get("deps");
    const { order } = await service.readOrderOrNotFound(deps, user, c.req.valid("param").id);
    return c.json({ whistle: await whistles.ofOrder(deps, order.id) }, 200);
  },
);

whistleRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/whistles/{id}/report",
    tags: ["appeals"],
    summary: "Report in (报到) for a summoned unit; once per unit, late when after the limit",
    request: { params: IdParam, body: jsonBody(ReportBody) },
    responses: {
      200: json(
        z.object({ whistleId: z.string(), unitId: z.string(), reportedAt: z.string(), late: z.boolean(), closed: z.boolean() }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.handle");
    return c.json(await whistles.report(c.get("deps"), user, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200);
  },
);

whistleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/whistles",
    tags: ["appeals"],
    summary: "Whistles in my scope or summoning my units, newest first, with each unit's report",
    request: {
      query: Paging.extend({
        open: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => v === "true")
          .openapi({ description: "only whistles some unit has not reported to yet" }),
        streetId: z.string().uuid().optional(),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(Whistle) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await whistles.list(c.get("deps"), user, c.req.valid("query")) }, 200);
  },
);

whistleRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/whistles/assessment",
    tags: ["appeals"],
    summary: "Departments' report-in record over whistles blown in [from, to) in my scope",
    request: {
      query: z.object({
        from: z.string().trim().optional().openapi({ description: "CST date or ISO instant; default 30 days before `to`" }),
        to: z.string().trim().optional().openapi({ description: "CST date or ISO instant, exclusive; default now" }),
      }),
    },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              unitId: z.string(),
              name: z.string(),
              summoned: z.number().int(),
              reported: z.number().int(),
              late: z.number().int().openapi({ description: "reported after the limit" }),
              notReported: z.number().int(),
              missed: z.number().int().openapi({ description: "not reported and past the limit" }),
            }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.read");
    const p = periodOf(c.req.valid("query"));
    return c.json({ items: await whistles.assessment(c.get("deps"), user, p) }, 200);
  },
);
