// The area hierarchy and its GB/T 2260-style codes. Pure.
import type { AreaLevel } from "../../db/schema.js";

export const LEVELS: AreaLevel[] = ["city", "district", "street", "community", "grid"];

export const CODE_LENGTH: Record<AreaLevel, number> = { city: 6, district: 6, street: 9, community: 12, grid: 15 };

export function childLevel(level: AreaLevel): AreaLevel | null {
  const i = LEVELS.indexOf(level);
  return i >= 0 && i < LEVELS.length - 1 ? LEVELS[i + 1] : null;
}

/**
 * Checks an area code against its level and parent: 6 digits for cities and districts (a district
 * shares its city's first four digits), 9 for streets, 12 for communities, 15 for grids, each
 * extending its parent's code.
 */
export function codeProblem(level: AreaLevel, code: string, parentCode: string | null): string | null {
  const len = CODE_LENGTH[level];
  if (!new RegExp(`^\\d{${len}}$`).test(code)) return `${len} digits expected`;
  if (!parentCode) return null;
  if (level === "district") return code.slice(0, 4) === parentCode.slice(0, 4) ? null : "must share the city's first 4 digits";
  if (!code.startsWith(parentCode)) return `must start with the parent code ${parentCode}`;
  if (/^0+$/.test(code.slice(parentCode.length))) return "the own part must not be all zeros";
  return null;
}
