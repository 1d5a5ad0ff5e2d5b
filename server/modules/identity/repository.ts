import type { Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../db/schema.js";
import { DEFAULT_SECURITY, type SecuritySettings } from "./rules.js";

export async function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirst();
}

export async function findSession(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.token_hash",
      "sessions.csrf_token",
      "sessions.created_at",
      "sessions.last_seen_at",
      "users.id as user_id",
      "users.username",
      "users.display_name",
      "users.kind",
      "users.role",
      "users.resident_id",
      "users.disabled",
      // The user's areas come along in the same round trip: this runs on every API request.
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom("user_scopes")
            .innerJoin("areas", "areas.id", "user_scopes.area_id")
            .select(["areas.id", "areas.name", "areas.level", "areas.path"])
            .whereRef("user_scopes.user_id", "=", "users.id")
            .orderBy("areas.path"),
        ).as("areas"),
    ])
    .where("sessions.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, tokenHash: string, now: Date) {
  await db.updateTable("sessions").set({ last_seen_at: now }).where("token_hash", "=", tokenHash).execute();
}

export async function deleteSession(db: Kysely<DB>, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function securitySettings(db: Kysely<DB>): Promise<SecuritySettings> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", "security").executeTakeFirst();
  return { ...DEFAULT_SECURITY, ...((row?.value as Partial<SecuritySettings> | undefined) ?? {}) };
}

export async function saveSecuritySettings(db: Kysely<DB>, value: SecuritySettings, userId: string) {
  await db
    .insertInto("settings")
    .values({ key: "security", value: JSON.stringify(value), updated_by: userId })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: new Date() }),
    )
    .execute();
}
