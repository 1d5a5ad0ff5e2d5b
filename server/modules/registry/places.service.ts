// Buildings and households: writes with scope checks and audit.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { gridPlacement } from "./placement.js";
import * as repo from "./places.repository.js";
import type { BuildingWrite, HouseholdWrite } from "./schemas.js";

export const presentBuilding = (b: repo.BuildingRow) => ({
  id: b.id,
  gridId: b.grid_id,
  gridName: b.grid_name,
  kind: b.kind,
  name: b.name,
  address: b.address,
  lng: b.lng,
  lat: b.lat,
  unitCount: b.unit_count,
  floorCount: b.floor_count,
  householdCount: Number(b.household_count ?? 0),
});

export const presentHousehold = (h: repo.HouseholdRow) => ({
  id: h.id,
  gridId: h.grid_id,
  gridName: h.grid_name,
  buildingId: h.building_id,
  buildingName: h.building_name,
  address: h.address,
  unitNo: h.unit_no,
  roomNo: h.room_no,
  floorArea: h.floor_area === null ? null : Number(h.floor_area),
  headResidentId: h.head_resident_id,
  headName: h.head_name,
  memberCount: Number(h.member_count ?? 0),
});

export async function saveBuilding(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  input: z.infer<typeof BuildingWrite>,
  id?: string,
): Promise<string> {
  const current = id ? await repo.findBuilding(db, user.scope, id) : undefined;
  if (id && !current) throw new AppError(404, "not_found");
  const place = await gridPlacement(db, user.scope, input.gridId);
  const values = {
    district_id: place.districtId,
    grid_id: place.gridId,
    area_path: place.areaPath,
    kind: input.kind,
    name: input.name,
    address: input.address,
    lng: input.lng ?? null,
    lat: input.lat ?? null,
    unit_count: input.unitCount,
    floor_count: input.floorCount ?? null,
  };
  return db.transaction().execute(async (trx) => {
    let targetId = id;
    if (current && id) {
      await trx
        .updateTable("buildings")
        .set({ ...values, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
      // Households in the building follow it into its grid; their residents follow them.
      if (current.grid_id !== place.gridId) {
        await trx
          .updateTable("households")
          .set({ grid_id: place.gridId, area_path: place.areaPath })
          .where("building_id", "=", id)
          .execute();
        await trx
          .updateTable("residents")
          .set({ grid_id: place.gridId, area_path: place.areaPath })
          .where("household_id", "in", (eb) => eb.selectFrom("households").select("id").where("building_id", "=", id))
          .execute();
      }
    } else {
      targetId = (await trx.insertInto("buildings").values(values).returning("id").executeTakeFirstOrThrow()).id;
    }
    await appendAudit(trx, actor, {
      action: current ? "building.update" : "building.create",
      targetType: "building",
      targetId,
      summary: {
        before: current ? { name: current.name, address: current.address, gridId: current.grid_id } : null,
        after: input,
      },
    });
    return targetId as string;
  });
}

export async function deleteBuilding(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const current = await repo.findBuilding(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  if (Number(current.household_count) > 0) throw new AppError(409, "conflict");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("buildings").where("id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "building.delete",
      targetType: "building",
      targetId: id,
      summary: { before: { name: current.name, address: current.address } },
    });
  });
}

export async function saveHousehold(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  input: z.infer<typeof HouseholdWrite>,
  id?: string,
): Promise<string> {
  const current = id ? await repo.findHousehold(db, user.scope, id) : undefined;
  if (id && !current) throw new AppError(404, "not_found");
  let gridId = input.gridId ?? current?.grid_id;
  if (input.buildingId) {
    const b = await repo.findBuilding(db, user.scope, input.buildingId);
    if (!b) throw fieldError("buildingId", "unknown_reference");
    gridId = b.grid_id;
  }
  if (!gridId) throw fieldError("gridId", "required");
  const place = await gridPlacement(db, user.scope, gridId);
  if (input.headResidentId) {
    const head = await db
      .selectFrom("residents")
      .select("household_id")
      .where("id", "=", input.headResidentId)
      .executeTakeFirst();
    if (!head || (id && head.household_id !== id)) throw fieldError("headResidentId", "invalid_value");
  }
  const values = {
    district_id: place.districtId,
    grid_id: place.gridId,
    area_path: place.areaPath,
    building_id: input.buildingId === undefined ? (current?.building_id ?? null) : input.buildingId,
    address: input.address,
    unit_no: input.unitNo ?? null,
    room_no: input.roomNo ?? null,
    floor_area: input.floorArea ?? null,
    head_resident_id: input.headResidentId === undefined ? (current?.head_resident_id ?? null) : input.headResidentId,
  };
  return db.transaction().execute(async (trx) => {
    let targetId = id;
    if (current && id) {
      await trx
        .updateTable("households")
        .set({ ...values, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
      if (current.grid_id !== place.gridId) {
        await trx
          .updateTable("residents")
          .set({ grid_id: place.gridId, area_path: place.areaPath })
          .where("household_id", "=", id)
          .execute();
      }
    } else {
      targetId = (await trx.insertInto("households").values(values).returning("id").executeTakeFirstOrThrow()).id;
    }
    await appendAudit(trx, actor, {
      action: current ? "household.update" : "household.create",
      targetType: "household",
      targetId,
      summary: { before: current ? { address: current.address, gridId: current.grid_id } : null, after: input },
    });
    return targetId as string;
  });
}

export async function deleteHousehold(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const current = await repo.findHousehold(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  if (Number(current.member_count) > 0) throw new AppError(409, "conflict");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("households").where("id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "household.delete",
      targetType: "household",
      targetId: id,
      summary: { before: { address: current.address } },
    });
  });
}
