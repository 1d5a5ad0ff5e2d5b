import { createRoute, z } from "@hono/zod-openapi";
import type { GeoPolygon } from "../../db/schema.js";
import { AppError } from "../../lib/errors.js";
import {
  actorOf,
  createRouter,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  requirePermission,
  requireUser,
} from "../../lib/http.js";
import { findAreaOrNotFound } from "./areas.service.js";
import * as repo from "./grids.repository.js";
import * as service from "./grids.service.js";
import { Grid, GridCreate, GridDetail, GridQuery, GridUpdate, StaffCreate } from "./schemas.js";

export const gridRoutes = createRouter();

const present = (g: repo.GridRow) => ({
  id: g.id,
  code: g.code,
  name: g.name,
  communityId: g.community_id,
  communityName: g.community_name,
  streetName: g.street_name,
  gridLevel: g.grid_level,
  householdCount: g.household_count,
  residentCount: Number(g.resident_count ?? 0),
  leader: g.leader_user_id && g.leader_name ? { id: g.leader_user_id, name: g.leader_name } : null,
  polygon: (g.polygon as GeoPolygon | null) ?? null,
});

gridRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/grids/locate",
    tags: ["registry"],
    summary: "Which grid a point (lng, lat) lies in",
    request: {
      query: z.object({ lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }),
    },
    responses: {
      200: json(z.object({ grid: z.object({ id: z.string(), name: z.string(), code: z.string() }).nullable() })),
      ...errorResponses,
    },
  }),
  (c) => {
    requireUser(c);
    const { lng, lat } = c.req.valid("query");
    const g = c.get("deps").gridIndex.locate(lng, lat);
    return c.json({ grid: g ? { id: g.id, name: g.name, code: g.code } : null }, 200);
  },
);

async function gridsFor(c: Parameters<Parameters<typeof gridRoutes.openapi>[1]>[0], areaId?: string) {
  const user = requirePermission(c, "registry.read");
  const db = c.get("deps").db;
  const under = areaId ? (await findAreaOrNotFound(db, user, areaId)).path : undefined;
  return repo.listGrids(db, user.scope, under);
}

gridRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/grids",
    tags: ["registry"],
    summary: "Grids in the caller's scope (optionally under one area)",
    request: { query: GridQuery },
    responses: { 200: json(z.object({ items: z.array(Grid) })), ...errorResponses },
  }),
  async (c) => c.json({ items: (await gridsFor(c, c.req.valid("query").areaId)).map(present) }, 200),
);

gridRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/grids/geojson",
    tags: ["registry"],
    summary: "Grid polygons as a GeoJSON FeatureCollection for maps",
    request: { query: GridQuery },
    responses: { 200: json(z.object({ type: z.literal("FeatureCollection"), features: z.array(z.any()) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    // Residents and hotline operators pick a location on the map: they get the district's grid
    // outlines and names (nothing personal, no counts), not the registry.
    if (!user.permissions.includes("registry.read")) {
      if (!user.permissions.includes("appeal.submit") && !user.permissions.includes("appeal.intake"))
        throw new AppError(403, "forbidden");
      const outlines = await repo.districtOutlines(c.get("deps").db, user.scope);
      return c.json(
        {
          type: "FeatureCollection" as const,
          features: outlines.map((g) => ({
            type: "Feature",
            id: g.id,
            geometry: g.polygon,
            properties: {
              id: g.id,
              name: g.name,
              code: g.code,
              householdCount: 0,
              residentCount: 0,
              communityName: g.community_name,
            },
          })),
        },
        200,
      );
    }
    const rows = await gridsFor(c, c.req.valid("query").areaId);
    return c.json(
      {
        type: "FeatureCollection" as const,
        features: rows
          .filter((g) => g.polygon)
          .map((g) => ({
            type: "Feature",
            id: g.id,
            geometry: g.polygon,
            properties: {
              id: g.id,
              name: g.name,
              code: g.code,
              householdCount: g.household_count,
              residentCount: Number(g.resident_count ?? 0),
              communityName: g.community_name,
            },
          })),
      },
      200,
    );
  },
);

gridRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/grids/{id}",
    tags: ["registry"],
    summary: "One grid with its 1+X+Y staff",
    request: { params: IdParam },
    responses: { 200: json(GridDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const db = c.get("deps").db;
    const { id } = c.req.valid("param");
    const [g] = await repo.listGrids(db, user.scope, undefined, id);
    if (!g) throw new AppError(404, "not_found");
    const staff = (await repo.staffOf(db, id)).map((s) => ({
      id: s.id,
      role: s.role,
      name: s.name,
      title: s.title,
      userId: s.user_id,
    }));
    return c.json({ ...present(g), staff }, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/grids",
    tags: ["registry"],
    summary: "Create a grid under a community (its polygon must not overlap another grid)",
    request: { body: jsonBody(GridCreate) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const { db, gridIndex } = c.get("deps");
    const id = await service.createGrid(db, gridIndex, user, actorOf(c), c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

gridRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/grids/{id}",
    tags: ["registry"],
    summary: "Change a grid's name, level, leader or polygon",
    request: { params: IdParam, body: jsonBody(GridUpdate) },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const { db, gridIndex } = c.get("deps");
    const { id } = c.req.valid("param");
    await service.updateGrid(db, gridIndex, user, actorOf(c), id, c.req.valid("json"));
    return c.json({ id }, 200);
  },
);

gridRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/grids/{id}/staff",
    tags: ["registry"],
    summary: "Add a grid leader, assistant, informant or attached officer (1+X+Y)",
    request: { params: IdParam, body: jsonBody(StaffCreate) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const id = await service.addStaff(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

gridRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/grids/{id}/staff/{staffId}",
    tags: ["registry"],
    summary: "Remove a grid staff member",
    request: { params: IdParam.extend({ staffId: z.string().uuid() }) },
    responses: { 200: json(z.object({ ok: z.boolean() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "area.write");
    const { id, staffId } = c.req.valid("param");
    await service.removeStaff(c.get("deps").db, user, actorOf(c), id, staffId);
    return c.json({ ok: true }, 200);
  },
);
