// A small, hand-countable district for API tests: two streets, two communities, three grids,
// a few households and residents, and one user per role.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB, GeoPolygon } from "../server/db/schema.js";
import type { FieldCipher } from "../server/lib/crypto.js";
import { makeCitizenId } from "../server/modules/registry/citizen-id.js";
import { hashPassword } from "../server/modules/identity/service.js";
import { bboxOf } from "../server/modules/registry/geo.js";
import { encryptedIdentity } from "../server/modules/registry/residents.service.js";
import { labelOf } from "../server/modules/registry/scope.js";
import { ensureUnits } from "../server/modules/appeals/units.js";

export const square = (x: number, y: number, size = 0.01): GeoPolygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

let cachedHash: string | undefined;

export async function buildFixture(db: Kysely<DB>, cipher: FieldCipher) {
  const password = "Test-pass-2026";
  cachedHash ??= await hashPassword(password);
  const areas: Record<string, { id: string; path: string }> = {};
  const add = async (key: string, parent: string | null, level: DB["areas"]["level"], code: string, name: string) => {
    const id = randomUUID();
    const path = parent ? `${areas[parent].path}.${labelOf(id)}` : labelOf(id);
    const districtId = level === "city" ? null : level === "district" ? id : areas.district.id;
    await db
      .insertInto("areas")
      .values({ id, parent_id: parent ? areas[parent].id : null, level, code, name, path, district_id: districtId })
      .execute();
    areas[key] = { id, path };
    return id;
  };
  await add("city", null, "city", "510100", "测试市");
  const districtId = await add("district", "city", "district", "510199", "测试区");
  await add("s1", "district", "street", "510199001", "东街道");
  await add("s2", "district", "street", "510199002", "西街道");
  await add("c1", "s1", "community", "510199001001", "东一社区");
  await add("c2", "s2", "community", "510199002001", "西一社区");
  const polygons: Record<string, GeoPolygon> = { g1: square(104, 30), g2: square(104.01, 30), g3: square(104.1, 30) };
  for (const [key, parent, code, name] of [
    ["g1", "c1", "510199001001001", "东一第1网格"],
    ["g2", "c1", "510199001001002", "东一第2网格"],
    ["g3", "c2", "510199002001001", "西一第1网格"],
  ] as const) {
    await add(key, parent, "grid", code, name);
    const [min_lng, min_lat, max_lng, max_lat] = bboxOf(polygons[key]);
    await db
      .insertInto("grids")
      .values({
        area_id: areas[key].id,
        district_id: districtId,
        grid_level: null,
        polygon: JSON.stringify(polygons[key]),
        min_lng,
        min_lat,
        max_lng,
        max_lat,
      })
      .execute();
  }

  const households: Record<string, string> = {};
  for (const [key, grid, address] of [
    ["h1", "g1", "东一路1号1栋101"],
    ["h2", "g1", "东一路1号1栋102"],
    ["h3", "g2", "东一路2号2栋201"],
    ["h4", "g3", "西一路9号1栋301"],
  ] as const) {
    const row = await db
      .insertInto("households")
      .values({ district_id: districtId, grid_id: areas[grid].id, area_path: areas[grid].path, address, floor_area: 88.5 })
      .returning("id")
      .executeTakeFirstOrThrow();
    households[key] = row.id;
  }

  const residents: Record<string, { id: string; doc: string; phone: string }> = {};
  const people = [
    ["r1", "h1", "g1", "张伟", "110105", "1980-03-15", 11, "13812345678", ["elderly"]],
    ["r2", "h1", "g1", "李娜", "110105", "1982-07-01", 22, "13912345678", ["low_income"]],
    ["r3", "h2", "g1", "王芳", "320102", "1950-12-31", 24, "13712345678", ["elderly", "elderly_alone"]],
    ["r4", "h3", "g2", "刘洋", "440106", "1995-05-20", 33, "15012345678", []],
    ["r5", "h4", "g3", "陈静", "510104", "1990-01-01", 44, "18612345678", ["mental_disorder"]],
  ] as const;
  for (const [key, hh, grid, name, region, birth, seq, phone, tags] of people) {
    const doc = makeCitizenId(region, birth, seq);
    const row = await db
      .insertInto("residents")
      .values({
        district_id: districtId,
        grid_id: areas[grid].id,
        area_path: areas[grid].path,
        household_id: households[hh],
        name,
        doc_type: "resident_id",
        sex: seq % 2 === 1 ? "male" : "female",
        birth_date: birth,
        residence_type: "registered",
        relation: "户主",
        ethnicity: "汉族",
        ...encryptedIdentity(cipher, "resident_id", doc, phone),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    residents[key] = { id: row.id, doc, phone };
    for (const tag of tags)
      await db.insertInto("resident_tags").values({ resident_id: row.id, tag_code: tag, district_id: districtId }).execute();
  }

  const users: Record<string, string> = {};
  for (const [username, role, area] of [
    ["admin", "sysadmin", "district"],
    ["security", "secadmin", "district"],
    ["auditor", "auditor", "district"],
    ["district", "district", "district"],
    ["street1", "street", "s1"],
    ["community1", "community", "c1"],
    ["grid-a", "grid", "g1"],
    ["grid-b", "grid", "g2"],
    ["department", "department", "district"],
    ["operator", "operator", "district"],
    ["resident", "resident", "g1"],
  ] as const) {
    const row = await db
      .insertInto("users")
      .values({
        username,
        display_name: username,
        kind: role === "resident" ? "resident" : "staff",
        role,
        password_hash: cachedHash,
        resident_id: role === "resident" ? residents.r1.id : null,
        department: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    users[username] = row.id;
    await db.insertInto("user_scopes").values({ user_id: row.id, area_id: areas[area].id }).execute();
  }
  // Appeals: a small catalogue (codes of its own, so a seeded catalogue never clashes), the units
  // of every area plus one department, and the department user in it.
  const categories: [
    string,
    string | null,
    string,
    string,
    string | null,
    number | null,
    number | null,
    number | null,
    boolean,
  ][] = [
    ["t_city", null, "测试市容", "Test city", null, null, null, null, false],
    ["t_noise", "t_city", "噪音扰民", "Noise", "community", null, 10, null, false],
    ["t_structure", "t_city", "私搭乱建", "Illegal structure", "cgzf", null, 15, null, false],
    ["t_gas", "t_city", "燃气隐患", "Gas hazard", "cgzf", 1, null, 24, true],
    ["other", null, "其他", "Other", "community", null, 15, null, false],
  ];
  for (const [code, parent, zh, en, unit, rh, rd, rhh, urgent] of categories) {
    await db
      .insertInto("categories")
      .values({
        code,
        parent_code: parent,
        name_zh: zh,
        name_en: en,
        default_unit: unit,
        response_hours: rh,
        resolve_days: rd,
        resolve_hours: rhh,
        urgent,
      })
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
  await ensureUnits(db, districtId, [{ code: "cgzf", nameZh: "城管执法局" }]);
  const units = Object.fromEntries(
    (await db.selectFrom("units").select(["id", "code"]).execute()).map((u) => [u.code, u.id]),
  ) as Record<string, string>;
  await db.insertInto("user_units").values({ user_id: users.department, unit_id: units.cgzf }).execute();
  return { password, areas, households, residents, users, polygons, districtId, units };
}

export type Fixture = Awaited<ReturnType<typeof buildFixture>>;
