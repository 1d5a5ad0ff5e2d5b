// Generates the whole demo district once into an in-memory PGlite and checks it as the server
// will read it: the area tree, gap-free grids, counts kept by the trigger, decryptable and valid
// ID numbers, the demo logins and the audit entry.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPglite } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import type { GeoPolygon } from "../db/schema.js";
import { FieldCipher } from "../lib/crypto.js";
import { parseCitizenId } from "../modules/registry/citizen-id.js";
import { bboxOf, bboxesTouch, overlaps } from "../modules/registry/geo.js";
import { type DemoSummary, generateDemo, isDatabaseEmpty } from "./generator.js";

const cipher = new FieldCipher(Buffer.alloc(32, 7));
let database: Database;
let summary: DemoSummary;
const steps = new Set<string>();

beforeAll(async () => {
  database = await openPglite(undefined);
  await migrate(database.db);
  expect(await isDatabaseEmpty(database.db)).toBe(true);
  summary = await generateDemo(database.db, cipher, { onProgress: (step) => steps.add(step) });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("generateDemo", () => {
  it("builds the area tree 蓉城市 → 锦华区 → 4 streets → 16 communities → 120 grids", async () => {
    const rows = await database.db
      .selectFrom("areas")
      .select(["level", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("level")
      .execute();
    const count = Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
    expect(count).toEqual({ city: 1, district: 1, street: 4, community: 16, grid: 120 });
    expect(summary).toMatchObject({ streets: 4, communities: 16, grids: 120, users: 11 });

    const district = await database.db.selectFrom("areas").selectAll().where("level", "=", "district").executeTakeFirstOrThrow();
    expect(district).toMatchObject({ code: "510199", name: "锦华区", district_id: district.id });
    // Every non-city area belongs to the district, and its path extends its parent's by its own label.
    const bad = await sql<{ n: string }>`
      select count(*) as n from areas a join areas p on p.id = a.parent_id
      where a.path <> p.path || text2ltree(replace(a.id::text, '-', ''))
         or a.district_id is distinct from ${district.id}::uuid
         or char_length(a.code) <> case a.level when 'street' then 9 when 'community' then 12 when 'grid' then 15 else 6 end
         or left(a.code, char_length(p.code)) <> p.code and a.level <> 'district'`.execute(database.db);
    expect(Number(bad.rows[0].n)).toBe(0);
    expect(steps).toEqual(new Set(["plan", "areas", "buildings", "households", "tags", "history", "users", "staff"]));
  });

  it("tiles each community with grid polygons that never overlap", async () => {
    const grids = await database.db.selectFrom("grids").selectAll().execute();
    expect(grids).toHaveLength(120);
    const polys = grids.map((g) => {
      const p = g.polygon as GeoPolygon;
      const ring = p.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(bboxOf(p)).toEqual([g.min_lng, g.min_lat, g.max_lng, g.max_lat]);
      return p;
    });
    let neighbours = 0;
    for (let i = 0; i < polys.length; i++) {
      for (let j = i + 1; j < polys.length; j++) {
        if (!bboxesTouch(bboxOf(polys[i]), bboxOf(polys[j]))) continue;
        neighbours++;
        expect(overlaps(polys[i], polys[j]), `${grids[i].area_id} overlaps ${grids[j].area_id}`).toBe(false);
      }
    }
    expect(neighbours).toBeGreaterThan(200);
    // No gaps: the grid rectangles add up to the district rectangle (lattice units: 0.005° × 0.0075°).
    const cells = grids.reduce(
      (sum, g) =>
        sum +
        Math.round(((g.max_lng ?? 0) - (g.min_lng ?? 0)) / 0.005) * Math.round(((g.max_lat ?? 0) - (g.min_lat ?? 0)) / 0.0075),
      0,
    );
    expect(cells).toBe(16 * 8);
  });

  it("places every building strictly inside its grid", async () => {
    const outside = await sql<{ n: string }>`
      select count(*) as n from buildings b join grids g on g.area_id = b.grid_id
      where not (b.lng > g.min_lng and b.lng < g.max_lng and b.lat > g.min_lat and b.lat < g.max_lat)
         or b.area_path <> (select path from areas where id = b.grid_id)`.execute(database.db);
    expect(Number(outside.rows[0].n)).toBe(0);
    expect(summary.buildings).toBeGreaterThan(780);
    expect(summary.buildings).toBeLessThan(880);
  });

  it("keeps grids.household_count equal to the households in each grid", async () => {
    const rows = await sql<{ area_id: string; household_count: number; n: string }>`
      select g.area_id, g.household_count, count(h.id) as n
      from grids g left join households h on h.grid_id = g.area_id
      group by g.area_id, g.household_count`.execute(database.db);
    for (const r of rows.rows) expect(r.household_count).toBe(Number(r.n));
    const total = rows.rows.reduce((s, r) => s + Number(r.n), 0);
    expect(total).toBe(summary.households);
    expect(total).toBeGreaterThan(19_000);
    expect(total).toBeLessThan(21_000);
    for (const r of rows.rows) {
      expect(Number(r.n)).toBeGreaterThanOrEqual(120);
      expect(Number(r.n)).toBeLessThanOrEqual(210);
    }
  });

  it("gives every household a head who lives in it as 户主", async () => {
    const bad = await sql<{ n: string }>`
      select count(*) as n from households h left join residents r on r.id = h.head_resident_id
      where r.id is null or r.household_id <> h.id or r.relation <> '户主' or r.grid_id <> h.grid_id`.execute(database.db);
    expect(Number(bad.rows[0].n)).toBe(0);
  });

  it("stores about 50,000 residents with valid, consistent and unique documents", async () => {
    const residents = await database.db
      .selectFrom("residents")
      .select([
        "doc_type",
        "doc_cipher",
        "doc_blind",
        "doc_masked",
        "sex",
        "birth_date",
        "phone_cipher",
        "phone_blind",
        "phone_masked",
      ])
      .execute();
    expect(residents.length).toBe(summary.residents);
    expect(residents.length).toBeGreaterThanOrEqual(48_000);
    expect(residents.length).toBeLessThanOrEqual(52_000);
    let others = 0;
    let phones = 0;
    for (const r of residents) {
      const doc = cipher.decrypt(r.doc_cipher);
      expect(r.doc_blind).toBe(cipher.blindIndex("doc", `${r.doc_type}:${doc}`));
      if (r.doc_type !== "resident_id") {
        others++;
        continue;
      }
      const parsed = parseCitizenId(doc);
      if (!parsed.ok) throw new Error(`invalid citizen ID ${doc}: ${parsed.problem}`);
      expect(parsed.info.sex).toBe(r.sex);
      expect(parsed.info.birthDate).toBe(r.birth_date);
      expect(r.doc_masked).toBe(`${doc.slice(0, 6)}********${doc.slice(-4)}`);
      if (r.phone_cipher) {
        phones++;
        const phone = cipher.decrypt(r.phone_cipher);
        expect(phone).toMatch(/^1[35789]\d{9}$/);
        expect(r.phone_blind).toBe(cipher.blindIndex("phone", phone));
        expect(r.phone_masked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }
    }
    expect(others).toBe(20);
    expect(phones / residents.length).toBeGreaterThan(0.6);
  });

  it("tags people at realistic rates", async () => {
    const rows = await database.db
      .selectFrom("resident_tags")
      .select(["tag_code", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("tag_code")
      .execute();
    const share = Object.fromEntries(rows.map((r) => [r.tag_code, Number(r.n) / summary.residents]));
    expect(share.elderly).toBeGreaterThan(0.17);
    expect(share.elderly).toBeLessThan(0.24);
    expect(share.disabled).toBeGreaterThan(0.04);
    expect(share.disabled).toBeLessThan(0.08);
    for (const rare of ["community_correction", "released_prisoner", "drug_user", "mental_disorder", "youth_at_risk"]) {
      expect(share[rare], rare).toBeGreaterThan(0);
      expect(share[rare], rare).toBeLessThan(0.005);
    }
    // The elderly tag agrees with the stored birth date (ages are taken on 2026-07-01).
    const wrong = await sql<{ n: string }>`
      select count(*) as n from residents r
      where r.birth_date is not null
        and (exists (select 1 from resident_tags t where t.resident_id = r.id and t.tag_code = 'elderly'))
            <> (r.birth_date <= date '2026-07-01' - interval '60 years')`.execute(database.db);
    expect(Number(wrong.rows[0].n)).toBe(0);
  });

  it("creates the ten demo logins with their scopes, grid leaders and resident", async () => {
    const users = await database.db
      .selectFrom("users")
      .innerJoin("user_scopes", "user_scopes.user_id", "users.id")
      .innerJoin("areas", "areas.id", "user_scopes.area_id")
      .select(["users.id", "username", "role", "kind", "resident_id", "department", "display_name", "areas.level", "areas.name"])
      .execute();
    const by = Object.fromEntries(users.map((u) => [u.username, u]));
    const expected: [string, string, string][] = [
      ["demo-admin", "sysadmin", "district"],
      ["demo-security", "secadmin", "district"],
      ["demo-auditor", "auditor", "district"],
      ["demo-district", "district", "district"],
      ["demo-street", "street", "street"],
      ["demo-community", "community", "community"],
      ["demo-grid-a", "grid", "grid"],
      ["demo-grid-b", "grid", "grid"],
      ["demo-department", "department", "district"],
      ["demo-operator", "operator", "district"],
      ["demo-resident", "resident", "grid"],
    ];
    expect(users).toHaveLength(11);
    for (const [username, role, level] of expected) {
      expect(by[username], username).toMatchObject({ role, level, kind: role === "resident" ? "resident" : "staff" });
    }
    expect(by["demo-department"].department).toBe("城管执法局");
    expect(by["demo-grid-a"].name).toBe("春熙社区第1网格");
    expect(by["demo-grid-b"].name).toBe("春熙社区第2网格");

    const resident = await database.db
      .selectFrom("residents")
      .innerJoin("areas", "areas.id", "residents.grid_id")
      .select(["residents.name", "areas.name as grid"])
      .where("residents.id", "=", by["demo-resident"].resident_id)
      .executeTakeFirstOrThrow();
    expect(resident).toEqual({ name: by["demo-resident"].display_name, grid: "春熙社区第1网格" });

    for (const username of ["demo-grid-a", "demo-grid-b"]) {
      const u = by[username];
      const led = await database.db
        .selectFrom("grids")
        .innerJoin("grid_staff", "grid_staff.grid_id", "grids.area_id")
        .select(["grid_staff.name", "grid_staff.user_id", "grid_staff.title"])
        .where("grids.leader_user_id", "=", u.id)
        .where("grid_staff.role", "=", "leader")
        .execute();
      expect(led).toEqual([{ name: u.display_name, user_id: u.id, title: "网格长" }]);
    }
  });

  it("staffs every grid 1+X+Y plus attached officers", async () => {
    const rows = await database.db
      .selectFrom("grid_staff")
      .select(["grid_id", "role", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy(["grid_id", "role"])
      .execute();
    const ranges: Record<string, [number, number]> = { leader: [1, 1], assistant: [2, 4], informant: [3, 6], officer: [1, 2] };
    expect(rows).toHaveLength(120 * 4);
    for (const r of rows) {
      const [lo, hi] = ranges[r.role];
      expect(Number(r.n)).toBeGreaterThanOrEqual(lo);
      expect(Number(r.n)).toBeLessThanOrEqual(hi);
    }
  });

  it("records one demo.generate audit entry and leaves the database non-empty", async () => {
    const entries = await database.db.selectFrom("audit_log").selectAll().where("action", "=", "demo.generate").execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: null, actor_name: "system", ip: "local" });
    expect(entries[0].summary).toMatchObject({ grids: 120, households: summary.households, residents: summary.residents });
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });
});
