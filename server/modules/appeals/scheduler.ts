// Durable timers of work orders: the yellow light (预警) at 80% of the time limit and the red light
// (超期) at 100%, with an automatic supervision (自动督办) when an order runs over. Nothing is kept in
// memory: the due instants are columns of the order and "fired" is a column too, so a timer missed
// while the server was down fires at the next tick after a restart. Several server processes may
// tick against one PostgreSQL: each claims due orders with `for update skip locked` and marks them
// fired only where they are still unfired, so every timer fires exactly once.
import { type Kysely, sql } from "kysely";
import type { DB, OrderStatus } from "../../db/schema.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor } from "../identity/types.js";
import * as repo from "./repository.js";

export type SchedulerDeps = { db: Kysely<DB> };

/** Who the timers act as in the timeline and the audit trail. */
export const SYSTEM_ACTOR: Actor = { userId: null, username: "system", ip: "local" };

/** Orders whose clock runs. A suspended order's clock is paused, so it neither warns nor runs over. */
export const TIMED_STATUSES: OrderStatus[] = ["accepted", "dispatched", "signed", "in_progress", "returned"];

/** How long the resolving unit has to reply to an automatic supervision. */
export const AUTO_SUPERVISION_REPLY_MS = 24 * 3_600_000;

const BATCH = 200;

export type TickOptions = { batch?: number };

type Due = { id: string; district_id: string; number: string; status: OrderStatus; unit_id: string | null; resolve_due_at: Date };

async function claim(trx: Kysely<DB>, kind: "warn" | "overdue", now: Date, batch: number): Promise<Due[]> {
  let q = trx
    .selectFrom("orders")
    .select(["id", "district_id", "number", "status", "unit_id", "resolve_due_at"])
    .where("status", "in", TIMED_STATUSES);
  q =
    kind === "warn"
      ? q.where("warned_at", "is", null).where("warn_at", "<=", now).orderBy("warn_at")
      : q.where("overdue_fired_at", "is", null).where("resolve_due_at", "<=", now).orderBy("resolve_due_at");
  const rows = await q.limit(batch).forUpdate().skipLocked().execute();
  if (rows.length === 0) return [];
  // Marks only what is still unfired: the claim and this update together make firing exactly-once.
  const column = kind === "warn" ? "warned_at" : "overdue_fired_at";
  const marked = await trx
    .updateTable("orders")
    .set({ [column]: now, updated_at: now })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .where(column, "is", null)
    .returning("id")
    .execute();
  const ids = new Set(marked.map((m) => m.id));
  return rows.filter((r) => ids.has(r.id));
}

async function fireWarnings(db: Kysely<DB>, now: Date, batch: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await claim(trx, "warn", now, batch);
    for (const o of due) {
      await repo.addEvent(trx, {
        orderId: o.id,
        districtId: o.district_id,
        actorId: null,
        actorName: SYSTEM_ACTOR.username,
        action: "warn",
        from: o.status,
        to: o.status,
        note: "即将超期(黄灯预警)",
        data: { light: "yellow", resolveDueAt: o.resolve_due_at.toISOString() },
      });
      await repo.enqueue(trx, "order.warn", {
        orderId: o.id,
        number: o.number,
        unitId: o.unit_id,
        resolveDueAt: o.resolve_due_at.toISOString(),
      });
    }
    return due.length;
  });
}

async function fireOverdue(db: Kysely<DB>, now: Date, batch: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await claim(trx, "overdue", now, batch);
    const replyDueAt = new Date(now.getTime() + AUTO_SUPERVISION_REPLY_MS);
    for (const o of due) {
      await trx
        .insertInto("supervisions")
        .values({
          order_id: o.id,
          district_id: o.district_id,
          by_user_id: null,
          automatic: true,
          urgency: "urgent",
          note: "超过办理时限,系统自动督办",
          reply_due_at: replyDueAt,
        })
        .execute();
      await repo.addEvent(trx, {
        orderId: o.id,
        districtId: o.district_id,
        actorId: null,
        actorName: SYSTEM_ACTOR.username,
        action: "overdue",
        from: o.status,
        to: o.status,
        note: "已超期(红灯),自动督办",
        data: {
          light: "red",
          resolveDueAt: o.resolve_due_at.toISOString(),
          supervision: { urgency: "urgent", automatic: true, replyDueAt: replyDueAt.toISOString() },
        },
      });
      await repo.enqueue(trx, "order.overdue", {
        orderId: o.id,
        number: o.number,
        unitId: o.unit_id,
        resolveDueAt: o.resolve_due_at.toISOString(),
      });
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: "order.overdue",
        targetType: "order",
        targetId: o.id,
        summary: { number: o.number, status: o.status, resolveDueAt: o.resolve_due_at.toISOString(), supervision: "automatic" },
      });
    }
    return due.length;
  });
}

/** Fires every timer due at `now`, a batch per transaction, until none is left. */
export async function tick(
  deps: SchedulerDeps,
  now = new Date(),
  opts: TickOptions = {},
): Promise<{ warned: number; overdue: number }> {
  const batch = opts.batch ?? BATCH;
  let warned = 0;
  let overdue = 0;
  for (;;) {
    const n = await fireWarnings(deps.db, now, batch);
    warned += n;
    if (n < batch) break;
  }
  for (;;) {
    const n = await fireOverdue(deps.db, now, batch);
    overdue += n;
    if (n < batch) break;
  }
  return { warned, overdue };
}

/**
 * Ticks every `everyMs` (never two ticks of one process at once). Returns a stop function that
 * waits for a tick in progress to finish.
 */
export function startScheduler(
  deps: SchedulerDeps,
  everyMs = 5000,
  log: (e: unknown) => void = (e) => console.error("scheduler:", e),
) {
  return startLoop(() => tick(deps, new Date()), everyMs, log);
}

/** A self-rescheduling loop: the next run starts `everyMs` after the previous one ended. */
export function startLoop(run: () => Promise<unknown>, everyMs: number, log: (e: unknown) => void) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    running = (async () => {
      try {
        await run();
      } catch (e) {
        log(e);
      }
      if (!stopped) timer = setTimeout(loop, everyMs);
    })();
  };
  timer = setTimeout(loop, 0);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

/** Orders whose timers are due but unfired (for health pages and tests). */
export async function pendingTimers(db: Kysely<DB>, now: Date) {
  const r = await db
    .selectFrom("orders")
    .select([
      sql<string>`count(*) filter (where warned_at is null and warn_at <= ${now})`.as("warn"),
      sql<string>`count(*) filter (where overdue_fired_at is null and resolve_due_at <= ${now})`.as("overdue"),
    ])
    .where("status", "in", TIMED_STATUSES)
    .executeTakeFirstOrThrow();
  return { warn: Number(r.warn), overdue: Number(r.overdue) };
}
