// Data scope in SQL: a row is visible when its area path lies under one of the caller's areas.
// Every registry query goes through these helpers, so scope is enforced below the routes.
import { type Expression, type SqlBool, sql } from "kysely";
import type { Scope } from "../identity/types.js";

/** `column <@ p1 OR column <@ p2 ...`; each arm can use the column's GiST index. */
export function inScope(column: string, scope: Scope): Expression<SqlBool> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const arms = scope.paths.map((p) => sql`${sql.ref(column)} <@ ${p}::ltree`);
  return sql<SqlBool>`(${sql.join(arms, sql` or `)})`;
}

/** Pure check used when the path is already in hand. */
export function pathInScope(path: string, scope: Scope): boolean {
  return scope.paths.some((p) => path === p || path.startsWith(`${p}.`));
}

/** The ltree label of an area: its uuid without dashes. */
export const labelOf = (id: string) => id.replaceAll("-", "");

/** A tsquery that matches every n-gram of the search text (see gz_ngrams in the migration). */
export function ngramQuery(text: string): string | null {
  const chars = [...text.trim().toLowerCase()].filter((ch) => !/\s/.test(ch));
  if (chars.length === 0) return null;
  const grams = chars.length === 1 ? chars : chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]);
  return [...new Set(grams)].map((g) => `'${g.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`).join(" & ");
}

/** Escapes LIKE wildcards so user text matches literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
