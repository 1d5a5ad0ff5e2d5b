// The appeals dashboard: the three rates ranked by street, community, grid, unit, category, channel
// or day; per-grid figures for the map; the daily trend. Always within the caller's data scope.
import { createRoute, z } from "@hono/zod-openapi";
import { fieldError } from "../../lib/errors.js";
import { createRouter, errorResponses, json, requirePermission } from "../../lib/http.js";
import { cstDay, cstMidnight } from "./calendar.js";
import { GROUP_KEYS, mapStats, type Period, stats, trend } from "./stats.repository.js";

export const statsRoutes = createRouter();

const DAY = 86_400_000;
/** The longest period one request may cover. */
export const MAX_PERIOD_DAYS = 731;

const Instant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/)
  .optional()
  .openapi({ description: "a CST date (YYYY-MM-DD, from its midnight) or an ISO instant", example: "2026-01-01" });

const PeriodQuery = z.object({
  from: Instant.openapi({ description: "start, inclusive; default 30 days before `to`" }),
  to: Instant.openapi({
    description: "end, exclusive; default now. A date means the start of that day: to=2027-01-01 covers 2026",
  }),
});

const at = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(cstMidnight(s)) : new Date(s));

export function periodOf(q: { from?: string; to?: string }, now = new Date()): Period {
  const to = q.to ? at(q.to) : now;
  const from = q.from ? at(q.from) : new Date(cstMidnight(cstDay(to.getTime() - 30 * DAY)));
  if (Number.isNaN(to.getTime())) throw fieldError("to", "invalid_value");
  if (Number.isNaN(from.getTime()) || from.getTime() >= to.getTime()) throw fieldError("from", "invalid_value");
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) throw fieldError("from", "invalid_value");
  return { from, to };
}

const RateFields = {
  orders: z.number().int(),
  responseRate: z.number().nullable().openapi({ description: "响应率: contacted by the response deadline ÷ settled" }),
  resolutionRate: z.number().nullable().openapi({ description: "解决率: resolved ÷ call-backs" }),
  satisfactionRate: z.number().nullable().openapi({ description: "满意率: satisfied or basically satisfied ÷ call-backs" }),
  onTimeRate: z.number().nullable().openapi({ description: "按时办结率: answered by the deadline ÷ settled" }),
  averageHandlingHours: z.number().nullable(),
};

const StatsResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_KEYS),
    total: z.object({
      ...RateFields,
      responseSettled: z.number().int(),
      respondedOnTime: z.number().int(),
      callbacks: z.number().int(),
      resolved: z.number().int(),
      satisfied: z.number().int(),
      resolveSettled: z.number().int(),
      answeredOnTime: z.number().int(),
      answered: z.number().int(),
      handlingHoursTotal: z.number(),
    }),
    rows: z.array(z.object({ key: z.string().nullable(), name: z.string(), ...RateFields })),
  })
  .openapi("AppealStats");

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/appeals/stats",
    tags: ["appeals"],
    summary: "The three rates over orders accepted in [from, to), grouped and ranked best first (days in order)",
    request: { query: PeriodQuery.extend({ groupBy: z.enum(GROUP_KEYS).default("community") }) },
    responses: { 200: json(StatsResponse), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.read");
    const q = c.req.valid("query");
    const now = new Date();
    const p = periodOf(q, now);
    const out = await stats(c.get("deps").db, user.scope, q.groupBy, p, now);
    return c.json({ from: p.from.toISOString(), to: p.to.toISOString(), groupBy: q.groupBy, ...out }, 200);
  },
);

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/appeals/stats/map",
    tags: ["appeals"],
    summary: "Per grid: orders accepted in [from, to), of them open and overdue now; for the map",
    request: { query: PeriodQuery },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              gridId: z.string(),
              gridName: z.string(),
              orders: z.number().int(),
              open: z.number().int(),
              overdue: z.number().int(),
              center: z.tuple([z.number(), z.number()]).nullable(),
            }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.read");
    const now = new Date();
    const p = periodOf(c.req.valid("query"), now);
    return c.json({ items: await mapStats(c.get("deps").db, user.scope, p, now) }, 200);
  },
);

statsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/appeals/stats/trend",
    tags: ["appeals"],
    summary: "Per CST day: orders accepted, and how many of them have been answered",
    request: { query: PeriodQuery },
    responses: {
      200: json(
        z.object({ items: z.array(z.object({ day: z.string(), orders: z.number().int(), answered: z.number().int() })) }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.read");
    const p = periodOf(c.req.valid("query"));
    return c.json({ items: await trend(c.get("deps").db, user.scope, p) }, 200);
  },
);
