// One error type for the whole API. It knows its HTTP status, stable code and field details;
// the error handler turns it into {"error":{code,message,details}} in the caller's language.
import type { z } from "zod";
import { locales } from "zod";
import { type FieldMessageCode, type Lang, type MessageCode, t, tf, translateFieldMessage } from "./i18n.js";

export type FieldProblem = { path: string; code: FieldMessageCode; params?: Record<string, string | number> };
export type Detail = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 423 | 500,
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
    readonly fields: FieldProblem[] = [],
    readonly zodIssues: z.core.$ZodIssue[] = [],
  ) {
    super(code);
  }

  details(lang: Lang): Detail[] {
    const out: Detail[] = this.fields.map((f) => ({ path: f.path, message: tf(f.code, lang, f.params) }));
    for (const issue of this.zodIssues) out.push({ path: issuePath(issue), message: issueMessage(issue, lang) });
    return out;
  }

  message_(lang: Lang): string {
    return t(this.code, lang, this.params);
  }
}

const zhLocale = locales.zhCN();
const enLocale = locales.en();

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".") || "(root)";
}

function issueMessage(issue: z.core.$ZodIssue, lang: Lang): string {
  const custom = translateFieldMessage(issue.message, lang);
  if (custom) return custom;
  // Missing fields arrive as invalid_type with undefined input; say "required" plainly.
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) return tf("required", lang);
  const locale = lang === "zh" ? zhLocale : enLocale;
  const text = locale.localeError?.(issue as never);
  if (typeof text === "string") return text;
  if (text && typeof text === "object" && "message" in text) return String(text.message);
  return issue.message;
}

export const notFound = () => new AppError(404, "not_found");
export const forbidden = () => new AppError(403, "forbidden");
export const unauthenticated = () => new AppError(401, "unauthenticated");
export const fieldError = (path: string, code: FieldMessageCode, params?: Record<string, string | number>) =>
  new AppError(400, "validation_failed", {}, [{ path, code, params }]);
export const validationError = (issues: z.core.$ZodIssue[]) => new AppError(400, "validation_failed", {}, [], issues);
