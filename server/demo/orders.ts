// Demo work orders: four months of appeals across the demo district, most of them handled to the
// end, some still open, a few late, so the boards, the order pages and the dashboard have something
// true-looking to show. Deterministic for a seed, like the rest of the demo.
import { randomUUID } from "node:crypto";
import { type Insertable, type Kysely, sql } from "kysely";
import type { DB, OrderStatus } from "../db/schema.js";
import { addWorkingMs, type Calendar, cstDay, deadlines } from "../modules/appeals/calendar.js";
import { APPEAL_TYPE_DAYS } from "../modules/appeals/service.js";
import { CATEGORIES } from "../modules/dispatch/catalogue.js";
import { labelledAppeals } from "../modules/dispatch/dataset.js";
import { Rng } from "./random.js";

const HOUR = 3_600_000;

export async function generateDemoOrders(
  db: Kysely<DB>,
  calendar: Calendar,
  opts: { count?: number; now?: Date; seed?: number } = {},
) {
  const count = opts.count ?? 3000;
  const now = opts.now ?? new Date();
  const rng = new Rng(opts.seed ?? 2026);
  const texts = new Map<string, string[]>();
  for (const a of labelledAppeals(11, 30)) texts.set(a.label, [...(texts.get(a.label) ?? []), a.text]);
  const grids = await db
    .selectFrom("areas as g")
    .innerJoin("areas as c", "c.id", "g.parent_id")
    .innerJoin("grids", "grids.area_id", "g.id")
    .select([
      "g.id",
      "g.path",
      "g.district_id",
      "c.id as community_id",
      "c.parent_id as street_id",
      "grids.min_lng",
      "grids.min_lat",
      "grids.max_lng",
      "grids.max_lat",
    ])
    .where("g.level", "=", "grid")
    .execute();
  if (grids.length === 0) return 0;
  const units = await db.selectFrom("units").select(["id", "code", "area_id", "kind"]).execute();
  const unitByCode = new Map(units.filter((u) => u.kind === "department").map((u) => [u.code, u.id]));
  const unitByArea = new Map(units.filter((u) => u.area_id).map((u) => [u.area_id as string, u.id]));
  const categories = CATEGORIES.filter((c) => texts.has(c.code));
  const orders: Insertable<DB["orders"]>[] = [];
  const events: Insertable<DB["order_events"]>[] = [];
  const span = 120 * 24 * HOUR;

  for (let i = 0; i < count; i++) {
    const g = grids[rng.int(0, grids.length - 1)];
    const cat = rng.pick(categories);
    const type = cat.defaultType;
    const acceptedAt = new Date(now.getTime() - span * rng.float() ** 1.3 - HOUR);
    const limits = {
      responseHours: cat.responseHours,
      resolveDays: cat.resolveHours ? null : Math.min(cat.resolveDays ?? 15, APPEAL_TYPE_DAYS[type] ?? 15),
      resolveHours: cat.resolveHours ?? null,
      urgent: cat.urgent,
    };
    const due = deadlines(acceptedAt, limits, calendar);
    const unitId =
      unitByCode.get(cat.defaultUnit) ??
      unitByArea.get(cat.defaultUnit === "grid" ? g.id : cat.defaultUnit === "street" ? (g.street_id as string) : g.community_id);
    const id = randomUUID();
    const content = rng.pick(texts.get(cat.code) as string[]);
    const lng = g.min_lng !== null ? (g.min_lng as number) + rng.float() * ((g.max_lng as number) - (g.min_lng as number)) : null;
    const lat = g.min_lat !== null ? (g.min_lat as number) + rng.float() * ((g.max_lat as number) - (g.min_lat as number)) : null;
    const total = due.resolveDue.getTime() - acceptedAt.getTime();
    // How the story went: most on time, some late; handled orders are called back.
    const late = rng.chance(0.12);
    const dispatchedAt = new Date(acceptedAt.getTime() + rng.float() * 2 * HOUR);
    const signedAt = new Date(dispatchedAt.getTime() + rng.float() * 4 * HOUR);
    const contactedAt = rng.chance(0.93)
      ? new Date(acceptedAt.getTime() + rng.float() * (due.responseDue.getTime() - acceptedAt.getTime()))
      : addWorkingMs(due.responseDue, 6 * HOUR, calendar);
    const answeredAt = new Date(acceptedAt.getTime() + (late ? 1.05 + rng.float() * 0.4 : 0.2 + rng.float() * 0.75) * total);
    const callbackAt = new Date(answeredAt.getTime() + rng.float() * 24 * HOUR);
    let status: OrderStatus;
    if (answeredAt.getTime() > now.getTime()) {
      status = signedAt.getTime() > now.getTime() ? "dispatched" : rng.chance(0.6) ? "in_progress" : "signed";
      if (rng.chance(0.05)) status = "accepted";
    } else if (callbackAt.getTime() > now.getTime()) status = "answered";
    else status = "archived";
    const satisfaction =
      status === "archived" ? (rng.chance(0.82) ? "satisfied" : rng.chance(0.6) ? "basic" : "dissatisfied") : null;
    const resolved = satisfaction === null ? null : satisfaction !== "dissatisfied" || rng.chance(0.3);
    const channel = rng.chance(0.5) ? "hotline" : rng.chance(0.6) ? "resident" : "patrol";
    const at = (t: Date) => (t.getTime() <= now.getTime() ? t : null);
    orders.push({
      id,
      district_id: g.district_id as string,
      number: "",
      channel,
      appeal_type: type,
      category_code: cat.code,
      title: content.slice(0, 30),
      content,
      lng,
      lat,
      address: null,
      grid_id: g.id,
      community_id: g.community_id,
      street_id: g.street_id,
      area_path: g.path,
      reporter_name: channel === "patrol" ? null : "居民",
      status,
      unit_id: status === "accepted" ? null : (unitId ?? null),
      urgent: cat.urgent,
      suggested_category: cat.code,
      suggested_confidence: 0.6 + rng.float() * 0.39,
      accepted_at: acceptedAt,
      dispatched_at: status === "accepted" ? null : at(dispatchedAt),
      signed_at: ["accepted", "dispatched"].includes(status) ? null : at(signedAt),
      contacted_at: status === "accepted" ? null : at(contactedAt),
      answered_at: ["answered", "archived"].includes(status) ? answeredAt : null,
      archived_at: status === "archived" ? callbackAt : null,
      response_due_at: due.responseDue,
      resolve_due_at: due.resolveDue,
      warn_at: due.warnAt,
      warned_at: due.warnAt.getTime() <= now.getTime() ? due.warnAt : null,
      overdue_fired_at:
        ["answered", "archived"].includes(status) || due.resolveDue.getTime() > now.getTime() ? null : due.resolveDue,
      answer: ["answered", "archived"].includes(status) ? "已现场核实并处理完毕,已向来电人反馈。" : null,
      resolved,
      satisfaction,
      rated_at: status === "archived" ? callbackAt : null,
    });
    const ev = (t: Date | null, action: string, from: OrderStatus | null, to: OrderStatus, note: string | null = null) => {
      if (t && t.getTime() <= now.getTime()) {
        events.push({
          order_id: id,
          district_id: g.district_id as string,
          at: t,
          actor_id: null,
          actor_name: "演示数据",
          action,
          from_status: from,
          to_status: to,
          note,
          data: "{}",
        });
      }
    };
    ev(acceptedAt, "accept", null, "accepted");
    if (status !== "accepted") ev(dispatchedAt, "dispatch", "accepted", "dispatched");
    if (!["accepted", "dispatched"].includes(status)) ev(signedAt, "sign", "dispatched", "signed");
    if (["answered", "archived"].includes(status)) ev(answeredAt, "answer", "signed", "answered", "已现场核实并处理完毕");
    if (status === "archived") ev(callbackAt, "callback", "answered", "archived");
  }

  orders.sort((a, b) => (a.accepted_at as Date).getTime() - (b.accepted_at as Date).getTime());
  orders.forEach((o, i) => {
    o.number = `GZ${cstDay(o.accepted_at as Date).replaceAll("-", "")}${String(i + 1).padStart(7, "0")}`;
  });
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < orders.length; i += 500)
      await trx
        .insertInto("orders")
        .values(orders.slice(i, i + 500))
        .execute();
    for (let i = 0; i < events.length; i += 1000)
      await trx
        .insertInto("order_events")
        .values(events.slice(i, i + 1000))
        .execute();
    // Numbers in acceptance order from the same sequence live intake uses.
    await sql`select setval('order_number_seq', ${orders.length})`.execute(trx);
  });
  return orders.length;
}
