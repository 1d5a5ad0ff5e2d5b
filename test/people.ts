// More people for the decision tests: n households in a grid with one or more residents each, and
// resident logins for some of them. Batched, so a test can add thousands in a second or two.
import type { Kysely } from "kysely";
import type { DB } from "../server/db/schema.js";
import type { FieldCipher } from "../server/lib/crypto.js";
import { makeCitizenId } from "../server/modules/registry/citizen-id.js";
import { hashPassword } from "../server/modules/identity/service.js";
import { encryptedIdentity } from "../server/modules/registry/residents.service.js";
import type { Fixture } from "./fixtures.js";

export type Person = { householdId: string; residentId: string };

let serial = 500; // ID-number sequence numbers below 500 belong to the fixture's people
let hashed: string | undefined;

/**
 * Adds `households` households to a grid of the fixture, each with `perHousehold` residents, and
 * returns every resident with their household (household order, then member order).
 */
export async function addPeople(
  ctx: { db: Kysely<DB>; cipher: FieldCipher; fx: Fixture },
  opts: { grid: "g1" | "g2" | "g3"; households: number; perHousehold?: number; floorArea?: (i: number) => number },
): Promise<Person[]> {
  const { db, cipher, fx } = ctx;
  const area = fx.areas[opts.grid];
  const per = opts.perHousehold ?? 1;
  const out: Person[] = [];
  for (let start = 0; start < opts.households; start += 500) {
    const n = Math.min(500, opts.households - start);
    const hh = await db
      .insertInto("households")
      .values(
        Array.from({ length: n }, (_, k) => ({
          district_id: fx.districtId,
          grid_id: area.id,
          area_path: area.path,
          address: `测试路${start + k + 1}号${serial}室`,
          floor_area: opts.floorArea ? opts.floorArea(start + k) : 80,
        })),
      )
      .returning("id")
      .execute();
    const rows = hh.flatMap((h, k) =>
      Array.from({ length: per }, (_, m) => {
        serial += 1;
        // A three-digit sequence per birth date: move the birth year on every thousand people.
        const doc = makeCitizenId("110105", `${1900 + Math.floor(serial / 1000)}-06-15`, serial % 1000);
        return {
          district_id: fx.districtId,
          grid_id: area.id,
          area_path: area.path,
          household_id: h.id,
          name: `居民${start + k + 1}-${m + 1}`,
          doc_type: "resident_id" as const,
          residence_type: "registered" as const,
          relation: m === 0 ? "户主" : "家属",
          ...encryptedIdentity(cipher, "resident_id", doc, null),
        };
      }),
    );
    const inserted = await db.insertInto("residents").values(rows).returning(["id", "household_id"]).execute();
    for (const r of inserted) out.push({ householdId: r.household_id as string, residentId: r.id });
  }
  return out;
}

/** A resident login for a registry resident; the password is the fixture's. */
export async function addResidentUser(
  ctx: { db: Kysely<DB>; fx: Fixture },
  residentId: string,
  username: string,
): Promise<string> {
  hashed ??= await hashPassword(ctx.fx.password);
  const resident = await ctx.db.selectFrom("residents").select("grid_id").where("id", "=", residentId).executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto("users")
    .values({
      username,
      display_name: username,
      kind: "resident",
      role: "resident",
      password_hash: hashed,
      resident_id: residentId,
      department: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto("user_scopes").values({ user_id: row.id, area_id: resident.grid_id }).execute();
  return row.id;
}
