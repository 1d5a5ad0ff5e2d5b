// Resident records: create, change, move between households, reveal, remove. Personal numbers are
// stored encrypted with a blind index, and shown masked; every write and reveal is audited.
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { DB } from "../../db/schema.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { maskDocument, maskPhone } from "../../lib/mask.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { gridPlacement, householdPlacement, type Placement } from "./placement.js";
import * as repo from "./residents.repository.js";
import { ageOn, checkDocument, docBlindValue, normalisePhone } from "./residents.rules.js";
import type { ResidentCreate, ResidentSummary, ResidentUpdate } from "./schemas.js";

type Summary = z.infer<typeof ResidentSummary>;

/** Turns rows into the masked summary shape; sensitive tags only for those allowed to see them. */
export async function present(db: Kysely<DB>, user: SessionUser, rows: repo.ResidentRow[]): Promise<Summary[]> {
  const tags = await repo.tagsOf(
    db,
    rows.map((r) => r.id),
  );
  const seeSensitive = user.permissions.includes("registry.sensitive");
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    docType: r.doc_type,
    docMasked: r.doc_masked,
    sex: r.sex,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date),
    phoneMasked: r.phone_masked,
    residenceType: r.residence_type,
    relation: r.relation,
    ethnicity: r.ethnicity,
    gridId: r.grid_id,
    gridName: r.grid_name,
    householdId: r.household_id,
    address: r.address,
    tags: tags
      .filter((t) => t.resident_id === r.id && (seeSensitive || !t.sensitive))
      .map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, sensitive: t.sensitive })),
  }));
}

/** Checks tag codes exist and that sensitive ones are allowed to this user. */
export async function checkTags(db: Kysely<DB>, user: SessionUser, codes: string[], field = "tags") {
  const known = new Map((await repo.allTags(db)).map((t) => [t.code, t]));
  for (const [i, code] of codes.entries()) {
    const tag = known.get(code);
    if (!tag) throw fieldError(`${field}.${i}`, "unknown_tag", { tag: code });
    if (tag.sensitive && !user.permissions.includes("registry.sensitive")) throw new AppError(403, "forbidden");
  }
}

export function encryptedIdentity(
  cipher: FieldCipher,
  docType: z.infer<typeof ResidentCreate>["docType"],
  docNumber: string,
  phone: string | null,
) {
  return {
    doc_cipher: cipher.encrypt(docNumber),
    doc_blind: cipher.blindIndex("doc", docBlindValue(docType, docNumber)),
    doc_masked: maskDocument(docNumber),
    phone_cipher: phone ? cipher.encrypt(phone) : null,
    phone_blind: phone ? cipher.blindIndex("phone", phone) : null,
    phone_masked: phone ? maskPhone(phone) : null,
  };
}

function checkedPhone(raw: string | null | undefined): string | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const phone = normalisePhone(raw);
  if (!phone) throw fieldError("phone", "phone_format");
  return phone;
}

async function placementFor(
  db: Kysely<DB>,
  user: SessionUser,
  householdId?: string | null,
  gridId?: string | null,
): Promise<Placement> {
  if (householdId) return householdPlacement(db, user.scope, householdId);
  if (gridId) return gridPlacement(db, user.scope, gridId);
  throw fieldError("householdId", "required");
}

export async function createResident(
  db: Kysely<DB>,
  cipher: FieldCipher,
  user: SessionUser,
  actor: Actor,
  input: z.infer<typeof ResidentCreate>,
): Promise<string> {
  const checked = checkDocument(input.docType, input.docNumber);
  if (!checked.ok) throw new AppError(400, "validation_failed", {}, [checked.problem]);
  const phone = checkedPhone(input.phone);
  await checkTags(db, user, input.tags);
  const place = await placementFor(db, user, input.householdId, input.gridId);
  const ident = encryptedIdentity(cipher, input.docType, checked.doc.number, phone);
  return db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom("residents").select("id").where("doc_blind", "=", ident.doc_blind).executeTakeFirst();
    if (dup) throw new AppError(409, "duplicate", { what: ident.doc_masked }, [{ path: "docNumber", code: "invalid_value" }]);
    const row = await trx
      .insertInto("residents")
      .values({
        district_id: place.districtId,
        grid_id: place.gridId,
        area_path: place.areaPath,
        household_id: place.householdId,
        name: input.name,
        doc_type: input.docType,
        sex: checked.doc.sex,
        birth_date: checked.doc.birthDate,
        residence_type: input.residenceType,
        relation: input.relation ?? null,
        ethnicity: input.ethnicity ?? null,
        ...ident,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.tags.length) {
      await trx
        .insertInto("resident_tags")
        .values(input.tags.map((tag_code) => ({ resident_id: row.id, tag_code, district_id: place.districtId })))
        .execute();
    }
    if (place.householdId) {
      await trx
        .insertInto("residence_history")
        .values({
          resident_id: row.id,
          district_id: place.districtId,
          to_household_id: place.householdId,
          actor_id: actor.userId,
          reason: "登记",
        })
        .execute();
    }
    await appendAudit(trx, actor, {
      action: "resident.create",
      targetType: "resident",
      targetId: row.id,
      summary: {
        after: {
          name: input.name,
          doc: ident.doc_masked,
          gridId: place.gridId,
          householdId: place.householdId,
          tags: input.tags,
        },
      },
    });
    return row.id;
  });
}

export async function updateResident(
  db: Kysely<DB>,
  cipher: FieldCipher,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: z.infer<typeof ResidentUpdate>,
): Promise<void> {
  const current = await repo.findResident(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  if (input.docNumber !== undefined || input.docType !== undefined) {
    const docType = input.docType ?? current.doc_type;
    const number = input.docNumber ?? cipher.decrypt(current.doc_cipher);
    const checked = checkDocument(docType, number);
    if (!checked.ok) throw new AppError(400, "validation_failed", {}, [checked.problem]);
    Object.assign(changes, {
      doc_type: docType,
      doc_cipher: cipher.encrypt(checked.doc.number),
      doc_blind: cipher.blindIndex("doc", docBlindValue(docType, checked.doc.number)),
      doc_masked: maskDocument(checked.doc.number),
      sex: checked.doc.sex,
      birth_date: checked.doc.birthDate,
    });
    before.doc = current.doc_masked;
    after.doc = changes.doc_masked;
  }
  if (input.phone !== undefined) {
    const phone = checkedPhone(input.phone);
    Object.assign(changes, {
      phone_cipher: phone ? cipher.encrypt(phone) : null,
      phone_blind: phone ? cipher.blindIndex("phone", phone) : null,
      phone_masked: phone ? maskPhone(phone) : null,
    });
    before.phone = current.phone_masked;
    after.phone = changes.phone_masked;
  }
  for (const [key, col] of [
    ["name", "name"],
    ["residenceType", "residence_type"],
    ["relation", "relation"],
    ["ethnicity", "ethnicity"],
  ] as const) {
    if (input[key] !== undefined) {
      changes[col] = input[key];
      before[key] = current[col];
      after[key] = input[key];
    }
  }
  if (input.gridId !== undefined && input.gridId !== current.grid_id) {
    if (current.household_id) throw fieldError("gridId", "invalid_value"); // a household member follows the household: use move
    const place = await gridPlacement(db, user.scope, input.gridId);
    Object.assign(changes, { grid_id: place.gridId, area_path: place.areaPath });
    before.gridId = current.grid_id;
    after.gridId = place.gridId;
  }
  if (input.tags) await checkTags(db, user, input.tags);
  await db.transaction().execute(async (trx) => {
    if (changes.doc_blind && changes.doc_blind !== current.doc_blind) {
      const dup = await trx
        .selectFrom("residents")
        .select("id")
        .where("doc_blind", "=", changes.doc_blind as string)
        .executeTakeFirst();
      if (dup)
        throw new AppError(409, "duplicate", { what: String(changes.doc_masked) }, [
          { path: "docNumber", code: "invalid_value" },
        ]);
    }
    if (Object.keys(changes).length) {
      await trx
        .updateTable("residents")
        .set({ ...changes, updated_at: new Date() })
        .where("id", "=", id)
        .execute();
    }
    if (input.tags) {
      // Sensitive tags the caller cannot see are left as they are.
      const seeSensitive = user.permissions.includes("registry.sensitive");
      const existing = await repo.tagsOf(trx, [id]);
      const keep = existing.filter((t) => t.sensitive && !seeSensitive).map((t) => t.code);
      const next = [...new Set([...keep, ...input.tags])];
      await trx.deleteFrom("resident_tags").where("resident_id", "=", id).execute();
      if (next.length) {
        await trx
          .insertInto("resident_tags")
          .values(next.map((tag_code) => ({ resident_id: id, tag_code, district_id: current.district_id })))
          .execute();
      }
      before.tags = existing.map((t) => t.code);
      after.tags = next;
    }
    await appendAudit(trx, actor, {
      action: "resident.update",
      targetType: "resident",
      targetId: id,
      summary: { before, after },
    });
  });
}

export async function moveResident(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  toHouseholdId: string,
  reason: string | null,
): Promise<void> {
  const current = await repo.findResident(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  const place = await householdPlacement(db, user.scope, toHouseholdId, "toHouseholdId");
  if (place.householdId === current.household_id) throw fieldError("toHouseholdId", "invalid_value");
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("residents")
      .set({ household_id: place.householdId, grid_id: place.gridId, area_path: place.areaPath, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    // A head who leaves no longer heads the old household.
    if (current.household_id) {
      await trx
        .updateTable("households")
        .set({ head_resident_id: null })
        .where("id", "=", current.household_id)
        .where("head_resident_id", "=", id)
        .execute();
    }
    await trx
      .insertInto("residence_history")
      .values({
        resident_id: id,
        district_id: current.district_id,
        from_household_id: current.household_id,
        to_household_id: place.householdId,
        actor_id: actor.userId,
        reason,
      })
      .execute();
    await appendAudit(trx, actor, {
      action: "resident.move",
      targetType: "resident",
      targetId: id,
      summary: { before: { householdId: current.household_id }, after: { householdId: place.householdId }, reason },
    });
  });
}

export async function revealResident(
  db: Kysely<DB>,
  cipher: FieldCipher,
  user: SessionUser,
  actor: Actor,
  id: string,
  reason: string,
): Promise<{ docNumber: string; phone: string | null }> {
  const current = await repo.findResident(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  const revealed = {
    docNumber: cipher.decrypt(current.doc_cipher),
    phone: current.phone_cipher ? cipher.decrypt(current.phone_cipher) : null,
  };
  await appendAudit(db, actor, {
    action: "resident.reveal",
    targetType: "resident",
    targetId: id,
    summary: { reason, fields: revealed.phone ? ["docNumber", "phone"] : ["docNumber"], name: current.name },
  });
  return revealed;
}

export async function deleteResident(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string): Promise<void> {
  const current = await repo.findResident(db, user.scope, id);
  if (!current) throw new AppError(404, "not_found");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("households").set({ head_resident_id: null }).where("head_resident_id", "=", id).execute();
    await trx.deleteFrom("residents").where("id", "=", id).execute();
    await appendAudit(trx, actor, {
      action: "resident.delete",
      targetType: "resident",
      targetId: id,
      summary: { before: { name: current.name, doc: current.doc_masked, householdId: current.household_id } },
    });
  });
}
