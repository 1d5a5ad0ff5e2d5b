import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import * as repo from "./areas.repository.js";
import { childLevel, codeProblem } from "./areas.rules.js";
import { labelOf } from "./scope.js";

export async function findAreaOrNotFound(db: Kysely<DB>, user: SessionUser, id: string) {
  const area = await repo.findArea(db, id, user.scope);
  if (!area) throw new AppError(404, "not_found");
  return area;
}

/** Creates a child area (street under district, community under street, grid under community). */
export async function createArea(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  input: { parentId: string; code: string; name: string },
  expect: "street-or-community" | "grid",
  trxHook?: (trx: Kysely<DB>, area: { id: string; path: string; districtId: string }) => Promise<void>,
) {
  const parent = await repo.findArea(db, input.parentId, user.scope);
  if (!parent) throw fieldError("parentId", "unknown_reference");
  const level = childLevel(parent.level);
  const wanted = expect === "grid" ? level === "grid" : level === "street" || level === "community";
  if (!level || !wanted)
    throw fieldError(expect === "grid" ? "communityId" : "parentId", "wrong_level", { detail: parent.level });
  const problem = codeProblem(level, input.code, parent.code);
  if (problem) throw fieldError("code", "code_format", { detail: problem });
  if (await repo.findAreaByCode(db, input.code)) throw new AppError(409, "duplicate", { what: input.code });
  const id = randomUUID();
  const districtId = level === "district" ? id : (parent.district_id ?? parent.id);
  return db.transaction().execute(async (trx) => {
    const area = await repo.insertArea(trx, {
      id,
      parentId: parent.id,
      level,
      code: input.code,
      name: input.name,
      path: `${parent.path}.${labelOf(id)}`,
      districtId,
    });
    if (trxHook) await trxHook(trx, { id, path: area.path, districtId });
    await appendAudit(trx, actor, {
      action: `area.create`,
      targetType: level,
      targetId: id,
      summary: { after: { code: input.code, name: input.name, parentId: parent.id } },
    });
    return area;
  });
}

export async function renameArea(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, name: string) {
  const area = await findAreaOrNotFound(db, user, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("areas").set({ name, updated_at: new Date() }).where("id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "area.update",
      targetType: area.level,
      targetId: id,
      summary: { before: { name: area.name }, after: { name } },
    });
  });
}
