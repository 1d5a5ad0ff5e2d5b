// Open311 GeoReport v2 at /open311/v2/ (JSON and XML, the spec's element names and error bodies),
// and the administration of API clients under /api/open311/clients.
import { createRoute, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../../lib/errors.js";
import {
  actorOf,
  type AppEnv,
  createRouter,
  type Ctx,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  requirePermission,
} from "../../lib/http.js";
import { oncePerKey } from "../../lib/idempotency.js";
import { type Format, formatOfPath, Open311Error, send, sendError, splitFormat } from "./format.js";
import * as repo from "./repository.js";
import * as service from "./service.js";

export const open311Routes = new Hono<AppEnv>();

const BASE = "/open311/v2";

open311Routes.onError((err, c) => {
  const format = formatOfPath(c.req.path);
  if (err instanceof Open311Error) return sendError(c, format, err);
  if (err instanceof AppError) {
    const lang = c.get("lang") ?? "zh";
    const details = err.details(lang).map((d) => `${d.path}: ${d.message}`);
    const status = err.status === 403 || err.status === 404 ? err.status : err.status >= 500 ? 500 : 400;
    return sendError(c, format, new Open311Error(status, [err.message_(lang), ...details].join("; ")));
  }
  console.error(err);
  return sendError(c, format, new Open311Error(500, "internal server error"));
});

function fileOrNotFound(file: string): { name: string; format: Format } {
  const f = splitFormat(file);
  if (!f) throw new Open311Error(404, "unknown format: use .json or .xml");
  return f;
}

const notFound = (c: Ctx) => new Open311Error(404, c.get("lang") === "en" ? "no such endpoint" : "接口不存在");

/** The endpoint's public address, from the request (and the proxy's headers when they are trusted). */
function baseUrl(c: Ctx): string {
  const url = new URL(c.req.url);
  if (c.get("deps").config.trustProxy) {
    const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
    const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
    if (proto) url.protocol = `${proto}:`;
    if (host) url.host = host;
  }
  return `${url.origin}${BASE}`;
}

const query = (c: Ctx): service.RequestQuery => {
  const q = c.req.query();
  return {
    service_request_id: q.service_request_id,
    service_code: q.service_code,
    start_date: q.start_date,
    end_date: q.end_date,
    status: q.status,
    page: q.page,
    page_size: q.page_size,
  };
};

open311Routes.get(`${BASE}/:file`, async (c) => {
  const { name, format } = fileOrNotFound(c.req.param("file"));
  const deps = c.get("deps");
  switch (name) {
    case "discovery":
      return send(c, format, "discovery", service.discovery(baseUrl(c)));
    case "services":
      return send(c, format, "services", await service.services(deps));
    case "requests":
      return send(c, format, "service_requests", await service.findRequests(deps, query(c), c.get("lang")));
    default:
      throw notFound(c);
  }
});

open311Routes.get(`${BASE}/services/:file`, async (c) => {
  const { name, format } = fileOrNotFound(c.req.param("file"));
  return send(c, format, "service_definition", await service.serviceDefinition(c.get("deps"), name, c.get("lang")));
});

open311Routes.get(`${BASE}/requests/:file`, async (c) => {
  const { name, format } = fileOrNotFound(c.req.param("file"));
  return send(c, format, "service_requests", await service.requestByNumber(c.get("deps"), name, c.get("lang")));
});

open311Routes.get(`${BASE}/tokens/:file`, async (c) => {
  const { name, format } = fileOrNotFound(c.req.param("file"));
  return send(c, format, "service_requests", await service.requestByToken(c.get("deps"), name, c.get("lang")));
});

open311Routes.post(
  `${BASE}/:file`,
  bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => sendError(c, formatOfPath(c.req.path), new Open311Error(400, "request body too large")),
  }),
  async (c) => {
    const { name, format } = fileOrNotFound(c.req.param("file"));
    if (name !== "requests") throw notFound(c);
    const lang = c.get("lang");
    const type = c.req.header("content-type") ?? "";
    const form: service.PostForm = {};
    // The spec posts application/x-www-form-urlencoded; multipart is accepted too. The api_key may
    // also come in the query string, as some clients send it there.
    if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
      const body = await c.req.parseBody();
      for (const [k, v] of Object.entries(body)) if (typeof v === "string") form[k] = v;
    } else if (type) {
      throw new Open311Error(
        400,
        lang === "en" ? "send application/x-www-form-urlencoded" : "请以 application/x-www-form-urlencoded 提交",
      );
    }
    form.api_key ??= c.req.query("api_key");
    const submit = async () =>
      send(c, format, "service_requests", await service.createRequest(c.get("deps"), form, c.get("ip"), lang), 200);
    // A client that retries with the same Idempotency-Key gets the first answer, not a second order.
    const key = c.req.header("idempotency-key");
    if (!key) return submit();
    const client = await service.clientOf(c.get("deps"), form.api_key, lang);
    const replay = await oncePerKey(c, client.id, key, async () => {
      c.res = await submit();
    });
    return replay ?? c.res;
  },
);

open311Routes.all(`${BASE}/*`, (c) => {
  throw notFound(c);
});

// Administration of API clients (appeal.admin).

export const open311ClientRoutes = createRouter();

const Client = z
  .object({ id: z.string(), name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .openapi("Open311Client");

open311ClientRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/open311/clients",
    tags: ["open311"],
    summary: "Issue an Open311 API key for a client system; the key is shown only in this answer",
    request: { body: jsonBody(z.object({ name: z.string().trim().min(1).max(100) }).openapi("Open311ClientCreate")) },
    responses: {
      201: json(z.object({ id: z.string(), name: z.string(), apiKey: z.string(), createdAt: z.string() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    return c.json(await service.createClient(c.get("deps"), actorOf(c), c.req.valid("json").name), 201);
  },
);

open311ClientRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/open311/clients",
    tags: ["open311"],
    summary: "Open311 API clients (never their keys)",
    responses: { 200: json(z.object({ items: z.array(Client) })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    const rows = await repo.listClients(c.get("deps").db);
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          createdAt: r.created_at.toISOString(),
          revokedAt: r.revoked_at?.toISOString() ?? null,
        })),
      },
      200,
    );
  },
);

open311ClientRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/open311/clients/{id}/revoke",
    tags: ["open311"],
    summary: "Revoke an Open311 API key; its submissions are refused from now on",
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string(), name: z.string(), revokedAt: z.string() })), ...errorResponses },
  }),
  async (c) => {
    requirePermission(c, "appeal.admin");
    return c.json(await service.revokeClient(c.get("deps"), actorOf(c), c.req.valid("param").id), 200);
  },
);
