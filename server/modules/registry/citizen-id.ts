// GB 11643-1999 citizen identity numbers: 6-digit region, 8-digit birth date, 3-digit sequence
// (odd for men, even for women), and a check digit computed mod 11 (X stands for 10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** Province-level codes of GB/T 2260 (first two digits of the region). */
export const PROVINCE_CODES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
]);

export type CitizenIdProblem = "length" | "format" | "region" | "birth_date" | "check_digit";

export type CitizenIdInfo = { sex: "male" | "female"; birthDate: string; region: string };

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Validates a number; `today` bounds the birth date (no one is born tomorrow or before 1900). */
export function parseCitizenId(
  raw: string,
  today: Date = new Date(),
): { ok: true; value: string; info: CitizenIdInfo } | { ok: false; problem: CitizenIdProblem } {
  const value = raw.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, problem: "length" };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: "format" };
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, problem: "region" };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) return { ok: false, problem: "birth_date" };
  if (checkDigit(value.slice(0, 17)) !== value[17]) return { ok: false, problem: "check_digit" };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const sex = Number(value[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, value, info: { sex, birthDate, region: value.slice(0, 6) } };
}

/** Builds a valid number from its parts (demo data and tests). `seq` is 0..999. */
export function makeCitizenId(region: string, birthDate: string, seq: number): string {
  const first17 = `${region}${birthDate.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  return first17 + checkDigit(first17);
}

/** Other documents: shape checks only, the issuing systems are not ours to verify. */
export const OTHER_DOCUMENT_PATTERNS: Record<string, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macao: /^[HM]\d{8,10}$/,
  taiwan: /^\d{8}$/,
  foreign_permanent: /^[A-Z0-9]{15,18}$/,
};
