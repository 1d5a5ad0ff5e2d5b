// Import jobs and exports. An upload is read and validated in the background, row by row, with
// progress in import_jobs; a commit writes the good rows in one transaction, in batches.
//
// The parsed rows live in this process's memory, keyed by job id, between validation and commit.
// A restart loses them: a job caught mid-validation or mid-import reads as failed afterwards, and a
// validated job that was never committed keeps its row (status 'validated') without data; committing
// it answers 409 and asks for the file again.
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DB, DocType } from "../../db/schema.js";
import type { FieldCipher } from "../../lib/crypto.js";
import type { Deps } from "../../deps.js";
import { AppError } from "../../lib/errors.js";
import type { Lang } from "../../lib/i18n.js";
import { maskDocument, maskPhone } from "../../lib/mask.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, Scope, SessionUser } from "../identity/types.js";
import { bboxOf } from "../registry/geo.js";
import { iterateBuildings, iterateHouseholds, type PlaceFilter } from "../registry/places.repository.js";
import { allTags, iterateResidents, type ResidentFilter, tagsOf } from "../registry/residents.repository.js";
import { encryptedIdentity } from "../registry/residents.service.js";
import { labelOf as pathLabel, pathInScope } from "../registry/scope.js";
import * as repo from "./repository.js";
import {
  type AreaRef,
  BUILDING_KINDS,
  type BuildingValue,
  COLUMNS,
  DOC_TYPES,
  GRID_LEVELS,
  type GridValue,
  gridKey,
  gridOverlaps,
  type HouseholdRef,
  type HouseholdValue,
  type ImportKind,
  labelOf,
  mapColumns,
  messageOf,
  RESIDENCE_TYPES,
  type ResidentValue,
  type RowError,
  RowReader,
  type RuleContext,
  type Valid,
  validateBuilding,
  validateGrid,
  validateHousehold,
  validateResident,
} from "./rules.js";
import { errorWorkbook, type FileType, readSheet, streamedWorkbook } from "./workbook.js";

export type TransferDeps = Pick<Deps, "db" | "cipher" | "gridIndex">;

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;
const ERRORS_KEPT = 200;
const BATCH = 2000;
/** A job's data is dropped this long after its last use. */
const KEEP_MS = 2 * 3_600_000;
/** A commit answers when done, or after this long with status 'importing' (then poll the job). */
const COMMIT_WAIT_MS = 15_000;

type Status = DB["import_jobs"]["status"];
type Mode = "all_or_nothing" | "good_rows";

type Job = {
  id: string;
  kind: ImportKind;
  fileName: string;
  createdBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  status: Status;
  mode: Mode | null;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  insertedRows: number | null;
  updatedRows: number | null;
  errors: RowError[];
  failure: RowError | null;
  header: string[];
  /** Original cells of the rows that failed (for errors.xlsx). */
  failedCells: Map<number, string[]>;
  /** Validated values of the good rows, dropped after the commit. */
  good: unknown[];
  user: SessionUser;
  timer?: NodeJS.Timeout;
};

const jobs = new Map<string, Job>();

function touch(job: Job) {
  if (job.timer) clearTimeout(job.timer);
  job.timer = setTimeout(() => jobs.delete(job.id), KEEP_MS);
  job.timer.unref();
}

const failedRowCount = (job: Job) => new Set(job.errors.map((e) => e.row)).size;

export type JobView = {
  id: string;
  kind: ImportKind;
  fileName: string;
  status: Status;
  mode: Mode | null;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  insertedRows: number | null;
  updatedRows: number | null;
  errorCount: number;
  failedRows: number | null;
  errors: { row: number; column: string; message: string }[];
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};

function viewOf(job: Job, lang: Lang): JobView {
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    status: job.status,
    mode: job.mode,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    importedRows: job.importedRows,
    insertedRows: job.insertedRows,
    updatedRows: job.updatedRows,
    errorCount: job.errors.length + (job.failure ? 1 : 0),
    failedRows: failedRowCount(job),
    errors: [...(job.failure ? [job.failure] : []), ...job.errors.slice(0, ERRORS_KEPT)].map((e) => ({
      row: e.row,
      column: e.column,
      message: messageOf(e, lang),
    })),
    message: job.failure ? messageOf(job.failure, lang) : null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

function viewOfRow(row: repo.JobRow, lang: Lang): JobView {
  const errors = (row.errors as RowError[]) ?? [];
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    fileName: row.file_name,
    status: row.status,
    mode: row.status === "importing" || row.status === "done" ? (row.mode as Mode) : null,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    importedRows: row.imported_rows,
    insertedRows: null,
    updatedRows: null,
    errorCount: row.error_count,
    failedRows: null,
    errors: errors.map((e) => ({ row: e.row, column: e.column, message: messageOf(e, lang) })),
    message: null,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

const storedErrors = (job: Job) => [...(job.failure ? [job.failure] : []), ...job.errors].slice(0, ERRORS_KEPT);

async function save(db: Kysely<DB>, job: Job, extra: repo.JobPatch = {}) {
  await repo.updateJob(db, job.id, {
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    importedRows: job.importedRows,
    errorCount: job.errors.length + (job.failure ? 1 : 0),
    ...extra,
  });
}

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export type Progress = (p: { phase: "read" | "validate" | "import"; done: number; total: number }) => void;

// ---------------------------------------------------------------------------------------------
// Upload and validation

/**
 * Registers the job and starts reading and validating in the background. `done` settles when the
 * job is validated (or failed); the HTTP route does not wait for it, the CLI does.
 */
export async function startImport(
  deps: TransferDeps,
  user: SessionUser,
  kind: ImportKind,
  fileName: string,
  type: FileType,
  bytes: Uint8Array,
  onProgress?: Progress,
): Promise<{ view: (lang: Lang) => JobView; id: string; done: Promise<void> }> {
  const row = await repo.insertJob(deps.db, { kind, fileName, createdBy: user.id });
  const job: Job = {
    id: row.id,
    kind,
    fileName,
    createdBy: user.id,
    createdAt: new Date(row.created_at),
    finishedAt: null,
    status: "validating",
    mode: null,
    totalRows: 0,
    processedRows: 0,
    importedRows: 0,
    insertedRows: null,
    updatedRows: null,
    errors: [],
    failure: null,
    header: [],
    failedCells: new Map(),
    good: [],
    user,
  };
  jobs.set(job.id, job);
  touch(job);
  const done = validateJob(deps, job, type, bytes, onProgress).catch(async (e) => {
    console.error(`import ${job.id}: validation failed: ${(e as Error).message}`);
    job.status = "failed";
    job.failure ??= { row: 0, column: "", code: "import_failed", params: { reason: String((e as Error).message ?? e) } };
    job.finishedAt = new Date();
    await save(deps.db, job, { errors: storedErrors(job), finished: true }).catch(() => {});
  });
  return { id: job.id, view: (lang) => viewOf(job, lang), done };
}

async function validateJob(deps: TransferDeps, job: Job, type: FileType, bytes: Uint8Array, onProgress?: Progress) {
  const { db } = deps;
  let lastSave = Date.now();
  const progress = async (force = false) => {
    onProgress?.({ phase: "validate", done: job.processedRows, total: job.totalRows });
    if (force || Date.now() - lastSave > 500) {
      lastSave = Date.now();
      await save(db, job);
    }
  };
  const fail = async (e: RowError) => {
    job.failure = e;
    job.status = "failed";
    job.finishedAt = new Date();
    await save(db, job, { errors: storedErrors(job), finished: true });
  };

  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(type, bytes, MAX_ROWS, (n) => onProgress?.({ phase: "read", done: n, total: 0 }));
  } catch {
    return fail({ row: 0, column: "", code: "file_unreadable" });
  }
  if (sheet.truncated) return fail({ row: 0, column: "", code: "too_many_rows", params: { max: MAX_ROWS } });
  job.header = sheet.header;
  const { map, missing } = mapColumns(job.kind, sheet.header);
  if (missing.length) {
    job.errors = missing.map((c) => ({ row: 1, column: c.header, code: "missing_column", params: { column: c.header } }));
    job.status = "failed";
    job.finishedAt = new Date();
    return save(db, job, { errors: storedErrors(job), finished: true });
  }
  if (!sheet.rows.length) return fail({ row: 0, column: "", code: "file_empty" });
  job.totalRows = sheet.rows.length;
  await progress(true);

  const readers = sheet.rows.map((r) => new RowReader(job.kind, r, map));
  const ctx = await ruleContext(deps, job.user, job.kind, readers);
  const results: Valid<unknown>[] = [];
  const overlapping = (polygon: Parameters<typeof deps.gridIndex.overlapping>[0], exceptId: string | null) =>
    deps.gridIndex.overlapping(polygon, exceptId ?? undefined).map((g) => g.name);
  for (const [i, r] of readers.entries()) {
    const v =
      job.kind === "residents"
        ? validateResident(r, ctx)
        : job.kind === "households"
          ? validateHousehold(r, ctx)
          : job.kind === "buildings"
            ? validateBuilding(r, ctx)
            : validateGrid(r, ctx, overlapping);
    results.push(v);
    job.processedRows = i + 1;
    if ((i + 1) % BATCH === 0) {
      await progress();
      await yieldToLoop();
    }
  }

  // Checks across rows and against the database, once the rows are known to be well formed.
  const extra: RowError[] = [];
  if (job.kind === "residents")
    extra.push(...(await residentsOutOfScope(deps, job.user.scope, results as Valid<ResidentValue>[])));
  if (job.kind === "grids") {
    const good = (results as Valid<GridValue>[]).filter((v) => v.ok) as { row: number; value: GridValue }[];
    extra.push(...gridOverlaps(good.map((g) => ({ row: g.row, polygon: g.value.polygon }))));
  }
  const badRows = new Set(extra.map((e) => e.row));
  const errors: RowError[] = [];
  const good: unknown[] = [];
  for (const v of results) {
    if (v.ok && !badRows.has(v.row)) good.push(v.value);
    else if (!v.ok) errors.push(...v.errors);
  }
  errors.push(...extra);
  errors.sort((a, b) => a.row - b.row);
  const failed = new Set(errors.map((e) => e.row));
  for (const r of sheet.rows) if (failed.has(r.row)) job.failedCells.set(r.row, r.cells);
  job.errors = errors;
  job.good = good;
  job.status = "validated";
  await save(db, job, { errors: storedErrors(job) });
  onProgress?.({ phase: "validate", done: job.processedRows, total: job.totalRows });
}

/** Loads what the rules look up, for the codes, addresses and names the file mentions. */
async function ruleContext(deps: TransferDeps, user: SessionUser, kind: ImportKind, readers: RowReader[]): Promise<RuleContext> {
  const { db } = deps;
  const codes = new Set<string>();
  for (const r of readers) {
    for (const key of ["gridCode", "communityCode", "code"]) {
      const v = r.raw(key);
      if (v) codes.add(v);
    }
  }
  const areaList = await repo.areasByCodes(db, [...codes]);
  const areas = new Map(areaList.map((a) => [a.code, a]));
  const households = new Map<string, HouseholdRef[]>();
  if (kind === "residents" || kind === "households") {
    const addresses = readers.map((r) => r.raw("address")).filter(Boolean);
    for (const h of await repo.householdsByAddresses(db, user.scope, addresses)) {
      const list = households.get(h.address);
      if (list) list.push(h);
      else households.set(h.address, [h]);
    }
  }
  const buildings = new Map<string, string>();
  if (kind === "households" || kind === "buildings") {
    const names = readers.map((r) => r.raw(kind === "households" ? "buildingName" : "name")).filter(Boolean);
    const gridIds = areaList.filter((a) => a.level === "grid").map((a) => a.id);
    for (const b of await repo.buildingsInGrids(db, gridIds, names)) {
      const key = gridKey(b.grid_id, b.name);
      if (!buildings.has(key)) buildings.set(key, b.id);
    }
  }
  const tags =
    kind === "residents"
      ? (await allTags(db)).map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en, sensitive: t.sensitive }))
      : [];
  return {
    scope: user.scope,
    canSetSensitive: user.permissions.includes("registry.sensitive"),
    today: new Date(),
    areas,
    households,
    buildings,
    tags,
    seen: new Map(),
  };
}

/** A person already registered outside the importer's scope is not theirs to change or move. */
async function residentsOutOfScope(deps: TransferDeps, scope: Scope, results: Valid<ResidentValue>[]): Promise<RowError[]> {
  const good = results.filter((v) => v.ok) as { row: number; value: ResidentValue }[];
  const blindOf = new Map(good.map((g) => [deps.cipher.blindIndex("doc", g.value.docKey), g.row]));
  const existing = await repo.residentsByBlind(deps.db, [...blindOf.keys()]);
  return existing
    .filter((e) => !pathInScope(e.area_path, scope))
    .map((e) => ({ row: blindOf.get(e.doc_blind) as number, column: "证件号码", code: "existing_out_of_scope" as const }))
    .sort((a, b) => a.row - b.row);
}

// ---------------------------------------------------------------------------------------------
// Reading jobs

/** The creator, or staff with import rights whose scope covers the creator's; anyone else gets 404. */
async function maySee(db: Kysely<DB>, user: SessionUser, createdBy: string | null): Promise<boolean> {
  if (createdBy === user.id) return true;
  if (!createdBy || !user.permissions.includes("registry.import")) return false;
  const paths = await repo.scopePathsOf(db, createdBy);
  return paths.length > 0 && paths.every((p) => pathInScope(p, user.scope));
}

export async function getJob(db: Kysely<DB>, user: SessionUser, id: string, lang: Lang): Promise<JobView> {
  const job = jobs.get(id);
  if (job) {
    if (!(await maySee(db, user, job.createdBy))) throw new AppError(404, "not_found");
    return viewOf(job, lang);
  }
  const row = await repo.findJob(db, id);
  if (!row || !(await maySee(db, user, row.created_by))) throw new AppError(404, "not_found");
  if (row.status === "validating" || row.status === "importing") {
    // The process that ran it is gone (restart): nothing was or will be committed by it.
    await repo.updateJob(db, id, { status: "failed", finished: true });
    return { ...viewOfRow(row, lang), status: "failed", message: expiredMessage(lang) };
  }
  return viewOfRow(row, lang);
}

const expiredMessage = (lang: Lang) => messageOf({ code: "job_expired" }, lang);

/** 409 with a reason in the caller's language. */
const conflict = (lang: Lang, e: Pick<RowError, "code" | "params">) =>
  new AppError(409, "bad_request", { reason: messageOf(e, lang) });

async function jobForWrite(db: Kysely<DB>, user: SessionUser, id: string, lang: Lang): Promise<Job> {
  const job = jobs.get(id);
  if (job) {
    if (!(await maySee(db, user, job.createdBy))) throw new AppError(404, "not_found");
    touch(job);
    return job;
  }
  const row = await repo.findJob(db, id);
  if (!row || !(await maySee(db, user, row.created_by))) throw new AppError(404, "not_found");
  throw conflict(lang, { code: "job_expired" });
}

// ---------------------------------------------------------------------------------------------
// Commit

export async function commitImport(
  deps: TransferDeps,
  user: SessionUser,
  actor: Actor,
  id: string,
  mode: Mode,
  lang: Lang,
  opts: { wait?: number; onProgress?: Progress; guard?: (kind: ImportKind) => void } = {},
): Promise<JobView> {
  const job = await jobForWrite(deps.db, user, id, lang);
  opts.guard?.(job.kind);
  if (job.status !== "validated") throw conflict(lang, { code: "not_validated", params: { status: job.status } });
  if (mode === "all_or_nothing" && job.errors.length) {
    throw conflict(lang, { code: "has_errors", params: { rows: failedRowCount(job) } });
  }
  job.status = "importing";
  job.mode = mode;
  job.importedRows = 0;
  await save(deps.db, job, { mode });
  const run = runCommit(deps, job, actor, opts.onProgress);
  const wait = opts.wait ?? COMMIT_WAIT_MS;
  await Promise.race([run, new Promise((r) => setTimeout(r, wait).unref())]);
  return viewOf(job, lang);
}

async function runCommit(deps: TransferDeps, job: Job, actor: Actor, onProgress?: Progress) {
  const { db } = deps;
  const total = job.good.length;
  const progress = (n: number) => {
    job.importedRows = n;
    onProgress?.({ phase: "import", done: n, total });
  };
  try {
    const counts = await db.transaction().execute(async (trx) => {
      // Bulk loads feed the search (GIN) indexes through their pending list; a larger list for this
      // transaction turns thousands of index inserts into a few merges. Same setting on PGlite.
      await sql`set local gin_pending_list_limit = '64MB'`.execute(trx);
      const c =
        job.kind === "residents"
          ? await commitResidents(trx, deps, job, actor, progress)
          : job.kind === "households"
            ? await commitHouseholds(trx, job, progress)
            : job.kind === "buildings"
              ? await commitBuildings(trx, job, progress)
              : await commitGrids(trx, job, progress);
      await appendAudit(trx, actor, {
        action: `import.${job.kind}`,
        targetType: "import_job",
        targetId: job.id,
        summary: {
          file: job.fileName,
          mode: job.mode,
          totalRows: job.totalRows,
          inserted: c.inserted,
          updated: c.updated,
          skipped: failedRowCount(job),
          ...("households" in c ? { householdsCreated: c.households } : {}),
        },
      });
      return c;
    });
    if (job.kind === "grids") await deps.gridIndex.reload(db);
    job.insertedRows = counts.inserted;
    job.updatedRows = counts.updated;
    job.importedRows = counts.inserted + counts.updated;
    job.status = "done";
  } catch (e) {
    // Only the message: the error object carries the row parameters (personal data).
    console.error(`import ${job.id}: commit failed: ${(e as Error).message}`);
    job.status = "failed";
    job.importedRows = 0;
    job.failure = { row: 0, column: "", code: "import_failed", params: { reason: (e as Error).message ?? String(e) } };
  }
  job.finishedAt = new Date();
  job.good = [];
  touch(job);
  await save(db, job, { errors: storedErrors(job), finished: true }).catch((e) => console.error(e));
}

const phoneFields = (cipher: FieldCipher, phone: string) => ({
  phone_cipher: cipher.encrypt(phone),
  phone_blind: cipher.blindIndex("phone", phone),
  phone_masked: maskPhone(phone),
});

type Placed = { gridId: string; path: string; districtId: string; householdId: string | null };

/** Households named by rows but not yet registered: looked up again inside the transaction, the rest created. */
async function ensureHouseholds(trx: Kysely<DB>, wanted: Map<string, { grid: AreaRef; address: string }>) {
  const ids = new Map<string, string>();
  if (!wanted.size) return { ids, created: 0 };
  const grids = [...new Map([...wanted.values()].map((w) => [w.grid.id, w.grid])).values()];
  const scope = { paths: grids.map((g) => g.path) };
  for (const h of await repo.householdsByAddresses(
    trx,
    scope,
    [...wanted.values()].map((w) => w.address),
  )) {
    const key = gridKey(h.gridId, h.address);
    if (wanted.has(key) && !ids.has(key)) ids.set(key, h.id);
  }
  const rows: repo.HouseholdWrite[] = [];
  for (const [key, w] of wanted) {
    if (ids.has(key)) continue;
    const id = randomUUID();
    ids.set(key, id);
    rows.push({
      id,
      district_id: w.grid.districtId,
      grid_id: w.grid.id,
      area_path: w.grid.path,
      building_id: null,
      address: w.address,
      unit_no: null,
      room_no: null,
      floor_area: null,
    });
  }
  for (const part of repo.chunk(rows, BATCH)) await repo.insertHouseholds(trx, part);
  return { ids, created: rows.length };
}

async function commitResidents(trx: Kysely<DB>, deps: TransferDeps, job: Job, actor: Actor, progress: (n: number) => void) {
  const values = job.good as ResidentValue[];
  const wanted = new Map<string, { grid: AreaRef; address: string }>();
  for (const v of values)
    if (v.newAddress && v.grid) wanted.set(gridKey(v.grid.id, v.newAddress), { grid: v.grid, address: v.newAddress });
  const { ids: newHouseholds, created } = await ensureHouseholds(trx, wanted);

  const blinds = values.map((v) => deps.cipher.blindIndex("doc", v.docKey));
  const existing = new Map((await repo.residentsByBlind(trx, blinds)).map((e) => [e.doc_blind, e]));
  let inserted = 0;
  let updated = 0;
  let writing: Promise<void> = Promise.resolve();
  for (let start = 0; start < values.length; start += BATCH) {
    const inserts: repo.ResidentInsert[] = [];
    const updates: repo.ResidentUpdate[] = [];
    const tags: { resident_id: string; tag_code: string; district_id: string }[] = [];
    const history: {
      resident_id: string;
      district_id: string;
      from_household_id: string | null;
      to_household_id: string | null;
    }[] = [];
    const movedOut: string[] = [];
    for (let i = start; i < Math.min(values.length, start + BATCH); i++) {
      const v = values[i];
      const blind = blinds[i];
      let place: Placed;
      if (v.household) {
        place = {
          gridId: v.household.gridId,
          path: v.household.path,
          districtId: v.household.districtId,
          householdId: v.household.id,
        };
      } else {
        const g = v.grid as AreaRef;
        const hid = v.newAddress ? (newHouseholds.get(gridKey(g.id, v.newAddress)) ?? null) : null;
        place = { gridId: g.id, path: g.path, districtId: g.districtId, householdId: hid };
      }
      const old = existing.get(blind);
      let residentId: string;
      if (old) {
        residentId = old.id;
        const phone = v.phone ? phoneFields(deps.cipher, v.phone) : null;
        // Grid only: stays in its household when that is in the same grid, else leaves it.
        const householdId = place.householdId ?? (place.gridId === old.grid_id ? old.household_id : null);
        updates.push({
          id: old.id,
          name: v.name,
          phone_cipher: phone?.phone_cipher ?? null,
          phone_blind: phone?.phone_blind ?? null,
          phone_masked: phone?.phone_masked ?? null,
          residence_type: v.residenceType,
          relation: v.relation,
          ethnicity: v.ethnicity,
          grid_id: place.gridId,
          area_path: place.path,
          household_id: householdId,
        });
        if (householdId !== old.household_id) {
          history.push({
            resident_id: old.id,
            district_id: place.districtId,
            from_household_id: old.household_id,
            to_household_id: householdId,
          });
          if (old.household_id) movedOut.push(old.id);
        }
        place = { ...place, householdId };
        updated++;
      } else {
        residentId = randomUUID();
        const ident = encryptedIdentity(deps.cipher, v.docType, v.docNumber, v.phone);
        inserts.push({
          id: residentId,
          district_id: place.districtId,
          grid_id: place.gridId,
          area_path: place.path,
          household_id: place.householdId,
          name: v.name,
          doc_type: v.docType,
          ...ident,
          doc_blind: blind,
          sex: v.sex,
          birth_date: v.birthDate,
          residence_type: v.residenceType,
          relation: v.relation,
          ethnicity: v.ethnicity,
        });
        if (place.householdId) {
          history.push({
            resident_id: residentId,
            district_id: place.districtId,
            from_household_id: null,
            to_household_id: place.householdId,
          });
        }
        inserted++;
      }
      for (const tag_code of v.tags) tags.push({ resident_id: residentId, tag_code, district_id: place.districtId });
    }
    // The batch is written while the next one is prepared (encryption is the JS side's work).
    const done = Math.min(values.length, start + BATCH);
    await writing;
    writing = (async () => {
      await repo.clearHeads(trx, movedOut);
      await repo.insertResidents(trx, inserts);
      await repo.updateResidents(trx, updates);
      await repo.addTags(trx, tags);
      await repo.insertHistory(trx, history, actor.userId, "导入");
      progress(done);
    })();
    // A failed write rejects `writing`; keep it from being reported as unhandled before it is awaited.
    writing.catch(() => {});
  }
  await writing;
  return { inserted, updated, households: created };
}

/** Writes rows a batch at a time: new ones inserted, matched ones updated; progress after each batch. */
async function writeInBatches<R extends { existing: boolean }>(
  rows: R[],
  insert: (part: R[]) => Promise<unknown>,
  update: (part: R[]) => Promise<unknown>,
  progress: (n: number) => void,
) {
  let n = 0;
  for (const part of repo.chunk(rows, BATCH)) {
    await insert(part.filter((r) => !r.existing));
    await update(part.filter((r) => r.existing));
    n += part.length;
    progress(n);
  }
  const updated = rows.filter((r) => r.existing).length;
  return { inserted: rows.length - updated, updated };
}

async function commitHouseholds(trx: Kysely<DB>, job: Job, progress: (n: number) => void) {
  const values = job.good as HouseholdValue[];
  const rows = values.map((v) => ({
    id: v.existingId ?? randomUUID(),
    district_id: v.grid.districtId,
    grid_id: v.grid.id,
    area_path: v.grid.path,
    building_id: v.buildingId,
    address: v.address,
    unit_no: v.unitNo,
    room_no: v.roomNo,
    floor_area: v.floorArea,
    existing: Boolean(v.existingId),
  }));
  return writeInBatches(
    rows,
    (part) => repo.insertHouseholds(trx, part),
    (part) => repo.updateHouseholds(trx, part),
    progress,
  );
}

async function commitBuildings(trx: Kysely<DB>, job: Job, progress: (n: number) => void) {
  const values = job.good as BuildingValue[];
  const rows = values.map((v) => ({
    id: v.existingId ?? randomUUID(),
    district_id: v.grid.districtId,
    grid_id: v.grid.id,
    area_path: v.grid.path,
    kind: v.kind,
    name: v.name,
    address: v.address,
    lng: v.lng,
    lat: v.lat,
    unit_count: v.unitCount,
    floor_count: v.floorCount,
    existing: Boolean(v.existingId),
  }));
  return writeInBatches(
    rows,
    (part) => repo.insertBuildings(trx, part),
    (part) => repo.updateBuildings(trx, part),
    progress,
  );
}

async function commitGrids(trx: Kysely<DB>, job: Job, progress: (n: number) => void) {
  const values = job.good as GridValue[];
  const rows: (repo.GridWrite & { existing: boolean })[] = values.map((v) => ({
    id: v.existingId ?? randomUUID(),
    parent_id: v.community.id,
    parent_path: v.community.path,
    district_id: v.community.districtId,
    code: v.code,
    name: v.name,
    grid_level: v.gridLevel,
    polygon: v.polygon,
    bbox: bboxOf(v.polygon),
    existing: Boolean(v.existingId),
  }));
  await repo.insertGrids(
    trx,
    rows.filter((r) => !r.existing),
    pathLabel,
  );
  for (const r of rows.filter((r) => r.existing)) await repo.updateGrid(trx, r);
  progress(rows.length);
  const updated = rows.filter((r) => r.existing).length;
  return { inserted: rows.length - updated, updated };
}

// ---------------------------------------------------------------------------------------------
// Error workbook

export async function jobErrorWorkbook(db: Kysely<DB>, user: SessionUser, id: string, lang: Lang) {
  const job = await jobForWrite(db, user, id, lang);
  const reasons = new Map<number, string[]>();
  for (const e of job.errors) {
    const list = reasons.get(e.row) ?? [];
    list.push(`${e.column}:${messageOf(e, lang)}`);
    reasons.set(e.row, list);
  }
  const rows = [...job.failedCells.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([row, cells]) => ({ cells, reasons: (reasons.get(row) ?? []).join(";") }));
  const header = job.header.length ? job.header : COLUMNS[job.kind].map((c) => c.header);
  return { fileName: `${job.fileName.replace(/\.(xlsx|csv)$/i, "")}-错误行.xlsx`, bytes: await errorWorkbook(header, rows) };
}

// ---------------------------------------------------------------------------------------------
// Export

export const EXPORT_LABELS: Record<ImportKind, string> = {
  residents: "居民名单",
  households: "户名单",
  buildings: "楼栋名单",
  grids: "网格名单",
};

/** YYYYMMDD in China Standard Time. */
export const stampCST = (now = new Date()) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll("-", "");

/** Query values fit for the audit trail: exact ID and phone numbers appear masked. */
export function auditableFilter(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === "") continue;
    out[k] = k === "idNumber" ? maskDocument(String(v)) : k === "phone" ? maskPhone(String(v)) : v;
  }
  return out;
}

type ExportFilter =
  | { kind: "residents"; filter: ResidentFilter }
  | { kind: "households"; filter: PlaceFilter }
  | { kind: "buildings"; filter: PlaceFilter }
  | { kind: "grids"; underPath?: string };

const EXPORT_HEADERS: Record<ImportKind, string[]> = {
  residents: [
    "姓名",
    "证件类型",
    "证件号码",
    "性别",
    "出生日期",
    "手机号码",
    "居住类型",
    "与户主关系",
    "民族",
    "网格编码",
    "网格",
    "户地址",
    "标签",
  ],
  households: ["网格编码", "网格", "地址", "楼栋名称", "单元", "房号", "建筑面积", "户主", "人数"],
  buildings: ["网格编码", "网格", "类型", "名称", "地址", "经度", "纬度", "单元数", "层数", "户数"],
  grids: ["社区编码", "所属社区", "所属街道", "网格编码", "网格名称", "网格层级", "边界GeoJSON", "户数", "人数", "网格长"],
};

const SEX = { male: "男", female: "女" } as const;

/**
 * Streams the filtered list as .xlsx. Identity numbers and phones are the stored masked forms;
 * sensitive tags appear only for users allowed to see them. The export is audited with its filter
 * and row count once the last row is written.
 */
export function exportWorkbook(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  what: ExportFilter,
  auditFilter: Record<string, unknown>,
) {
  const fileName = `${EXPORT_LABELS[what.kind]}-${stampCST()}.xlsx`;
  const book = streamedWorkbook(EXPORT_LABELS[what.kind], EXPORT_HEADERS[what.kind]);
  const seeSensitive = user.permissions.includes("registry.sensitive");
  const write = async () => {
    let count = 0;
    if (what.kind === "residents") {
      const codes = await repo.gridCodes(db, user.scope);
      for await (const batch of iterateResidents(db, user.scope, what.filter)) {
        const tags = await tagsOf(
          db,
          batch.map((r) => r.id),
        );
        const byResident = new Map<string, string[]>();
        for (const t of tags) {
          if (t.sensitive && !seeSensitive) continue;
          const list = byResident.get(t.resident_id) ?? [];
          list.push(t.name_zh);
          byResident.set(t.resident_id, list);
        }
        for (const r of batch) {
          book.add([
            r.name,
            labelOf(DOC_TYPES, r.doc_type as DocType),
            r.doc_masked,
            r.sex ? SEX[r.sex] : "",
            r.birth_date ?? "",
            r.phone_masked ?? "",
            labelOf(RESIDENCE_TYPES, r.residence_type),
            r.relation ?? "",
            r.ethnicity ?? "",
            codes.get(r.grid_id) ?? "",
            r.grid_name,
            r.address ?? "",
            (byResident.get(r.id) ?? []).join("、"),
          ]);
          count++;
        }
      }
    } else if (what.kind === "households") {
      const codes = await repo.gridCodes(db, user.scope);
      for await (const batch of iterateHouseholds(db, user.scope, what.filter)) {
        for (const h of batch) {
          book.add([
            codes.get(h.grid_id) ?? "",
            h.grid_name,
            h.address,
            h.building_name ?? "",
            h.unit_no ?? "",
            h.room_no ?? "",
            h.floor_area === null ? null : Number(h.floor_area),
            h.head_name ?? "",
            Number(h.member_count ?? 0),
          ]);
          count++;
        }
      }
    } else if (what.kind === "buildings") {
      const codes = await repo.gridCodes(db, user.scope);
      for await (const batch of iterateBuildings(db, user.scope, what.filter)) {
        for (const b of batch) {
          book.add([
            codes.get(b.grid_id) ?? "",
            b.grid_name,
            labelOf(BUILDING_KINDS, b.kind),
            b.name,
            b.address,
            b.lng,
            b.lat,
            b.unit_count,
            b.floor_count,
            Number(b.household_count ?? 0),
          ]);
          count++;
        }
      }
    } else {
      for (const g of await repo.gridsForExport(db, user.scope, what.underPath)) {
        book.add([
          g.community_code,
          g.community_name,
          g.street_name ?? "",
          g.code,
          g.name,
          labelOf(GRID_LEVELS, g.grid_level),
          g.polygon ? JSON.stringify(g.polygon) : "",
          g.household_count,
          Number(g.resident_count ?? 0),
          g.leader_name ?? "",
        ]);
        count++;
      }
    }
    await appendAudit(db, actor, {
      action: `export.${what.kind}`,
      targetType: what.kind,
      summary: { filter: auditFilter, rows: count, file: fileName },
    });
    await book.finish();
  };
  write().catch((e) => {
    console.error(`export failed: ${(e as Error).message}`);
    book.fail(e as Error);
  });
  return { fileName, body: book.body };
}

// ---------------------------------------------------------------------------------------------
// For tests and the CLI

/** Waits until the job leaves 'validating' / 'importing' (the CLI and tests; the UI polls instead). */
export async function settled(id: string): Promise<void> {
  for (;;) {
    const job = jobs.get(id);
    if (!job || (job.status !== "validating" && job.status !== "importing")) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function jobView(id: string, lang: Lang): JobView | null {
  const job = jobs.get(id);
  return job ? viewOf(job, lang) : null;
}
