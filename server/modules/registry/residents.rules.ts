// Document and phone rules for residents. Pure.
import type { DocType } from "../../db/schema.js";
import type { FieldProblem } from "../../lib/errors.js";
import { OTHER_DOCUMENT_PATTERNS, parseCitizenId } from "./citizen-id.js";

export type CheckedDocument = { number: string; sex: "male" | "female" | null; birthDate: string | null };

export function checkDocument(
  docType: DocType,
  raw: string,
  path = "docNumber",
  today = new Date(),
): { ok: true; doc: CheckedDocument } | { ok: false; problem: FieldProblem } {
  if (docType === "resident_id") {
    const r = parseCitizenId(raw, today);
    if (!r.ok) return { ok: false, problem: { path, code: `citizen_id_${r.problem}` } };
    return { ok: true, doc: { number: r.value, sex: r.info.sex, birthDate: r.info.birthDate } };
  }
  const number = raw.trim().toUpperCase();
  if (!OTHER_DOCUMENT_PATTERNS[docType].test(number)) return { ok: false, problem: { path, code: "document_format" } };
  return { ok: true, doc: { number, sex: null, birthDate: null } };
}

/** Mainland mobile numbers (11 digits from 13–19) or landlines with area code. */
export function normalisePhone(raw: string): string | null {
  const v = raw.replace(/[\s-]/g, "").replace(/^\+?86(?=1\d{10}$)/, "");
  if (/^1[3-9]\d{9}$/.test(v)) return v;
  if (/^0\d{9,11}$/.test(v)) return v;
  return null;
}

/** Whole years on `today` (UTC), counting a birthday on its day. */
export function ageOn(birthDate: string | null, today = new Date()): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split("-").map(Number);
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

export const docBlindValue = (docType: DocType, number: string) => `${docType}:${number.trim().toUpperCase()}`;
