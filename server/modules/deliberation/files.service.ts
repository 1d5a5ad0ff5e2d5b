// Generic attachments of every decision area (decide_files): a file belongs to an owner (a proposal,
// a flow step, a meeting, a project update, a disclosure, an agreement, ...) and is visible to whoever
// can see the owner's area. The type is read from the file's bytes, like order attachments.
import { randomUUID } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Deps } from "../../deps.js";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { cleanFileName, MAX_ATTACHMENT_BYTES, sniff, tooLarge } from "../appeals/attachments.service.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { isResident, participantFor, pathSeenBy } from "./access.js";

export const MAX_FILE_BYTES = MAX_ATTACHMENT_BYTES;
export const MAX_FILES_PER_OWNER = 20;

/** Owner types and the table whose area_path decides who sees the file. */
const OWNER_TABLES: Record<string, string> = {
  proposal: "proposals",
  meeting: "meetings",
  vote: "votes",
  project: "practical_projects",
  project_update: "project_updates",
  disclosure: "disclosures",
  agreement: "agreements",
  listing: "public_listings",
  survey: "surveys",
  budget_round: "budget_rounds",
};

export const OWNER_TYPES = [...Object.keys(OWNER_TABLES), "proposal_step", "agreement_version", "budget_idea"] as const;

export type OwnerInfo = { areaPath: string; districtId: string; status?: string | null; createdBy?: string | null };

/**
 * The area of a file's owner, or null when there is no such owner. Looked up with raw SQL, so that
 * this migration does not depend on the later ones (a missing table reads as "no owner").
 */
export async function fileOwnerPath(db: Kysely<DB>, ownerType: string, ownerId: string): Promise<OwnerInfo | null> {
  let query: RawBuilder<{ area_path: string; district_id: string; status?: string; created_by?: string }>;
  const table = OWNER_TABLES[ownerType];
  if (ownerType === "proposal") {
    query = sql`select area_path::text as area_path, district_id, status, created_by from proposals where id = ${ownerId}`;
  } else if (table) {
    query = sql`select area_path::text as area_path, district_id from ${sql.table(table)} where id = ${ownerId}`;
  } else if (ownerType === "proposal_step") {
    query = sql`select p.area_path::text as area_path, p.district_id from proposal_steps s
      join proposals p on p.id = s.proposal_id where s.id = ${ownerId}`;
  } else if (ownerType === "agreement_version") {
    query = sql`select a.area_path::text as area_path, a.district_id from agreement_versions v
      join agreements a on a.id = v.agreement_id where v.id = ${ownerId}`;
  } else if (ownerType === "budget_idea") {
    query = sql`select r.area_path::text as area_path, r.district_id from budget_ideas i
      join budget_rounds r on r.id = i.round_id where i.id = ${ownerId}`;
  } else {
    return null;
  }
  try {
    const r = await query.execute(db);
    const row = r.rows[0];
    if (!row) return null;
    return {
      areaPath: row.area_path,
      districtId: row.district_id,
      status: row.status ?? null,
      createdBy: row.created_by ?? null,
    };
  } catch {
    return null;
  }
}

const present = (f: {
  id: string;
  owner_type: string;
  owner_id: string;
  name: string;
  mime: string;
  size: number;
  created_at: Date;
}) => ({
  id: f.id,
  ownerType: f.owner_type,
  ownerId: f.owner_id,
  name: f.name,
  mime: f.mime,
  size: f.size,
  url: `/api/decide/files/${f.id}`,
  createdAt: f.created_at.toISOString(),
});

async function ownerOrRefuse(db: Kysely<DB>, user: SessionUser, ownerType: string, ownerId: string) {
  const owner = await fileOwnerPath(db, ownerType, ownerId);
  const participant = await participantFor(db, user);
  if (!owner || !pathSeenBy(owner.areaPath, user, participant)) throw fieldError("ownerId", "deliberation_bad_owner");
  return { owner, participant };
}

export async function uploadFile(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  input: { ownerType: string; ownerId: string; file: { name: string; bytes: Uint8Array } },
) {
  const { db } = deps;
  if (!(OWNER_TYPES as readonly string[]).includes(input.ownerType)) throw fieldError("ownerType", "invalid_value");
  if (!/^[0-9a-f-]{36}$/i.test(input.ownerId)) throw fieldError("ownerId", "invalid_value");
  const { owner } = await ownerOrRefuse(db, user, input.ownerType, input.ownerId);
  // Staff who run or record decisions may attach; a resident only to their own proposal being written.
  if (isResident(user)) {
    const own =
      input.ownerType === "proposal" &&
      owner.createdBy === user.id &&
      (owner.status === "draft" || owner.status === "returned") &&
      user.permissions.includes("decide.participate");
    if (!own) throw new AppError(403, "forbidden");
  } else if (!user.permissions.includes("decide.manage") && !user.permissions.includes("decide.record")) {
    throw new AppError(403, "forbidden");
  }
  const { bytes } = input.file;
  if (bytes.length === 0) throw fieldError("file", "required");
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge();
  const kind = sniff(bytes);
  if (!kind) throw fieldError("file", "invalid_value");
  const id = randomUUID();
  const key = `decide/${input.ownerType}/${input.ownerId}/${id}.${kind.ext}`;
  const name = cleanFileName(input.file.name, kind.ext);
  await deps.appeals.storage.put(key, bytes);
  return db.transaction().execute(async (trx) => {
    const n = await trx
      .selectFrom("decide_files")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("owner_type", "=", input.ownerType)
      .where("owner_id", "=", input.ownerId)
      .executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_FILES_PER_OWNER)
      throw new AppError(400, "bad_request", { reason: `at most ${MAX_FILES_PER_OWNER} files` }, [
        { path: "file", code: "invalid_value" },
      ]);
    const row = await trx
      .insertInto("decide_files")
      .values({
        id,
        district_id: owner.districtId,
        owner_type: input.ownerType,
        owner_id: input.ownerId,
        name,
        mime: kind.mime,
        size: bytes.length,
        storage_key: key,
        created_by: user.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "decide_file.upload",
      targetType: input.ownerType,
      targetId: input.ownerId,
      summary: { fileId: id, name, mime: kind.mime, size: bytes.length },
    });
    return present(row);
  });
}

export async function listFiles(db: Kysely<DB>, user: SessionUser, ownerType: string, ownerId: string) {
  await ownerOrRefuse(db, user, ownerType, ownerId);
  const rows = await db
    .selectFrom("decide_files")
    .selectAll()
    .where("owner_type", "=", ownerType)
    .where("owner_id", "=", ownerId)
    .orderBy("created_at")
    .execute();
  return rows.map(present);
}

/** The bytes of a file, for whoever can see its owner; everyone else is told it does not exist. */
export async function readFile(deps: Deps, user: SessionUser, id: string) {
  const f = await deps.db.selectFrom("decide_files").selectAll().where("id", "=", id).executeTakeFirst();
  if (!f) throw new AppError(404, "not_found");
  const owner = await fileOwnerPath(deps.db, f.owner_type, f.owner_id);
  const participant = await participantFor(deps.db, user);
  if (!owner || !pathSeenBy(owner.areaPath, user, participant)) throw new AppError(404, "not_found");
  // A draft proposal's files are its author's and the staff's only.
  if (f.owner_type === "proposal" && owner.status === "draft" && isResident(user) && owner.createdBy !== user.id)
    throw new AppError(404, "not_found");
  return { file: f, bytes: await deps.appeals.storage.get(f.storage_key) };
}
