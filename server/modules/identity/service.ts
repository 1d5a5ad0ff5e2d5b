// Login, logout and session resolution. Every login attempt, good or bad, is audited.
import { hash, verify } from "@node-rs/argon2";
import type { Kysely } from "kysely";
import type { Config } from "../../config.js";
import type { DB } from "../../db/schema.js";
import { randomToken, sha256Hex } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import * as repo from "./repository.js";
import { type Role, afterFailedLogin, isLocked, permissionsOf, sessionAlive } from "./rules.js";
import type { SessionUser } from "./types.js";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline.
export const hashPassword = (password: string) => hash(password);

// Verifying against a fixed hash for unknown users keeps their timing like a real failed attempt.
let dummyHash: string | undefined;

export async function login(
  db: Kysely<DB>,
  config: Config,
  input: { username: string; password: string; ip: string },
  now = new Date(),
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const policy = await repo.securitySettings(db);
  const user = await repo.findUserByUsername(db, input.username);
  const actor = { userId: user?.id ?? null, username: input.username, ip: input.ip };
  if (!user) {
    dummyHash ??= await hashPassword("not-a-real-password-Zz9!");
    await verify(dummyHash, input.password);
    await appendAudit(db, actor, { action: "auth.login.failed", summary: { reason: "unknown_user" } });
    throw new AppError(401, "invalid_credentials");
  }
  if (isLocked(user.locked_until, now)) {
    await appendAudit(db, actor, {
      action: "auth.login.refused",
      targetType: "user",
      targetId: user.id,
      summary: { reason: "locked" },
    });
    const minutes = Math.ceil(((user.locked_until as Date).getTime() - now.getTime()) / 60_000);
    throw new AppError(423, "account_locked", { minutes });
  }
  if (user.disabled) {
    await appendAudit(db, actor, {
      action: "auth.login.refused",
      targetType: "user",
      targetId: user.id,
      summary: { reason: "disabled" },
    });
    throw new AppError(403, "account_disabled");
  }
  const good = await verify(user.password_hash, input.password);
  if (!good) {
    const next = afterFailedLogin(user.failed_logins, now, policy);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("users")
        .set({ failed_logins: next.failures, locked_until: next.lockedUntil })
        .where("id", "=", user.id)
        .execute();
      await appendAudit(trx, actor, {
        action: next.lockedUntil ? "auth.login.locked" : "auth.login.failed",
        targetType: "user",
        targetId: user.id,
        summary: { reason: "bad_password", failures: user.failed_logins + 1 },
      });
    });
    if (next.lockedUntil) throw new AppError(423, "account_locked", { minutes: policy.lockoutMinutes });
    throw new AppError(401, "invalid_credentials");
  }
  const token = randomToken();
  const csrfToken = randomToken(18);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", user.id).execute();
    await trx
      .insertInto("sessions")
      .values({
        token_hash: sha256Hex(token),
        user_id: user.id,
        csrf_token: csrfToken,
        ip: input.ip,
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + config.sessionAbsoluteMs),
      })
      .execute();
    await appendAudit(trx, actor, { action: "auth.login", targetType: "user", targetId: user.id });
  });
  return { token, csrfToken, userId: user.id };
}

/** Resolves a session token to its user with permissions and data scope, or null if dead. */
export async function resolveSession(
  db: Kysely<DB>,
  config: Config,
  token: string,
  now = new Date(),
): Promise<{ user: SessionUser; tokenHash: string } | null> {
  const tokenHash = sha256Hex(token);
  const s = await repo.findSession(db, tokenHash);
  if (!s || s.disabled) return null;
  const alive = sessionAlive({ createdAt: s.created_at, lastSeenAt: s.last_seen_at }, now, {
    idleMs: config.sessionIdleMs,
    absoluteMs: config.sessionAbsoluteMs,
  });
  if (!alive) {
    await repo.deleteSession(db, tokenHash);
    return null;
  }
  // Writing last_seen on every request would make each read a write; a minute of slack is enough.
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await repo.touchSession(db, tokenHash, now);
  const areas = s.areas;
  const role = s.role as Role;
  return {
    tokenHash,
    user: {
      id: s.user_id,
      username: s.username,
      displayName: s.display_name,
      kind: s.kind,
      role,
      permissions: permissionsOf(role),
      residentId: s.resident_id,
      scope: { paths: areas.map((a) => a.path) },
      areas,
      csrfToken: s.csrf_token,
    },
  };
}

export async function logout(db: Kysely<DB>, tokenHash: string, actor: { userId: string; username: string; ip: string }) {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, tokenHash);
    await appendAudit(trx, actor, { action: "auth.logout", targetType: "user", targetId: actor.userId });
  });
}
