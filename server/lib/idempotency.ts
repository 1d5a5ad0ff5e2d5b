// Idempotency-Key for submissions: a retried POST with the same key returns the first answer and
// changes nothing. The key is claimed before the handler runs, so two copies racing each other
// cannot both go through; the second is told the first is still in progress. Keys are kept per
// owner: a logged-in user, or an API client (Open311).
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors.js";
import type { AppEnv } from "./http.js";

const IN_PROGRESS = 0;

/** A stored answer that was not JSON (Open311 answers in XML too) is kept as its text and type. */
type RawBody = { $raw: string; type: string };
const isRaw = (b: unknown): b is RawBody => typeof b === "object" && b !== null && "$raw" in b && "type" in b;

/**
 * Runs `next` at most once per (owner, key): the first call claims the key and stores the answer,
 * a retry gets the stored answer back with `Idempotent-Replayed: true`.
 */
export async function oncePerKey(
  c: Context<AppEnv>,
  ownerId: string,
  key: string,
  next: () => Promise<void>,
): Promise<Response | undefined> {
  if (key.length > 200) throw new AppError(400, "bad_request", { reason: "Idempotency-Key longer than 200 characters" });
  const db = c.get("deps").db;
  const claimed = await db
    .insertInto("idempotency_keys")
    .values({ key, user_id: ownerId, method: c.req.method, path: c.req.path, status: IN_PROGRESS, body: "null" })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!claimed) {
    const prior = await db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("user_id", "=", ownerId)
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    if (prior.path !== c.req.path || prior.method !== c.req.method) throw new AppError(422, "idempotency_conflict");
    if (prior.status === IN_PROGRESS) throw new AppError(409, "conflict");
    c.header("Idempotent-Replayed", "true");
    if (isRaw(prior.body)) return c.body(prior.body.$raw, prior.status as 200, { "content-type": prior.body.type });
    return c.json(prior.body as object, prior.status as 200);
  }
  try {
    await next();
  } catch (e) {
    await db.deleteFrom("idempotency_keys").where("user_id", "=", ownerId).where("key", "=", key).execute();
    throw e;
  }
  const res = c.res;
  const type = res.headers.get("content-type") ?? "";
  if (res.status >= 500 || !type) {
    // Nothing durable to replay: free the key so the client's retry runs for real.
    await db.deleteFrom("idempotency_keys").where("user_id", "=", ownerId).where("key", "=", key).execute();
    return undefined;
  }
  const text = await res.clone().text();
  const body = type === "application/json" ? text : JSON.stringify({ $raw: text, type } satisfies RawBody);
  await db
    .updateTable("idempotency_keys")
    .set({ status: res.status, body })
    .where("user_id", "=", ownerId)
    .where("key", "=", key)
    .execute();
  return undefined;
}

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header("idempotency-key");
  const user = c.get("user");
  if (!key || c.req.method !== "POST" || !user) return next();
  return oncePerKey(c, user.id, key, next);
};
