// Writes the demo district (蓉城市锦华区: 4 streets, 16 communities, 120 grids, ≈20,000 households,
// ≈50,000 residents and the demo logins) in one transaction, in multi-row batches. The content
// comes from planDemo(seed); here it is only encrypted, blind-indexed, masked and inserted.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { FieldCipher } from "../lib/crypto.js";
import { maskDocument, maskPhone } from "../lib/mask.js";
import { ensureUnits } from "../modules/appeals/units.js";
import { DEPARTMENTS } from "../modules/dispatch/catalogue.js";
import { appendAudit } from "../modules/audit/repository.js";
import { hashPassword } from "../modules/identity/service.js";
import { DEFAULT_SEED, DEMO_PASSWORD, type DemoLogin, planDemo } from "./plan.js";
import type { HouseholdPlan, ResidentPlan } from "./population.js";

export { DEMO_PASSWORD, type DemoLogin } from "./plan.js";

export type DemoSummary = {
  streets: number;
  communities: number;
  grids: number;
  buildings: number;
  households: number;
  residents: number;
  users: number;
  seconds: number;
  logins: DemoLogin[];
};

export type DemoOptions = {
  seed?: number;
  onProgress?: (step: string, done: number, total: number) => void;
};

// PostgreSQL's wire protocol allows 65,535 parameters per statement; stay well below it.
const MAX_PARAMS = 60_000;
const DEMO_USER_COUNT = 11;
const rowsPerStatement = (columns: number) => Math.min(2_000, Math.floor(MAX_PARAMS / columns));

function* chunks<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** True when no area and no user exists yet: the only state in which the demo may be generated. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const area = await db.selectFrom("areas").select("id").limit(1).executeTakeFirst();
  if (area) return false;
  const user = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return !user;
}

export async function generateDemo(db: Kysely<DB>, cipher: FieldCipher, opts: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  // argon2 runs on the thread pool while the plan is drawn on this thread; each user gets its own salt.
  const hashing = Promise.all(Array.from({ length: DEMO_USER_COUNT }, () => hashPassword(DEMO_PASSWORD)));
  progress("plan", 0, 1);
  const plan = planDemo(opts.seed ?? DEFAULT_SEED);
  progress("plan", 1, 1);
  const hashes = await hashing;
  if (hashes.length !== plan.users.length) throw new Error("demo: DEMO_USER_COUNT is out of step with the plan");
  const { layout } = plan;
  const districtId = layout.districtId;

  await db.transaction().execute(async (trx) => {
    progress("areas", 0, layout.areas.length);
    await trx
      .insertInto("areas")
      .values(
        layout.areas.map((a) => ({
          id: a.id,
          parent_id: a.parentId,
          level: a.level,
          code: a.code,
          name: a.name,
          path: a.path,
          district_id: a.districtId,
        })),
      )
      .execute();
    await trx
      .insertInto("grids")
      .values(
        layout.grids.map((g) => ({
          area_id: g.area.id,
          district_id: districtId,
          grid_level: g.gridLevel,
          polygon: JSON.stringify(g.polygon),
          min_lng: g.rect.minLng,
          min_lat: g.rect.minLat,
          max_lng: g.rect.maxLng,
          max_lat: g.rect.maxLat,
        })),
      )
      .execute();
    progress("areas", layout.areas.length, layout.areas.length);

    await batched("buildings", plan.buildings, 13, progress, async (rows) => {
      await trx
        .insertInto("buildings")
        .values(
          rows.map((b) => ({
            id: b.id,
            district_id: districtId,
            grid_id: b.gridId,
            area_path: b.areaPath,
            kind: b.kind,
            name: b.name,
            address: b.address,
            lng: b.lng,
            lat: b.lat,
            unit_count: b.unitCount,
            floor_count: b.floorCount,
          })),
        )
        .execute();
    });

    // A household names its head and every resident names its household: the two foreign keys
    // form a cycle, so each batch of households goes in with its residents in one statement (the
    // constraints are checked at the end of the statement, when both sides exist).
    const households = plan.households;
    let done = 0;
    progress("households", 0, households.length);
    for (const batch of householdBatches(households)) {
      const residents = batch.flatMap((h) => h.residents);
      await trx
        .with("h", (qc) =>
          qc
            .insertInto("households")
            .values(
              batch.map((h) => ({
                id: h.id,
                district_id: districtId,
                grid_id: h.gridId,
                area_path: h.areaPath,
                building_id: h.buildingId,
                address: h.address,
                unit_no: h.unitNo,
                room_no: h.roomNo,
                floor_area: h.floorArea,
                head_resident_id: h.headId,
              })),
            )
            .returning("id"),
        )
        .insertInto("residents")
        .values(residents.map((r) => residentRow(cipher, districtId, r)))
        .execute();
      done += batch.length;
      progress("households", done, households.length);
    }

    const tags = plan.residents.flatMap((r) =>
      r.tags.map((tag_code) => ({ resident_id: r.id, tag_code, district_id: districtId })),
    );
    await batched("tags", tags, 3, progress, async (rows) => {
      await trx.insertInto("resident_tags").values(rows).execute();
    });

    await batched("history", plan.moves, 7, progress, async (rows) => {
      await trx
        .insertInto("residence_history")
        .values(
          rows.map((m) => ({
            id: m.id,
            resident_id: m.residentId,
            district_id: districtId,
            from_household_id: m.fromHouseholdId,
            to_household_id: m.toHouseholdId,
            moved_at: m.movedAt,
            reason: m.reason,
          })),
        )
        .execute();
    });

    progress("users", 0, plan.users.length);
    await trx
      .insertInto("users")
      .values(
        plan.users.map((u, i) => ({
          id: u.id,
          username: u.username,
          display_name: u.displayName,
          kind: u.kind,
          role: u.role,
          password_hash: hashes[i],
          resident_id: u.residentId,
          department: u.department,
        })),
      )
      .execute();
    await trx
      .insertInto("user_scopes")
      .values(plan.users.map((u) => ({ user_id: u.id, area_id: u.areaId })))
      .execute();
    for (const [gridId, userId] of plan.gridLeaders) {
      await trx.updateTable("grids").set({ leader_user_id: userId }).where("area_id", "=", gridId).execute();
    }
    // Handling units for appeals, and the department login in the city-management enforcement unit.
    await ensureUnits(trx, districtId, DEPARTMENTS);
    const enforcement = await trx
      .selectFrom("units")
      .select("id")
      .where("district_id", "=", districtId)
      .where("code", "=", "cgzf")
      .executeTakeFirstOrThrow();
    const departmentUser = plan.users.find((u) => u.username === "demo-department");
    if (departmentUser)
      await trx.insertInto("user_units").values({ user_id: departmentUser.id, unit_id: enforcement.id }).execute();
    progress("users", plan.users.length, plan.users.length);

    await batched("staff", plan.staff, 7, progress, async (rows) => {
      await trx
        .insertInto("grid_staff")
        .values(
          rows.map((s) => ({
            id: s.id,
            grid_id: s.gridId,
            district_id: districtId,
            role: s.role,
            name: s.name,
            title: s.title,
            user_id: s.userId,
          })),
        )
        .execute();
    });

    await appendAudit(
      trx,
      { userId: null, username: "system", ip: "local" },
      {
        action: "demo.generate",
        targetType: "area",
        targetId: districtId,
        summary: {
          seed: plan.seed,
          streets: layout.streets.length,
          communities: layout.communities.length,
          grids: layout.grids.length,
          buildings: plan.buildings.length,
          households: plan.households.length,
          residents: plan.residents.length,
          tags: tags.length,
          staff: plan.staff.length,
          users: plan.users.length,
        },
      },
    );
  });

  return {
    streets: layout.streets.length,
    communities: layout.communities.length,
    grids: layout.grids.length,
    buildings: plan.buildings.length,
    households: plan.households.length,
    residents: plan.residents.length,
    users: plan.users.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    logins: plan.users.map(({ username, displayName, role, kind, department, scopeLabel }) => ({
      username,
      displayName,
      role,
      kind,
      department,
      scopeLabel,
    })),
  };
}

const HOUSEHOLD_COLUMNS = 10;
const RESIDENT_COLUMNS = 18;

/** Consecutive households whose rows, with their residents', fit in one statement's parameters. */
function* householdBatches(households: HouseholdPlan[]): Generator<HouseholdPlan[]> {
  let batch: HouseholdPlan[] = [];
  let params = 0;
  for (const h of households) {
    const cost = HOUSEHOLD_COLUMNS + RESIDENT_COLUMNS * h.residents.length;
    if (params + cost > MAX_PARAMS) {
      yield batch;
      batch = [];
      params = 0;
    }
    batch.push(h);
    params += cost;
  }
  if (batch.length > 0) yield batch;
}

function residentRow(cipher: FieldCipher, districtId: string, r: ResidentPlan) {
  const doc = r.docNumber.trim().toUpperCase();
  return {
    id: r.id,
    district_id: districtId,
    grid_id: r.gridId,
    area_path: r.areaPath,
    household_id: r.householdId,
    name: r.name,
    doc_type: r.docType,
    doc_cipher: cipher.encrypt(doc),
    doc_blind: cipher.blindIndex("doc", `${r.docType}:${doc}`),
    doc_masked: maskDocument(doc),
    sex: r.sex,
    birth_date: r.birthDate,
    phone_cipher: r.phone === null ? null : cipher.encrypt(r.phone),
    phone_blind: r.phone === null ? null : cipher.blindIndex("phone", r.phone),
    phone_masked: r.phone === null ? null : maskPhone(r.phone),
    residence_type: r.residenceType,
    relation: r.relation,
    ethnicity: r.ethnicity,
  };
}

async function batched<T>(
  step: string,
  rows: T[],
  columns: number,
  progress: (step: string, done: number, total: number) => void,
  write: (rows: T[]) => Promise<void>,
): Promise<void> {
  let done = 0;
  progress(step, 0, rows.length);
  for (const chunk of chunks(rows, rowsPerStatement(columns))) {
    await write(chunk);
    done += chunk.length;
    progress(step, done, rows.length);
  }
}
