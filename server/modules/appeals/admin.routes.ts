// Configuration of appeals, for the system admin: the category catalogue, routing rules
// (category × area → unit) and the working calendar. Every change is audited; the calendar in
// memory is reloaded at once.
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, fieldError } from "../../lib/errors.js";
import { actorOf, createRouter, errorResponses, IdParam, json, jsonBody, requirePermission } from "../../lib/http.js";
import { appendAudit } from "../audit/repository.js";
import { inScope } from "../registry/scope.js";

export const appealsAdminRoutes = createRouter();

const CategoryFields = z.object({
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  defaultUnit: z.string().trim().min(1).max(20).nullable(),
  responseHours: z.number().int().min(1).max(720).nullable(),
  resolveDays: z.number().int().min(1).max(90).nullable(),
  resolveHours: z.number().int().min(1).max(720).nullable(),
  urgent: z.boolean(),
  active: z.boolean().default(true),
});
const CategoryCreate = CategoryFields.extend({
  code: z.string().regex(/^[a-z0-9_]{2,20}$/),
  parentCode: z.string().min(1).max(20),
}).openapi("CategoryCreate");
const Category = CategoryFields.extend({ code: z.string(), parentCode: z.string().nullable() }).openapi("Category");

async function checkUnit(c: Parameters<Parameters<typeof appealsAdminRoutes.openapi>[1]>[0], unit: string | null) {
  if (!unit || ["grid", "community", "street"].includes(unit)) return;
  const u = await c
    .get("deps")
    .db.selectFrom("units")
    .select("id")
    .where("code", "=", unit)
    .where("kind", "=", "department")
    .executeTakeFirst();
  if (!u) throw fieldError("defaultUnit", "unknown_reference");
}

function checkLimits(b: { resolveDays: number | null; resolveHours: number | null }) {
  if ((b.resolveDays === null) === (b.resolveHours === null)) throw fieldError("resolveDays", "invalid_value");
}

appealsAdminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/categories/{code}",
    tags: ["appeals"],
    summary: "Change a category: names, default unit, time limits, urgency, active",
    request: { params: z.object({ code: z.string().max(20) }), body: jsonBody(CategoryFields) },
    responses: { 200: json(Category), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const { code } = c.req.valid("param");
    const b = c.req.valid("json");
    const db = c.get("deps").db;
    const before = await db.selectFrom("categories").selectAll().where("code", "=", code).executeTakeFirst();
    if (!before) throw new AppError(404, "not_found");
    if (before.parent_code !== null) checkLimits(b);
    await checkUnit(c, b.defaultUnit);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("categories")
        .set({
          name_zh: b.nameZh,
          name_en: b.nameEn,
          default_unit: b.defaultUnit,
          response_hours: b.responseHours,
          resolve_days: b.resolveDays,
          resolve_hours: b.resolveHours,
          urgent: b.urgent,
          active: b.active,
        })
        .where("code", "=", code)
        .execute();
      c.get("deps").appeals.forgetCategories();
      await appendAudit(trx, actorOf(c), {
        action: "category.update",
        targetType: "category",
        targetId: code,
        summary: { before, after: b },
      });
    });
    return c.json({ ...b, code, parentCode: before.parent_code }, 200);
  },
);

appealsAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/categories",
    tags: ["appeals"],
    summary: "Add a category under a group",
    request: { body: jsonBody(CategoryCreate) },
    responses: { 201: json(Category), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const b = c.req.valid("json");
    const db = c.get("deps").db;
    const parent = await db
      .selectFrom("categories")
      .select(["code", "parent_code"])
      .where("code", "=", b.parentCode)
      .executeTakeFirst();
    if (!parent || parent.parent_code !== null) throw fieldError("parentCode", "unknown_reference");
    if (await db.selectFrom("categories").select("code").where("code", "=", b.code).executeTakeFirst()) {
      throw new AppError(409, "duplicate", { what: b.code });
    }
    checkLimits(b);
    await checkUnit(c, b.defaultUnit);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("categories")
        .values({
          code: b.code,
          parent_code: b.parentCode,
          name_zh: b.nameZh,
          name_en: b.nameEn,
          default_unit: b.defaultUnit,
          response_hours: b.responseHours,
          resolve_days: b.resolveDays,
          resolve_hours: b.resolveHours,
          urgent: b.urgent,
          active: b.active,
          sort: 5000,
        })
        .execute();
      c.get("deps").appeals.forgetCategories();
      await appendAudit(trx, actorOf(c), {
        action: "category.create",
        targetType: "category",
        targetId: b.code,
        summary: { after: b },
      });
    });
    return c.json({ ...b }, 201);
  },
);

const Rule = z
  .object({
    id: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
  })
  .openapi("RoutingRule");

appealsAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/routing-rules",
    tags: ["appeals"],
    summary: "Routing rules: category × area → unit (the nearest enclosing area's rule wins)",
    responses: { 200: json(z.object({ items: z.array(Rule) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.admin");
    const rows = await c
      .get("deps")
      .db.selectFrom("routing_rules as r")
      .innerJoin("categories as c", "c.code", "r.category_code")
      .innerJoin("areas as a", "a.id", "r.area_id")
      .innerJoin("units as u", "u.id", "r.unit_id")
      .select(["r.id", "r.category_code", "c.name_zh", "r.area_id", "a.name as area_name", "r.unit_id", "u.name as unit_name"])
      .where(inScope("a.path", user.scope))
      .orderBy("r.category_code")
      .execute();
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          categoryCode: r.category_code,
          categoryName: r.name_zh,
          areaId: r.area_id,
          areaName: r.area_name,
          unitId: r.unit_id,
          unitName: r.unit_name,
        })),
      },
      200,
    );
  },
);

appealsAdminRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/routing-rules",
    tags: ["appeals"],
    summary: "Add a routing rule",
    request: {
      body: jsonBody(z.object({ categoryCode: z.string().max(20), areaId: z.string().uuid(), unitId: z.string().uuid() })),
    },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "appeal.admin");
    const b = c.req.valid("json");
    const db = c.get("deps").db;
    const area = await db
      .selectFrom("areas")
      .select(["id", "district_id"])
      .where("id", "=", b.areaId)
      .where(inScope("path", user.scope))
      .executeTakeFirst();
    if (!area?.district_id) throw fieldError("areaId", "unknown_reference");
    const cat = await db.selectFrom("categories").select("code").where("code", "=", b.categoryCode).executeTakeFirst();
    if (!cat) throw fieldError("categoryCode", "unknown_reference");
    const unit = await db
      .selectFrom("units")
      .select("id")
      .where("id", "=", b.unitId)
      .where("district_id", "=", area.district_id)
      .executeTakeFirst();
    if (!unit) throw fieldError("unitId", "unknown_reference");
    const taken = await db
      .selectFrom("routing_rules")
      .select("id")
      .where("category_code", "=", b.categoryCode)
      .where("area_id", "=", b.areaId)
      .executeTakeFirst();
    if (taken) throw new AppError(409, "duplicate", { what: b.categoryCode });
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("routing_rules")
        .values({ district_id: area.district_id as string, category_code: b.categoryCode, area_id: b.areaId, unit_id: b.unitId })
        .returning("id")
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actorOf(c), {
        action: "routing_rule.create",
        targetType: "routing_rule",
        targetId: row.id,
        summary: { after: b },
      });
      return row.id;
    });
    return c.json({ id }, 201);
  },
);

appealsAdminRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/routing-rules/{id}",
    tags: ["appeals"],
    summary: "Remove a routing rule",
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const { id } = c.req.valid("param");
    await c
      .get("deps")
      .db.transaction()
      .execute(async (trx) => {
        const gone = await trx.deleteFrom("routing_rules").where("id", "=", id).returningAll().executeTakeFirst();
        if (!gone) throw new AppError(404, "not_found");
        await appendAudit(trx, actorOf(c), {
          action: "routing_rule.delete",
          targetType: "routing_rule",
          targetId: id,
          summary: { before: gone },
        });
      });
    return c.json({ id }, 200);
  },
);

const Day = z.object({ day: z.string(), kind: z.enum(["holiday", "workday"]), name: z.string() }).openapi("CalendarDay");

appealsAdminRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/calendar",
    tags: ["appeals"],
    summary: "Holidays and make-up working days of a year",
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
    responses: { 200: json(z.object({ items: z.array(Day) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.read");
    const { year } = c.req.valid("query");
    const rows = await c
      .get("deps")
      .db.selectFrom("calendar_days")
      .selectAll()
      .where("day", ">=", `${year}-01-01`)
      .where("day", "<=", `${year}-12-31`)
      .orderBy("day")
      .execute();
    return c.json({ items: rows.map((r) => ({ day: r.day, kind: r.kind, name: r.name })) }, 200);
  },
);

appealsAdminRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/calendar/{day}",
    tags: ["appeals"],
    summary: "Mark a day as a holiday or a make-up working day ('normal' removes the mark)",
    request: {
      params: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
      body: jsonBody(z.object({ kind: z.enum(["holiday", "workday", "normal"]), name: z.string().trim().max(20).default("") })),
    },
    responses: { 200: json(z.object({ day: z.string(), kind: z.string() })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const { day } = c.req.valid("param");
    if (Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      throw fieldError("day", "invalid_value");
    }
    const b = c.req.valid("json");
    const deps = c.get("deps");
    await deps.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("calendar_days").selectAll().where("day", "=", day).executeTakeFirst();
      await trx.deleteFrom("calendar_days").where("day", "=", day).execute();
      if (b.kind !== "normal")
        await trx
          .insertInto("calendar_days")
          .values({ day, kind: b.kind, name: b.name || (b.kind === "holiday" ? "假日" : "调休上班") })
          .execute();
      await appendAudit(trx, actorOf(c), {
        action: "calendar.update",
        targetType: "calendar_day",
        targetId: day,
        summary: { before: before ?? null, after: b },
      });
    });
    await deps.appeals.reloadCalendar(deps.db);
    return c.json({ day, kind: b.kind }, 200);
  },
);
