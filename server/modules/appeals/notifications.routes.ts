// The in-app inbox: notifications the outbox dispatcher wrote for the logged-in user. Marking one
// read touches only the caller's own inbox (a personal flag, not governance data: not audited).
import { createRoute, z } from "@hono/zod-openapi";
import { AppError } from "../../lib/errors.js";
import { createRouter, errorResponses, IdParam, json, Paging, requireUser } from "../../lib/http.js";

export const notificationRoutes = createRouter();

const Notification = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    orderId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

const Query = Paging.extend({
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "only unread notifications" }),
});

notificationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/notifications",
    tags: ["notifications"],
    summary: "My notifications, newest first, with the number still unread",
    request: { query: Query },
    responses: {
      200: json(z.object({ items: z.array(Notification), total: z.number().int(), unread: z.number().int() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const db = c.get("deps").db;
    const q = c.req.valid("query");
    let base = db.selectFrom("notifications").where("user_id", "=", user.id);
    if (q.unread) base = base.where("read_at", "is", null);
    const [rows, counts] = await Promise.all([
      base
        .select(["id", "title", "body", "order_id", "created_at", "read_at"])
        .orderBy("created_at", "desc")
        .orderBy("id")
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom("notifications")
        .select((eb) => [
          eb.fn.countAll<string>().as("total"),
          eb.fn.count<string>("id").filterWhere("read_at", "is", null).as("unread"),
        ])
        .where("user_id", "=", user.id)
        .executeTakeFirstOrThrow(),
    ]);
    return c.json(
      {
        items: rows.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          orderId: n.order_id,
          createdAt: n.created_at.toISOString(),
          readAt: n.read_at ? n.read_at.toISOString() : null,
        })),
        total: q.unread ? Number(counts.unread) : Number(counts.total),
        unread: Number(counts.unread),
      },
      200,
    );
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/notifications/{id}/read",
    tags: ["notifications"],
    summary: "Mark one of my notifications read",
    request: { params: IdParam },
    responses: { 200: json(z.object({ id: z.string(), readAt: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const db = c.get("deps").db;
    const { id } = c.req.valid("param");
    const row = await db
      .updateTable("notifications")
      .set((eb) => ({ read_at: eb.fn.coalesce("read_at", eb.val(new Date())) }))
      .where("id", "=", id)
      .where("user_id", "=", user.id)
      .returning(["id", "read_at"])
      .executeTakeFirst();
    if (!row?.read_at) throw new AppError(404, "not_found");
    return c.json({ id: row.id, readAt: row.read_at.toISOString() }, 200);
  },
);

notificationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/notifications/read-all",
    tags: ["notifications"],
    summary: "Mark all my notifications read",
    responses: { 200: json(z.object({ updated: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const r = await c
      .get("deps")
      .db.updateTable("notifications")
      .set({ read_at: new Date() })
      .where("user_id", "=", user.id)
      .where("read_at", "is", null)
      .executeTakeFirst();
    return c.json({ updated: Number(r.numUpdatedRows) }, 200);
  },
);
