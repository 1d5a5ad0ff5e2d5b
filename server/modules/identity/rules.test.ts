import { describe, expect, it } from "vitest";
import { afterFailedLogin, DEFAULT_SECURITY, isLocked, passwordAcceptable, ROLE_PERMISSIONS, sessionAlive } from "./rules.js";

describe("password policy", () => {
  it("needs ten characters from three classes", () => {
    expect(passwordAcceptable("Abcdefgh1!", 10)).toBe(true);
    expect(passwordAcceptable("Abcdefgh1", 10)).toBe(false); // nine characters
    expect(passwordAcceptable("abcdefgh12", 10)).toBe(false); // two classes
    expect(passwordAcceptable("abcdefgh1!", 10)).toBe(true);
  });
});

describe("lockout", () => {
  const now = new Date("2026-11-25T08:00:00Z");
  it("locks on the fifth failure, not the fourth", () => {
    expect(afterFailedLogin(3, now, DEFAULT_SECURITY)).toEqual({ failures: 4, lockedUntil: null });
    expect(afterFailedLogin(4, now, DEFAULT_SECURITY)).toEqual({ failures: 0, lockedUntil: new Date("2026-11-25T08:15:00Z") });
  });
  it("unlocks at the end of the fifteenth minute", () => {
    const until = new Date("2026-11-25T08:15:00Z");
    expect(isLocked(until, new Date("2026-11-25T08:14:59.999Z"))).toBe(true);
    expect(isLocked(until, until)).toBe(false);
  });
});

describe("sessions", () => {
  const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
  const createdAt = new Date("2026-11-25T08:00:00Z");
  it("dies after 30 idle minutes", () => {
    expect(sessionAlive({ createdAt, lastSeenAt: createdAt }, new Date("2026-11-25T08:29:59Z"), limits)).toBe(true);
    expect(sessionAlive({ createdAt, lastSeenAt: createdAt }, new Date("2026-11-25T08:30:00Z"), limits)).toBe(false);
  });
  it("dies after 12 hours however active", () => {
    const lastSeenAt = new Date("2026-11-25T19:59:00Z");
    expect(sessionAlive({ createdAt, lastSeenAt }, new Date("2026-11-25T20:00:00Z"), limits)).toBe(false);
  });
});

describe("separation of the three administrators", () => {
  it("gives the system admin no audit or security permission", () => {
    expect(ROLE_PERMISSIONS.sysadmin).not.toContain("audit.read");
    expect(ROLE_PERMISSIONS.sysadmin).not.toContain("security.manage");
    expect(ROLE_PERMISSIONS.auditor).toEqual(["audit.read"]);
    expect(ROLE_PERMISSIONS.secadmin).toEqual(["security.manage"]);
  });
});
