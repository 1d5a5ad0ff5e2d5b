import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe("platform basics", () => {
  it("reports health with the database kind", async () => {
    const r = await t.anonymous.json("GET", "/healthz");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: "ok", database: t.deps.dbKind });
  });

  it("serves the OpenAPI document and the reference page", async () => {
    const doc = await t.anonymous.json("GET", "/api/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(Object.keys(doc.body.paths)).toContain("/api/residents/{id}/reveal");
    const page = await t.anonymous.request("GET", "/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/api/openapi.json");
  });

  it("answers unknown API routes with 404 in the error shape, Chinese by default", async () => {
    const r = await t.anonymous.json("GET", "/api/nope");
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: { code: "route_not_found", message: "接口不存在", details: [] } });
    const en = await t.anonymous.json("GET", "/api/nope", undefined, { "accept-language": "en-US,en;q=0.9" });
    expect(en.body.error.message).toBe("No such endpoint");
  });

  it("names every bad field of a login body", async () => {
    const r = await t.anonymous.json("POST", "/api/auth/login", { username: "" }, { "accept-language": "en" });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
    expect(r.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["password", "username"]);
  });
});

describe("login, sessions and lockout", () => {
  it("logs in, tells who is logged in, and logs out", async () => {
    const c = await t.login("community1");
    const me = await c.json("GET", "/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.role).toBe("community");
    expect(me.body.areas.map((a: { name: string }) => a.name)).toEqual(["东一社区"]);
    expect((await c.json("POST", "/api/auth/logout")).status).toBe(200);
    expect((await c.json("GET", "/api/auth/me")).status).toBe(401);
  });

  it("sets an HttpOnly SameSite session cookie and stores only the token's hash", async () => {
    const res = await t.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "grid-a", password: t.fx.password }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("gz_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = cookie?.split(";")[0].split("=")[1] as string;
    const stored = await t.db.selectFrom("sessions").select("token_hash").execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const c = await t.login("community1");
    const r = await c.json("POST", "/api/auth/logout", undefined, { "x-csrf-token": "wrong" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("csrf_failed");
  });

  it("locks the account on the 5th failed login for 15 minutes and audits every attempt", async () => {
    const bad = () => t.anonymous.json("POST", "/api/auth/login", { username: "street1", password: "wrong-Password-1" });
    for (let i = 1; i <= 4; i++) expect((await bad()).status).toBe(401);
    const fifth = await bad();
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe("account_locked");
    // Even the right password is refused while locked.
    const good = await t.anonymous.json("POST", "/api/auth/login", { username: "street1", password: t.fx.password });
    expect(good.status).toBe(423);
    const user = await t.db
      .selectFrom("users")
      .select("locked_until")
      .where("username", "=", "street1")
      .executeTakeFirstOrThrow();
    const minutes = ((user.locked_until as Date).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_name", "=", "street1")
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "auth.login.failed",
      "auth.login.failed",
      "auth.login.failed",
      "auth.login.failed",
      "auth.login.locked",
      "auth.login.refused",
    ]);
  });

  it("audits a login with an unknown username", async () => {
    const r = await t.anonymous.json("POST", "/api/auth/login", { username: "ghost", password: "x" });
    expect(r.status).toBe(401);
    const row = await t.db
      .selectFrom("audit_log")
      .select(["action", "summary"])
      .where("actor_name", "=", "ghost")
      .executeTakeFirstOrThrow();
    expect(row.action).toBe("auth.login.failed");
  });
});

describe("three separate administrators (三员分立)", () => {
  it("keeps the system admin out of the audit trail and security settings", async () => {
    const admin = await t.login("admin");
    expect((await admin.json("GET", "/api/audit")).status).toBe(403);
    expect((await admin.json("GET", "/api/security/settings")).status).toBe(403);
    expect(
      (await admin.json("PUT", "/api/security/settings", { passwordMinLength: 12, lockoutThreshold: 5, lockoutMinutes: 15 }))
        .status,
    ).toBe(403);
  });

  it("lets the security admin change the policy but not read the audit trail or manage users", async () => {
    const sec = await t.login("security");
    const put = await sec.json("PUT", "/api/security/settings", {
      passwordMinLength: 12,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
    });
    expect(put.status).toBe(200);
    expect((await sec.json("GET", "/api/audit")).status).toBe(403);
    expect((await sec.json("GET", "/api/users")).status).toBe(403);
    await sec.json("PUT", "/api/security/settings", { passwordMinLength: 10, lockoutThreshold: 5, lockoutMinutes: 15 });
  });

  it("lets the auditor read the trail with filters and nothing else", async () => {
    const aud = await t.login("auditor");
    const r = await aud.json("GET", "/api/audit?action=auth.login&pageSize=5");
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(r.body.items.every((i: { action: string }) => i.action.startsWith("auth.login"))).toBe(true);
    expect((await aud.json("GET", "/api/residents")).status).toBe(403);
    const v = await aud.json("POST", "/api/audit/verify");
    expect(v.body.ok).toBe(true);
    expect(v.body.unlinked).toBe(0);
  });

  it("names the entry whose content was changed behind the trail's back", async () => {
    const aud = await t.login("auditor");
    await aud.json("POST", "/api/audit/verify"); // links everything so far
    const victim = await t.db
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "auth.login")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    // Someone with database rights switches the guard off and edits an entry.
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(t.db);
    await sql`update audit_log set actor_name = 'someone-else' where seq = ${victim.seq}`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(t.db);
    const v = await aud.json("POST", "/api/audit/verify");
    expect(v.body.ok).toBe(false);
    expect(v.body.broken).toEqual({ seq: String(victim.seq), reason: "hash" });
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(t.db);
    await sql`update audit_log set actor_name = 'auditor' where seq = ${victim.seq}`.execute(t.db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(t.db);
  });
});

describe("user accounts", () => {
  it("enforces the staff password policy with a field error", async () => {
    const admin = await t.login("admin");
    const weak = await admin.json("POST", "/api/users", {
      username: "new-staff",
      displayName: "新人",
      role: "grid",
      password: "short1A",
      areaIds: [],
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe("password");
    const twoClasses = await admin.json("POST", "/api/users", {
      username: "new-staff",
      displayName: "新人",
      role: "grid",
      password: "abcdefghij1234",
      areaIds: [],
    });
    expect(twoClasses.status).toBe(400);
    const ok = await admin.json("POST", "/api/users", {
      username: "new-staff",
      displayName: "新人",
      role: "grid",
      password: "abcdefghij12A",
      areaIds: [t.fx.areas.g1.id],
    });
    expect(ok.status).toBe(201);
    const again = await admin.json("POST", "/api/users", {
      username: "new-staff",
      displayName: "新人",
      role: "grid",
      password: "abcdefghij12A",
      areaIds: [],
    });
    expect(again.status).toBe(409);
  });

  it("links a resident account to one person of the registry, scoped to their grid", async () => {
    const admin = await t.login("admin");
    const base = { displayName: "刘洋", role: "resident", password: "Resident-2026" };
    const staffWithPerson = await admin.json("POST", "/api/users", {
      ...base,
      username: "r4-staff",
      role: "grid",
      password: "abcdefghij12A",
      residentId: t.fx.residents.r4.id,
    });
    expect(staffWithPerson.status).toBe(400);
    expect(staffWithPerson.body.error.details[0].path).toBe("residentId");
    const unknown = await admin.json("POST", "/api/users", { ...base, username: "nobody", residentId: crypto.randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("residentId");
    // r1 already has the fixture's resident login.
    const taken = await admin.json("POST", "/api/users", { ...base, username: "r1-again", residentId: t.fx.residents.r1.id });
    expect(taken.status).toBe(409);
    const ok = await admin.json("POST", "/api/users", { ...base, username: "liu-yang", residentId: t.fx.residents.r4.id });
    expect(ok.status).toBe(201);
    const row = await t.db
      .selectFrom("users")
      .innerJoin("user_scopes", "user_scopes.user_id", "users.id")
      .select(["users.kind", "users.resident_id", "user_scopes.area_id"])
      .where("users.id", "=", ok.body.id)
      .execute();
    expect(row).toEqual([{ kind: "resident", resident_id: t.fx.residents.r4.id, area_id: t.fx.areas.g2.id }]);
    const me = await (await t.login("liu-yang", "Resident-2026")).json("GET", "/api/auth/me");
    expect([me.status, me.body.kind, me.body.areas.map((a: { id: string }) => a.id)]).toEqual([
      200,
      "resident",
      [t.fx.areas.g2.id],
    ]);
  });

  it("refuses user management to everyone but the system admin", async () => {
    const c = await t.login("district");
    expect((await c.json("GET", "/api/users")).status).toBe(403);
  });
});
