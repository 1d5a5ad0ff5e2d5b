import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors.js";
import {
  actorOf,
  createRouter,
  type Ctx,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  pageOf,
  requirePermission,
} from "../../lib/http.js";
import { findAreaOrNotFound } from "./areas.service.js";
import * as repo from "./residents.repository.js";
import { docBlindValue, normalisePhone } from "./residents.rules.js";
import * as service from "./residents.service.js";
import {
  DocTypeEnum,
  MoveBody,
  ResidentCreate,
  ResidentDetail,
  ResidentQuery,
  ResidentSummary,
  ResidentUpdate,
  RevealBody,
  Revealed,
  Tag,
} from "./schemas.js";

export const residentRoutes = createRouter();

/** Turns the query string into a repository filter (blind indexes for exact numbers). */
export async function residentFilter(c: Ctx, q: z.infer<typeof ResidentQuery>): Promise<repo.ResidentFilter> {
  const { cipher, db } = c.get("deps");
  const user = requirePermission(c, "registry.read");
  const f: repo.ResidentFilter = { q: q.q || undefined, address: q.address || undefined, householdId: q.householdId };
  if (q.idNumber) f.docBlinds = DocTypeEnum.options.map((t) => cipher.blindIndex("doc", docBlindValue(t, q.idNumber as string)));
  if (q.phone) f.phoneBlind = cipher.blindIndex("phone", normalisePhone(q.phone) ?? q.phone);
  if (q.areaId) f.areaPath = (await findAreaOrNotFound(db, user, q.areaId)).path;
  if (q.tag) {
    const tag = (await repo.allTags(db)).find((t) => t.code === q.tag);
    if (tag?.sensitive && !user.permissions.includes("registry.sensitive")) throw new AppError(403, "forbidden");
    f.tag = q.tag;
  }
  return f;
}

residentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/residents",
    tags: ["registry"],
    summary: "Search residents in the caller's scope (masked)",
    request: { query: ResidentQuery },
    responses: { 200: json(pageOf(ResidentSummary)), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const q = c.req.valid("query");
    const db = c.get("deps").db;
    const { rows, total, totalCapped } = await repo.listResidents(db, user.scope, await residentFilter(c, q), q.page, q.pageSize);
    return c.json({ items: await service.present(db, user, rows), total, totalCapped, page: q.page, pageSize: q.pageSize }, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/residents/{id}",
    tags: ["registry"],
    summary: "One resident with residence history (masked)",
    request: { params: IdParam },
    responses: { 200: json(ResidentDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const db = c.get("deps").db;
    const row = await repo.findResident(db, user.scope, c.req.valid("param").id);
    if (!row) throw new AppError(404, "not_found");
    const [summary] = await service.present(db, user, [row]);
    const history = (await repo.historyOf(db, row.id)).map((m) => ({
      id: m.id,
      fromHouseholdId: m.from_household_id,
      toHouseholdId: m.to_household_id,
      fromAddress: m.from_address,
      toAddress: m.to_address,
      movedAt: m.moved_at.toISOString(),
      reason: m.reason,
    }));
    return c.json({ ...summary, history }, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/residents",
    tags: ["registry"],
    summary: "Register a resident",
    request: { body: jsonBody(ResidentCreate) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { db, cipher } = c.get("deps");
    const id = await service.createResident(db, cipher, user, actorOf(c), c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/residents/{id}",
    tags: ["registry"],
    summary: "Change a resident's details",
    request: { params: IdParam, body: jsonBody(ResidentUpdate) },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { db, cipher } = c.get("deps");
    const { id } = c.req.valid("param");
    await service.updateResident(db, cipher, user, actorOf(c), id, c.req.valid("json"));
    return c.json({ id }, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/residents/{id}/move",
    tags: ["registry"],
    summary: "Move a resident to another household (history is kept)",
    request: { params: IdParam, body: jsonBody(MoveBody) },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    await service.moveResident(c.get("deps").db, user, actorOf(c), id, body.toHouseholdId, body.reason ?? null);
    return c.json({ id }, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/residents/{id}/reveal",
    tags: ["registry"],
    summary: "Reveal the full ID and phone numbers (audited, with a reason)",
    request: { params: IdParam, body: jsonBody(RevealBody) },
    responses: { 200: json(Revealed), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.reveal");
    const { db, cipher } = c.get("deps");
    const out = await service.revealResident(db, cipher, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").reason);
    c.header("Cache-Control", "no-store");
    return c.json(out, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/residents/{id}",
    tags: ["registry"],
    summary: "Remove a resident record",
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { id } = c.req.valid("param");
    await service.deleteResident(c.get("deps").db, user, actorOf(c), id);
    return c.json({ id }, 200);
  },
);

residentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/tags",
    tags: ["registry"],
    summary: "Care-category tags (sensitive ones only with permission)",
    responses: { 200: json(z.object({ items: z.array(Tag) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const seeSensitive = user.permissions.includes("registry.sensitive");
    const tags = await repo.allTags(c.get("deps").db);
    return c.json(
      {
        items: tags
          .filter((t) => seeSensitive || !t.sensitive)
          .map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, sensitive: t.sensitive })),
      },
      200,
    );
  },
);
