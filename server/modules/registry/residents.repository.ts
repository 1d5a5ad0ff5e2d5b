import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { inScope, likeEscape, ngramQuery } from "./scope.js";

export type ResidentFilter = {
  q?: string;
  docBlinds?: string[];
  phoneBlind?: string;
  address?: string;
  tag?: string;
  areaPath?: string;
  householdId?: string;
};

// Counting stops here: "10,000+" is as useful to a reader as an exact figure and far cheaper.
export const COUNT_CAP = 10_000;

function filtered(db: Kysely<DB>, scope: Scope, f: ResidentFilter) {
  let q = db
    .selectFrom("residents as r")
    .innerJoin("areas as g", "g.id", "r.grid_id")
    .leftJoin("households as h", "h.id", "r.household_id")
    .where(inScope("r.area_path", scope));
  if (f.areaPath) q = q.where(sql<boolean>`r.area_path <@ ${f.areaPath}::ltree`);
  if (f.householdId) q = q.where("r.household_id", "=", f.householdId);
  if (f.docBlinds) q = q.where("r.doc_blind", "in", f.docBlinds);
  if (f.phoneBlind) q = q.where("r.phone_blind", "=", f.phoneBlind);
  if (f.q) {
    const tsq = ngramQuery(f.q);
    if (tsq) q = q.where(sql<boolean>`r.search @@ ${tsq}::tsquery`).where("r.name", "ilike", `%${likeEscape(f.q)}%`);
  }
  if (f.address) {
    const tsq = ngramQuery(f.address);
    if (tsq) q = q.where(sql<boolean>`h.search @@ ${tsq}::tsquery`).where("h.address", "ilike", `%${likeEscape(f.address)}%`);
  }
  if (f.tag) {
    const tag = f.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("resident_tags as rt")
          .select(sql`1`.as("one"))
          .whereRef("rt.resident_id", "=", "r.id")
          .where("rt.tag_code", "=", tag),
      ),
    );
  }
  return q;
}

const summaryColumns = [
  "r.id",
  "r.name",
  "r.doc_type",
  "r.doc_masked",
  "r.sex",
  "r.birth_date",
  "r.phone_masked",
  "r.residence_type",
  "r.relation",
  "r.ethnicity",
  "r.grid_id",
  "g.name as grid_name",
  "r.household_id",
  "h.address",
  "r.area_path",
] as const;

export async function listResidents(db: Kysely<DB>, scope: Scope, f: ResidentFilter, page: number, pageSize: number) {
  const base = filtered(db, scope, f);
  const rows = await base
    .select(summaryColumns)
    .orderBy("r.name")
    .orderBy("r.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const counted = await db
    .selectFrom(
      base
        .select(sql`1`.as("one"))
        .limit(COUNT_CAP + 1)
        .as("t"),
    )
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { rows, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** Rows for export: the same filter, in pages of `batch`, without a count. */
export async function* iterateResidents(db: Kysely<DB>, scope: Scope, f: ResidentFilter, batch = 2000) {
  for (let offset = 0; ; offset += batch) {
    const rows = await filtered(db, scope, f)
      .select(summaryColumns)
      .orderBy("r.name")
      .orderBy("r.id")
      .limit(batch)
      .offset(offset)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
  }
}

export type ResidentRow = Awaited<ReturnType<typeof listResidents>>["rows"][number];

export async function findResident(db: Kysely<DB>, scope: Scope, id: string) {
  return filtered(db, scope, {})
    .select([...summaryColumns, "r.doc_cipher", "r.phone_cipher", "r.district_id", "r.doc_blind", "r.updated_at"])
    .where("r.id", "=", id)
    .executeTakeFirst();
}

export async function tagsOf(db: Kysely<DB>, residentIds: string[]) {
  if (residentIds.length === 0) return [];
  return db
    .selectFrom("resident_tags as rt")
    .innerJoin("tags as t", "t.code", "rt.tag_code")
    .select(["rt.resident_id", "t.code", "t.name_zh", "t.name_en", "t.sensitive", "t.sort"])
    .where("rt.resident_id", "in", residentIds)
    .orderBy("t.sort")
    .execute();
}

export async function allTags(db: Kysely<DB>) {
  return db.selectFrom("tags").selectAll().orderBy("sort").execute();
}

export async function historyOf(db: Kysely<DB>, residentId: string) {
  return db
    .selectFrom("residence_history as m")
    .leftJoin("households as hf", "hf.id", "m.from_household_id")
    .leftJoin("households as ht", "ht.id", "m.to_household_id")
    .select([
      "m.id",
      "m.from_household_id",
      "m.to_household_id",
      "hf.address as from_address",
      "ht.address as to_address",
      "m.moved_at",
      "m.reason",
    ])
    .where("m.resident_id", "=", residentId)
    .orderBy("m.moved_at", "desc")
    .execute();
}
