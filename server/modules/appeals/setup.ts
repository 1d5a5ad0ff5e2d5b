// Start-up housekeeping for appeals: the seeded catalogue (new codes only, so an admin's edits
// stay), a handling unit for every area and department of every district, and the calendar.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { CATEGORIES, CATEGORY_GROUPS, DEPARTMENTS } from "../dispatch/catalogue.js";
import { FALLBACK_CATEGORY } from "./service.js";
import { ensureUnits } from "./units.js";

export async function ensureCatalogue(db: Kysely<DB>): Promise<void> {
  const rows = [
    ...CATEGORY_GROUPS.map((g, i) => ({
      code: g.code,
      parent_code: null,
      name_zh: g.nameZh,
      name_en: g.nameEn,
      default_unit: null,
      response_hours: null,
      resolve_days: null,
      resolve_hours: null,
      urgent: false,
      sort: i,
    })),
    ...CATEGORIES.map((c, i) => ({
      code: c.code,
      parent_code: c.parentCode,
      name_zh: c.nameZh,
      name_en: c.nameEn,
      default_unit: c.defaultUnit,
      response_hours: c.responseHours,
      resolve_days: c.resolveDays ?? null,
      resolve_hours: c.resolveHours ?? null,
      urgent: c.urgent,
      sort: 100 + i,
    })),
    // Where an appeal goes when nobody can tell yet: the street's grid centre sorts it by hand.
    {
      code: FALLBACK_CATEGORY,
      parent_code: null,
      name_zh: "其他诉求",
      name_en: "Other appeals",
      default_unit: "street",
      response_hours: 24,
      resolve_days: 15,
      resolve_hours: null,
      urgent: false,
      sort: 9999,
    },
  ];
  await db
    .insertInto("categories")
    .values(rows)
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
}

export async function ensureAllUnits(db: Kysely<DB>): Promise<void> {
  const districts = await db.selectFrom("areas").select("id").where("level", "=", "district").execute();
  for (const d of districts) await ensureUnits(db, d.id, DEPARTMENTS);
}
