// Work orders: intake from every channel, and every action of the closed loop. Each action runs in
// one transaction: the state machine decides, the order changes only if nobody else changed it
// first, and the timeline event, outbox message and audit entry commit with it.
import type { Kysely } from "kysely";
import type { Deps } from "../../deps.js";
import type { DB, OrderStatus } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { maskPhone } from "../../lib/mask.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { normalisePhone } from "../registry/residents.rules.js";
import { pathInScope } from "../registry/scope.js";
import { addWorkingDays, deadlines, type Limits, withinReturnWindow } from "./calendar.js";
import * as repo from "./repository.js";
import { type Action, decide, type Part, type Status } from "./state-machine.js";
import { routeUnit, unitIdsOf } from "./units.js";

export const APPEAL_TYPE_DAYS: Record<string, number> = { enquiry: 2, help: 10, suggestion: 10, complaint: 15, report: 15 };

export type IntakeInput = {
  appealType: "enquiry" | "help" | "complaint" | "report" | "suggestion";
  categoryCode?: string | null;
  title?: string | null;
  content: string;
  lng?: number | null;
  lat?: number | null;
  address?: string | null;
  gridId?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  anonymous?: boolean;
};

type Channel = "resident" | "patrol" | "hotline" | "open311";

/** The channel follows from who is submitting. */
export function channelOf(user: SessionUser | null): Channel {
  if (!user) return "open311";
  if (user.role === "resident") return "resident";
  if (user.role === "grid") return "patrol";
  return "hotline";
}

async function locate(db: Kysely<DB>, deps: Deps, user: SessionUser | null, input: IntakeInput) {
  let gridId: string | null = null;
  if (input.gridId) gridId = input.gridId;
  else if (input.lng != null && input.lat != null) gridId = deps.gridIndex.locate(input.lng, input.lat)?.id ?? null;
  if (!gridId && input.address) {
    const hit = await db.selectFrom("buildings").select("grid_id").where("address", "=", input.address.trim()).executeTakeFirst();
    gridId = hit?.grid_id ?? null;
  }
  // A patrol report with no position belongs to the reporting grid worker's own grid.
  if (!gridId && user?.role === "grid" && user.areas.length === 1 && user.areas[0].level === "grid") gridId = user.areas[0].id;
  if (!gridId) throw fieldError("location", "unknown_reference");
  const grid = await db
    .selectFrom("areas as g")
    .leftJoin("areas as c", "c.id", "g.parent_id")
    .select(["g.id", "g.path", "g.district_id", "g.level", "c.id as community_id", "c.parent_id as street_id"])
    .where("g.id", "=", gridId)
    .executeTakeFirst();
  if (grid?.level !== "grid") throw fieldError("gridId", "unknown_reference");
  return {
    gridId: grid.id,
    path: grid.path,
    districtId: grid.district_id as string,
    communityId: grid.community_id,
    streetId: grid.street_id,
  };
}

export async function limitsFor(deps: Deps, categoryCode: string, appealType: string): Promise<Limits & { exists: boolean }> {
  const c = await deps.appeals.activeCategory(deps.db, categoryCode);
  if (!c) return { exists: false, responseHours: null, resolveDays: null, resolveHours: null, urgent: false };
  const typeDays = APPEAL_TYPE_DAYS[appealType] ?? 15;
  return {
    exists: true,
    responseHours: c.response_hours,
    // The tighter of the category's and the appeal type's limit.
    resolveDays: c.resolve_hours !== null ? null : Math.min(c.resolve_days ?? typeDays, typeDays),
    resolveHours: c.resolve_hours,
    urgent: c.urgent,
  };
}

export const FALLBACK_CATEGORY = "other";
/** Below this confidence the dispatcher is asked to choose; the order is filed under the suggestion anyway. */
export const CONFIDENT = 0.5;

export async function intake(
  deps: Deps,
  user: SessionUser | null,
  actor: Actor,
  input: IntakeInput,
  opts: { channel?: Channel; open311Token?: string; now?: Date } = {},
): Promise<{ id: string; number: string }> {
  const { db, cipher } = deps;
  const now = opts.now ?? new Date();
  const place = await locate(db, deps, user, input);
  if (user && user.role !== "resident" && !pathInScope(place.path, user.scope)) {
    throw new AppError(403, "out_of_scope", {}, [{ path: "location", code: "not_in_scope" }]);
  }
  const suggestions = deps.appeals.predictor?.(input.content, 3) ?? [];
  const top = suggestions[0];
  const categoryCode = input.categoryCode ?? top?.label ?? FALLBACK_CATEGORY;
  const limits = await limitsFor(deps, categoryCode, input.appealType);
  if (!limits.exists) throw fieldError("categoryCode", "unknown_reference");
  const due = deadlines(now, limits, deps.appeals.calendar);
  const phone = input.reporterPhone ? normalisePhone(input.reporterPhone) : null;
  if (input.reporterPhone && !phone) throw fieldError("reporterPhone", "phone_format");
  const anonymous = Boolean(input.anonymous);
  const title = (input.title?.trim() || input.content.trim().slice(0, 30)).slice(0, 100);
  return db.transaction().execute(async (trx) => {
    const number = await repo.nextOrderNumber(trx, now);
    const row = await trx
      .insertInto("orders")
      .values({
        district_id: place.districtId,
        number,
        channel: opts.channel ?? channelOf(user),
        appeal_type: input.appealType,
        category_code: categoryCode,
        title,
        content: input.content.trim(),
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        address: input.address ?? null,
        grid_id: place.gridId,
        community_id: place.communityId,
        street_id: place.streetId,
        area_path: place.path,
        reporter_user_id: anonymous ? null : user?.role === "resident" ? user.id : null,
        reporter_name: anonymous ? null : (input.reporterName ?? (user?.role === "resident" ? user.displayName : null)),
        reporter_phone_cipher: anonymous || !phone ? null : cipher.encrypt(phone),
        reporter_phone_blind: anonymous || !phone ? null : cipher.blindIndex("phone", phone),
        reporter_phone_masked: anonymous || !phone ? null : maskPhone(phone),
        anonymous,
        status: "accepted",
        first_receiver_id: user && user.role !== "resident" ? user.id : null,
        urgent: limits.urgent,
        suggested_category: top?.label ?? null,
        suggested_confidence: top?.confidence ?? null,
        accepted_at: now,
        response_due_at: due.responseDue,
        resolve_due_at: due.resolveDue,
        warn_at: due.warnAt,
        open311_token: opts.open311Token ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await repo.addEvent(trx, {
      orderId: row.id,
      districtId: place.districtId,
      actorId: actor.userId,
      actorName: actor.username,
      action: "accept",
      from: null,
      to: "accepted",
      data: { channel: opts.channel ?? channelOf(user), suggestions },
    });
    await repo.enqueue(trx, "order.accepted", { orderId: row.id, number, districtId: place.districtId });
    await appendAudit(trx, actor, {
      action: "order.create",
      targetType: "order",
      targetId: row.id,
      summary: { number, category: categoryCode },
    });
    return { id: row.id, number };
  });
}

export type ActInput = {
  version?: number;
  note?: string | null;
  unitId?: string | null;
  resolved?: boolean;
  satisfaction?: "satisfied" | "basic" | "dissatisfied";
  reason?: string | null;
  days?: number;
  extensionId?: string;
  approve?: boolean;
  urgency?: "normal" | "urgent" | "very_urgent";
  replyHours?: number;
  intoId?: string;
  answer?: string | null;
  categoryCode?: string;
};

/** The parts the user plays in this order. */
export async function partsOf(
  db: Kysely<DB>,
  user: SessionUser,
  o: { area_path: string; unit_id: string | null; reporter_user_id: string | null },
) {
  const parts = new Set<Part>();
  const inScope = pathInScope(o.area_path, user.scope);
  const has = (p: string) => user.permissions.includes(p);
  if (inScope && has("appeal.dispatch")) parts.add("dispatcher");
  if (inScope && has("appeal.supervise")) parts.add("supervisor");
  if (inScope && has("appeal.callback")) parts.add("callback");
  if (o.reporter_user_id === user.id) parts.add("reporter");
  const units = has("appeal.handle") ? await unitIdsOf(db, user) : [];
  if (o.unit_id && units.includes(o.unit_id)) parts.add("unit");
  return { parts, units, canRead: inScope ? has("appeal.read") : false };
}

export async function readOrderOrNotFound(deps: Deps, user: SessionUser, id: string) {
  const o = await repo.findOrder(deps.db, id);
  if (!o) throw new AppError(404, "not_found");
  const p = await partsOf(deps.db, user, o);
  if (!p.canRead && p.parts.size === 0) throw new AppError(404, "not_found");
  return { order: o, ...p };
}

const REASON_MESSAGES: Record<string, string> = {
  status: "the order's status does not allow this action",
  part: "you play no part in this order that allows this action",
  return_window: "a return is possible only within 2 working days of dispatch",
  void_pending: "a void request is already pending",
  no_void_request: "there is no pending void request",
};

export async function act(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: string,
  action: Action,
  input: ActInput,
  now = new Date(),
) {
  const { db } = deps;
  const { order: o, parts } = await readOrderOrNotFound(deps, user, id);
  const status = o.status as Status;
  const verdict =
    action === "callback" ? { resolved: Boolean(input.resolved), satisfaction: input.satisfaction ?? "dissatisfied" } : undefined;
  const decision = decide(action, {
    status,
    parts,
    withinReturnWindow: o.dispatched_at ? withinReturnWindow(o.dispatched_at, now, deps.appeals.calendar) : false,
    suspendedFrom: o.suspended_from as Status | null,
    voidRequested: o.void_requested_by !== null,
    verdict,
  });
  if (!decision.ok && decision.reason === "part") throw new AppError(403, "forbidden");
  // A stale version first: the caller acted on what they saw, and that has changed since.
  if (input.version !== undefined && input.version !== o.version) throw new AppError(409, "conflict");
  if (!decision.ok) throw new AppError(409, "bad_request", { reason: REASON_MESSAGES[decision.reason] });
  const to = decision.to as OrderStatus;
  const set: Record<string, unknown> = { status: to };
  const data: Record<string, unknown> = {};
  const needNote = (field: string) => {
    if (!input.note?.trim() && !input.reason?.trim()) throw fieldError(field, "required");
  };

  switch (action) {
    case "dispatch":
    case "redispatch": {
      if (!input.unitId) throw fieldError("unitId", "required");
      const unit = await db
        .selectFrom("units")
        .select(["id", "name"])
        .where("id", "=", input.unitId)
        .where("district_id", "=", o.district_id)
        .executeTakeFirst();
      if (!unit) throw fieldError("unitId", "unknown_reference");
      Object.assign(set, { unit_id: unit.id, dispatched_at: now, signed_at: null });
      data.unit = unit.name;
      // The dispatcher confirms or corrects the category; corrections feed the next training.
      if (input.categoryCode && input.categoryCode !== o.category_code) {
        const limits = await limitsFor(deps, input.categoryCode, o.appeal_type);
        if (!limits.exists) throw fieldError("categoryCode", "unknown_reference");
        set.category_code = input.categoryCode;
        data.category = { from: o.category_code, to: input.categoryCode };
      }
      break;
    }
    case "sign":
      set.signed_at = now;
      break;
    case "return":
      needNote("reason");
      set.unit_id = null;
      break;
    case "contact":
      if (!o.contacted_at) set.contacted_at = now;
      break;
    case "progress":
      needNote("note");
      break;
    case "answer":
      if (!input.answer?.trim()) throw fieldError("answer", "required");
      Object.assign(set, { answered_at: now, answer: input.answer.trim(), contacted_at: o.contacted_at ?? now });
      break;
    case "callback":
      Object.assign(set, { resolved: verdict?.resolved, satisfaction: verdict?.satisfaction, rated_at: now });
      if (decision.reopen) {
        // Redone by the same unit, against a fresh time limit from now.
        const limits = await limitsFor(deps, o.category_code, o.appeal_type);
        const due = deadlines(now, limits, deps.appeals.calendar);
        Object.assign(set, {
          reopen_count: o.reopen_count + 1,
          dispatched_at: now,
          signed_at: null,
          answered_at: null,
          resolve_due_at: due.resolveDue,
          warn_at: due.warnAt,
          warned_at: null,
          overdue_fired_at: null,
        });
      } else set.archived_at = now;
      data.verdict = verdict;
      break;
    case "suspend":
      needNote("reason");
      set.suspended_from = status;
      break;
    case "resume":
      set.suspended_from = null;
      break;
    case "supervise": {
      const hours = input.replyHours ?? 24;
      data.supervision = {
        urgency: input.urgency ?? "normal",
        replyDueAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      };
      break;
    }
    case "request_extension":
      if (!input.days || input.days < 1 || input.days > 30) throw fieldError("days", "invalid_value");
      needNote("reason");
      break;
    case "decide_extension":
      if (!input.extensionId) throw fieldError("extensionId", "required");
      break;
    case "request_void":
      needNote("reason");
      Object.assign(set, { void_requested_by: user.id, void_reason: input.reason ?? input.note });
      break;
    case "approve_void":
      break;
    case "refuse_void":
      Object.assign(set, { void_requested_by: null, void_reason: null });
      break;
    case "merge": {
      if (!input.intoId || input.intoId === id) throw fieldError("intoId", "invalid_value");
      const target = await repo.findOrder(db, input.intoId);
      if (!target || !repo.OPEN_STATUSES.includes(target.status as OrderStatus) || !pathInScope(target.area_path, user.scope)) {
        throw fieldError("intoId", "invalid_value");
      }
      set.merged_into = target.id;
      data.into = target.number;
      break;
    }
  }

  await db.transaction().execute(async (trx) => {
    if (action === "supervise") {
      await trx
        .insertInto("supervisions")
        .values({
          order_id: id,
          district_id: o.district_id,
          by_user_id: user.id,
          urgency: input.urgency ?? "normal",
          note: input.note ?? null,
          reply_due_at: new Date(now.getTime() + (input.replyHours ?? 24) * 3_600_000),
        })
        .execute();
    }
    if (action === "request_extension") {
      await trx
        .insertInto("extensions")
        .values({
          order_id: id,
          district_id: o.district_id,
          requested_by: user.id,
          days: input.days as number,
          reason: (input.reason ?? input.note) as string,
        })
        .execute();
    }
    if (action === "decide_extension") {
      const ext = await trx
        .updateTable("extensions")
        .set({
          status: input.approve ? "approved" : "refused",
          decided_by: user.id,
          decided_at: now,
          decision_note: input.note ?? null,
        })
        .where("id", "=", input.extensionId as string)
        .where("order_id", "=", id)
        .where("status", "=", "pending")
        .returning(["days"])
        .executeTakeFirst();
      if (!ext) throw fieldError("extensionId", "invalid_value");
      if (input.approve) {
        const due = addWorkingDays(o.resolve_due_at, ext.days, deps.appeals.calendar);
        Object.assign(set, { resolve_due_at: due, overdue_fired_at: null });
        data.newDue = due.toISOString();
      }
      data.approved = Boolean(input.approve);
    }
    const ok = await repo.updateIfVersion(trx, id, o.version, set);
    if (!ok) throw new AppError(409, "conflict");
    await repo.addEvent(trx, {
      orderId: id,
      districtId: o.district_id,
      actorId: user.id,
      actorName: user.displayName,
      action,
      from: status,
      to,
      note: input.note ?? input.reason ?? input.answer ?? null,
      data,
    });
    await repo.enqueue(trx, `order.${action}`, {
      orderId: id,
      number: o.number,
      from: status,
      to,
      unitId: (set.unit_id as string | undefined) ?? o.unit_id,
    });
    await appendAudit(trx, actor, {
      action: `order.${action}`,
      targetType: "order",
      targetId: id,
      summary: { before: { status }, after: { status: to }, ...data },
    });
  });
  return { id, status: to, version: o.version + 1 };
}

type OrderRecord = NonNullable<Awaited<ReturnType<typeof repo.findOrder>>>;

export function suggestUnit(db: Kysely<DB>, o: OrderRecord) {
  return routeUnit(db, {
    districtId: o.district_id,
    categoryCode: o.category_code,
    areaPath: o.area_path,
    gridId: o.grid_id,
    communityId: o.community_id,
    streetId: o.street_id,
  });
}

/** Distance in metres between two WGS84 points (haversine). */
export function distanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

export const DUPLICATE_WINDOW_DAYS = 7;
export const DUPLICATE_RADIUS_M = 500;

export async function duplicatesOf(db: Kysely<DB>, user: SessionUser, o: OrderRecord) {
  const since = new Date(o.accepted_at.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000);
  const rows = await repo
    .ordersFrom(db)
    .select(repo.orderColumns)
    .where("o.category_code", "=", o.category_code)
    .where("o.id", "!=", o.id)
    .where("o.accepted_at", ">=", since)
    .where(repo.openFilter)
    .where("o.district_id", "=", o.district_id)
    .orderBy("o.accepted_at", "desc")
    .limit(200)
    .execute();
  return rows
    .filter((r) => pathInScope(r.area_path, user.scope))
    .map((r) => ({
      row: r,
      distanceM:
        o.lng != null && o.lat != null && r.lng != null && r.lat != null
          ? Math.round(distanceM(o.lng, o.lat, r.lng, r.lat))
          : null,
    }))
    .filter((r) => (r.distanceM !== null ? r.distanceM <= DUPLICATE_RADIUS_M : r.row.grid_id === o.grid_id))
    .slice(0, 20);
}
