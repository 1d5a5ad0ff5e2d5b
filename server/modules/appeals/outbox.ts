// The outbox dispatcher: every message queued with a change (repository.enqueue) is delivered at
// least once — as in-app notifications to the people concerned and to pluggable channels (a log
// line today; SMS and webhooks behind the same interface). A row is claimed with a lease
// (`for update skip locked`, then next_attempt_at pushed ahead), delivered outside the claiming
// transaction, then marked delivered or scheduled for a retry with exponential back-off. A process
// that dies mid-delivery leaves the lease to expire and another delivers again; notifications are
// unique per (outbox row, user), so a second delivery adds nothing.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { cstDay } from "./calendar.js";
import { startLoop } from "./scheduler.js";

export type OutboxDeps = { db: Kysely<DB>; channels?: Channel[] };

/** What a channel is asked to send: one message to a list of users. */
export type OutboundMessage = {
  outboxId: string;
  topic: string;
  orderId: string | null;
  number: string | null;
  title: string;
  body: string;
  userIds: string[];
};

/** A delivery channel besides the in-app inbox. `send` throws to ask for a retry. */
export interface Channel {
  readonly name: string;
  send(msg: OutboundMessage): Promise<void>;
}

/** Writes one line per message; the default channel, and a model for real ones. */
export class LoggingChannel implements Channel {
  readonly name = "log";
  constructor(private readonly write: (line: string) => void = (l) => console.log(l)) {}
  async send(msg: OutboundMessage) {
    this.write(`[outbox ${msg.outboxId}] ${msg.topic} ${msg.number ?? ""} → ${msg.userIds.length} user(s): ${msg.title}`);
  }
}

/** An SMS gateway (a provider's API); the platform ships none, a deployment plugs its own in. */
export interface SmsGateway {
  sendSms(phone: string, text: string): Promise<void>;
}

/** A webhook target (e.g. a city 12345 platform); the platform ships none. */
export interface WebhookSender {
  post(topic: string, payload: Record<string, unknown>): Promise<void>;
}

/** Adapts an SMS gateway: looks up each user's phone through `phoneOf` and texts the body. */
export class SmsChannel implements Channel {
  readonly name = "sms";
  constructor(
    private readonly gateway: SmsGateway,
    private readonly phoneOf: (userId: string) => Promise<string | null>,
  ) {}
  async send(msg: OutboundMessage) {
    for (const id of msg.userIds) {
      const phone = await this.phoneOf(id);
      if (phone) await this.gateway.sendSms(phone, `【共治】${msg.body}`);
    }
  }
}

/** Adapts a webhook sender: posts the message as JSON. */
export class WebhookChannel implements Channel {
  readonly name = "webhook";
  constructor(private readonly sender: WebhookSender) {}
  async send(msg: OutboundMessage) {
    await this.sender.post(msg.topic, { orderId: msg.orderId, number: msg.number, title: msg.title, body: msg.body });
  }
}

export const BATCH = 100;
/** How long a claimed row stays invisible to other dispatchers while this one delivers it. */
export const LEASE_MS = 60_000;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 3_600_000;

/** The wait before the next attempt, after a failure with `attempts` earlier failures: 5 s, 10 s, 20 s … 1 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * BASE_DELAY_MS, MAX_DELAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Who is concerned, and what they are told

const UNIT_TOPICS = new Set(["order.dispatch", "order.redispatch", "order.warn", "order.overdue", "order.supervise"]);
const REPORTER_TOPICS = new Set(["order.answer", "order.callback", "order.return"]);

type OrderFacts = {
  id: string;
  number: string;
  title: string;
  area_path: string;
  unit_id: string | null;
  reporter_user_id: string | null;
  resolve_due_at: Date;
};

const fmt = (d: Date | string | undefined) => {
  if (!d) return "";
  const t = new Date(d);
  const cst = new Date(t.getTime() + 8 * 3_600_000).toISOString();
  return `${cstDay(t)} ${cst.slice(11, 16)}`;
};

/** The title and body of a notification, in Chinese, naming the order. Pure. */
export function messageOf(
  topic: string,
  o: { number: string; title: string; resolve_due_at?: Date },
  payload: Record<string, unknown>,
): { title: string; body: string } | null {
  const tag = `工单 ${o.number}「${o.title}」`;
  switch (topic) {
    case "order.dispatch":
      return { title: `新工单待签收:${o.number}`, body: `${tag}已派至本单位,请及时签收办理。` };
    case "order.redispatch":
      return { title: `工单改派:${o.number}`, body: `${tag}已改派至本单位,请及时签收办理。` };
    case "order.warn":
      return {
        title: `工单即将超期(黄灯):${o.number}`,
        body: `${tag}将于 ${fmt((payload.resolveDueAt as string) ?? o.resolve_due_at)} 到期,请抓紧办理。`,
      };
    case "order.overdue":
      return { title: `工单已超期(红灯):${o.number}`, body: `${tag}已超过办理时限,系统已自动督办,请在24小时内回复。` };
    case "order.supervise":
      return { title: `工单被督办:${o.number}`, body: `${tag}被督办,请按要求回复办理情况。` };
    case "order.answer":
      return { title: `诉求已答复:${o.number}`, body: `您反映的${tag}已由承办单位答复,请留意回访。` };
    case "order.callback":
      return { title: `回访已记录:${o.number}`, body: `${tag}的回访评价已记录,感谢您的反馈。` };
    case "order.return":
      return { title: `工单被退回:${o.number}`, body: `${tag}被承办单位退回,待重新派单。` };
    case "order.whistle":
      return { title: `吹哨报到:${o.number}`, body: `街道就${tag}吹哨,请于 ${fmt(payload.reportDueAt as string)} 前报到。` };
    default:
      return null;
  }
}

/** Members of a unit: user_units, and for an area unit the grid, community and street staff bound to that area. */
async function membersOf(db: Kysely<DB>, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom("user_units")
    .select("user_id")
    .where("unit_id", "in", unitIds)
    .union(
      db
        .selectFrom("units as u")
        .innerJoin("user_scopes as s", "s.area_id", "u.area_id")
        .innerJoin("users as us", "us.id", "s.user_id")
        .select("s.user_id")
        .where("u.id", "in", unitIds)
        .where("u.kind", "=", "area")
        .where("us.role", "in", ["grid", "community", "street"]),
    )
    .execute();
  return rows.map((r) => r.user_id);
}

/** Dispatchers of an order: community and street staff bound to an area that contains it. */
async function dispatchersOf(db: Kysely<DB>, areaPath: string): Promise<string[]> {
  const rows = await db
    .selectFrom("user_scopes as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("users as us", "us.id", "s.user_id")
    .select("s.user_id")
    .distinct()
    .where(sql<boolean>`${areaPath}::ltree <@ a.path`)
    .where("us.role", "in", ["community", "street"])
    .execute();
  return rows.map((r) => r.user_id);
}

export async function recipientsOf(
  db: Kysely<DB>,
  topic: string,
  o: OrderFacts,
  payload: Record<string, unknown>,
): Promise<string[]> {
  const ids = new Set<string>();
  const add = (list: (string | null)[]) => {
    for (const id of list) if (id) ids.add(id);
  };
  if (UNIT_TOPICS.has(topic)) {
    const unit = (payload.unitId as string | null | undefined) ?? o.unit_id;
    // An order nobody has taken yet warns and runs over at its dispatchers.
    add(unit ? await membersOf(db, [unit]) : await dispatchersOf(db, o.area_path));
  }
  if (REPORTER_TOPICS.has(topic)) add([o.reporter_user_id]);
  // The reporters of orders merged into this one get its answer too.
  if (topic === "order.answer") {
    const merged = await db.selectFrom("orders").select("reporter_user_id").where("merged_into", "=", o.id).execute();
    add(merged.map((m) => m.reporter_user_id));
  }
  if (topic === "order.return") add(await dispatchersOf(db, o.area_path));
  if (topic === "order.whistle") {
    const units = Array.isArray(payload.unitIds) ? (payload.unitIds as string[]) : [];
    add(await membersOf(db, units));
  }
  return [...ids];
}

// ---------------------------------------------------------------------------------------------
// Delivery

type Claimed = { id: string; topic: string; payload: Record<string, unknown>; attempts: number };

async function claimBatch(db: Kysely<DB>, now: Date): Promise<Claimed[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("outbox")
      .select(["id", "topic", "payload", "attempts"])
      .where("delivered_at", "is", null)
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable("outbox")
      .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      topic: r.topic,
      payload: (r.payload ?? {}) as Record<string, unknown>,
      attempts: r.attempts,
    }));
  });
}

async function deliverOne(db: Kysely<DB>, channels: Channel[], m: Claimed): Promise<void> {
  const orderId = typeof m.payload.orderId === "string" ? m.payload.orderId : null;
  if (!orderId) return;
  const o = await db
    .selectFrom("orders")
    .select(["id", "number", "title", "area_path", "unit_id", "reporter_user_id", "resolve_due_at"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!o) return; // the order is gone: nothing to tell anyone
  const text = messageOf(m.topic, o, m.payload);
  if (!text) return; // a topic nobody is notified about (e.g. order.accepted)
  const userIds = await recipientsOf(db, m.topic, o, m.payload);
  if (userIds.length) {
    await db
      .insertInto("notifications")
      .values(userIds.map((user_id) => ({ outbox_id: m.id, user_id, order_id: o.id, title: text.title, body: text.body })))
      .onConflict((oc) => oc.columns(["outbox_id", "user_id"]).doNothing())
      .execute();
  }
  for (const ch of channels) await ch.send({ outboxId: m.id, topic: m.topic, orderId: o.id, number: o.number, ...text, userIds });
}

/** Delivers every message due at `now`, a batch at a time. Failures are retried later, not thrown. */
export async function deliverPending(deps: OutboxDeps, now = new Date()): Promise<{ delivered: number; failed: number }> {
  const channels = deps.channels ?? [];
  let delivered = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimBatch(deps.db, now);
    for (const m of batch) {
      try {
        await deliverOne(deps.db, channels, m);
        await deps.db.updateTable("outbox").set({ delivered_at: new Date(), last_error: null }).where("id", "=", m.id).execute();
        delivered++;
      } catch (e) {
        failed++;
        await deps.db
          .updateTable("outbox")
          .set({
            attempts: m.attempts + 1,
            last_error: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
            next_attempt_at: new Date(now.getTime() + retryDelayMs(m.attempts)),
          })
          .where("id", "=", m.id)
          .where("delivered_at", "is", null)
          .execute();
      }
    }
    if (batch.length < BATCH) break;
  }
  return { delivered, failed };
}

/** Delivers every `everyMs`; returns a stop function that waits for a round in progress. */
export function startOutbox(deps: OutboxDeps, everyMs = 1000, log: (e: unknown) => void = (e) => console.error("outbox:", e)) {
  return startLoop(() => deliverPending(deps, new Date()), everyMs, log);
}
