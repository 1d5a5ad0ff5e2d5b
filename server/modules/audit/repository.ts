import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../identity/types.js";
import { entryHash, firstBrokenLink, GENESIS, type StoredEntry } from "./chain.js";

export type AuditInput = {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  summary?: Record<string, unknown>;
};

/**
 * Appends an entry inside the caller's transaction, so the record commits with the change. No lock:
 * the chainer links committed entries into the hash chain moments later (linkPending).
 */
export async function appendAudit(trx: Kysely<DB>, actor: Actor, input: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      at: new Date(),
      actor_id: actor.userId,
      actor_name: actor.username,
      action: input.action,
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      summary: JSON.stringify(input.summary ?? {}),
      ip: actor.ip,
    })
    .execute();
}

// One chainer at a time, across every server process.
const CHAIN_LOCK = 7_270_001;
// Entries commit in roughly seq order; looking back this far finds any that committed late.
const LOOK_BACK = 100_000;

const logRows = (db: Kysely<DB>) => db.selectFrom("audit_log").selectAll();
type LogRow = Selectable<DB["audit_log"]>;

const toEntry = (r: LogRow) => ({
  seq: String(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  summary: r.summary,
  ip: r.ip,
});

/** Links committed, unlinked audit entries into the chain, in seq order. Returns how many. */
export async function linkPending(db: Kysely<DB>, batch = 5000): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
      const last = await trx
        .selectFrom("audit_chain")
        .select(["pos", "hash", "seq"])
        .orderBy("pos", "desc")
        .limit(1)
        .executeTakeFirst();
      const maxSeq = await trx
        .selectFrom("audit_chain")
        .select((eb) => eb.fn.max("seq").as("m"))
        .executeTakeFirst();
      const from = Math.max(0, Number(maxSeq?.m ?? 0) - LOOK_BACK);
      const rows = await logRows(trx)
        .where("seq", ">", String(from))
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom("audit_chain as c").select("c.pos").whereRef("c.seq", "=", "audit_log.seq"))),
        )
        .orderBy("seq")
        .limit(batch)
        .execute();
      if (rows.length === 0) return 0;
      let prev = last?.hash ?? GENESIS;
      let pos = Number(last?.pos ?? 0);
      const links = rows.map((r) => {
        const hash = entryHash(prev, toEntry(r));
        const link = { pos: String(++pos), seq: String(r.seq), prev_hash: prev, hash };
        prev = hash;
        return link;
      });
      await trx.insertInto("audit_chain").values(links).execute();
      return rows.length;
    });
    linked += n;
    if (n < batch) return linked;
  }
}

/** Links pending entries every `everyMs`; returns a stop function. */
export function startChainer(db: Kysely<DB>, everyMs = 1000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    linkPending(db)
      .catch((e) => console.error("audit chainer:", e))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export type AuditFilter = {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
};

export async function listAudit(db: Kysely<DB>, f: AuditFilter, page: number, pageSize: number) {
  let q = db.selectFrom("audit_log");
  if (f.actor) q = q.where("actor_name", "=", f.actor);
  if (f.action) q = q.where("action", "like", `${f.action}%`);
  if (f.targetType) q = q.where("target_type", "=", f.targetType);
  if (f.targetId) q = q.where("target_id", "=", f.targetId);
  if (f.from) q = q.where("at", ">=", f.from);
  if (f.to) q = q.where("at", "<", f.to);
  const [rows, count] = await Promise.all([
    q
      .leftJoin("audit_chain as c", "c.seq", "audit_log.seq")
      .selectAll("audit_log")
      .select("c.hash")
      .orderBy("audit_log.seq", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Links whatever is pending, then walks the chain in order and reports the first broken link: an
 * entry whose content no longer matches its hash, a link whose entry is gone, or a link that does
 * not follow the one before it.
 */
export async function verifyChain(db: Kysely<DB>, batch = 5000) {
  await linkPending(db);
  let prev = GENESIS;
  let after = "0";
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_chain as c")
      .leftJoin("audit_log as l", "l.seq", "c.seq")
      .select([
        "c.pos",
        "c.seq as link_seq",
        "c.prev_hash",
        "c.hash",
        "l.seq",
        "l.at",
        "l.actor_id",
        "l.actor_name",
        "l.action",
        "l.target_type",
        "l.target_id",
        "l.summary",
        "l.ip",
      ])
      .where("c.pos", ">", after)
      .orderBy("c.pos")
      .limit(batch)
      .execute();
    if (rows.length === 0) {
      const unlinked = await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom("audit_chain as c").select("c.pos").whereRef("c.seq", "=", "audit_log.seq"))),
        )
        .executeTakeFirstOrThrow();
      return { ok: true as const, checked, unlinked: Number(unlinked.n) };
    }
    const missing = rows.find((r) => r.seq === null);
    const entries: StoredEntry[] = [];
    for (const r of rows) {
      if (r.seq === null) break;
      entries.push({
        seq: String(r.seq),
        at: r.at as Date,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action as string,
        targetType: r.target_type,
        targetId: r.target_id,
        summary: r.summary,
        ip: r.ip,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
    }
    const broken = firstBrokenLink(entries, prev);
    if (broken) return { ok: false as const, checked, broken };
    if (missing) return { ok: false as const, checked, broken: { seq: String(missing.link_seq), reason: "missing" as const } };
    checked += rows.length;
    prev = rows[rows.length - 1].hash;
    after = String(rows[rows.length - 1].pos);
  }
}
