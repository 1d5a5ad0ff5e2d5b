// 吹哨报到: when a street or community cannot settle a matter alone it blows the whistle on the
// order, summoning departments — one leads (the order is dispatched to it and only it answers), the
// others co-handle — and each summoned unit must report in (报到) within the time limit. Late and
// missing reports are counted in the departments' assessment.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Deps } from "../../deps.js";
import type { DB, OrderStatus } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { inScope, pathInScope } from "../registry/scope.js";
import * as repo from "./repository.js";
import { unitIdsOf } from "./units.js";

/** Orders that can still be summoned on: open and not paused. */
export const WHISTLE_STATUSES: OrderStatus[] = ["accepted", "dispatched", "signed", "in_progress", "returned"];
/** The roles that hold the dispatch right and may blow the whistle (the street's and community's centres). */
export const WHISTLE_ROLES = new Set(["street", "community"]);

export type WhistleInput = {
  leadUnitId: string;
  coUnitIds: string[];
  reportHours?: number;
  note?: string | null;
  version?: number;
};

/** Checks a summons before anything is written. Pure. */
export function checkSummons(input: WhistleInput): { lead: string; co: string[] } {
  const co = [...new Set(input.coUnitIds)];
  if (co.length === 0) throw fieldError("coUnitIds", "required");
  if (co.includes(input.leadUnitId)) throw fieldError("coUnitIds", "invalid_value");
  const hours = input.reportHours ?? 2;
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw fieldError("reportHours", "invalid_value");
  return { lead: input.leadUnitId, co };
}

export async function blow(deps: Deps, user: SessionUser, actor: Actor, orderId: string, input: WhistleInput, now = new Date()) {
  const { db } = deps;
  if (!user.permissions.includes("appeal.dispatch") || !WHISTLE_ROLES.has(user.role)) throw new AppError(403, "forbidden");
  const o = await repo.findOrder(db, orderId);
  if (!o || !pathInScope(o.area_path, user.scope)) throw new AppError(404, "not_found");
  const { lead, co } = checkSummons(input);
  if (!WHISTLE_STATUSES.includes(o.status as OrderStatus)) {
    throw new AppError(409, "bad_request", { reason: "only an open order can be whistled on" });
  }
  if (input.version !== undefined && input.version !== o.version) throw new AppError(409, "conflict");
  const units = await db
    .selectFrom("units")
    .select(["id", "name"])
    .where("district_id", "=", o.district_id)
    .where("id", "in", [lead, ...co])
    .execute();
  const name = new Map(units.map((u) => [u.id, u.name]));
  if (!name.has(lead)) throw fieldError("leadUnitId", "unknown_reference");
  const unknown = co.findIndex((id) => !name.has(id));
  if (unknown >= 0) throw fieldError(`coUnitIds.${unknown}`, "unknown_reference");
  const reportDueAt = new Date(now.getTime() + (input.reportHours ?? 2) * 3_600_000);
  const from = o.status as OrderStatus;

  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("whistles")
      .select("id")
      .where("order_id", "=", orderId)
      .where("closed_at", "is", null)
      .executeTakeFirst();
    if (open) throw new AppError(409, "duplicate", { what: "吹哨" });
    const ok = await repo.updateIfVersion(trx, orderId, o.version, {
      status: "dispatched",
      unit_id: lead,
      dispatched_at: now,
      signed_at: null,
    });
    if (!ok) throw new AppError(409, "conflict");
    const w = await trx
      .insertInto("whistles")
      .values({
        order_id: orderId,
        district_id: o.district_id,
        street_id: o.street_id,
        blown_by: user.id,
        report_due_at: reportDueAt,
        note: input.note ?? null,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("whistle_units")
      .values([
        { whistle_id: w.id, unit_id: lead, role: "lead" as const },
        ...co.map((unit_id) => ({ whistle_id: w.id, unit_id, role: "co" as const })),
      ])
      .execute();
    const data = {
      whistleId: w.id,
      lead: name.get(lead),
      co: co.map((id) => name.get(id)),
      reportDueAt: reportDueAt.toISOString(),
    };
    await repo.addEvent(trx, {
      orderId,
      districtId: o.district_id,
      actorId: user.id,
      actorName: user.displayName,
      action: "whistle",
      from,
      to: "dispatched",
      note: input.note ?? null,
      data,
    });
    await repo.enqueue(trx, "order.whistle", {
      orderId,
      number: o.number,
      whistleId: w.id,
      unitId: lead,
      unitIds: [lead, ...co],
      reportDueAt: reportDueAt.toISOString(),
    });
    await appendAudit(trx, actor, {
      action: "order.whistle",
      targetType: "order",
      targetId: orderId,
      summary: { before: { status: from, unitId: o.unit_id }, after: { status: "dispatched", unitId: lead }, ...data },
    });
    return { id: w.id, orderId, reportDueAt: reportDueAt.toISOString(), version: o.version + 1 };
  });
}

export type ReportInput = { unitId: string; part?: string | null; result?: string | null };

export async function report(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  whistleId: string,
  input: ReportInput,
  now = new Date(),
) {
  const { db } = deps;
  const w = await db
    .selectFrom("whistles as w")
    .innerJoin("orders as o", "o.id", "w.order_id")
    .select(["w.id", "w.order_id", "w.district_id", "w.report_due_at", "o.status", "o.number", "o.area_path"])
    .where("w.id", "=", whistleId)
    .executeTakeFirst();
  const mine = user.permissions.includes("appeal.handle") ? await unitIdsOf(db, user) : [];
  const summoned = w
    ? await db.selectFrom("whistle_units").select(["unit_id", "role"]).where("whistle_id", "=", w.id).execute()
    : [];
  const visible = w && (pathInScope(w.area_path, user.scope) || summoned.some((s) => mine.includes(s.unit_id)));
  if (!w || !visible) throw new AppError(404, "not_found");
  const unit = summoned.find((s) => s.unit_id === input.unitId);
  if (!unit) throw fieldError("unitId", "invalid_value");
  if (!mine.includes(input.unitId)) throw new AppError(403, "forbidden");
  const late = now.getTime() > w.report_due_at.getTime();

  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("whistle_units")
      .set({ reported_at: now, late, part: input.part ?? null, result: input.result ?? null })
      .where("whistle_id", "=", w.id)
      .where("unit_id", "=", input.unitId)
      .where("reported_at", "is", null)
      .returning("unit_id")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "duplicate", { what: "报到" });
    const left = await trx
      .selectFrom("whistle_units")
      .select("unit_id")
      .where("whistle_id", "=", w.id)
      .where("reported_at", "is", null)
      .execute();
    if (left.length === 0) await trx.updateTable("whistles").set({ closed_at: now }).where("id", "=", w.id).execute();
    const unitName =
      (await trx.selectFrom("units").select("name").where("id", "=", input.unitId).executeTakeFirst())?.name ?? null;
    const data = { whistleId: w.id, unit: unitName, role: unit.role, late, part: input.part ?? null };
    await repo.addEvent(trx, {
      orderId: w.order_id,
      districtId: w.district_id,
      actorId: user.id,
      actorName: user.displayName,
      action: "whistle_report",
      from: w.status,
      to: w.status,
      note: input.result ?? null,
      data,
    });
    await appendAudit(trx, actor, {
      action: "whistle.report",
      targetType: "whistle",
      targetId: w.id,
      summary: { order: w.number, ...data },
    });
    return { whistleId: w.id, unitId: input.unitId, reportedAt: now.toISOString(), late, closed: left.length === 0 };
  });
}

function whistlesFrom(db: Kysely<DB>) {
  return db
    .selectFrom("whistles as w")
    .innerJoin("orders as o", "o.id", "w.order_id")
    .leftJoin("areas as s", "s.id", "w.street_id")
    .select([
      "w.id",
      "w.order_id",
      "o.number",
      "o.title",
      "o.status",
      "w.street_id",
      "s.name as street_name",
      "w.report_due_at",
      "w.note",
      "w.created_at",
      "w.closed_at",
    ]);
}

type WhistleRow = Awaited<ReturnType<ReturnType<typeof whistlesFrom>["execute"]>>[number];

async function withUnits(db: Kysely<DB>, rows: WhistleRow[], now: Date) {
  if (rows.length === 0) return [];
  const units = await db
    .selectFrom("whistle_units as wu")
    .innerJoin("units as u", "u.id", "wu.unit_id")
    .select(["wu.whistle_id", "wu.unit_id", "u.name", "u.kind", "wu.role", "wu.reported_at", "wu.late", "wu.part", "wu.result"])
    .where(
      "wu.whistle_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("wu.role", "desc")
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    orderNumber: r.number,
    orderTitle: r.title,
    orderStatus: r.status,
    streetId: r.street_id,
    streetName: r.street_name,
    reportDueAt: r.report_due_at.toISOString(),
    note: r.note,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    units: units
      .filter((u) => u.whistle_id === r.id)
      .map((u) => ({
        unitId: u.unit_id,
        name: u.name,
        kind: u.kind,
        role: u.role,
        reportedAt: u.reported_at ? u.reported_at.toISOString() : null,
        late: u.late,
        // Not reported and past the limit: already late, whenever it comes.
        missed: u.reported_at === null && now.getTime() > r.report_due_at.getTime(),
        part: u.part,
        result: u.result,
      })),
  }));
}

export async function list(
  deps: Deps,
  user: SessionUser,
  q: { open?: boolean; streetId?: string; page: number; pageSize: number },
  now = new Date(),
) {
  const { db } = deps;
  // Visible: whistles on orders in scope, and those summoning one of the caller's units.
  const mine = user.permissions.includes("appeal.handle") ? await unitIdsOf(db, user) : [];
  const staff = user.permissions.includes("appeal.read");
  let base = whistlesFrom(db).where((eb) => {
    const arms: Expression<SqlBool>[] = [];
    if (staff) arms.push(inScope("o.area_path", user.scope));
    if (mine.length)
      arms.push(
        eb.exists(
          eb
            .selectFrom("whistle_units as m")
            .select("m.unit_id")
            .whereRef("m.whistle_id", "=", "w.id")
            .where("m.unit_id", "in", mine),
        ),
      );
    return arms.length ? eb.or(arms) : sql<SqlBool>`false`;
  });
  if (q.open) base = base.where("w.closed_at", "is", null);
  if (q.streetId) base = base.where("w.street_id", "=", q.streetId);
  const rows = await base
    .orderBy("w.created_at", "desc")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return withUnits(db, rows, now);
}

/** The latest whistle of an order the caller can read, or null. */
export async function ofOrder(deps: Deps, orderId: string, now = new Date()) {
  const rows = await whistlesFrom(deps.db).where("w.order_id", "=", orderId).orderBy("w.created_at", "desc").limit(1).execute();
  return (await withUnits(deps.db, rows, now))[0] ?? null;
}

/** Per department unit, over whistles blown in [from, to) on orders in scope: summoned, reported, late, not reported. */
export async function assessment(deps: Deps, user: SessionUser, p: { from: Date; to: Date }, now = new Date()) {
  const rows = await deps.db
    .selectFrom("whistle_units as wu")
    .innerJoin("whistles as w", "w.id", "wu.whistle_id")
    .innerJoin("orders as o", "o.id", "w.order_id")
    .innerJoin("units as u", "u.id", "wu.unit_id")
    .select((eb) => [
      "u.id",
      "u.name",
      eb.fn.countAll<string>().as("summoned"),
      eb.fn.count<string>("wu.reported_at").as("reported"),
      eb.fn.count<string>("wu.unit_id").filterWhere("wu.late", "=", true).as("late"),
      eb.fn.count<string>("wu.unit_id").filterWhere("wu.reported_at", "is", null).as("notReported"),
      eb.fn
        .count<string>("wu.unit_id")
        .filterWhere((f) => f.and([f("wu.reported_at", "is", null), f("w.report_due_at", "<", now)]))
        .as("missed"),
    ])
    .where("u.kind", "=", "department")
    .where("w.created_at", ">=", p.from)
    .where("w.created_at", "<", p.to)
    .where(inScope("o.area_path", user.scope))
    .groupBy(["u.id", "u.name", "u.code"])
    .orderBy("u.code")
    .execute();
  return rows.map((r) => ({
    unitId: r.id,
    name: r.name,
    summoned: Number(r.summoned),
    reported: Number(r.reported),
    late: Number(r.late),
    notReported: Number(r.notReported),
    missed: Number(r.missed),
  }));
}
