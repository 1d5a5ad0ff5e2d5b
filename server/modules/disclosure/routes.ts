// HTTP routes of the disclosure module: disclosures on templates, opinions and their handling,
// statistics, and public listings (阳光低保) with objections. Every list and read is scoped; every
// write is audited.
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, fieldError } from "../../lib/errors.js";
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
import { cstDay, cstMidnight } from "../appeals/calendar.js";
import { pathInScope } from "../registry/scope.js";
import * as listings from "./listings.service.js";
import { CATEGORIES, TEMPLATES } from "./rules.js";
import * as service from "./service.js";

export const disclosureRoutes = createRouter();

const tags = ["decide"];
const DAY = 86_400_000;

/** Staff with decide.read or residents with decide.participate. */
function requireReader(c: Ctx) {
  const user = requireUser(c);
  if (!user.permissions.includes("decide.read") && !user.permissions.includes("decide.participate")) {
    throw new AppError(403, "forbidden");
  }
  return user;
}

const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: "invalid_value",
  })
  .openapi({ example: "2026-01-01" });
const Category = z.enum(CATEGORIES);
const Money = z
  .union([z.string(), z.number()])
  .openapi({ description: 'yuan, at most two decimals, e.g. "1200.50"', example: "1200.50" });

const Line = z.object({ item: z.string().max(200), amount: Money });
const Fields = z
  .record(z.string(), z.union([z.string().max(5000), Money, z.array(Line).max(200), z.null()]))
  .openapi({ description: "the template's fields; see GET /api/decide/disclosures/templates" });

const TemplateSchema = z
  .object({
    code: z.string(),
    category: Category.nullable(),
    label: z.object({ zh: z.string(), en: z.string() }),
    bodyRequired: z.boolean(),
    fields: z.array(
      z.object({
        key: z.string(),
        type: z.enum(["text", "textarea", "lines", "money"]),
        required: z.boolean(),
        maxLength: z.number().int().optional(),
        totalKey: z.string().optional(),
        label: z.object({ zh: z.string(), en: z.string() }),
      }),
    ),
  })
  .openapi("DisclosureTemplate");

const Disclosure = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    category: Category,
    template: z.string(),
    title: z.string(),
    body: z.string(),
    fields: z.record(z.string(), z.unknown()),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    status: z.enum(["draft", "published", "withdrawn"]),
    publishedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    withdrawReason: z.string().nullable(),
    sourceType: z.string().nullable(),
    sourceId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    opinionCount: z.number().int(),
    pendingCount: z.number().int().openapi({ description: "opinions not yet handled" }),
  })
  .openapi("Disclosure");

const Disposition = z.enum(["adopted", "replied", "not_adopted"]);
const Opinion = z
  .object({
    id: z.string(),
    disclosureId: z.string(),
    kind: z.enum(["comment", "question"]),
    content: z.string(),
    authorName: z.string().nullable().openapi({ description: "masked for residents" }),
    mine: z.boolean(),
    createdAt: z.string(),
    disposition: Disposition.nullable(),
    dispositionNote: z.string().nullable().openapi({ description: "what was done (adopted) or the reason (not adopted)" }),
    disposedAt: z.string().nullable(),
    reply: z.string().nullable(),
    repliedAt: z.string().nullable(),
  })
  .openapi("DisclosureOpinion");

const DisclosureDetail = Disclosure.extend({
  attachments: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number(), createdAt: z.string() })),
  opinions: z.array(Opinion),
}).openapi("DisclosureDetail");

const DraftBody = z
  .object({
    areaId: z.string().uuid(),
    category: Category,
    template: z.string().max(40).optional().openapi({ description: "default: the category's template" }),
    title: z.string().trim().min(1).max(200),
    body: z.string().max(20000).optional(),
    fields: Fields.optional(),
    periodStart: DateStr.nullable().optional(),
    periodEnd: DateStr.nullable().optional(),
  })
  .openapi("DisclosureDraft");
const DraftPatch = DraftBody.omit({ category: true }).partial().openapi("DisclosureDraftPatch");

const IdOut = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });

// ---- disclosures: static paths first, so they are not taken for an {id}

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/disclosures/templates",
    tags,
    summary: "The disclosure templates (统一模板) and their fields",
    responses: { 200: json(z.object({ items: z.array(TemplateSchema) })), ...errorResponses },
  }),
  async (c) => {
    requireReader(c);
    return c.json({ items: TEMPLATES as z.infer<typeof TemplateSchema>[] }, 200);
  },
);

const PeriodInstant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/)
  .optional();
const StatsQuery = z.object({
  areaId: z.string().uuid().optional().openapi({ description: "default: the caller's first area" }),
  from: PeriodInstant.openapi({ description: "start, inclusive: a CST date or an ISO instant; default a year before `to`" }),
  to: PeriodInstant.openapi({ description: "end, exclusive; default now. to=2027-01-01 covers 2026" }),
});
const Counts = z.object({
  published: z.number().int().openapi({ description: "items published in the period" }),
  collected: z.number().int().openapi({ description: "opinions collected in the period" }),
  adopted: z.number().int().openapi({ description: "of those, adopted and handled" }),
  replied: z.number().int().openapi({ description: "of those, replied (may overlap adopted)" }),
  notAdopted: z.number().int(),
});
const StatsOut = z
  .object({
    areaId: z.string(),
    areaName: z.string(),
    from: z.string(),
    to: z.string(),
    total: Counts.extend({ withdrawn: z.number().int() }),
    byArea: z.array(Counts.extend({ areaId: z.string(), areaName: z.string() })),
    byCategory: z.array(Counts.extend({ category: Category })),
  })
  .openapi("DisclosureStats");

const instant = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(cstMidnight(s)) : new Date(s));

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/disclosures/stats",
    tags,
    summary: "Items published, opinions collected, adopted and handled, replied — per area subtree and period",
    request: { query: StatsQuery },
    responses: { 200: json(StatsOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    const q = c.req.valid("query");
    const db = c.get("deps").db;
    const now = new Date();
    const to = q.to ? instant(q.to) : now;
    const from = q.from ? instant(q.from) : new Date(cstMidnight(cstDay(to.getTime() - 365 * DAY)));
    if (Number.isNaN(to.getTime())) throw fieldError("to", "invalid_value");
    if (Number.isNaN(from.getTime()) || from.getTime() >= to.getTime()) throw fieldError("from", "invalid_value");
    const areaId = q.areaId ?? user.areas[0]?.id;
    const area = areaId
      ? await db.selectFrom("areas").select(["id", "path", "name"]).where("id", "=", areaId).executeTakeFirst()
      : undefined;
    if (!area || !pathInScope(area.path, user.scope)) throw new AppError(404, "not_found");
    const out = await service.statsFor(db, area, from, to);
    return c.json({ ...out, from: from.toISOString(), to: to.toISOString() }, 200);
  },
);

const OpinionQueueQuery = Paging.extend({
  state: z.enum(["pending", "handled"]).optional(),
  disclosureId: z.string().uuid().optional(),
});

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/disclosures/opinions",
    tags,
    summary: "Staff: residents' opinions in scope, unhandled first",
    request: { query: OpinionQueueQuery },
    responses: {
      200: json(pageOf(Opinion.extend({ disclosureTitle: z.string(), category: Category }))),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    return c.json(await service.listOpinions(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

const HandleBody = z
  .object({
    disposition: Disposition.openapi({
      description: "adopted (note: what was done), replied (reply), not_adopted (note: reason)",
    }),
    note: z.string().max(5000).nullable().optional(),
    reply: z.string().max(5000).nullable().optional(),
  })
  .openapi("OpinionHandle");

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures/opinions/{id}/handle",
    tags,
    summary: "Mark an opinion adopted and handled, replied or not adopted (with reason); notifies the author",
    request: { params: IdParam, body: jsonBody(HandleBody) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await service.handleOpinion(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures/opinions/{id}/reply",
    tags,
    summary: "Answer an opinion (also one already adopted); notifies the author",
    request: { params: IdParam, body: jsonBody(z.object({ reply: z.string().trim().min(1).max(5000) })) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await service.replyOpinion(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").reply);
    return c.json({ ok: true as const }, 200);
  },
);

const ListQuery = Paging.extend({
  category: Category.optional(),
  status: z.enum(["draft", "published", "withdrawn"]).optional(),
  areaId: z.string().uuid().optional(),
  periodFrom: DateStr.optional().openapi({ description: "items whose period overlaps [periodFrom, periodTo]" }),
  periodTo: DateStr.optional(),
  q: z.string().max(100).optional(),
});

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/disclosures",
    tags,
    summary: "Disclosures: staff see all in scope; residents see published ones of the areas they live in",
    request: { query: ListQuery },
    responses: { 200: json(pageOf(Disclosure)), ...errorResponses },
  }),
  async (c) => {
    const user = requireReader(c);
    return c.json(await service.listDisclosures(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures",
    tags,
    summary: "Draft a disclosure on a template",
    request: { body: jsonBody(DraftBody) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const id = await service.createDraft(c.get("deps").db, user, actorOf(c), c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/disclosures/{id}",
    tags,
    summary: "A disclosure with its attachments and opinions",
    request: { params: IdParam },
    responses: { 200: json(DisclosureDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireReader(c);
    return c.json(await service.readDisclosure(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/disclosures/{id}",
    tags,
    summary: "Edit a draft",
    request: { params: IdParam, body: jsonBody(DraftPatch) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await service.updateDraft(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures/{id}/publish",
    tags,
    summary: "Publish a draft",
    request: { params: IdParam },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await service.publish(c.get("deps").db, user, actorOf(c), c.req.valid("param").id);
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures/{id}/withdraw",
    tags,
    summary: "Withdraw a published disclosure; the record stays, with the reason",
    request: { params: IdParam, body: jsonBody(z.object({ reason: z.string().trim().min(1).max(2000) })) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await service.withdraw(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").reason);
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/disclosures/{id}/opinions",
    tags,
    summary: "Residents: comment on or ask about a published disclosure",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({ kind: z.enum(["comment", "question"]).default("comment"), content: z.string().trim().min(1).max(2000) }),
      ),
    },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.participate");
    const id = await service.addOpinion(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

// ---- public listings

const ListingKind = z.enum(["low_income", "special_hardship", "subsidy", "other"]);
const Instant = z.string().datetime({ offset: true }).openapi({ example: "2026-03-01T00:00:00+08:00" });
const ListingCounts = z.object({
  entries: z.number().int(),
  objections: z.number().int(),
  upheld: z.number().int(),
  removed: z.number().int(),
});
const Listing = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    kind: ListingKind,
    title: z.string(),
    description: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    status: z.enum(["draft", "published"]),
    phase: z.enum(["draft", "scheduled", "open", "closed"]),
    publishedAt: z.string().nullable(),
    round: z.number().int(),
    previousId: z.string().nullable(),
    counts: ListingCounts,
    pendingObjections: z.number().int(),
  })
  .openapi("PublicListing");
const ListingDetail = Listing.extend({
  canObject: z.boolean(),
  entries: z.array(
    z.object({
      id: z.string(),
      maskedName: z.string().openapi({ example: "张*伟" }),
      docMasked: z.string(),
      gridName: z.string(),
      amount: z.string().nullable(),
      note: z.string().nullable(),
      status: z.enum(["listed", "removed"]),
      removedAt: z.string().nullable(),
      removedReason: z.string().nullable(),
    }),
  ),
  objections: z.array(
    z.object({
      id: z.string(),
      entryId: z.string(),
      reason: z.string(),
      authorName: z.string().nullable(),
      createdAt: z.string(),
      status: z.enum(["pending", "upheld", "dismissed"]),
      resolution: z.string().nullable(),
      resolvedAt: z.string().nullable(),
    }),
  ),
}).openapi("PublicListingDetail");

const ListingBody = z
  .object({
    areaId: z.string().uuid(),
    kind: ListingKind,
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).optional(),
    opensAt: Instant,
    closesAt: Instant,
  })
  .openapi("PublicListingBody");
const EntryParams = IdParam.extend({
  entryId: z
    .string()
    .uuid()
    .openapi({ param: { name: "entryId", in: "path" } }),
});

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings/objections/{id}/resolve",
    tags,
    summary: "Resolve an objection: upheld (the entry leaves the list) or dismissed, with the reason",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ outcome: z.enum(["upheld", "dismissed"]), resolution: z.string().trim().min(1).max(2000) })),
    },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await listings.resolveObjection(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/listings",
    tags,
    summary: "Public listings: staff see all in scope; residents those of their areas while open",
    request: { query: Paging.extend({ kind: ListingKind.optional() }) },
    responses: { 200: json(pageOf(Listing)), ...errorResponses },
  }),
  async (c) => {
    const user = requireReader(c);
    return c.json(await listings.listListings(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings",
    tags,
    summary: "Draft a public listing with its window",
    request: { body: jsonBody(ListingBody) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json({ id: await listings.createListing(c.get("deps").db, user, actorOf(c), c.req.valid("json")) }, 201);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/listings/{id}",
    tags,
    summary: "A listing with its entries (masked names and ID numbers only) and objections",
    request: { params: IdParam },
    responses: { 200: json(ListingDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireReader(c);
    return c.json(await listings.readListing(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/listings/{id}",
    tags,
    summary: "Edit a draft listing",
    request: { params: IdParam, body: jsonBody(ListingBody.omit({ areaId: true, kind: true }).partial()) },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await listings.updateListing(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings/{id}/entries",
    tags,
    summary: "Add a recipient from the registry to a draft listing",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          residentId: z.string().uuid(),
          amount: z
            .string()
            .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "disclosure_amount_invalid" })
            .nullable()
            .optional()
            .openapi({ description: "monthly amount in yuan" }),
          note: z.string().max(500).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const id = await listings.addEntry(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/decide/listings/{id}/entries/{entryId}",
    tags,
    summary: "Take an entry off a draft listing",
    request: { params: EntryParams },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const p = c.req.valid("param");
    await listings.deleteEntry(c.get("deps").db, user, actorOf(c), p.id, p.entryId);
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings/{id}/publish",
    tags,
    summary: "Publish a listing: it is public from opensAt to closesAt",
    request: { params: IdParam },
    responses: { 200: json(Ok), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    await listings.publishListing(c.get("deps").db, user, actorOf(c), c.req.valid("param").id);
    return c.json({ ok: true as const }, 200);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings/{id}/republish",
    tags,
    summary: "Republish a closed listing as a new round with the entries still listed",
    request: { params: IdParam, body: jsonBody(z.object({ opensAt: Instant, closesAt: Instant })) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const id = await listings.republish(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

disclosureRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/listings/{id}/objections",
    tags,
    summary: "Residents of the area: object to an entry while the listing is open",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ entryId: z.string().uuid(), reason: z.string().trim().min(1).max(2000) })),
    },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.participate");
    const id = await listings.object(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ id }, 201);
  },
);
