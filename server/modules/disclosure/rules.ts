// Pure rules of disclosure (公开) and public listings (阳光低保): templates and their validation with
// exact money, opinion handling, the statistics as the seeds count them, the objection window and
// masking. No I/O.

export const CATEGORIES = ["party", "residents", "compound", "finance"] as const;
export type Category = (typeof CATEGORIES)[number];

export type TemplateField =
  | { key: string; type: "text" | "textarea"; required: boolean; maxLength: number; label: { zh: string; en: string } }
  | {
      key: string;
      type: "lines";
      required: boolean;
      /** The key of the declared total that must equal the sum of the lines. */
      totalKey: string;
      label: { zh: string; en: string };
    }
  | { key: string; type: "money"; required: boolean; label: { zh: string; en: string } };

export type Template = {
  code: string;
  category: Category | null; // null: usable for every category
  label: { zh: string; en: string };
  bodyRequired: boolean;
  fields: TemplateField[];
};

const text = (key: string, zh: string, en: string, required = true, maxLength = 200): TemplateField => ({
  key,
  type: "text",
  required,
  maxLength,
  label: { zh, en },
});
const area = (key: string, zh: string, en: string, required = true, maxLength = 5000): TemplateField => ({
  key,
  type: "textarea",
  required,
  maxLength,
  label: { zh, en },
});

/** The unified templates (统一模板), one per category, plus a plain notice usable by any. */
export const TEMPLATES: Template[] = [
  {
    code: "party.v1",
    category: "party",
    label: { zh: "党务公开", en: "Party affairs" },
    bodyRequired: false,
    fields: [text("item", "公开事项", "Item"), area("content", "公开内容", "Content")],
  },
  {
    code: "residents.v1",
    category: "residents",
    label: { zh: "居务公开", en: "Residents' affairs" },
    bodyRequired: false,
    fields: [text("matter", "事项", "Matter"), area("decision", "决定", "Decision"), area("basis", "依据", "Basis", true, 2000)],
  },
  {
    code: "compound.v1",
    category: "compound",
    label: { zh: "院落事务公开", en: "Compound affairs" },
    bodyRequired: false,
    fields: [text("compound", "院落/小区", "Compound"), area("matter", "事项", "Matter")],
  },
  {
    code: "finance.v1",
    category: "finance",
    label: { zh: "财务公开", en: "Finances" },
    bodyRequired: false,
    fields: [
      { key: "openingBalance", type: "money", required: false, label: { zh: "期初余额", en: "Opening balance" } },
      { key: "income", type: "lines", required: false, totalKey: "incomeTotal", label: { zh: "收入", en: "Income" } },
      { key: "incomeTotal", type: "money", required: true, label: { zh: "收入合计", en: "Total income" } },
      { key: "expense", type: "lines", required: false, totalKey: "expenseTotal", label: { zh: "支出", en: "Expenses" } },
      { key: "expenseTotal", type: "money", required: true, label: { zh: "支出合计", en: "Total expenses" } },
      { key: "closingBalance", type: "money", required: false, label: { zh: "期末余额", en: "Closing balance" } },
    ],
  },
  {
    code: "notice",
    category: null,
    label: { zh: "通用公告", en: "Notice" },
    bodyRequired: true,
    fields: [],
  },
];

export const DEFAULT_TEMPLATE: Record<Category, string> = {
  party: "party.v1",
  residents: "residents.v1",
  compound: "compound.v1",
  finance: "finance.v1",
};

export const templateOf = (code: string): Template | undefined => TEMPLATES.find((t) => t.code === code);

// ---- exact money: strings of yuan with at most two decimals, summed as bigint cents

const MONEY = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Cents of a non-negative amount such as "12", "12.3", "12.30"; null when not such an amount. */
export function parseCents(value: unknown): bigint | null {
  const s = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof s !== "string") return null;
  const m = MONEY.exec(s.trim());
  if (!m) return null;
  return BigInt(m[1] as string) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** "1234.50" from 123450n (also negative). */
export function formatCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export type FieldProblem = { path: string; code: string; params?: Record<string, string | number> };
export type Line = { item: string; amount: string };
export type TemplateCheck = { ok: true; fields: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

const MAX_LINES = 200;

/**
 * Checks a disclosure's structured fields against its template and returns them normalised
 * (trimmed text, amounts as "0.00" strings). Finance: every line needs an item and an amount; each
 * declared total must equal the sum of its lines to the cent; when both balances are given,
 * closing = opening + income − expenses exactly.
 */
export function validateTemplate(
  code: string,
  category: string,
  fields: Record<string, unknown> | null | undefined,
  body: string | null | undefined,
): TemplateCheck {
  const t = templateOf(code);
  if (!t) return { ok: false, problems: [{ path: "template", code: "disclosure_template_unknown" }] };
  if (t.category !== null && t.category !== category) {
    return { ok: false, problems: [{ path: "template", code: "disclosure_template_category" }] };
  }
  const problems: FieldProblem[] = [];
  const src = fields ?? {};
  const out: Record<string, unknown> = {};
  if (t.bodyRequired && !(body ?? "").trim()) problems.push({ path: "body", code: "required" });
  const known = new Set(t.fields.map((f) => f.key));
  for (const k of Object.keys(src)) {
    if (!known.has(k)) problems.push({ path: `fields.${k}`, code: "disclosure_field_unknown" });
  }
  const cents = new Map<string, bigint>();
  for (const f of t.fields) {
    const v = src[f.key];
    const path = `fields.${f.key}`;
    const empty = v === undefined || v === null || (typeof v === "string" && v.trim() === "");
    if (f.type === "text" || f.type === "textarea") {
      if (empty) {
        if (f.required) problems.push({ path, code: "required" });
        continue;
      }
      if (typeof v !== "string") {
        problems.push({ path, code: "invalid_value" });
        continue;
      }
      const s = v.trim();
      if ([...s].length > f.maxLength) problems.push({ path, code: "disclosure_too_long", params: { max: f.maxLength } });
      out[f.key] = s;
    } else if (f.type === "money") {
      if (empty) {
        if (f.required) problems.push({ path, code: "required" });
        continue;
      }
      const c = parseCents(v);
      if (c === null) {
        problems.push({ path, code: "disclosure_amount_invalid" });
        continue;
      }
      cents.set(f.key, c);
      out[f.key] = formatCents(c);
    } else {
      if (empty) {
        if (f.required) problems.push({ path, code: "required" });
        out[f.key] = [];
        cents.set(`${f.key}#sum`, 0n);
        continue;
      }
      if (!Array.isArray(v)) {
        problems.push({ path, code: "invalid_value" });
        continue;
      }
      if (v.length > MAX_LINES) {
        problems.push({ path, code: "disclosure_too_many_lines", params: { max: MAX_LINES } });
        continue;
      }
      let sum = 0n;
      let bad = false;
      const lines: Line[] = [];
      v.forEach((line: unknown, i: number) => {
        const l = (line ?? {}) as { item?: unknown; amount?: unknown };
        const item = typeof l.item === "string" ? l.item.trim() : "";
        if (!item) {
          problems.push({ path: `${path}.${i}.item`, code: "required" });
          bad = true;
        } else if ([...item].length > 200) {
          problems.push({ path: `${path}.${i}.item`, code: "disclosure_too_long", params: { max: 200 } });
          bad = true;
        }
        const c = parseCents(l.amount);
        if (c === null) {
          problems.push({ path: `${path}.${i}.amount`, code: "disclosure_amount_invalid" });
          bad = true;
        } else {
          sum += c;
          lines.push({ item, amount: formatCents(c) });
        }
      });
      out[f.key] = lines;
      if (!bad) cents.set(`${f.key}#sum`, sum);
    }
  }
  // Totals: each declared total equals the sum of its lines, to the cent.
  for (const f of t.fields) {
    if (f.type !== "lines") continue;
    const sum = cents.get(`${f.key}#sum`);
    const total = cents.get(f.totalKey);
    if (sum === undefined || total === undefined) continue;
    if (sum !== total) {
      problems.push({
        path: `fields.${f.totalKey}`,
        code: "disclosure_total_mismatch",
        params: { sum: formatCents(sum), total: formatCents(total) },
      });
    }
  }
  if (t.code === "finance.v1") {
    const o = cents.get("openingBalance");
    const cl = cents.get("closingBalance");
    const inc = cents.get("incomeTotal");
    const exp = cents.get("expenseTotal");
    if (o !== undefined && cl !== undefined && inc !== undefined && exp !== undefined) {
      const expected = o + inc - exp;
      if (expected !== cl) {
        problems.push({
          path: "fields.closingBalance",
          code: "disclosure_balance_mismatch",
          params: { expected: formatCents(expected) },
        });
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, fields: out };
}

// ---- the life of a disclosure

export type DisclosureStatus = "draft" | "published" | "withdrawn";

/** Which status changes are allowed: draft → published → withdrawn; drafts may be edited. */
export function canTransition(from: DisclosureStatus, to: DisclosureStatus): boolean {
  return (from === "draft" && to === "published") || (from === "published" && to === "withdrawn");
}

// ---- opinions

export type Disposition = "adopted" | "replied" | "not_adopted";
export type OpinionHandling = { disposition: Disposition; note?: string | null; reply?: string | null };

/**
 * How staff may handle an opinion: 'adopted' needs what was done (note), 'replied' needs the answer
 * (reply), 'not_adopted' needs the reason (note). A reply may accompany any disposition.
 * Returns the problems; empty means acceptable.
 */
export function checkHandling(h: OpinionHandling): FieldProblem[] {
  const note = (h.note ?? "").trim();
  const reply = (h.reply ?? "").trim();
  const out: FieldProblem[] = [];
  if (h.disposition === "adopted" && !note) out.push({ path: "note", code: "disclosure_adopted_note_required" });
  if (h.disposition === "not_adopted" && !note) out.push({ path: "note", code: "disclosure_reason_required" });
  if (h.disposition === "replied" && !reply) out.push({ path: "reply", code: "required" });
  return out;
}

// ---- statistics, counted as the seeds count them

export type StatDisclosure = { areaPath: string; category: string; publishedAt: Date | null };
export type StatOpinion = {
  areaPath: string;
  category: string;
  createdAt: Date;
  disposition: Disposition | null;
  replied: boolean;
};
export type StatCounts = {
  published: number;
  collected: number;
  adopted: number;
  replied: number;
  notAdopted: number;
};
export type StatQuery = { areaPath: string; from: Date; to: Date };

const under = (path: string, root: string) => path === root || path.startsWith(`${root}.`);
const inPeriod = (t: Date, q: StatQuery) => t.getTime() >= q.from.getTime() && t.getTime() < q.to.getTime();

export const emptyCounts = (): StatCounts => ({ published: 0, collected: 0, adopted: 0, replied: 0, notAdopted: 0 });

/**
 * The counts for the subtree of `areaPath` over [from, to): items published (published_at in the
 * period, withdrawn ones included — they were published), opinions collected (created in the
 * period) and, of those, adopted and handled, replied (with a reply, whatever the disposition) and
 * not adopted. Adopted and replied overlap, so their sum may exceed the opinions collected.
 */
export function countStats(disclosures: StatDisclosure[], opinions: StatOpinion[], q: StatQuery): StatCounts {
  const c = emptyCounts();
  for (const d of disclosures) {
    if (d.publishedAt && under(d.areaPath, q.areaPath) && inPeriod(d.publishedAt, q)) c.published++;
  }
  for (const o of opinions) {
    if (!under(o.areaPath, q.areaPath) || !inPeriod(o.createdAt, q)) continue;
    c.collected++;
    if (o.disposition === "adopted") c.adopted++;
    if (o.disposition === "not_adopted") c.notAdopted++;
    if (o.replied) c.replied++;
  }
  return c;
}

// ---- public listings

export type ListingWindow = { status: "draft" | "published"; opensAt: Date; closesAt: Date };
export type ListingPhase = "draft" | "scheduled" | "open" | "closed";

/** Open from opens_at to closes_at, both inclusive: an objection at the closing instant counts. */
export function listingPhase(l: ListingWindow, now: Date): ListingPhase {
  if (l.status === "draft") return "draft";
  if (now.getTime() < l.opensAt.getTime()) return "scheduled";
  if (now.getTime() <= l.closesAt.getTime()) return "open";
  return "closed";
}

/**
 * A masked name for public display: the first character and, for names of three or more
 * characters, the last; everything between becomes "*" (张伟 → 张*, 张小伟 → 张*伟, 欧阳小明 → 欧**明).
 * Latin names keep their first letter per word.
 */
export function maskName(name: string): string {
  const s = name.trim();
  if (!s) return "*";
  if (/^[\x20-\x7e]+$/.test(s)) {
    return s
      .split(/\s+/)
      .map((w) => `${w[0]}${"*".repeat(Math.max(1, w.length - 1))}`)
      .join(" ");
  }
  const chars = [...s.replace(/\s+/g, "")];
  if (chars.length === 1) return `${chars[0]}*`;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export type ListingCounts = { entries: number; objections: number; upheld: number; removed: number };
