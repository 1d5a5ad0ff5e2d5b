// Grids: their polygon (never overlapping another), level, leader and 1+X+Y staff.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB, GeoPolygon } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { createArea, findAreaOrNotFound } from "./areas.service.js";
import { bboxOf, isValidPolygon } from "./geo.js";
import type { GridIndex } from "./grid-index.js";
import * as repo from "./grids.repository.js";
import type { GridCreate, GridUpdate, StaffCreate } from "./schemas.js";

function checkPolygon(index: GridIndex, polygon: GeoPolygon, exceptId?: string) {
  if (!isValidPolygon(polygon)) throw fieldError("polygon", "invalid_polygon");
  const hits = index.overlapping(polygon, exceptId);
  if (hits.length) {
    throw new AppError(409, "grid_overlap", { names: hits.map((g) => g.name).join("、") }, [
      { path: "polygon", code: "invalid_value" },
    ]);
  }
}

const bboxColumns = (p: GeoPolygon) => {
  const [min_lng, min_lat, max_lng, max_lat] = bboxOf(p);
  return { min_lng, min_lat, max_lng, max_lat };
};

export async function createGrid(
  db: Kysely<DB>,
  index: GridIndex,
  user: SessionUser,
  actor: Actor,
  input: z.infer<typeof GridCreate>,
): Promise<string> {
  checkPolygon(index, input.polygon);
  const area = await createArea(
    db,
    user,
    actor,
    { parentId: input.communityId, code: input.code, name: input.name },
    "grid",
    async (trx, a) => {
      await trx
        .insertInto("grids")
        .values({
          area_id: a.id,
          district_id: a.districtId,
          grid_level: input.gridLevel,
          polygon: JSON.stringify(input.polygon),
          ...bboxColumns(input.polygon),
          leader_user_id: input.leaderUserId ?? null,
        })
        .execute();
    },
  );
  await index.reload(db);
  return area.id;
}

export async function updateGrid(
  db: Kysely<DB>,
  index: GridIndex,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: z.infer<typeof GridUpdate>,
): Promise<void> {
  const [current] = await repo.listGrids(db, user.scope, undefined, id);
  if (!current) throw new AppError(404, "not_found");
  if (input.polygon) checkPolygon(index, input.polygon, id);
  await db.transaction().execute(async (trx) => {
    if (input.name !== undefined)
      await trx.updateTable("areas").set({ name: input.name, updated_at: new Date() }).where("id", "=", id).execute();
    const set: Record<string, unknown> = {};
    if (input.gridLevel !== undefined) set.grid_level = input.gridLevel;
    if (input.leaderUserId !== undefined) set.leader_user_id = input.leaderUserId;
    if (input.polygon) Object.assign(set, { polygon: JSON.stringify(input.polygon), ...bboxColumns(input.polygon) });
    if (Object.keys(set).length) await trx.updateTable("grids").set(set).where("area_id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "grid.update",
      targetType: "grid",
      targetId: id,
      summary: {
        before: { name: current.name, gridLevel: current.grid_level, leaderUserId: current.leader_user_id },
        after: {
          name: input.name,
          gridLevel: input.gridLevel,
          leaderUserId: input.leaderUserId,
          polygonChanged: Boolean(input.polygon),
        },
      },
    });
  });
  if (input.polygon || input.name) await index.reload(db);
}

export async function addStaff(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  gridId: string,
  input: z.infer<typeof StaffCreate>,
) {
  const area = await findAreaOrNotFound(db, user, gridId);
  if (area.level !== "grid") throw new AppError(404, "not_found");
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("grid_staff")
      .values({
        grid_id: gridId,
        district_id: area.district_id ?? "",
        role: input.role,
        name: input.name,
        title: input.title ?? null,
        user_id: input.userId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: "grid.staff.add", targetType: "grid", targetId: gridId, summary: { after: input } });
    return row.id;
  });
}

export async function removeStaff(db: Kysely<DB>, user: SessionUser, actor: Actor, gridId: string, staffId: string) {
  await findAreaOrNotFound(db, user, gridId);
  await db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("grid_staff")
      .where("id", "=", staffId)
      .where("grid_id", "=", gridId)
      .returningAll()
      .executeTakeFirst();
    if (!gone) throw new AppError(404, "not_found");
    await appendAudit(trx, actor, {
      action: "grid.staff.remove",
      targetType: "grid",
      targetId: gridId,
      summary: { before: { role: gone.role, name: gone.name } },
    });
  });
}
