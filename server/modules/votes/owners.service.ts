// Flat ownership for owners' votes (art. 278): staff set who owns a flat; without a row the
// household head is the owner.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { inScope, pathInScope } from "../registry/scope.js";

async function managedHousehold(db: Kysely<DB>, user: SessionUser, householdId: string) {
  if (!user.permissions.includes("decide.manage")) throw new AppError(403, "forbidden");
  const h = await db
    .selectFrom("households")
    .select(["id", "district_id", "area_path", "address", "head_resident_id"])
    .where("id", "=", householdId)
    .executeTakeFirst();
  if (!h || !pathInScope(h.area_path, user.scope)) throw new AppError(404, "not_found");
  return h;
}

export async function setOwner(db: Kysely<DB>, user: SessionUser, actor: Actor, householdId: string, residentId: string | null) {
  const h = await managedHousehold(db, user, householdId);
  if (residentId) {
    const r = await db.selectFrom("residents").select(["id", "district_id"]).where("id", "=", residentId).executeTakeFirst();
    if (!r || r.district_id !== h.district_id) throw fieldError("residentId", "unknown_reference");
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("household_owners")
      .select("owner_resident_id")
      .where("household_id", "=", h.id)
      .executeTakeFirst();
    if (residentId) {
      await trx
        .insertInto("household_owners")
        .values({ household_id: h.id, owner_resident_id: residentId, district_id: h.district_id, updated_by: user.id })
        .onConflict((oc) =>
          oc.column("household_id").doUpdateSet({ owner_resident_id: residentId, updated_by: user.id, updated_at: new Date() }),
        )
        .execute();
    } else {
      await trx.deleteFrom("household_owners").where("household_id", "=", h.id).execute();
    }
    await appendAudit(trx, actor, {
      action: "household.owner",
      targetType: "household",
      targetId: h.id,
      summary: { before: before?.owner_resident_id ?? null, after: residentId },
    });
    return { householdId: h.id, ownerResidentId: residentId ?? h.head_resident_id, explicit: residentId !== null };
  });
}

/** Flats of an area with their owner (explicit or the head) and floor area. */
export async function listOwners(
  db: Kysely<DB>,
  user: SessionUser,
  q: { areaId: string; page: number; pageSize: number; buildingId?: string; householdId?: string },
) {
  if (!user.permissions.includes("decide.read")) throw new AppError(403, "forbidden");
  const area = await db.selectFrom("areas").select("path").where("id", "=", q.areaId).executeTakeFirst();
  if (!area) throw fieldError("areaId", "unknown_reference");
  let query = db
    .selectFrom("households as h")
    .leftJoin("household_owners as ho", "ho.household_id", "h.id")
    .leftJoin("residents as r", (j) => j.on(sql<boolean>`r.id = coalesce(ho.owner_resident_id, h.head_resident_id)`))
    .where(inScope("h.area_path", user.scope))
    .where(sql<boolean>`h.area_path <@ ${area.path}::ltree`);
  if (q.buildingId) query = query.where("h.building_id", "=", q.buildingId);
  if (q.householdId) query = query.where("h.id", "=", q.householdId);
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["h.id", "h.address", "h.floor_area", "h.head_resident_id", "ho.owner_resident_id", "r.name as owner_name"])
    .orderBy("h.address")
    .orderBy("h.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      householdId: r.id,
      address: r.address,
      floorArea: r.floor_area,
      ownerResidentId: r.owner_resident_id ?? r.head_resident_id,
      ownerName: r.owner_name,
      explicit: r.owner_resident_id !== null,
    })),
    total: Number(n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}
