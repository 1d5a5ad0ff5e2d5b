import type { Role } from "./rules.js";

/** The data scope of a user: the ltree paths of the areas they are bound to (each a whole subtree). */
export type Scope = { paths: string[] };

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  kind: "staff" | "resident";
  role: Role;
  permissions: string[];
  residentId: string | null;
  scope: Scope;
  areas: { id: string; name: string; level: string; path: string }[];
  csrfToken: string;
};

/** Who is acting, for the audit trail. */
export type Actor = { userId: string | null; username: string | null; ip: string };
