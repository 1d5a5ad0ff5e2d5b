import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Actor } from "../identity/types.js";
import { type ChainEntry, GENESIS, type StoredEntry, entryHash, firstBrokenLink } from "./chain.js";

export type AuditInput = {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  summary?: Record<string, unknown>;
};

// One lock id for appending; the chain is a single sequence, so appends take turns.
const CHAIN_LOCK = 7_270_001;

/** Appends an entry inside the caller's transaction, so the audit record commits with the change. */
export async function appendAudit(trx: Kysely<DB>, actor: Actor, input: AuditInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom("audit_log").select("hash").orderBy("seq", "desc").limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const entry: ChainEntry = {
    at: new Date(),
    actorId: actor.userId,
    actorName: actor.username,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    summary: input.summary ?? {},
    ip: actor.ip,
  };
  await trx
    .insertInto("audit_log")
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      summary: JSON.stringify(entry.summary),
      ip: entry.ip,
      prev_hash: prevHash,
      hash: entryHash(prevHash, entry),
    })
    .execute();
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
      .selectAll()
      .orderBy("seq", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Walks the whole chain in seq order, a batch at a time, and reports the first broken link. */
export async function verifyChain(db: Kysely<DB>, batch = 5000) {
  let prev = GENESIS;
  let after = "0";
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">", after).orderBy("seq").limit(batch).execute();
    if (rows.length === 0) return { ok: true as const, checked };
    const entries: StoredEntry[] = rows.map((r) => ({
      seq: String(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      summary: r.summary,
      ip: r.ip,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const broken = firstBrokenLink(entries, prev);
    if (broken) return { ok: false as const, checked, broken };
    checked += rows.length;
    prev = rows[rows.length - 1].hash;
    after = String(rows[rows.length - 1].seq);
  }
}
