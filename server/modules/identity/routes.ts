import { createRoute, z } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { AppError, fieldError } from "../../lib/errors.js";
import { actorOf, createRouter, errorResponses, json, jsonBody, requirePermission, requireUser } from "../../lib/http.js";
import { appendAudit } from "../audit/repository.js";
import { pathInScope } from "../registry/scope.js";
import * as repo from "./repository.js";
import { passwordAcceptable } from "./rules.js";
import { LoginBody, Me, SecuritySettingsSchema, UserCreate, UserOut } from "./schemas.js";
import { hashPassword, login, logout, resolveSession } from "./service.js";

export const SESSION_COOKIE = "gz_session";
export const CSRF_COOKIE = "gz_csrf";

export const identityRoutes = createRouter();

identityRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/auth/login",
    tags: ["identity"],
    summary: "Log in with username and password (sets the session cookie)",
    request: { body: jsonBody(LoginBody) },
    responses: { 200: json(Me), ...errorResponses, 423: json(z.any(), "Locked") },
  }),
  async (c) => {
    const { db, config } = c.get("deps");
    const body = c.req.valid("json");
    const { token, csrfToken } = await login(db, config, { ...body, ip: c.get("ip") });
    const secure = c.req.url.startsWith("https:");
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: "Lax", path: "/", secure });
    setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: "Lax", path: "/", secure });
    const session = await resolveSession(db, config, token);
    if (!session) throw new AppError(500, "internal");
    return c.json(meOf(session.user), 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/auth/logout",
    tags: ["identity"],
    summary: "End the current session",
    responses: { 200: json(z.object({ ok: z.boolean() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const tokenHash = c.get("sessionTokenHash");
    if (tokenHash) await logout(c.get("deps").db, tokenHash, { userId: user.id, username: user.username, ip: c.get("ip") });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    deleteCookie(c, CSRF_COOKIE, { path: "/" });
    return c.json({ ok: true }, 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/auth/me",
    tags: ["identity"],
    summary: "The logged-in user, role, permissions and data scope",
    responses: { 200: json(Me), ...errorResponses },
  }),
  (c) => c.json(meOf(requireUser(c)), 200),
);

function meOf(u: ReturnType<typeof requireUser>) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    role: u.role,
    permissions: u.permissions,
    areas: u.areas,
    csrfToken: u.csrfToken,
  };
}

identityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/users",
    tags: ["identity"],
    summary: "List user accounts (system admin)",
    responses: { 200: json(z.object({ items: z.array(UserOut) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "user.manage");
    const db = c.get("deps").db;
    const users = await db.selectFrom("users").selectAll().orderBy("username").limit(1000).execute();
    const scopes = await db.selectFrom("user_scopes").selectAll().execute();
    const now = Date.now();
    return c.json(
      {
        items: users.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          kind: u.kind,
          role: u.role as z.infer<typeof UserOut>["role"],
          department: u.department,
          disabled: u.disabled,
          locked: u.locked_until !== null && u.locked_until.getTime() > now,
          areaIds: scopes.filter((s) => s.user_id === u.id).map((s) => s.area_id),
        })),
      },
      200,
    );
  },
);

identityRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/users",
    tags: ["identity"],
    summary: "Create a user account bound to areas (system admin)",
    request: { body: jsonBody(UserCreate) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "user.manage");
    const body = c.req.valid("json");
    const db = c.get("deps").db;
    const policy = await repo.securitySettings(db);
    const isResident = body.role === "resident";
    if (!isResident && !passwordAcceptable(body.password, policy.passwordMinLength)) {
      throw fieldError("password", "password_policy", { min: policy.passwordMinLength });
    }
    if (await repo.findUserByUsername(db, body.username)) {
      throw new AppError(409, "duplicate", { what: body.username });
    }
    // A resident account belongs to one person of the registry, inside the admin's scope; without
    // one it can file appeals but cannot back, vote or rate (nothing says where it lives).
    let residentGrid: string | null = null;
    if (body.residentId) {
      if (!isResident) throw fieldError("residentId", "invalid_value");
      const person = await db
        .selectFrom("residents")
        .select(["grid_id", "area_path"])
        .where("id", "=", body.residentId)
        .executeTakeFirst();
      if (!person || !pathInScope(person.area_path, user.scope)) throw fieldError("residentId", "unknown_reference");
      const taken = await db.selectFrom("users").select("id").where("resident_id", "=", body.residentId).executeTakeFirst();
      if (taken) throw new AppError(409, "duplicate", { what: "residentId" });
      residentGrid = person.grid_id;
    }
    const areaIds = body.areaIds.length || !residentGrid ? body.areaIds : [residentGrid];
    const passwordHash = await hashPassword(body.password);
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("users")
        .values({
          username: body.username,
          display_name: body.displayName,
          kind: isResident ? "resident" : "staff",
          role: body.role,
          password_hash: passwordHash,
          department: body.department ?? null,
          resident_id: body.residentId ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (areaIds.length) {
        await trx
          .insertInto("user_scopes")
          .values(areaIds.map((area_id) => ({ user_id: row.id, area_id })))
          .execute();
      }
      await appendAudit(trx, actorOf(c), {
        action: "user.create",
        targetType: "user",
        targetId: row.id,
        summary: { after: { username: body.username, role: body.role, areaIds, residentId: body.residentId ?? null } },
      });
      return row.id;
    });
    return c.json({ id }, 201);
  },
);

identityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/security/settings",
    tags: ["identity"],
    summary: "Password and lockout policy (security admin)",
    responses: { 200: json(SecuritySettingsSchema), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "security.manage");
    return c.json(await repo.securitySettings(c.get("deps").db), 200);
  },
);

identityRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/security/settings",
    tags: ["identity"],
    summary: "Change the password and lockout policy (security admin)",
    request: { body: jsonBody(SecuritySettingsSchema) },
    responses: { 200: json(SecuritySettingsSchema), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "security.manage");
    const body = c.req.valid("json");
    const db = c.get("deps").db;
    await db.transaction().execute(async (trx) => {
      const before = await repo.securitySettings(trx);
      await repo.saveSecuritySettings(trx, body, user.id);
      await appendAudit(trx, actorOf(c), { action: "security.settings.update", summary: { before, after: body } });
    });
    return c.json(body, 200);
  },
);
