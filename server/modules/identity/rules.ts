// Roles, permissions and the password and lockout policy. Pure: no I/O.

export const ROLES = [
  "sysadmin", // 系统管理员: accounts, areas, system configuration
  "secadmin", // 安全管理员: security settings, unlocking accounts
  "auditor", // 安全审计员: reads the audit trail
  "district", // 区级工作人员
  "street", // 街道工作人员
  "community", // 社区工作人员
  "grid", // 网格员
  "department", // 职能部门工作人员
  "operator", // 热线坐席
  "resident", // 居民
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "registry.read",
  "registry.write",
  "registry.sensitive", // read and set sensitive care tags
  "registry.reveal", // reveal full ID and phone numbers
  "registry.import",
  "registry.export",
  "area.write", // areas, grids, polygons, grid staff
  "user.manage",
  "audit.read",
  "security.manage",
  "appeal.submit", // file an appeal as a resident (own appeals only)
  "appeal.intake", // take in appeals for others: patrol reports, hotline calls
  "appeal.read", // read work orders in the data scope
  "appeal.dispatch", // dispatch, re-dispatch, merge, blow the whistle
  "appeal.handle", // act as a handling unit on orders sent to one's unit
  "appeal.supervise", // supervise, approve extensions and voids
  "appeal.callback", // call residents back and record the verdict
  "appeal.admin", // catalogue, routing rules, calendar, Open311 clients, retraining
  "decide.read", // read bodies, proposals, meetings, votes, budgets, projects, disclosures, evaluations in scope
  "decide.manage", // run them: set up bodies, meetings, votes, budget phases, projects, disclosures, surveys
  "decide.record", // record paper signatures and paper ballots, sign people in at meetings
  "decide.participate", // as a resident: draft and back proposals, vote, follow, comment, evaluate
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const staffCore: Permission[] = ["registry.read", "registry.write", "registry.import", "registry.export"];
const deciders: Permission[] = ["decide.read", "decide.manage", "decide.record"];
const dispatchers: Permission[] = ["appeal.intake", "appeal.read", "appeal.dispatch", "appeal.handle", "appeal.callback"];

// 三员分立: the system admin manages accounts and the registry's structure but never reads the audit
// trail or changes security settings; the security admin and the auditor do only their own part.
export const ROLE_PERMISSIONS: Record<Role, Permission[]> = {
  sysadmin: [...staffCore, "area.write", "user.manage", "appeal.read", "appeal.admin", "decide.read"],
  secadmin: ["security.manage"],
  auditor: ["audit.read"],
  district: [
    ...staffCore,
    "registry.sensitive",
    "registry.reveal",
    "area.write",
    ...dispatchers,
    "appeal.supervise",
    ...deciders,
  ],
  street: [...staffCore, "registry.sensitive", "registry.reveal", "area.write", ...dispatchers, "appeal.supervise", ...deciders],
  community: [...staffCore, "registry.sensitive", "registry.reveal", "area.write", ...dispatchers, ...deciders],
  grid: [
    "registry.read",
    "registry.write",
    "registry.import",
    "registry.export",
    "appeal.intake",
    "appeal.read",
    "appeal.handle",
    "decide.read",
    "decide.record",
  ],
  department: ["registry.read", "appeal.handle", "decide.read"],
  operator: ["appeal.intake", "appeal.read", "appeal.callback"],
  resident: ["appeal.submit", "decide.participate"],
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  sysadmin: { zh: "系统管理员", en: "System administrator" },
  secadmin: { zh: "安全管理员", en: "Security administrator" },
  auditor: { zh: "安全审计员", en: "Auditor" },
  district: { zh: "区级工作人员", en: "District staff" },
  street: { zh: "街道工作人员", en: "Street staff" },
  community: { zh: "社区工作人员", en: "Community staff" },
  grid: { zh: "网格员", en: "Grid worker" },
  department: { zh: "部门工作人员", en: "Department staff" },
  operator: { zh: "热线坐席", en: "Hotline operator" },
  resident: { zh: "居民", en: "Resident" },
};

export function permissionsOf(role: Role): Permission[] {
  return ROLE_PERMISSIONS[role];
}

export type SecuritySettings = {
  passwordMinLength: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
};

export const DEFAULT_SECURITY: SecuritySettings = { passwordMinLength: 10, lockoutThreshold: 5, lockoutMinutes: 15 };

/** Staff passwords: at least `min` characters drawn from at least three character classes. */
export function passwordAcceptable(password: string, min: number): boolean {
  if ([...password].length < min) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** After a failed attempt: the new failure count and, when it reaches the threshold, the lock end. */
export function afterFailedLogin(
  failures: number,
  now: Date,
  policy: SecuritySettings,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  if (next >= policy.lockoutThreshold) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMinutes * 60_000) };
  }
  return { failures: next, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** A session is alive while both the idle and the absolute limits hold. */
export function sessionAlive(
  s: { createdAt: Date; lastSeenAt: Date },
  now: Date,
  limits: { idleMs: number; absoluteMs: number },
): boolean {
  return now.getTime() - s.lastSeenAt.getTime() < limits.idleMs && now.getTime() - s.createdAt.getTime() < limits.absoluteMs;
}
