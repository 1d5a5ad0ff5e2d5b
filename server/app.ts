// Builds the HTTP application: shared middleware, every module's routes, the OpenAPI document,
// the API reference and the web app.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { getCookie } from "hono/cookie";
import type { Deps } from "./deps.js";
import { AppError } from "./lib/errors.js";
import { createRouter } from "./lib/http.js";
import { idempotency } from "./lib/idempotency.js";
import { pickLang } from "./lib/i18n.js";
import { notificationRoutes } from "./modules/appeals/notifications.routes.js";
import { appealsAdminRoutes } from "./modules/appeals/admin.routes.js";
import { orderRoutes } from "./modules/appeals/routes.js";
import { attachmentRoutes } from "./modules/appeals/attachments.routes.js";
import { open311ClientRoutes, open311Routes } from "./modules/open311/routes.js";
import { statsRoutes } from "./modules/appeals/stats.routes.js";
import { whistleRoutes } from "./modules/appeals/whistle.routes.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { identityRoutes, SESSION_COOKIE } from "./modules/identity/routes.js";
import { resolveSession } from "./modules/identity/service.js";
import { registryRoutes } from "./modules/registry/routes.js";
import { transferRoutes } from "./modules/transfer/index.js";
import { deliberationRoutes } from "./modules/deliberation/routes.js";
import { votesRoutes } from "./modules/votes/routes.js";
import { budgetRoutes } from "./modules/budget/routes.js";
import { projectsRoutes } from "./modules/projects/routes.js";
import { disclosureRoutes } from "./modules/disclosure/routes.js";
import { evaluationRoutes } from "./modules/evaluation/routes.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const CSRF_EXEMPT = new Set(["/api/auth/login"]);
const webRoot = path.resolve("dist/web");

export function buildApp(deps: Deps) {
  const app = createRouter();

  app.onError((err, c) => {
    const lang = c.get("lang") ?? "zh";
    const e = err instanceof AppError ? err : new AppError(500, "internal");
    if (!(err instanceof AppError)) console.error(err);
    return c.json({ error: { code: e.code, message: e.message_(lang), details: e.details(lang) } }, e.status);
  });

  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("lang", pickLang(c.req.header("accept-language")));
    const forwarded = deps.config.trustProxy ? c.req.header("x-forwarded-for")?.split(",")[0]?.trim() : undefined;
    let ip = forwarded ?? "";
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address ?? "";
      } catch {
        ip = "local"; // in-process requests (tests) have no socket
      }
    }
    c.set("ip", ip);
    c.set("user", null);
    c.set("sessionTokenHash", null);
    await next();
  });

  // Sessions are resolved for API calls only; cookie-authenticated writes must echo the CSRF token.
  app.use("/api/*", async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await resolveSession(deps.db, deps.config, token);
      if (session) {
        c.set("user", session.user);
        c.set("sessionTokenHash", session.tokenHash);
        if (UNSAFE.has(c.req.method) && !CSRF_EXEMPT.has(c.req.path)) {
          const sent = c.req.header("x-csrf-token");
          if (sent !== session.user.csrfToken) throw new AppError(403, "csrf_failed");
        }
      }
    }
    await next();
  });

  app.use("/api/*", idempotency);

  app.get("/healthz", (c) => c.json({ status: "ok", database: deps.dbKind }));

  app.route("/", identityRoutes);
  app.route("/", auditRoutes);
  app.route("/", registryRoutes);
  app.route("/", orderRoutes);
  app.route("/", appealsAdminRoutes);
  app.route("/", whistleRoutes);
  app.route("/", statsRoutes);
  app.route("/", notificationRoutes);
  app.route("/", transferRoutes);
  app.route("/", attachmentRoutes);
  app.route("/", open311ClientRoutes);
  app.route("/", open311Routes);
  app.route("/", deliberationRoutes);
  app.route("/", votesRoutes);
  app.route("/", budgetRoutes);
  app.route("/", projectsRoutes);
  app.route("/", disclosureRoutes);
  app.route("/", evaluationRoutes);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Gongzhi (共治) API",
      version: "0.1.0",
      description: "Grassroots co-governance platform. Log in at /api/auth/login; send X-CSRF-Token on writes.",
    },
  });

  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  app.use(
    "/api/docs/assets/*",
    serveStatic({
      root: path.relative(process.cwd(), swaggerDir),
      rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, ""),
    }),
  );
  app.get("/api/docs", (c) =>
    c.html(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>共治 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#ui" });</script></body></html>`),
  );

  app.all("/api/*", () => {
    throw new AppError(404, "route_not_found");
  });
  app.all("/open311/*", () => {
    throw new AppError(404, "route_not_found");
  });

  // The web app: built files, and index.html for client-side routes.
  if (existsSync(webRoot)) {
    app.use("/*", serveStatic({ root: path.relative(process.cwd(), webRoot) }));
    const index = readFileSync(path.join(webRoot, "index.html"), "utf8");
    app.get("*", (c) => c.html(index));
  }
  app.notFound(() => {
    throw new AppError(404, "route_not_found");
  });
  return app;
}

export type App = ReturnType<typeof buildApp>;
