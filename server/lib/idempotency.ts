// Idempotency-Key for submissions: a retried POST with the same key returns the first answer and
// changes nothing. The key is claimed before the handler runs, so two copies racing each other
// cannot both go through; the second is told the first is still in progress.
import type { MiddlewareHandler } from "hono";
import { AppError } from "./errors.js";
import type { AppEnv } from "./http.js";

const IN_PROGRESS = 0;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  const user = c.get("user");
  if (!key || c.req.method !== "POST" || !user) return next();
  if (key.length > 200) throw new AppError(400, "bad_request", { reason: "Idempotency-Key longer than 200 characters" });
  const db = c.get("deps").db;
  const claimed = await db
    .insertInto("idempotency_keys")
    .values({ key, user_id: user.id, method: c.req.method, path: c.req.path, status: IN_PROGRESS, body: "null" })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!claimed) {
    const prior = await db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("user_id", "=", user.id)
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    if (prior.path !== c.req.path || prior.method !== c.req.method) throw new AppError(422, "idempotency_conflict");
    if (prior.status === IN_PROGRESS) throw new AppError(409, "conflict");
    c.header("Idempotent-Replayed", "true");
    return c.json(prior.body as object, prior.status as 200);
  }
  await next();
  const res = c.res;
  const isJson = res.headers.get("content-type")?.includes("application/json");
  if (res.status >= 500 || !isJson) {
    // Nothing durable to replay: free the key so the client's retry runs for real.
    await db.deleteFrom("idempotency_keys").where("user_id", "=", user.id).where("key", "=", key).execute();
    return;
  }
  const body = await res.clone().text();
  await db
    .updateTable("idempotency_keys")
    .set({ status: res.status, body })
    .where("user_id", "=", user.id)
    .where("key", "=", key)
    .execute();
};
