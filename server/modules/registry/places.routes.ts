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
import * as repo from "./places.repository.js";
import * as service from "./places.service.js";
import { listResidents } from "./residents.repository.js";
import { present as presentResidents } from "./residents.service.js";
import { Building, BuildingQuery, BuildingWrite, Household, HouseholdDetail, HouseholdQuery, HouseholdWrite } from "./schemas.js";

export const placeRoutes = createRouter();

export async function placeFilter(c: Ctx, q: { q?: string; areaId?: string; buildingId?: string }): Promise<repo.PlaceFilter> {
  const user = requirePermission(c, "registry.read");
  const areaPath = q.areaId ? (await findAreaOrNotFound(c.get("deps").db, user, q.areaId)).path : undefined;
  return { q: q.q || undefined, areaPath, buildingId: q.buildingId };
}

const Created = json(z.object({ id: z.string() }));

placeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/buildings",
    tags: ["registry"],
    summary: "Buildings and compounds in scope",
    request: { query: BuildingQuery },
    responses: { 200: json(pageOf(Building)), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const q = c.req.valid("query");
    const r = await repo.listBuildings(c.get("deps").db, user.scope, await placeFilter(c, q), q.page, q.pageSize);
    return c.json(
      {
        items: r.rows.map(service.presentBuilding),
        total: r.total,
        totalCapped: r.totalCapped,
        page: q.page,
        pageSize: q.pageSize,
      },
      200,
    );
  },
);

placeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/buildings/resolve",
    tags: ["registry"],
    summary: "Resolve an address to buildings (and so to their grid)",
    request: { query: z.object({ address: z.string().trim().min(2).max(200) }) },
    responses: { 200: json(z.object({ items: z.array(Building) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const r = await repo.listBuildings(c.get("deps").db, user.scope, { q: c.req.valid("query").address }, 1, 10);
    return c.json({ items: r.rows.map(service.presentBuilding) }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/buildings/{id}",
    tags: ["registry"],
    summary: "One building with its households",
    request: { params: IdParam },
    responses: { 200: json(Building.extend({ households: z.array(Household) })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const db = c.get("deps").db;
    const { id } = c.req.valid("param");
    const b = await repo.findBuilding(db, user.scope, id);
    if (!b) throw new AppError(404, "not_found");
    const hs = await repo.listHouseholds(db, user.scope, { buildingId: id }, 1, 500);
    return c.json({ ...service.presentBuilding(b), households: hs.rows.map(service.presentHousehold) }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/buildings",
    tags: ["registry"],
    summary: "Register a building or compound",
    request: { body: jsonBody(BuildingWrite) },
    responses: { 201: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const id = await service.saveBuilding(c.get("deps").db, user, actorOf(c), c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/buildings/{id}",
    tags: ["registry"],
    summary: "Change a building",
    request: { params: IdParam, body: jsonBody(BuildingWrite) },
    responses: { 200: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const id = await service.saveBuilding(c.get("deps").db, user, actorOf(c), c.req.valid("json"), c.req.valid("param").id);
    return c.json({ id }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/buildings/{id}",
    tags: ["registry"],
    summary: "Remove an empty building",
    request: { params: IdParam },
    responses: { 200: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { id } = c.req.valid("param");
    await service.deleteBuilding(c.get("deps").db, user, actorOf(c), id);
    return c.json({ id }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/households",
    tags: ["registry"],
    summary: "Households in scope",
    request: { query: HouseholdQuery },
    responses: { 200: json(pageOf(Household)), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const q = c.req.valid("query");
    const r = await repo.listHouseholds(c.get("deps").db, user.scope, await placeFilter(c, q), q.page, q.pageSize);
    return c.json(
      {
        items: r.rows.map(service.presentHousehold),
        total: r.total,
        totalCapped: r.totalCapped,
        page: q.page,
        pageSize: q.pageSize,
      },
      200,
    );
  },
);

placeRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/households/{id}",
    tags: ["registry"],
    summary: "Household view: members and moves",
    request: { params: IdParam },
    responses: { 200: json(HouseholdDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    const db = c.get("deps").db;
    const { id } = c.req.valid("param");
    const h = await repo.findHousehold(db, user.scope, id);
    if (!h) throw new AppError(404, "not_found");
    const members = await listResidents(db, user.scope, { householdId: id }, 1, 100);
    const moves = (await repo.movesInto(db, id)).map((m) => ({
      id: m.id,
      residentId: m.resident_id,
      residentName: m.resident_name,
      fromHouseholdId: m.from_household_id,
      toHouseholdId: m.to_household_id,
      fromAddress: m.from_address,
      toAddress: m.to_address,
      movedAt: m.moved_at.toISOString(),
      reason: m.reason,
    }));
    return c.json({ ...service.presentHousehold(h), members: await presentResidents(db, user, members.rows), moves }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/households",
    tags: ["registry"],
    summary: "Register a household",
    request: { body: jsonBody(HouseholdWrite) },
    responses: { 201: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const id = await service.saveHousehold(c.get("deps").db, user, actorOf(c), c.req.valid("json"));
    return c.json({ id }, 201);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/households/{id}",
    tags: ["registry"],
    summary: "Change a household",
    request: { params: IdParam, body: jsonBody(HouseholdWrite) },
    responses: { 200: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const id = await service.saveHousehold(c.get("deps").db, user, actorOf(c), c.req.valid("json"), c.req.valid("param").id);
    return c.json({ id }, 200);
  },
);

placeRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/households/{id}",
    tags: ["registry"],
    summary: "Remove an empty household",
    request: { params: IdParam },
    responses: { 200: Created, ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.write");
    const { id } = c.req.valid("param");
    await service.deleteHousehold(c.get("deps").db, user, actorOf(c), id);
    return c.json({ id }, 200);
  },
);
