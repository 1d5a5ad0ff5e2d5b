// SQL for Open311: API clients, the public service catalogue, and service requests. Request reads
// select only public columns — the reporter's name and phone are never even fetched.
import { type Kysely, type SqlBool, sql } from "kysely";
import type { DB, OrderStatus } from "../../db/schema.js";

export async function activeClientByKeyHash(db: Kysely<DB>, keyHash: string) {
  return db
    .selectFrom("open311_clients")
    .select(["id", "name"])
    .where("key_hash", "=", keyHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function listClients(db: Kysely<DB>) {
  return db.selectFrom("open311_clients").select(["id", "name", "created_at", "revoked_at"]).orderBy("created_at").execute();
}

/** Active leaf categories (no active child) with their parent's name, the services Open311 offers. */
export async function leafCategories(db: Kysely<DB>, code?: string) {
  let q = db
    .selectFrom("categories as c")
    .leftJoin("categories as p", "p.code", "c.parent_code")
    .select([
      "c.code",
      "c.name_zh",
      "c.name_en",
      "c.resolve_days",
      "c.resolve_hours",
      "c.urgent",
      "p.name_zh as group_name",
      "p.name_en as group_name_en",
    ])
    .where("c.active", "=", true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("categories as k").select("k.code").whereRef("k.parent_code", "=", "c.code").where("k.active", "=", true),
        ),
      ),
    );
  if (code !== undefined) q = q.where("c.code", "=", code);
  return q.orderBy("c.sort").orderBy("c.code").execute();
}

export const CLOSED_STATUSES: OrderStatus[] = ["answered", "archived", "voided", "merged"];

function requestsFrom(db: Kysely<DB>) {
  return db
    .selectFrom("orders as o")
    .innerJoin("categories as c", "c.code", "o.category_code")
    .leftJoin("units as u", "u.id", "o.unit_id")
    .leftJoin("orders as m", "m.id", "o.merged_into")
    .select([
      "o.id",
      "o.number",
      "o.status",
      "o.category_code",
      "c.name_zh as category_name",
      "o.content",
      "u.name as unit_name",
      "o.accepted_at",
      "o.updated_at",
      "o.resolve_due_at",
      "o.address",
      "o.lat",
      "o.lng",
      "m.number as merged_into_number",
      "o.open311_token",
      (eb) =>
        eb
          .selectFrom("order_events as e")
          .select(sql<string>`e.data->>'mediaUrl'`.as("u"))
          .whereRef("e.order_id", "=", "o.id")
          .where("e.action", "=", "attach")
          .where(sql<SqlBool>`e.data->>'mediaUrl' is not null`)
          .orderBy("e.id", "desc")
          .limit(1)
          .as("media_url"),
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsFrom>["executeTakeFirstOrThrow"]>>;

export async function requestByNumber(db: Kysely<DB>, number: string) {
  return requestsFrom(db).where("o.number", "=", number).executeTakeFirst();
}

export async function requestByToken(db: Kysely<DB>, token: string) {
  return db.selectFrom("orders").select(["number", "open311_token"]).where("open311_token", "=", token).executeTakeFirst();
}

export type RequestFilter = {
  numbers?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  status?: ("open" | "closed")[];
  limit: number;
  offset: number;
};

export async function findRequests(db: Kysely<DB>, f: RequestFilter) {
  let q = requestsFrom(db);
  if (f.numbers) {
    q = q.where("o.number", "in", f.numbers);
  } else {
    if (f.serviceCodes?.length) q = q.where("o.category_code", "in", f.serviceCodes);
    if (f.from) q = q.where("o.accepted_at", ">=", f.from);
    if (f.to) q = q.where("o.accepted_at", "<=", f.to);
    const wants = new Set(f.status ?? []);
    if (wants.size === 1) q = q.where("o.status", wants.has("closed") ? "in" : "not in", CLOSED_STATUSES);
  }
  return q.orderBy("o.accepted_at", "desc").orderBy("o.number", "desc").limit(f.limit).offset(f.offset).execute();
}
