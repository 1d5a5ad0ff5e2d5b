import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, createRouter, errorResponses, IdParam, json, jsonBody, requirePermission } from "../../lib/http.js";
import * as repo from "./areas.repository.js";
import * as service from "./areas.service.js";
import { Area, AreaCreate, AreaUpdate } from "./schemas.js";

export const areaRoutes = createRouter();

const present = (a: Awaited<ReturnType<typeof repo.listVisibleAreas>>[number]) => ({
  id: a.id,
  parentId: a.parent_id,
  level: a.level,
  code: a.code,
  name: a.name,
  path: a.path,
  householdCount: a.household_count ?? null,
});

areaRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/areas",
    tags: ["registry"],
    summary: "Areas in the caller's scope, with their ancestors, ordered as a tree",
    responses: { 200: json(z.object({ items: z.array(Area) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const rows = await repo.listVisibleAreas(c.get("deps").db, user.scope);
    return c.json({ items: rows.map(present) }, 200);
  },
);

areaRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/areas/{id}",
    tags: ["registry"],
    summary: "One area",
    request: { params: IdParam },
    responses: { 200: json(Area), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const a = await service.findAreaOrNotFound(c.get("deps").db, user, c.req.valid("param").id);
    return c.json(present({ ...a, household_count: null }), 200);
  },
);

areaRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/areas",
    tags: ["registry"],
    summary: "Create a street or community under its parent (grids: POST /api/grids)",
    request: { body: jsonBody(AreaCreate) },
    responses: { 201: json(Area), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const a = await service.createArea(c.get("deps").db, user, actorOf(c), c.req.valid("json"), "street-or-community");
    return c.json(present({ ...a, household_count: null }), 201);
  },
);

areaRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/areas/{id}",
    tags: ["registry"],
    summary: "Rename an area",
    request: { params: IdParam, body: jsonBody(AreaUpdate) },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const { id } = c.req.valid("param");
    await service.renameArea(c.get("deps").db, user, actorOf(c), id, c.req.valid("json").name);
    return c.json({ id }, 200);
  },
);
