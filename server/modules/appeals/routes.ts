import { createRoute, z } from "@hono/zod-openapi";
import { type SqlBool, sql } from "kysely";
import { AppError } from "../../lib/errors.js";
import {
  actorOf,
  createRouter,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  pageOf,
  requirePermission,
  requireUser,
} from "../../lib/http.js";
import { normalisePhone } from "../registry/residents.rules.js";
import { findAreaOrNotFound } from "../registry/areas.service.js";
import { inScope, ngramQuery } from "../registry/scope.js";
import { light } from "./calendar.js";
import * as repo from "./repository.js";
import { ActBody, ActionEnum, IntakeBody, OrderDetail, OrderQuery, OrderSummary } from "./schemas.js";
import * as service from "./service.js";
import { actionsFrom, FINAL, type Status } from "./state-machine.js";
import { retrain } from "./training.js";
import { unitIdsOf } from "./units.js";

export const orderRoutes = createRouter();

type Row = NonNullable<Awaited<ReturnType<typeof repo.findOrder>>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryOf(o: Row, lang: "zh" | "en", now = new Date()) {
  const open = !FINAL.has(o.status as Status) && o.status !== "answered";
  return {
    id: o.id,
    number: o.number,
    channel: o.channel,
    appealType: o.appeal_type,
    categoryCode: o.category_code,
    categoryName: lang === "en" ? o.category_name_en : o.category_name_zh,
    title: o.title,
    status: o.status,
    gridId: o.grid_id,
    gridName: o.grid_name,
    unitId: o.unit_id,
    unitName: o.unit_name,
    urgent: o.urgent,
    acceptedAt: o.accepted_at.toISOString(),
    resolveDueAt: o.resolve_due_at.toISOString(),
    light: open ? light(now, o.warn_at, o.resolve_due_at) : ("none" as const),
    reopenCount: o.reopen_count,
    version: o.version,
  };
}

orderRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/orders",
    tags: ["appeals"],
    summary: "Submit an appeal (resident page, patrol report, hotline); send an Idempotency-Key",
    request: { body: jsonBody(IntakeBody) },
    responses: { 201: json(z.object({ id: z.string(), number: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    if (!user.permissions.includes("appeal.submit") && !user.permissions.includes("appeal.intake"))
      throw new AppError(403, "forbidden");
    const out = await service.intake(c.get("deps"), user, actorOf(c), c.req.valid("json"));
    return c.json(out, 201);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/orders",
    tags: ["appeals"],
    summary: "Work orders by board (new, to dispatch, returned, overdue, to sign, in progress, near deadline, mine …)",
    request: { query: OrderQuery },
    responses: { 200: json(pageOf(OrderSummary)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get("deps");
    const q = c.req.valid("query");
    const units = user.permissions.includes("appeal.handle") ? await unitIdsOf(deps.db, user) : [];
    const staff = user.permissions.includes("appeal.read");
    const now = new Date();
    let base = repo.ordersFrom(deps.db).where((eb) => {
      const arms: ReturnType<typeof eb.and>[] = [eb("o.reporter_user_id", "=", user.id) as never];
      if (staff) arms.push(inScope("o.area_path", user.scope) as never);
      if (units.length) arms.push(eb("o.unit_id", "in", units) as never);
      return eb.or(arms);
    });
    const mineUnits = (b: typeof base) => (units.length ? b.where("o.unit_id", "in", units) : b.where(sql<SqlBool>`false`));
    switch (q.box) {
      case "new":
        base = base.where("o.status", "=", "accepted");
        break;
      case "to_dispatch":
        base = base.where("o.status", "in", ["accepted", "returned"]);
        break;
      case "returned":
        base = base.where("o.status", "=", "returned");
        break;
      case "overdue":
        base = base.where(repo.openFilter).where("o.resolve_due_at", "<=", now);
        break;
      case "to_sign":
        base = mineUnits(base.where("o.status", "=", "dispatched"));
        break;
      case "in_progress":
        base = mineUnits(base.where("o.status", "in", ["signed", "in_progress"]));
        break;
      case "near_deadline":
        base = mineUnits(base.where(repo.openFilter).where("o.warn_at", "<=", now).where("o.resolve_due_at", ">", now));
        break;
      case "mine":
        base = base.where("o.reporter_user_id", "=", user.id);
        break;
      case "supervised":
        base = base
          .where(repo.openFilter)
          .where((eb) => eb.exists(eb.selectFrom("supervisions as s").select("s.id").whereRef("s.order_id", "=", "o.id")));
        break;
      case "callback":
        base = base.where("o.status", "=", "answered");
        break;
    }
    if (q.status) base = base.where("o.status", "=", q.status);
    if (q.categoryCode) base = base.where("o.category_code", "=", q.categoryCode);
    if (q.areaId) {
      const area = await findAreaOrNotFound(deps.db, user, q.areaId);
      base = base.where(sql<SqlBool>`o.area_path <@ ${area.path}::ltree`);
    }
    if (q.phone) {
      const phone = normalisePhone(q.phone) ?? q.phone;
      base = base.where("o.reporter_phone_blind", "=", deps.cipher.blindIndex("phone", phone));
    }
    if (q.q) {
      const tsq = ngramQuery(q.q);
      if (tsq)
        base = base.where((eb) =>
          eb.or([eb("o.number", "=", q.q as string), eb("o.title", "ilike", `%${q.q}%`), eb("o.content", "ilike", `%${q.q}%`)]),
        );
    }
    const rows = await base
      .select(repo.orderColumns)
      .orderBy("o.accepted_at", "desc")
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const counted = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const lang = c.get("lang");
    return c.json(
      {
        items: rows.map((r) => summaryOf(r, lang, now)),
        total: Number(counted.n),
        totalCapped: false,
        page: q.page,
        pageSize: q.pageSize,
      },
      200,
    );
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/orders/{id}",
    tags: ["appeals"],
    summary: "One work order with its timeline, attachments and the actions open to you",
    request: { params: IdParam },
    responses: { 200: json(OrderDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get("deps");
    const { order: o, parts } = await service.readOrderOrNotFound(deps, user, c.req.valid("param").id);
    const [events, files, exts, sups] = await Promise.all([
      repo.timeline(deps.db, o.id),
      deps.db.selectFrom("order_attachments").selectAll().where("order_id", "=", o.id).orderBy("created_at").execute(),
      deps.db.selectFrom("extensions").selectAll().where("order_id", "=", o.id).orderBy("created_at").execute(),
      deps.db.selectFrom("supervisions").selectAll().where("order_id", "=", o.id).orderBy("created_at").execute(),
    ]);
    const staffView = parts.size > 0 && !(parts.size === 1 && parts.has("reporter"));
    // A merged order is answered through the order it was merged into.
    const into = o.merged_into ? await repo.findOrder(deps.db, o.merged_into) : undefined;
    return c.json(
      {
        ...summaryOf(o, c.get("lang")),
        content: o.content,
        lng: o.lng,
        lat: o.lat,
        address: o.address,
        reporterName: o.anonymous ? null : o.reporter_name,
        reporterPhoneMasked: o.anonymous ? null : o.reporter_phone_masked,
        anonymous: o.anonymous,
        suggestedCategory: o.suggested_category,
        suggestedConfidence: o.suggested_confidence,
        dispatchedAt: iso(o.dispatched_at),
        signedAt: iso(o.signed_at),
        contactedAt: iso(o.contacted_at),
        answeredAt: iso(o.answered_at),
        archivedAt: iso(o.archived_at),
        responseDueAt: o.response_due_at.toISOString(),
        warnAt: o.warn_at.toISOString(),
        answer: o.answer ?? into?.answer ?? null,
        resolved: o.resolved,
        satisfaction: o.satisfaction,
        mergedInto: o.merged_into,
        voidRequested: o.void_requested_by !== null,
        voidReason: staffView ? o.void_reason : null,
        parts: [...parts],
        // Offer only what can succeed now: void approval needs a pending request, and so on.
        actions: actionsFrom(o.status as Status, parts).filter((a) => {
          const voidPending = o.void_requested_by !== null;
          if (a === "approve_void" || a === "refuse_void") return voidPending;
          if (a === "request_void") return !voidPending;
          if (a === "decide_extension") return exts.some((x) => x.status === "pending");
          if (a === "request_extension") return !exts.some((x) => x.status === "pending");
          return true;
        }),
        timeline: events.map((e) => ({
          id: String(e.id),
          at: e.at.toISOString(),
          actorName: staffView ? e.actor_name : null,
          action: e.action,
          fromStatus: e.from_status,
          toStatus: e.to_status,
          note: e.note,
          data: staffView ? e.data : {},
        })),
        attachments: files.map((f) => ({
          id: f.id,
          fileName: f.file_name,
          mime: f.mime,
          size: f.size,
          stage: f.stage,
          url: `/api/attachments/${f.id}`,
        })),
        extensions: exts.map((x) => ({
          id: x.id,
          days: x.days,
          reason: x.reason,
          status: x.status,
          createdAt: x.created_at.toISOString(),
        })),
        supervisions: sups.map((s) => ({
          id: s.id,
          urgency: s.urgency,
          automatic: s.automatic,
          note: s.note,
          replyDueAt: s.reply_due_at.toISOString(),
          reply: s.reply,
          createdAt: s.created_at.toISOString(),
        })),
      },
      200,
    );
  },
);

orderRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/orders/{id}/actions/{action}",
    tags: ["appeals"],
    summary:
      "Act on an order: dispatch, sign, return, contact, progress, answer, callback, suspend, resume, supervise, extensions, void, merge",
    request: { params: IdParam.extend({ action: ActionEnum }), body: jsonBody(ActBody) },
    responses: { 200: json(z.object({ id: z.string(), status: z.string(), version: z.number() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id, action } = c.req.valid("param");
    return c.json(await service.act(c.get("deps"), user, actorOf(c), id, action, c.req.valid("json")), 200);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/orders/{id}/duplicates",
    tags: ["appeals"],
    summary: "Possible duplicates: same category, open, nearby (500 m or same grid), within 7 days",
    request: { params: IdParam },
    responses: {
      200: json(z.object({ items: z.array(OrderSummary.extend({ distanceM: z.number().nullable() })) })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.read");
    const deps = c.get("deps");
    const { order: o } = await service.readOrderOrNotFound(deps, user, c.req.valid("param").id);
    const rows = await service.duplicatesOf(deps.db, user, o);
    const lang = c.get("lang");
    return c.json({ items: rows.map((r) => ({ ...summaryOf(r.row, lang), distanceM: r.distanceM })) }, 200);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/units",
    tags: ["appeals"],
    summary: "Handling units: departments and the areas in scope",
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({ id: z.string(), kind: z.string(), code: z.string(), name: z.string(), areaId: z.string().nullable() }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const deps = c.get("deps");
    const rows = await deps.db
      .selectFrom("units as u")
      .leftJoin("areas as a", "a.id", "u.area_id")
      .select(["u.id", "u.kind", "u.code", "u.name", "u.area_id"])
      .where((eb) => eb.or([eb("u.kind", "=", "department"), inScope("a.path", user.scope)]))
      .orderBy("u.kind", "desc")
      .orderBy("u.code")
      .execute();
    return c.json({ items: rows.map((u) => ({ id: u.id, kind: u.kind, code: u.code, name: u.name, areaId: u.area_id })) }, 200);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/categories",
    tags: ["appeals"],
    summary: "The two-level category catalogue with default units and time limits (all=true includes inactive ones)",
    request: { query: z.object({ all: z.enum(["true", "false"]).optional() }) },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              code: z.string(),
              parentCode: z.string().nullable(),
              nameZh: z.string(),
              nameEn: z.string(),
              defaultUnit: z.string().nullable(),
              responseHours: z.number().nullable(),
              resolveDays: z.number().nullable(),
              resolveHours: z.number().nullable(),
              urgent: z.boolean(),
              active: z.boolean(),
            }),
          ),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    requireUser(c);
    const rows = await c
      .get("deps")
      .db.selectFrom("categories")
      .selectAll()
      .where("active", "=", true)
      .orderBy("sort")
      .orderBy("code")
      .execute();
    return c.json(
      {
        items: rows.map((r) => ({
          code: r.code,
          parentCode: r.parent_code,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          defaultUnit: r.default_unit,
          responseHours: r.response_hours,
          resolveDays: r.resolve_days,
          resolveHours: r.resolve_hours,
          urgent: r.urgent,
          active: r.active,
        })),
      },
      200,
    );
  },
);

orderRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/orders/{id}/suggestion",
    tags: ["appeals"],
    summary: "Suggested categories (with confidence) and handling unit for the dispatch dialog",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          categories: z.array(z.object({ code: z.string(), confidence: z.number() })),
          unit: z.object({ id: z.string(), name: z.string(), via: z.enum(["rule", "default"]) }).nullable(),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.dispatch");
    const deps = c.get("deps");
    const { order: o } = await service.readOrderOrNotFound(deps, user, c.req.valid("param").id);
    const categories = (deps.appeals.predictor?.(o.content, 3) ?? []).map((s) => ({ code: s.label, confidence: s.confidence }));
    const unit = await service.suggestUnit(deps.db, o);
    return c.json({ categories, unit }, 200);
  },
);

orderRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/dispatch/retrain",
    tags: ["appeals"],
    summary: "Retrain the dispatch model on closed orders now (it also retrains daily)",
    responses: {
      200: json(z.object({ id: z.string(), samples: z.number(), fromOrders: z.number(), trainedAt: z.string(), ms: z.number() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const deps = c.get("deps");
    const r = await retrain(deps.db, deps.appeals);
    return c.json({ ...r, trainedAt: r.trainedAt.toISOString() }, 200);
  },
);
