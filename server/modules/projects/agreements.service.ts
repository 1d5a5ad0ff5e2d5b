// Agreements (三约): cadres' duty agreements with the organisation (履职承诺, published), agreements
// between the organisation and residents, and residents' conventions (居民公约/村规民约). Each has
// versions (a published version supersedes the previous; history is kept) and the signatures of
// each version: one per signer (resident, user or household) per version, enforced by the database.
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { AgreementKind, AgreementStatus, SignerType } from "../../db/schema.projects.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { visibleTo } from "../registry/participant.js";
import { pathInScope } from "../registry/scope.js";
import { canMoveAgreement, canMoveVersion, effectiveDateAllowed, pathsRelated, signerTypesFor } from "./rules.js";
import { staffSees, type Viewer, viewerOf } from "./service.js";

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "23505";

/** Residents read published agreements of the areas they live in; staff every agreement in or above their scope. */
function agreementVisible(v: Viewer): Expression<SqlBool> {
  if (v.staff) return staffSees("g.area_path", v.user);
  return sql<SqlBool>`(${visibleTo("g.area_path", v.user, v.participant)} and g.status = 'published')`;
}

const canManage = (v: Viewer, path: string) =>
  v.staff && v.user.permissions.includes("decide.manage") && pathInScope(path, v.user.scope);

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** The signer an online signature would be made as: the resident behind a resident login, or the staff user. */
function selfSigner(v: Viewer): { type: SignerType; id: string; name: string } | null {
  if (v.staff) return { type: "user", id: v.user.id, name: v.user.displayName };
  if (!v.participant) return null;
  return { type: "resident", id: v.participant.residentId, name: v.participant.name };
}

export type AgreementFilter = {
  kind?: AgreementKind;
  status?: AgreementStatus;
  areaId?: string;
  page: number;
  pageSize: number;
};

export async function listAgreements(db: Kysely<DB>, user: SessionUser, f: AgreementFilter) {
  const v = await viewerOf(db, user);
  let q = db
    .selectFrom("agreements as g")
    .innerJoin("areas as a", "a.id", "g.area_id")
    .leftJoin("agreement_versions as cv", "cv.id", "g.current_version_id")
    .where(agreementVisible(v));
  if (f.kind) q = q.where("g.kind", "=", f.kind);
  if (f.status) q = q.where("g.status", "=", f.status);
  if (f.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", f.areaId).executeTakeFirst();
    if (!area) throw fieldError("areaId", "unknown_reference");
    q = q.where(sql<SqlBool>`g.area_path <@ ${area.path}::ltree`);
  }
  const total = await q.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const me = selfSigner(v);
  const rows = await q
    .select([
      "g.id",
      "g.kind",
      "g.title",
      "g.summary",
      "g.status",
      "g.area_id",
      "a.name as area_name",
      "g.published_at",
      "g.updated_at",
      "cv.number as version_number",
      "cv.effective_on",
    ])
    .select((eb) => [
      eb
        .selectFrom("agreement_signatures as s")
        .select((e2) => e2.fn.countAll<string>().as("n"))
        .whereRef("s.version_id", "=", "g.current_version_id")
        .as("signature_count"),
      me
        ? eb
            .selectFrom("agreement_signatures as s")
            .select((e2) => e2.fn.countAll<string>().as("n"))
            .whereRef("s.version_id", "=", "g.current_version_id")
            .where("s.signer_type", "=", me.type)
            .where("s.signer_id", "=", me.id)
            .as("mine")
        : sql<string>`0`.as("mine"),
    ])
    .orderBy("g.updated_at", "desc")
    .orderBy("g.id")
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      status: r.status,
      areaId: r.area_id,
      areaName: r.area_name,
      publishedAt: iso(r.published_at),
      updatedAt: iso(r.updated_at) as string,
      versionNumber: r.version_number ?? null,
      effectiveOn: r.effective_on ?? null,
      signatureCount: Number(r.signature_count ?? 0),
      signedByMe: Number(r.mine ?? 0) > 0,
    })),
    total: Number(total.n),
    totalCapped: false,
    page: f.page,
    pageSize: f.pageSize,
  };
}

async function agreementOr404(db: Kysely<DB>, v: Viewer, id: string) {
  const g = await db
    .selectFrom("agreements as g")
    .selectAll("g")
    .where("g.id", "=", id)
    .where(agreementVisible(v))
    .executeTakeFirst();
  if (!g) throw new AppError(404, "not_found");
  return g;
}

/** Whether `v` may sign the agreement online right now, as themselves. */
function mayOnlineSign(v: Viewer, g: { kind: AgreementKind; status: AgreementStatus; area_path: string }): boolean {
  if (g.status !== "published") return false;
  if (v.staff) return g.kind === "duty" && v.user.scope.paths.some((p) => pathsRelated(p, g.area_path));
  return g.kind !== "duty" && v.user.permissions.includes("decide.participate") && v.participant !== null;
}

export async function readAgreement(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  const g = await agreementOr404(db, v, id);
  const area = await db.selectFrom("areas").select("name").where("id", "=", g.area_id).executeTakeFirstOrThrow();
  let vq = db
    .selectFrom("agreement_versions as av")
    .selectAll("av")
    .select((eb) =>
      eb
        .selectFrom("agreement_signatures as s")
        .select((e2) => e2.fn.countAll<string>().as("n"))
        .whereRef("s.version_id", "=", "av.id")
        .as("signature_count"),
    )
    .where("av.agreement_id", "=", id);
  if (!v.staff) vq = vq.where("av.status", "<>", "draft");
  const versions = await vq.orderBy("av.number", "desc").execute();
  const me = selfSigner(v);
  const mine =
    me && g.current_version_id
      ? await db
          .selectFrom("agreement_signatures")
          .select(["signed_at", "channel"])
          .where("version_id", "=", g.current_version_id)
          .where("signer_type", "=", me.type)
          .where("signer_id", "=", me.id)
          .executeTakeFirst()
      : undefined;
  const manage = canManage(v, g.area_path);
  return {
    id: g.id,
    kind: g.kind,
    title: g.title,
    summary: g.summary,
    status: g.status,
    areaId: g.area_id,
    areaName: area.name,
    currentVersionId: g.current_version_id,
    publishedAt: iso(g.published_at),
    retiredAt: iso(g.retired_at),
    createdAt: iso(g.created_at) as string,
    versions: versions.map((x) => ({
      id: x.id,
      number: x.number,
      status: x.status,
      body: x.body,
      effectiveOn: x.effective_on,
      note: x.note,
      publishedAt: iso(x.published_at),
      supersededAt: iso(x.superseded_at),
      signatureCount: Number(x.signature_count ?? 0),
    })),
    mySignature: mine ? { signedAt: iso(mine.signed_at) as string, channel: mine.channel } : null,
    can: {
      manage,
      sign: !mine && mayOnlineSign(v, g) && g.current_version_id !== null,
      record: v.staff && v.user.permissions.includes("decide.record") && g.status === "published",
      readSignatures: v.staff,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Managing (decide.manage)

export type NewAgreement = {
  areaId: string;
  kind: AgreementKind;
  title: string;
  summary?: string | null;
  body: string;
  effectiveOn: string;
};

export async function createAgreement(db: Kysely<DB>, user: SessionUser, actor: Actor, input: NewAgreement) {
  const a = await db.selectFrom("areas").select(["id", "path", "district_id"]).where("id", "=", input.areaId).executeTakeFirst();
  if (!a?.district_id) throw fieldError("areaId", "unknown_reference");
  if (!pathInScope(a.path, user.scope)) throw fieldError("areaId", "not_in_scope");
  if (!input.title.trim()) throw fieldError("title", "required");
  if (!input.body.trim()) throw fieldError("body", "required");
  const districtId = a.district_id;
  return db.transaction().execute(async (trx) => {
    const g = await trx
      .insertInto("agreements")
      .values({
        district_id: districtId,
        area_id: a.id,
        area_path: a.path,
        kind: input.kind,
        title: input.title.trim(),
        summary: input.summary?.trim() ?? "",
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ver = await trx
      .insertInto("agreement_versions")
      .values({
        agreement_id: g.id,
        district_id: districtId,
        number: 1,
        body: input.body.trim(),
        effective_on: input.effectiveOn,
        created_by: user.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      action: "agreement.create",
      targetType: "agreement",
      targetId: g.id,
      summary: { kind: input.kind, title: input.title.trim(), versionId: ver.id },
    });
    return { id: g.id, versionId: ver.id };
  });
}

async function managed(db: Kysely<DB>, user: SessionUser, id: string) {
  const v = await viewerOf(db, user);
  const g = await agreementOr404(db, v, id);
  if (!canManage(v, g.area_path)) throw new AppError(403, "forbidden");
  if (g.status === "retired") throw new AppError(409, "agreements_retired");
  return g;
}

export async function updateAgreement(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  patch: { title?: string; summary?: string },
) {
  await managed(db, user, id);
  const set: { title?: string; summary?: string } = {};
  if (patch.title !== undefined) {
    if (!patch.title.trim()) throw fieldError("title", "required");
    set.title = patch.title.trim();
  }
  if (patch.summary !== undefined) set.summary = patch.summary.trim();
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("agreements")
      .set({ ...set, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
    await appendAudit(trx, actor, {
      action: "agreement.update",
      targetType: "agreement",
      targetId: id,
      summary: { fields: Object.keys(set) },
    });
    return { id };
  });
}

async function currentEffective(db: Kysely<DB>, versionId: string | null): Promise<string | null> {
  if (!versionId) return null;
  const cur = await db.selectFrom("agreement_versions").select("effective_on").where("id", "=", versionId).executeTakeFirst();
  return cur?.effective_on ?? null;
}

export async function addVersion(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { body: string; effectiveOn: string; note?: string | null },
) {
  const g = await managed(db, user, id);
  if (!input.body.trim()) throw fieldError("body", "required");
  const prev = await currentEffective(db, g.current_version_id);
  if (!effectiveDateAllowed(prev, input.effectiveOn)) {
    throw fieldError("effectiveOn", "agreements_effective_before", { date: prev as string });
  }
  try {
    return await db.transaction().execute(async (trx) => {
      await trx.selectFrom("agreements").select("id").where("id", "=", id).forUpdate().execute();
      const draft = await trx
        .selectFrom("agreement_versions")
        .select("id")
        .where("agreement_id", "=", id)
        .where("status", "=", "draft")
        .executeTakeFirst();
      if (draft) throw new AppError(409, "agreements_draft_exists");
      const last = await trx
        .selectFrom("agreement_versions")
        .select((eb) => eb.fn.max("number").as("n"))
        .where("agreement_id", "=", id)
        .executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      const ver = await trx
        .insertInto("agreement_versions")
        .values({
          agreement_id: id,
          district_id: g.district_id,
          number,
          body: input.body.trim(),
          effective_on: input.effectiveOn,
          note: input.note?.trim() || null,
          created_by: user.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.updateTable("agreements").set({ updated_at: new Date() }).where("id", "=", id).execute();
      await appendAudit(trx, actor, {
        action: "agreement.version_add",
        targetType: "agreement",
        targetId: id,
        summary: { versionId: ver.id, number },
      });
      return { id: ver.id, number };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, "agreements_draft_exists");
    throw e;
  }
}

async function draftOf(db: Kysely<DB>, agreementId: string, versionId: string) {
  const ver = await db
    .selectFrom("agreement_versions")
    .selectAll()
    .where("id", "=", versionId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!ver) throw new AppError(404, "not_found");
  if (!canMoveVersion(ver.status, "published")) throw new AppError(409, "agreements_version_not_draft");
  return ver;
}

export async function editVersion(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  versionId: string,
  patch: { body?: string; effectiveOn?: string; note?: string | null },
) {
  const g = await managed(db, user, id);
  await draftOf(db, id, versionId);
  if (patch.body !== undefined && !patch.body.trim()) throw fieldError("body", "required");
  if (patch.effectiveOn !== undefined) {
    const prev = await currentEffective(db, g.current_version_id);
    if (!effectiveDateAllowed(prev, patch.effectiveOn)) {
      throw fieldError("effectiveOn", "agreements_effective_before", { date: prev as string });
    }
  }
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable("agreement_versions")
      .set({
        ...(patch.body !== undefined ? { body: patch.body.trim() } : {}),
        ...(patch.effectiveOn !== undefined ? { effective_on: patch.effectiveOn } : {}),
        ...(patch.note !== undefined ? { note: patch.note?.trim() || null } : {}),
      })
      .where("id", "=", versionId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError(409, "agreements_version_not_draft");
    await appendAudit(trx, actor, {
      action: "agreement.version_edit",
      targetType: "agreement",
      targetId: id,
      summary: { versionId, fields: Object.keys(patch) },
    });
    return { id: versionId };
  });
}

/** Publishes a draft version: the current one is superseded, the agreement is (still) published. */
export async function publishVersion(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, versionId: string) {
  await managed(db, user, id);
  return db.transaction().execute(async (trx) => {
    const g = await trx.selectFrom("agreements").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
    if (!canMoveAgreement(g.status, "published")) throw new AppError(409, "agreements_retired");
    const ver = await draftOf(trx, id, versionId);
    const prev = await currentEffective(trx, g.current_version_id);
    if (!effectiveDateAllowed(prev, ver.effective_on)) {
      throw fieldError("effectiveOn", "agreements_effective_before", { date: prev as string });
    }
    const now = new Date();
    if (g.current_version_id) {
      await trx
        .updateTable("agreement_versions")
        .set({ status: "superseded", superseded_at: now })
        .where("id", "=", g.current_version_id)
        .where("status", "=", "published")
        .execute();
    }
    await trx
      .updateTable("agreement_versions")
      .set({ status: "published", published_at: now })
      .where("id", "=", versionId)
      .execute();
    await trx
      .updateTable("agreements")
      .set({ status: "published", current_version_id: versionId, published_at: g.published_at ?? now, updated_at: now })
      .where("id", "=", id)
      .execute();
    await appendAudit(trx, actor, {
      action: "agreement.publish",
      targetType: "agreement",
      targetId: id,
      summary: { versionId, number: ver.number, superseded: g.current_version_id },
    });
    return { id, versionId, status: "published" as const };
  });
}

export async function retireAgreement(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  reason: string | null | undefined,
) {
  const g = await managed(db, user, id);
  if (!canMoveAgreement(g.status, "retired")) throw new AppError(409, "agreements_retired");
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .updateTable("agreements")
      .set({ status: "retired", retired_at: now, updated_at: now })
      .where("id", "=", id)
      .where("status", "<>", "retired")
      .execute();
    await appendAudit(trx, actor, {
      action: "agreement.retire",
      targetType: "agreement",
      targetId: id,
      summary: { reason: reason?.trim() || null },
    });
    return { id, status: "retired" as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Signatures

async function insertSignature(
  db: Kysely<DB>,
  actor: Actor,
  g: { id: string; district_id: string; current_version_id: string | null },
  signer: { type: SignerType; id: string; name: string },
  channel: "online" | "paper",
  recordedBy: string | null,
) {
  if (!g.current_version_id) throw new AppError(409, "agreements_not_published");
  const versionId = g.current_version_id;
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("agreement_signatures")
        .values({
          agreement_id: g.id,
          version_id: versionId,
          district_id: g.district_id,
          signer_type: signer.type,
          signer_id: signer.id,
          signer_name: signer.name,
          channel,
          recorded_by: recordedBy,
        })
        .returning(["id", "signed_at"])
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        action: channel === "paper" ? "agreement.sign_paper" : "agreement.sign",
        targetType: "agreement",
        targetId: g.id,
        summary: { versionId, signerType: signer.type, signerId: signer.id, signatureId: row.id },
      });
      return { id: row.id, versionId, signedAt: iso(row.signed_at) as string };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, "agreements_already_signed");
    throw e;
  }
}

/** The caller signs the current version online: a resident as themselves, a cadre a duty agreement. */
export async function signAgreement(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string) {
  const v = await viewerOf(db, user);
  const g = await agreementOr404(db, v, id);
  if (g.status === "retired") throw new AppError(409, "agreements_retired");
  if (g.status !== "published") throw new AppError(409, "agreements_not_published");
  const me = selfSigner(v);
  if (!me || !mayOnlineSign(v, g)) throw new AppError(403, "agreements_not_signer");
  return insertSignature(db, actor, g, me, "online", null);
}

/** Staff record a paper signature (decide.record) for a resident, household or cadre of the area. */
export async function recordSignature(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: { signerType: SignerType; signerId: string },
) {
  const v = await viewerOf(db, user);
  if (!v.staff || !user.permissions.includes("decide.record")) throw new AppError(403, "forbidden");
  const g = await agreementOr404(db, v, id);
  if (g.status === "retired") throw new AppError(409, "agreements_retired");
  if (g.status !== "published") throw new AppError(409, "agreements_not_published");
  if (!signerTypesFor(g.kind).includes(input.signerType)) throw fieldError("signerType", "agreements_signer_type");
  let name: string | null = null;
  let inArea = false;
  if (input.signerType === "resident") {
    const r = await db.selectFrom("residents").select(["name", "area_path"]).where("id", "=", input.signerId).executeTakeFirst();
    if (r && pathInScope(r.area_path, user.scope)) {
      name = r.name;
      inArea = pathInScope(r.area_path, { paths: [g.area_path] });
    }
  } else if (input.signerType === "household") {
    const h = await db
      .selectFrom("households as h")
      .leftJoin("residents as r", "r.id", "h.head_resident_id")
      .select(["h.address", "h.area_path", "r.name as head_name"])
      .where("h.id", "=", input.signerId)
      .executeTakeFirst();
    if (h && pathInScope(h.area_path, user.scope)) {
      name = h.head_name ? `${h.head_name}(${h.address})` : h.address;
      inArea = pathInScope(h.area_path, { paths: [g.area_path] });
    }
  } else {
    const u = await db.selectFrom("users").select(["display_name", "kind"]).where("id", "=", input.signerId).executeTakeFirst();
    if (u && u.kind === "staff") {
      name = u.display_name;
      const paths = await db
        .selectFrom("user_scopes")
        .innerJoin("areas", "areas.id", "user_scopes.area_id")
        .select("areas.path")
        .where("user_scopes.user_id", "=", input.signerId)
        .execute();
      inArea = paths.some((p) => pathsRelated(p.path, g.area_path));
    }
  }
  if (name === null) throw fieldError("signerId", "unknown_reference");
  if (!inArea) throw fieldError("signerId", "agreements_signer_outside");
  return insertSignature(db, actor, g, { type: input.signerType, id: input.signerId, name }, "paper", user.id);
}

export async function listSignatures(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  q: { versionId?: string; page: number; pageSize: number },
) {
  const v = await viewerOf(db, user);
  if (!v.staff) throw new AppError(403, "forbidden");
  const g = await agreementOr404(db, v, id);
  const versionId = q.versionId ?? g.current_version_id;
  if (!versionId) return { items: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
  const base = db
    .selectFrom("agreement_signatures as s")
    .leftJoin("users as u", "u.id", "s.recorded_by")
    .where("s.agreement_id", "=", id)
    .where("s.version_id", "=", versionId);
  const total = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select(["s.id", "s.signer_type", "s.signer_id", "s.signer_name", "s.channel", "s.signed_at", "u.display_name as recorder"])
    .orderBy("s.signed_at", "desc")
    .orderBy("s.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      signerType: r.signer_type,
      signerId: r.signer_id,
      signerName: r.signer_name,
      channel: r.channel,
      signedAt: iso(r.signed_at) as string,
      recordedBy: r.recorder ?? null,
    })),
    total: Number(total.n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}
