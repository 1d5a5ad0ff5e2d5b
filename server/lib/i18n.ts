// Server-side messages in Chinese (default) and English, chosen by Accept-Language.
import { deliberationFieldMessages, deliberationMessages } from "../modules/deliberation/messages.js";
import { votesFieldMessages, votesMessages } from "../modules/votes/messages.js";
import { budgetFieldMessages, budgetMessages } from "../modules/budget/messages.js";
import { projectsFieldMessages, projectsMessages } from "../modules/projects/messages.js";
import { disclosureFieldMessages, disclosureMessages } from "../modules/disclosure/messages.js";
import { evaluationFieldMessages, evaluationMessages } from "../modules/evaluation/messages.js";
export type Lang = "zh" | "en";

export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return "zh";
  // The first language tag the client prefers decides; q-values are rarely used by our clients.
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh";
}

type Entry = { zh: string; en: string };

// Stable error codes with their messages. {x} placeholders are filled from params.
export const messages = {
  validation_failed: { zh: "请求数据有误,请检查标出的字段", en: "The request has invalid fields" },
  not_found: { zh: "找不到该资源", en: "Not found" },
  route_not_found: { zh: "接口不存在", en: "No such endpoint" },
  unauthenticated: { zh: "请先登录", en: "Please log in" },
  forbidden: { zh: "无权执行此操作", en: "You are not allowed to do this" },
  csrf_failed: { zh: "请求校验失败,请刷新页面后重试", en: "CSRF check failed; reload the page and try again" },
  invalid_credentials: { zh: "用户名或密码错误", en: "Wrong username or password" },
  account_locked: {
    zh: "登录失败次数过多,账号已锁定,请 {minutes} 分钟后再试",
    en: "Too many failed logins; the account is locked for {minutes} more minutes",
  },
  account_disabled: { zh: "账号已停用", en: "The account is disabled" },
  conflict: { zh: "数据已被他人修改,请刷新后重试", en: "Someone else changed this; reload and try again" },
  duplicate: { zh: "{what}已存在", en: "{what} already exists" },
  grid_overlap: { zh: "网格范围与以下网格重叠:{names}", en: "The grid overlaps: {names}" },
  out_of_scope: { zh: "目标区域不在您的管辖范围内", en: "The target area is outside your data scope" },
  idempotency_conflict: {
    zh: "该幂等键已用于另一个请求",
    en: "This Idempotency-Key was already used for a different request",
  },
  payload_too_large: { zh: "文件过大", en: "File too large" },
  bad_request: { zh: "请求无效:{reason}", en: "Bad request: {reason}" },
  internal: { zh: "服务器内部错误", en: "Internal server error" },
  ...deliberationMessages,
  ...votesMessages,
  ...budgetMessages,
  ...projectsMessages,
  ...disclosureMessages,
  ...evaluationMessages,
} satisfies Record<string, Entry>;

export type MessageCode = keyof typeof messages;

// Field-level reasons used in validation details.
export const fieldMessages = {
  required: { zh: "必填", en: "is required" },
  citizen_id_length: { zh: "身份证号码应为18位", en: "a citizen ID number has 18 characters" },
  citizen_id_format: { zh: "身份证号码格式不正确", en: "a citizen ID number is 17 digits and a digit or X" },
  citizen_id_region: { zh: "身份证号码的地区码无效", en: "the region code of the ID number is not valid" },
  citizen_id_birth_date: { zh: "身份证号码中的出生日期无效", en: "the birth date in the ID number is not valid" },
  citizen_id_check_digit: { zh: "身份证号码校验位错误", en: "the check digit of the ID number is wrong" },
  document_format: { zh: "证件号码格式不正确", en: "the document number is not valid for its type" },
  phone_format: { zh: "手机号码格式不正确", en: "not a valid phone number" },
  password_policy: {
    zh: "密码至少{min}位,且包含大写字母、小写字母、数字、符号中的至少三类",
    en: "at least {min} characters with three of: upper case, lower case, digits, symbols",
  },
  invalid_polygon: { zh: "不是有效的多边形(GeoJSON Polygon)", en: "not a valid GeoJSON Polygon" },
  code_format: { zh: "区划代码格式不正确:{detail}", en: "the area code is not valid: {detail}" },
  unknown_reference: { zh: "引用的记录不存在", en: "refers to a record that does not exist" },
  unknown_tag: { zh: "未知标签:{tag}", en: "unknown tag: {tag}" },
  not_in_scope: { zh: "不在您的管辖范围内", en: "is outside your data scope" },
  wrong_level: { zh: "层级不正确:{detail}", en: "wrong level: {detail}" },
  invalid_value: { zh: "取值无效", en: "invalid value" },
  reason_required: { zh: "请填写查看原因", en: "give a reason for revealing" },
  ...deliberationFieldMessages,
  ...votesFieldMessages,
  ...budgetFieldMessages,
  ...projectsFieldMessages,
  ...disclosureFieldMessages,
  ...evaluationFieldMessages,
} satisfies Record<string, Entry>;

export type FieldMessageCode = keyof typeof fieldMessages;

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function t(code: MessageCode, lang: Lang, params?: Record<string, string | number>): string {
  return format(messages[code][lang], params);
}

export function tf(code: FieldMessageCode, lang: Lang, params?: Record<string, string | number>): string {
  return format(fieldMessages[code][lang], params);
}

/** Zod custom-issue messages carry `i18n:<code>` (with optional `|k=v` params) so they translate per request. */
export function i18nMessage(code: FieldMessageCode, params?: Record<string, string | number>): string {
  const tail = params
    ? Object.entries(params)
        .map(([k, v]) => `|${k}=${v}`)
        .join("")
    : "";
  return `i18n:${code}${tail}`;
}

export function translateFieldMessage(message: string, lang: Lang): string | undefined {
  if (!message.startsWith("i18n:")) return undefined;
  const [code, ...pairs] = message.slice(5).split("|");
  if (!(code in fieldMessages)) return undefined;
  const params = Object.fromEntries(pairs.map((p) => p.split("=", 2) as [string, string]));
  return tf(code as FieldMessageCode, lang, params);
}
