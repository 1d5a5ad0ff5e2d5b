import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, createRouter, errorResponses, json, Paging, requirePermission } from "../../lib/http.js";
import { appendAudit, listAudit, verifyChain } from "./repository.js";

export const auditRoutes = createRouter();

const AuditEntry = z
  .object({
    seq: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    hash: z.string().nullable().openapi({ description: "null until the chainer has linked the entry (a second or so)" }),
  })
  .openapi("AuditEntry");

auditRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/audit",
    tags: ["audit"],
    summary: "Read the audit trail with filters (auditor only)",
    request: {
      query: Paging.extend({
        actor: z.string().optional(),
        action: z.string().optional(),
        targetType: z.string().optional(),
        targetId: z.string().optional(),
        from: z.coerce.date().optional(),
        to: z.coerce.date().optional(),
      }),
    },
    responses: {
      200: json(z.object({ items: z.array(AuditEntry), total: z.number(), page: z.number(), pageSize: z.number() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c, "audit.read");
    const { page, pageSize, ...filter } = c.req.valid("query");
    const { rows, total } = await listAudit(c.get("deps").db, filter, page, pageSize);
    return c.json(
      {
        items: rows.map((r) => ({
          seq: String(r.seq),
          at: r.at.toISOString(),
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          summary: r.summary,
          ip: r.ip,
          hash: r.hash,
        })),
        total,
        page,
        pageSize,
      },
      200,
    );
  },
);

auditRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/audit/verify",
    tags: ["audit"],
    summary: "Check the hash chain and report the first broken link (auditor only)",
    responses: {
      200: json(
        z.object({
          ok: z.boolean(),
          checked: z.number(),
          unlinked: z.number().optional(),
          broken: z.object({ seq: z.string(), reason: z.string() }).optional(),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    requirePermission(c, "audit.read");
    const db = c.get("deps").db;
    const result = await verifyChain(db);
    await appendAudit(db, actorOf(c), { action: "audit.verify", summary: { ok: result.ok, checked: result.checked } });
    return c.json(result, 200);
  },
);
