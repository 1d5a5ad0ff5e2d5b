// SQL of work orders: numbering, reads within scope, the timeline, and the conditional update that
// makes two simultaneous actions on one order resolve to exactly one winner.
import { type Kysely, type SqlBool, sql } from "kysely";
import type { DB, OrderStatus } from "../../db/schema.js";
import { type Calendar, calendarOf, cstDay } from "./calendar.js";

/**
 * GZ + CST date + 7 digits, e.g. GZ202611250000123. The digits come from one sequence, not a
 * per-day counter row, so concurrent intakes never wait on each other; numbers stay unique and
 * increasing, they just do not restart at 1 each day.
 */
export async function nextOrderNumber(trx: Kysely<DB>, at: Date): Promise<string> {
  const day = cstDay(at).replaceAll("-", "");
  const { rows } = await sql<{ n: string }>`select nextval('order_number_seq') as n`.execute(trx);
  return `GZ${day}${String(Number(rows[0].n) % 10_000_000).padStart(7, "0")}`;
}

export async function loadCalendar(db: Kysely<DB>): Promise<Calendar> {
  return calendarOf(await db.selectFrom("calendar_days").select(["day", "kind"]).execute());
}

export const orderColumns = [
  "o.id",
  "o.district_id",
  "o.number",
  "o.channel",
  "o.appeal_type",
  "o.category_code",
  "c.name_zh as category_name_zh",
  "c.name_en as category_name_en",
  "o.title",
  "o.content",
  "o.lng",
  "o.lat",
  "o.address",
  "o.grid_id",
  "g.name as grid_name",
  "o.community_id",
  "o.street_id",
  "o.area_path",
  "o.reporter_user_id",
  "o.reporter_name",
  "o.reporter_phone_masked",
  "o.anonymous",
  "o.status",
  "o.suspended_from",
  "o.unit_id",
  "u.name as unit_name",
  "o.urgent",
  "o.suggested_category",
  "o.suggested_confidence",
  "o.accepted_at",
  "o.dispatched_at",
  "o.signed_at",
  "o.contacted_at",
  "o.answered_at",
  "o.archived_at",
  "o.response_due_at",
  "o.resolve_due_at",
  "o.warn_at",
  "o.answer",
  "o.resolved",
  "o.satisfaction",
  "o.reopen_count",
  "o.merged_into",
  "o.void_requested_by",
  "o.void_reason",
  "o.version",
] as const;

export function ordersFrom(db: Kysely<DB>) {
  return db
    .selectFrom("orders as o")
    .innerJoin("categories as c", "c.code", "o.category_code")
    .leftJoin("areas as g", "g.id", "o.grid_id")
    .leftJoin("units as u", "u.id", "o.unit_id");
}

export type OrderRow = Awaited<ReturnType<typeof findOrder>> & {};

export async function findOrder(db: Kysely<DB>, id: string) {
  return ordersFrom(db).select(orderColumns).where("o.id", "=", id).executeTakeFirst();
}

/** Applies a change only if nobody changed the order since it was read. */
export async function updateIfVersion(
  trx: Kysely<DB>,
  id: string,
  version: number,
  set: Partial<Record<string, unknown>>,
): Promise<boolean> {
  const r = await trx
    .updateTable("orders")
    .set({ ...set, version: version + 1, updated_at: new Date() })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addEvent(
  trx: Kysely<DB>,
  e: {
    orderId: string;
    districtId: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    from: OrderStatus | null;
    to: OrderStatus | null;
    note?: string | null;
    data?: Record<string, unknown>;
  },
) {
  await trx
    .insertInto("order_events")
    .values({
      order_id: e.orderId,
      district_id: e.districtId,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      note: e.note ?? null,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

/** Queues a message in the same transaction as the change it reports (transactional outbox). */
export async function enqueue(trx: Kysely<DB>, topic: string, payload: Record<string, unknown>) {
  await trx
    .insertInto("outbox")
    .values({ topic, payload: JSON.stringify(payload) })
    .execute();
}

export async function timeline(db: Kysely<DB>, orderId: string) {
  return db.selectFrom("order_events").selectAll().where("order_id", "=", orderId).orderBy("id").execute();
}

export const OPEN_STATUSES: OrderStatus[] = ["accepted", "dispatched", "signed", "in_progress", "returned", "suspended"];

export const openFilter = sql<SqlBool>`o.status in ('accepted','dispatched','signed','in_progress','returned','suspended')`;
