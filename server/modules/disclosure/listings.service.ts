// Public listings (阳光低保 style): a time-limited list of recipients shown with masked names and
// masked ID numbers only; residents of the area object while it is open; staff uphold (the entry
// leaves the list, with the reason) or dismiss each objection; a closed listing may be republished
// as a new round.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { ListingKind } from "../../db/schema.disclosure.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { concernsHome, type Participant, participantOf, visibleTo } from "../registry/participant.js";
import { inScope } from "../registry/scope.js";
import { type ListingCounts, type ListingPhase, listingPhase, maskName } from "./rules.js";
import { areaForWrite, isResident } from "./service.js";

export type ListingInput = {
  areaId: string;
  kind: ListingKind;
  title: string;
  description?: string;
  opensAt: string;
  closesAt: string;
};

function windowOf(opensAt: string, closesAt: string) {
  const o = new Date(opensAt);
  const c = new Date(closesAt);
  if (Number.isNaN(o.getTime())) throw fieldError("opensAt", "invalid_value");
  if (Number.isNaN(c.getTime())) throw fieldError("closesAt", "invalid_value");
  if (c.getTime() <= o.getTime()) throw fieldError("closesAt", "disclosure_window_order");
  return { opensAt: o, closesAt: c };
}

type ListingRow = Awaited<ReturnType<typeof listingRow>>;

async function listingRow(db: Kysely<DB>, user: SessionUser, id: string, participant: Participant | null, now: Date) {
  let q = db
    .selectFrom("public_listings as l")
    .innerJoin("areas as a", "a.id", "l.area_id")
    .selectAll("l")
    .select("a.name as area_name")
    .where("l.id", "=", id)
    .where(visibleTo("l.area_path", user, participant));
  // Residents see a listing only while it is public: published and inside its window.
  if (isResident(user)) q = q.where("l.status", "=", "published").where("l.opens_at", "<=", now).where("l.closes_at", ">=", now);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError(404, "not_found");
  return row;
}

async function countsOf(db: Kysely<DB>, ids: string[]): Promise<Map<string, ListingCounts>> {
  const out = new Map<string, ListingCounts>();
  for (const id of ids) out.set(id, { entries: 0, objections: 0, upheld: 0, removed: 0 });
  if (ids.length === 0) return out;
  const es = await db
    .selectFrom("listing_entries")
    .select(["listing_id", sql<string>`count(*)`.as("n"), sql<string>`count(*) filter (where status = 'removed')`.as("removed")])
    .where("listing_id", "in", ids)
    .groupBy("listing_id")
    .execute();
  for (const e of es) {
    const c = out.get(e.listing_id) as ListingCounts;
    c.entries = Number(e.n);
    c.removed = Number(e.removed);
  }
  const os = await db
    .selectFrom("listing_objections")
    .select(["listing_id", sql<string>`count(*)`.as("n"), sql<string>`count(*) filter (where status = 'upheld')`.as("upheld")])
    .where("listing_id", "in", ids)
    .groupBy("listing_id")
    .execute();
  for (const o of os) {
    const c = out.get(o.listing_id) as ListingCounts;
    c.objections = Number(o.n);
    c.upheld = Number(o.upheld);
  }
  return out;
}

const toListing = (r: ListingRow, counts: ListingCounts, phase: ListingPhase, pending: number) => ({
  id: r.id,
  areaId: r.area_id,
  areaName: r.area_name,
  kind: r.kind,
  title: r.title,
  description: r.description,
  opensAt: r.opens_at.toISOString(),
  closesAt: r.closes_at.toISOString(),
  status: r.status,
  phase,
  publishedAt: r.published_at?.toISOString() ?? null,
  round: r.round,
  previousId: r.previous_id,
  counts,
  pendingObjections: pending,
});

export async function listListings(
  db: Kysely<DB>,
  user: SessionUser,
  query: { kind?: ListingKind; page: number; pageSize: number },
  now = new Date(),
) {
  const participant = await participantOf(db, user);
  let q = db
    .selectFrom("public_listings as l")
    .innerJoin("areas as a", "a.id", "l.area_id")
    .where(visibleTo("l.area_path", user, participant));
  if (isResident(user)) q = q.where("l.status", "=", "published").where("l.opens_at", "<=", now).where("l.closes_at", ">=", now);
  if (query.kind) q = q.where("l.kind", "=", query.kind);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll("l")
    .select("a.name as area_name")
    .select((eb) =>
      eb
        .selectFrom("listing_objections as o")
        .whereRef("o.listing_id", "=", "l.id")
        .where("o.status", "=", "pending")
        .select(eb.fn.countAll().as("c"))
        .as("pending"),
    )
    .orderBy("l.opens_at", "desc")
    .orderBy("l.id")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      toListing(
        r,
        counts.get(r.id) as ListingCounts,
        listingPhase({ status: r.status, opensAt: r.opens_at, closesAt: r.closes_at }, now),
        Number(r.pending ?? 0),
      ),
    ),
    total: Number(n),
    totalCapped: false,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * A listing with its entries. Names and ID numbers are masked for everyone: the full values are
 * never read here (the registry's reveal is the only way to them).
 */
export async function readListing(db: Kysely<DB>, user: SessionUser, id: string, now = new Date()) {
  const participant = await participantOf(db, user);
  const l = await listingRow(db, user, id, participant, now);
  const resident = isResident(user);
  let eq = db
    .selectFrom("listing_entries as e")
    .innerJoin("residents as r", "r.id", "e.resident_id")
    .innerJoin("areas as g", "g.id", "r.grid_id")
    .select([
      "e.id",
      "e.resident_id",
      "e.amount",
      "e.note",
      "e.status",
      "e.removed_at",
      "e.removed_reason",
      "r.name",
      "r.doc_masked",
      "g.name as grid_name",
    ])
    .where("e.listing_id", "=", id);
  // The public sees who is on the list now; staff also see who was removed and why.
  if (resident) eq = eq.where("e.status", "=", "listed");
  const entries = await eq.orderBy("r.name").orderBy("e.id").execute();
  const objections = resident
    ? await db
        .selectFrom("listing_objections")
        .selectAll()
        .where("listing_id", "=", id)
        .where("author_user_id", "=", user.id)
        .orderBy("created_at")
        .execute()
    : await db
        .selectFrom("listing_objections as o")
        .leftJoin("residents as r", "r.id", "o.resident_id")
        .selectAll("o")
        .select("r.name as author_name")
        .where("o.listing_id", "=", id)
        .orderBy("o.created_at")
        .execute();
  const counts = (await countsOf(db, [id])).get(id) as ListingCounts;
  const phase = listingPhase({ status: l.status, opensAt: l.opens_at, closesAt: l.closes_at }, now);
  const pending = objections.filter((o) => o.status === "pending").length;
  return {
    ...toListing(l, counts, phase, resident ? 0 : pending),
    canObject: resident && phase === "open" && participant !== null && concernsHome(l.area_path, participant.areaPath),
    entries: entries.map((e) => ({
      id: e.id,
      maskedName: maskName(e.name),
      docMasked: e.doc_masked,
      gridName: e.grid_name,
      amount: e.amount,
      note: e.note,
      status: e.status,
      removedAt: e.removed_at?.toISOString() ?? null,
      removedReason: e.removed_reason,
    })),
    objections: objections.map((o) => ({
      id: o.id,
      entryId: o.entry_id,
      reason: o.reason,
      authorName: "author_name" in o && o.author_name ? maskName(o.author_name as string) : null,
      createdAt: o.created_at.toISOString(),
      status: o.status,
      resolution: o.resolution,
      resolvedAt: o.resolved_at?.toISOString() ?? null,
    })),
  };
}

/** Staff: a listing in scope, for writing. */
async function listingForStaff(db: Kysely<DB>, user: SessionUser, id: string) {
  const l = await db
    .selectFrom("public_listings")
    .selectAll()
    .where("id", "=", id)
    .where(inScope("area_path", user.scope))
    .executeTakeFirst();
  if (!l) throw new AppError(404, "not_found");
  return l;
}

export async function createListing(db: Kysely<DB>, user: SessionUser, actor: Actor, input: ListingInput): Promise<string> {
  const area = await areaForWrite(db, user, input.areaId);
  const w = windowOf(input.opensAt, input.closesAt);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx
      .insertInto("public_listings")
      .values({
        district_id: area.district_id,
        area_id: area.id,
        area_path: area.path,
        kind: input.kind,
        title: input.title.trim(),
        description: input.description?.trim() ?? "",
        opens_at: w.opensAt,
        closes_at: w.closesAt,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "listing.create",
      targetType: "public_listing",
      targetId: row.id,
      summary: { kind: input.kind, title: input.title, areaId: area.id },
    });
    return row.id;
  });
}

export async function updateListing(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  patch: Partial<Omit<ListingInput, "areaId" | "kind">>,
) {
  const l = await listingForStaff(db, user, id);
  if (l.status !== "draft") throw new AppError(409, "disclosure_listing_not_draft");
  const w = windowOf(patch.opensAt ?? l.opens_at.toISOString(), patch.closesAt ?? l.closes_at.toISOString());
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("public_listings")
      .set({
        title: patch.title?.trim() ?? l.title,
        description: patch.description?.trim() ?? l.description,
        opens_at: w.opensAt,
        closes_at: w.closesAt,
        updated_at: new Date(),
      })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_listing_not_draft");
    await appendAudit(trx, actor, {
      action: "listing.update",
      targetType: "public_listing",
      targetId: id,
      summary: { fields: Object.keys(patch) },
    });
  });
}

export async function addEntry(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { residentId: string; amount?: string | null; note?: string | null },
): Promise<string> {
  const l = await listingForStaff(db, user, id);
  if (l.status !== "draft") throw new AppError(409, "disclosure_listing_not_draft");
  const r = await db
    .selectFrom("residents")
    .select(["id", "household_id", "area_path"])
    .where("id", "=", input.residentId)
    .where(inScope("area_path", user.scope))
    .executeTakeFirst();
  if (!r) throw fieldError("residentId", "unknown_reference");
  if (!concernsHome(l.area_path, r.area_path)) throw fieldError("residentId", "disclosure_resident_outside");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("listing_entries")
      .values({
        listing_id: id,
        district_id: l.district_id,
        resident_id: r.id,
        household_id: r.household_id,
        amount: input.amount ?? null,
        note: input.note?.trim() || null,
        created_at: new Date(),
      })
      .onConflict((oc) => oc.columns(["listing_id", "resident_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new AppError(409, "disclosure_entry_duplicate");
    await appendAudit(trx, actor, {
      action: "listing.entry.add",
      targetType: "public_listing",
      targetId: id,
      summary: { entryId: row.id, residentId: r.id },
    });
    return row.id;
  });
}

export async function deleteEntry(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, entryId: string) {
  const l = await listingForStaff(db, user, id);
  if (l.status !== "draft") throw new AppError(409, "disclosure_listing_not_draft");
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom("listing_entries").where("id", "=", entryId).where("listing_id", "=", id).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw new AppError(404, "not_found");
    await appendAudit(trx, actor, {
      action: "listing.entry.delete",
      targetType: "public_listing",
      targetId: id,
      summary: { entryId },
    });
  });
}

export async function publishListing(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const l = await listingForStaff(db, user, id);
  if (l.status !== "draft") throw new AppError(409, "disclosure_listing_not_draft");
  const { n } = await db
    .selectFrom("listing_entries")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("listing_id", "=", id)
    .executeTakeFirstOrThrow();
  if (Number(n) === 0) throw new AppError(409, "disclosure_listing_empty");
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const res = await trx
      .updateTable("public_listings")
      .set({ status: "published", published_at: now, published_by: user.id, updated_at: now })
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_listing_not_draft");
    await appendAudit(trx, actor, {
      action: "listing.publish",
      targetType: "public_listing",
      targetId: id,
      summary: { entries: Number(n) },
    });
  });
}

/** A resident of the listing's area objects to one entry, only while the listing is open. */
export async function object(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { entryId: string; reason: string },
  now = new Date(),
): Promise<string> {
  const participant = await participantOf(db, user);
  if (!participant) throw new AppError(403, "disclosure_not_resident");
  // Read without the window filter, so a closed listing answers "closed" rather than "not found".
  const l = await db
    .selectFrom("public_listings")
    .selectAll()
    .where("id", "=", id)
    .where("status", "=", "published")
    .where(visibleTo("area_path", user, participant))
    .executeTakeFirst();
  if (!l) throw new AppError(404, "not_found");
  if (!input.reason.trim()) throw fieldError("reason", "required");
  if (listingPhase({ status: l.status, opensAt: l.opens_at, closesAt: l.closes_at }, now) !== "open") {
    throw new AppError(409, "disclosure_listing_not_open", {
      opensAt: l.opens_at.toISOString(),
      closesAt: l.closes_at.toISOString(),
    });
  }
  const e = await db
    .selectFrom("listing_entries")
    .select(["id", "status"])
    .where("id", "=", input.entryId)
    .where("listing_id", "=", id)
    .executeTakeFirst();
  if (!e) throw fieldError("entryId", "disclosure_entry_unknown");
  if (e.status === "removed") throw new AppError(409, "disclosure_entry_removed");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("listing_objections")
      .values({
        listing_id: id,
        entry_id: e.id,
        district_id: l.district_id,
        author_user_id: user.id,
        resident_id: participant.residentId,
        reason: input.reason.trim(),
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "listing.objection.create",
      targetType: "listing_objection",
      targetId: row.id,
      summary: { listingId: id, entryId: e.id },
    });
    return row.id;
  });
}

/** Upheld: the entry leaves the list with the resolution as its reason. Dismissed: it stays. */
export async function resolveObjection(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  objectionId: string,
  input: { outcome: "upheld" | "dismissed"; resolution: string },
) {
  const o = await db
    .selectFrom("listing_objections as o")
    .innerJoin("public_listings as l", "l.id", "o.listing_id")
    .selectAll("o")
    .select(["l.title"])
    .where("o.id", "=", objectionId)
    .where(inScope("l.area_path", user.scope))
    .executeTakeFirst();
  if (!o) throw new AppError(404, "not_found");
  const resolution = input.resolution.trim();
  if (!resolution) throw fieldError("resolution", "required");
  if (o.status !== "pending") throw new AppError(409, "disclosure_objection_resolved");
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const res = await trx
      .updateTable("listing_objections")
      .set({ status: input.outcome, resolution, resolved_at: now, resolved_by: user.id })
      .where("id", "=", objectionId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError(409, "disclosure_objection_resolved");
    let removed = false;
    if (input.outcome === "upheld") {
      const r = await trx
        .updateTable("listing_entries")
        .set({ status: "removed", removed_at: now, removed_by: user.id, removed_reason: resolution })
        .where("id", "=", o.entry_id)
        .where("status", "=", "listed")
        .executeTakeFirst();
      removed = Number(r.numUpdatedRows) === 1;
    }
    if (o.author_user_id)
      await trx
        .insertInto("notifications")
        .values({
          user_id: o.author_user_id,
          title: `您对"${o.title}"的异议${input.outcome === "upheld" ? "已成立" : "未成立"}`,
          body: resolution,
          created_at: now,
        })
        .execute();
    await appendAudit(trx, actor, {
      action: "listing.objection.resolve",
      targetType: "listing_objection",
      targetId: objectionId,
      summary: { outcome: input.outcome, entryId: o.entry_id, removed },
    });
  });
}

/**
 * Republishes a closed listing as a new round with a new window: the entries still listed are
 * copied; every objection of the old round must have been resolved first. Once per listing.
 */
export async function republish(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { opensAt: string; closesAt: string },
  now = new Date(),
): Promise<string> {
  const l = await listingForStaff(db, user, id);
  const w = windowOf(input.opensAt, input.closesAt);
  if (listingPhase({ status: l.status, opensAt: l.opens_at, closesAt: l.closes_at }, now) !== "closed") {
    throw new AppError(409, "disclosure_listing_not_closed");
  }
  const { n } = await db
    .selectFrom("listing_objections")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("listing_id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirstOrThrow();
  if (Number(n) > 0) throw new AppError(409, "disclosure_listing_pending", { count: Number(n) });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("public_listings")
      .values({
        district_id: l.district_id,
        area_id: l.area_id,
        area_path: l.area_path,
        kind: l.kind,
        title: l.title,
        description: l.description,
        opens_at: w.opensAt,
        closes_at: w.closesAt,
        status: "published",
        published_at: now,
        published_by: user.id,
        round: l.round + 1,
        previous_id: l.id,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("previous_id").where("previous_id", "is not", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new AppError(409, "disclosure_listing_republished");
    const entries = await trx
      .selectFrom("listing_entries")
      .select(["resident_id", "household_id", "amount", "note"])
      .where("listing_id", "=", id)
      .where("status", "=", "listed")
      .execute();
    if (entries.length === 0) throw new AppError(409, "disclosure_listing_empty");
    await trx
      .insertInto("listing_entries")
      .values(entries.map((e) => ({ ...e, listing_id: row.id, district_id: l.district_id, created_at: now })))
      .execute();
    await appendAudit(trx, actor, {
      action: "listing.republish",
      targetType: "public_listing",
      targetId: row.id,
      summary: { previousId: id, round: l.round + 1, entries: entries.length },
    });
    return row.id;
  });
}
