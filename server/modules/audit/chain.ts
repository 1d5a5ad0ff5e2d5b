// The audit trail is a hash chain: each entry's hash covers its content and the previous hash,
// so editing or removing any entry breaks every link after it. Pure functions.
import { createHash } from "node:crypto";

export const GENESIS = "0".repeat(64);

export type ChainEntry = {
  seq: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  ip: string | null;
};

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

export function entryHash(prevHash: string, e: ChainEntry): string {
  const body = canonicalJson({
    prev: prevHash,
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    summary: e.summary,
    ip: e.ip,
  });
  return createHash("sha256").update(body).digest("hex");
}

export type StoredEntry = ChainEntry & { prevHash: string; hash: string };

/** The first entry whose link is broken, or null when the whole chain holds. */
export function firstBrokenLink(
  entries: Iterable<StoredEntry>,
  startPrev = GENESIS,
): { seq: string; reason: "prev_hash" | "hash" } | null {
  let prev = startPrev;
  for (const e of entries) {
    if (e.prevHash !== prev) return { seq: e.seq, reason: "prev_hash" };
    if (entryHash(prev, e) !== e.hash) return { seq: e.seq, reason: "hash" };
    prev = e.hash;
  }
  return null;
}
