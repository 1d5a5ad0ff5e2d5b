// Import rules: the columns of each kind, CSV parsing, and row validation. Pure: every lookup the
// rules need (grids, households, tags, existing records) is loaded beforehand and passed in.
import type { DocType, GeoPolygon, ResidenceType } from "../../db/schema.js";
import { type FieldMessageCode, fieldMessages, format, type Lang } from "../../lib/i18n.js";
import type { Scope } from "../identity/types.js";
import { codeProblem } from "../registry/areas.rules.js";
import { bboxOf, bboxesTouch, containsPoint, isValidPolygon, overlaps } from "../registry/geo.js";
import { checkDocument, docBlindValue, normalisePhone } from "../registry/residents.rules.js";
import { pathInScope } from "../registry/scope.js";

export const IMPORT_KINDS = ["residents", "households", "buildings", "grids"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type Column = { key: string; header: string; required: boolean; note: string; example: string; text?: boolean };

// Allowed values, Chinese label → stored code. The first label of a code is the one shown and exported.
export const DOC_TYPES: [string, DocType][] = [
  ["居民身份证", "resident_id"],
  ["身份证", "resident_id"],
  ["护照", "passport"],
  ["港澳居民来往内地通行证", "hk_macao"],
  ["台湾居民来往大陆通行证", "taiwan"],
  ["外国人永久居留身份证", "foreign_permanent"],
];
export const RESIDENCE_TYPES: [string, ResidenceType][] = [
  ["户籍", "registered"],
  ["常住", "resident"],
  ["流动", "floating"],
];
export const BUILDING_KINDS: [string, "building" | "compound"][] = [
  ["楼栋", "building"],
  ["院落", "compound"],
];
export const GRID_LEVELS: [string, "large" | "medium" | "small"][] = [
  ["大", "large"],
  ["中", "medium"],
  ["小", "small"],
  ["大网格", "large"],
  ["中网格", "medium"],
  ["小网格", "small"],
];

export const labelOf = <T extends string>(table: [string, T][], code: T | null | undefined): string =>
  code ? (table.find(([, c]) => c === code)?.[0] ?? code) : "";

/** The first label of each code, e.g. "户籍/常住/流动". */
const shownLabels = (table: [string, string][]) => {
  const first = new Map<string, string>();
  for (const [label, code] of table) if (!first.has(code)) first.set(code, label);
  return [...first.values()].join("/");
};

export const COLUMNS: Record<ImportKind, Column[]> = {
  residents: [
    { key: "name", header: "姓名", required: true, note: "必填,最多50字", example: "张伟" },
    {
      key: "docType",
      header: "证件类型",
      required: false,
      note: `可选:${shownLabels(DOC_TYPES)};留空为居民身份证`,
      example: "居民身份证",
    },
    {
      key: "docNumber",
      header: "证件号码",
      required: true,
      note: "必填;居民身份证须为18位且校验位正确(GB 11643);请将此列设为文本格式。同一证件号码再次导入时更新原记录,不会重复登记",
      example: "110105198003150012",
      text: true,
    },
    {
      key: "phone",
      header: "手机号码",
      required: false,
      note: "11位手机号或带区号的固定电话",
      example: "13812345678",
      text: true,
    },
    {
      key: "residenceType",
      header: "居住类型",
      required: true,
      note: `必填:${shownLabels(RESIDENCE_TYPES)}`,
      example: "户籍",
    },
    { key: "relation", header: "与户主关系", required: false, note: "如:户主、配偶、子女、父母;最多16字", example: "户主" },
    { key: "ethnicity", header: "民族", required: false, note: "如:汉族;最多16字", example: "汉族" },
    {
      key: "gridCode",
      header: "网格编码",
      required: false,
      note: "15位网格编码,须在您的管辖范围内;与户地址至少填一项",
      example: "510199001001001",
      text: true,
    },
    {
      key: "address",
      header: "户地址",
      required: false,
      note: "已登记的户地址(完全一致);同时填写网格编码且该网格中没有此地址时,自动新建该户",
      example: "东一路1号1栋101",
    },
    {
      key: "tags",
      header: "标签",
      required: false,
      note: "分类服务标签名称,多个用、或,分隔,如:老年人、残疾人;敏感标签需相应权限",
      example: "老年人、党员",
    },
  ],
  households: [
    {
      key: "gridCode",
      header: "网格编码",
      required: true,
      note: "必填,15位网格编码,须在您的管辖范围内",
      example: "510199001001001",
      text: true,
    },
    {
      key: "address",
      header: "地址",
      required: true,
      note: "必填,最多200字;同一网格中已有此地址时更新该户",
      example: "东一路1号1栋101",
    },
    { key: "buildingName", header: "楼栋名称", required: false, note: "可选,须为该网格中已登记的楼栋或院落名称", example: "1栋" },
    { key: "unitNo", header: "单元", required: false, note: "最多16字", example: "1单元", text: true },
    { key: "roomNo", header: "房号", required: false, note: "最多16字", example: "101", text: true },
    { key: "floorArea", header: "建筑面积", required: false, note: "平方米,正数", example: "88.5" },
  ],
  buildings: [
    {
      key: "gridCode",
      header: "网格编码",
      required: true,
      note: "必填,15位网格编码,须在您的管辖范围内",
      example: "510199001001001",
      text: true,
    },
    { key: "kind", header: "类型", required: false, note: `可选:${shownLabels(BUILDING_KINDS)};留空为楼栋`, example: "楼栋" },
    { key: "name", header: "名称", required: true, note: "必填,最多64字;同一网格中已有此名称时更新该楼栋", example: "1栋" },
    { key: "address", header: "地址", required: true, note: "必填,2–200字", example: "东一路1号1栋" },
    { key: "lng", header: "经度", required: false, note: "WGS84 经度;填写时须同时填纬度,且位于该网格范围内", example: "104.005" },
    { key: "lat", header: "纬度", required: false, note: "WGS84 纬度", example: "30.005" },
    { key: "unitCount", header: "单元数", required: false, note: "1–50 的整数,留空为1", example: "2" },
    { key: "floorCount", header: "层数", required: false, note: "1–200 的整数", example: "6" },
  ],
  grids: [
    {
      key: "communityCode",
      header: "社区编码",
      required: true,
      note: "必填,12位社区编码,须在您的管辖范围内",
      example: "510199001001",
      text: true,
    },
    {
      key: "code",
      header: "网格编码",
      required: true,
      note: "必填,15位,以社区编码开头;已存在的网格编码将更新名称、层级和边界",
      example: "510199001001009",
      text: true,
    },
    { key: "name", header: "网格名称", required: true, note: "必填,最多64字", example: "东一第9网格" },
    { key: "gridLevel", header: "网格层级", required: false, note: "可选:大/中/小,或留空", example: "小" },
    {
      key: "polygon",
      header: "边界GeoJSON",
      required: true,
      note: '必填,GeoJSON Polygon 文本(WGS84 经纬度,首尾点相同),不得与已有网格或本文件中其他网格重叠,如:{"type":"Polygon","coordinates":[[[104,30],[104.01,30],[104.01,30.01],[104,30.01],[104,30]]]}',
      example: '{"type":"Polygon","coordinates":[[[104.3,30],[104.31,30],[104.31,30.01],[104.3,30.01],[104.3,30]]]}',
    },
  ],
};

export const KIND_LABELS: Record<ImportKind, string> = {
  residents: "居民",
  households: "户",
  buildings: "楼栋",
  grids: "网格",
};

// ---------------------------------------------------------------------------------------------
// Messages. Codes from the shared field messages (ID numbers, phones …) read the same as in the
// forms; the import-specific ones live here.

const importMessages = {
  missing_column: { zh: "缺少必填列:{column}", en: "missing required column: {column}" },
  file_empty: { zh: "文件中没有数据行", en: "the file has no data rows" },
  file_unreadable: {
    zh: "无法读取文件,请上传 .xlsx 或 UTF-8 编码的 .csv 文件",
    en: "cannot read the file; upload .xlsx or UTF-8 .csv",
  },
  too_many_rows: { zh: "行数超过上限 {max}", en: "more than {max} rows" },
  duplicate_in_file: { zh: "与第{row}行重复", en: "duplicates row {row}" },
  unknown_option: { zh: "取值无效,应为:{options}", en: "invalid value; expected one of: {options}" },
  unknown_grid: { zh: "网格编码不存在", en: "no grid has this code" },
  grid_or_address: { zh: "网格编码和户地址至少填写一项", en: "give the grid code, the household address, or both" },
  household_not_found: { zh: "在您的管辖范围内找不到该户地址", en: "no household with this address in your scope" },
  household_ambiguous: {
    zh: "有多户使用该地址,请同时填写网格编码",
    en: "several households have this address; give the grid code too",
  },
  sensitive_tag: { zh: "无权设置敏感标签:{tag}", en: "you may not set the sensitive tag {tag}" },
  existing_out_of_scope: {
    zh: "该证件号码的居民已在您管辖范围之外登记",
    en: "a resident with this document number is registered outside your scope",
  },
  stored_as_number: {
    zh: "长号码被存为数字已失真,请将该列设为文本格式后重新填写",
    en: "a long number was stored as a number and lost digits; format the column as text",
  },
  too_long: { zh: "不能超过{max}个字符", en: "at most {max} characters" },
  too_short: { zh: "至少{min}个字符", en: "at least {min} characters" },
  not_a_number: { zh: "应为数字", en: "must be a number" },
  not_an_integer: { zh: "应为整数", en: "must be a whole number" },
  out_of_range: { zh: "应在{min}到{max}之间", en: "must be between {min} and {max}" },
  lng_lat_pair: { zh: "经度和纬度须同时填写", en: "give both longitude and latitude" },
  point_outside_grid: { zh: "坐标不在该网格范围内", en: "the point lies outside the grid" },
  unknown_building: { zh: "该网格中没有这个楼栋", en: "no building with this name in the grid" },
  unknown_community: { zh: "社区编码不存在", en: "no community has this code" },
  grid_other_community: { zh: "该网格编码已属于其他社区", en: "this grid code belongs to another community" },
  code_taken: { zh: "该编码已被非网格区域使用", en: "the code is used by an area that is not a grid" },
  overlap_existing: { zh: "与已有网格重叠:{names}", en: "overlaps existing grids: {names}" },
  overlap_row: { zh: "与第{row}行的网格重叠", en: "overlaps the grid in row {row}" },
  import_failed: { zh: "导入失败,已全部回滚:{reason}", en: "the import failed and was rolled back: {reason}" },
  job_expired: {
    zh: "导入数据已失效(服务已重启或超时),请重新上传文件",
    en: "the uploaded data is gone (server restart or timeout); upload the file again",
  },
  has_errors: {
    zh: "文件中有{rows}行错误,按“全部成功才导入”未导入任何数据",
    en: "{rows} rows have errors; with all-or-nothing nothing was imported",
  },
  not_validated: { zh: "该导入任务当前状态为{status},不能提交", en: "the job is {status} and cannot be committed" },
} satisfies Record<string, { zh: string; en: string }>;

export type ImportMessageCode = keyof typeof importMessages | FieldMessageCode;

/** One problem with one cell; row numbers are the spreadsheet's own (the header is row 1). */
export type RowError = { row: number; column: string; code: ImportMessageCode; params?: Record<string, string | number> };

export function messageOf(e: Pick<RowError, "code" | "params">, lang: Lang): string {
  const entry =
    (importMessages as Record<string, { zh: string; en: string }>)[e.code] ??
    (fieldMessages as Record<string, { zh: string; en: string }>)[e.code];
  return entry ? format(entry[lang], e.params) : e.code;
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): UTF-8, optional BOM, quoted fields with "" escapes, commas and line breaks inside quotes.

export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < s.length) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0 || quoted) endRecord();
  return records;
}

// ---------------------------------------------------------------------------------------------
// Sheets: a header and numbered rows, from either file type.

export type SheetRow = { row: number; cells: string[]; lossy?: number[] };
export type Sheet = { header: string[]; rows: SheetRow[] };

/** Header text → column key; tolerates a trailing * or （必填） that people add to headers. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[\s*＊]/g, "")
    .replace(/[（(][^）)]*[）)]$/, "")
    .trim();
}

export type ColumnMap = Map<string, number>;

export function mapColumns(kind: ImportKind, header: string[]): { map: ColumnMap; missing: Column[] } {
  const byHeader = new Map(header.map((h, i) => [normaliseHeader(h), i]));
  const map: ColumnMap = new Map();
  const missing: Column[] = [];
  for (const col of COLUMNS[kind]) {
    const i = byHeader.get(col.header);
    if (i === undefined) {
      if (col.required) missing.push(col);
    } else map.set(col.key, i);
  }
  // The residents' location columns are each optional but one of them is needed.
  if (kind === "residents" && !map.has("gridCode") && !map.has("address")) {
    missing.push(COLUMNS.residents.find((c) => c.key === "gridCode") as Column);
  }
  return { map, missing };
}

/** Reads one row's cells by column key, with the problems found so far. */
export class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    readonly kind: ImportKind,
    readonly row: SheetRow,
    private readonly map: ColumnMap,
  ) {}

  header(key: string): string {
    return COLUMNS[this.kind].find((c) => c.key === key)?.header ?? key;
  }

  raw(key: string): string {
    const i = this.map.get(key);
    return i === undefined ? "" : (this.row.cells[i] ?? "").trim();
  }

  fail(key: string, code: ImportMessageCode, params?: Record<string, string | number>): null {
    this.errors.push({ row: this.row.row, column: this.header(key), code, ...(params ? { params } : {}) });
    return null;
  }

  lossy(key: string): boolean {
    const i = this.map.get(key);
    return i !== undefined && (this.row.lossy?.includes(i) ?? false);
  }

  text(key: string, opts: { required?: boolean; max: number; min?: number }): string | null {
    const v = this.raw(key);
    if (!v) return opts.required ? this.fail(key, "required") : null;
    if ([...v].length > opts.max) return this.fail(key, "too_long", { max: opts.max });
    if (opts.min && [...v].length < opts.min) return this.fail(key, "too_short", { min: opts.min });
    return v;
  }

  option<T extends string>(key: string, table: [string, T][], fallback: T | null, required = false): T | null {
    const v = this.raw(key);
    if (!v) return required ? this.fail(key, "required") : fallback;
    const hit = table.find(([label, code]) => label === v || code === v);
    if (!hit) return this.fail(key, "unknown_option", { options: shownLabels(table) });
    return hit[1];
  }

  number(key: string, opts: { min: number; max: number; integer?: boolean; required?: boolean }): number | null | undefined {
    const v = this.raw(key);
    if (!v) return opts.required ? (this.fail(key, "required") ?? undefined) : null;
    const n = Number(v.replace(/,/g, ""));
    if (!Number.isFinite(n)) return this.fail(key, "not_a_number") ?? undefined;
    if (opts.integer && !Number.isInteger(n)) return this.fail(key, "not_an_integer") ?? undefined;
    if (n < opts.min || n > opts.max) return this.fail(key, "out_of_range", { min: opts.min, max: opts.max }) ?? undefined;
    return n;
  }
}

// ---------------------------------------------------------------------------------------------
// What the rules look up.

export type AreaRef = {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
  parentId: string | null;
  districtId: string;
  polygon: GeoPolygon | null;
};
export type HouseholdRef = { id: string; gridId: string; address: string; path: string; districtId: string };
export type TagRef = { code: string; nameZh: string; nameEn: string; sensitive: boolean };

export type RuleContext = {
  scope: Scope;
  canSetSensitive: boolean;
  today: Date;
  /** Areas (grids, and communities for the grids import) by code; only codes the file names. */
  areas: Map<string, AreaRef>;
  /** Households in scope by exact address. */
  households: Map<string, HouseholdRef[]>;
  /** Buildings by grid id and name. */
  buildings: Map<string, string>;
  tags: TagRef[];
  /** First row of each key seen so far: catches duplicates within the file. */
  seen: Map<string, number>;
};

export const gridKey = (gridId: string, name: string) => `${gridId}\u0000${name}`;

function grid(r: RowReader, ctx: RuleContext, key = "gridCode", required = true): AreaRef | null {
  const code = r.raw(key);
  if (!code) return required ? r.fail(key, "required") : null;
  if (r.lossy(key)) return r.fail(key, "stored_as_number");
  const g = ctx.areas.get(code);
  if (g?.level !== "grid") return r.fail(key, "unknown_grid");
  if (!pathInScope(g.path, ctx.scope)) return r.fail(key, "not_in_scope");
  return g;
}

function firstSeen(r: RowReader, ctx: RuleContext, key: string, column: string): boolean {
  const prior = ctx.seen.get(key);
  if (prior !== undefined) {
    r.fail(column, "duplicate_in_file", { row: prior });
    return false;
  }
  ctx.seen.set(key, r.row.row);
  return true;
}

export type Valid<T> = { ok: true; row: number; value: T } | { ok: false; row: number; errors: RowError[] };

function done<T>(r: RowReader, value: T): Valid<T> {
  return r.errors.length ? { ok: false, row: r.row.row, errors: r.errors } : { ok: true, row: r.row.row, value };
}

// ---------------------------------------------------------------------------------------------
// Residents

export type ResidentValue = {
  name: string;
  docType: DocType;
  docNumber: string;
  /** docBlindValue(docType, number): the key of the blind index and of duplicate detection. */
  docKey: string;
  sex: "male" | "female" | null;
  birthDate: string | null;
  phone: string | null;
  residenceType: ResidenceType;
  relation: string | null;
  ethnicity: string | null;
  grid: AreaRef | null;
  household: HouseholdRef | null;
  /** A household to create in `grid` when the address is new there. */
  newAddress: string | null;
  tags: string[];
};

export function splitTags(raw: string): string[] {
  return raw
    .split(/[、,,;;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function validateResident(r: RowReader, ctx: RuleContext): Valid<ResidentValue> {
  const name = r.text("name", { required: true, max: 50 });
  const docType = r.option("docType", DOC_TYPES, "resident_id");
  const rawDoc = r.raw("docNumber");
  let doc: { number: string; sex: "male" | "female" | null; birthDate: string | null } | null = null;
  if (!rawDoc) r.fail("docNumber", "required");
  else if (r.lossy("docNumber")) r.fail("docNumber", "stored_as_number");
  else if (docType) {
    const checked = checkDocument(docType, rawDoc, "docNumber", ctx.today);
    if (checked.ok) doc = checked.doc;
    else r.fail("docNumber", checked.problem.code, checked.problem.params);
  }
  const docKey = doc && docType ? docBlindValue(docType, doc.number) : null;
  if (docKey) firstSeen(r, ctx, `doc:${docKey}`, "docNumber");

  let phone: string | null = null;
  const rawPhone = r.raw("phone");
  if (rawPhone) {
    phone = normalisePhone(rawPhone);
    if (!phone) r.fail("phone", "phone_format");
  }
  const residenceType = r.option("residenceType", RESIDENCE_TYPES, null, true);
  const relation = r.text("relation", { max: 16 });
  const ethnicity = r.text("ethnicity", { max: 16 });

  const hasGrid = Boolean(r.raw("gridCode"));
  const address = r.text("address", { max: 200 });
  let g: AreaRef | null = null;
  let household: HouseholdRef | null = null;
  let newAddress: string | null = null;
  if (!hasGrid && !r.raw("address")) r.fail("gridCode", "grid_or_address");
  if (hasGrid) g = grid(r, ctx);
  if (address && (!hasGrid || g)) {
    const candidates = ctx.households.get(address) ?? [];
    if (g) {
      const gid = g.id;
      household = candidates.find((h) => h.gridId === gid) ?? null;
      if (!household) newAddress = address;
    } else if (candidates.length === 1) household = candidates[0];
    else if (candidates.length === 0) r.fail("address", "household_not_found");
    else r.fail("address", "household_ambiguous");
  }

  const tags: string[] = [];
  for (const label of splitTags(r.raw("tags"))) {
    const tag = ctx.tags.find((t) => t.nameZh === label || t.code === label || t.nameEn === label);
    if (!tag) r.fail("tags", "unknown_tag", { tag: label });
    else if (tag.sensitive && !ctx.canSetSensitive) r.fail("tags", "sensitive_tag", { tag: label });
    else if (!tags.includes(tag.code)) tags.push(tag.code);
  }

  return done(r, {
    name: name as string,
    docType: docType as DocType,
    docNumber: doc?.number as string,
    docKey: docKey as string,
    sex: doc?.sex ?? null,
    birthDate: doc?.birthDate ?? null,
    phone,
    residenceType: residenceType as ResidenceType,
    relation,
    ethnicity,
    grid: g,
    household,
    newAddress,
    tags,
  });
}

// ---------------------------------------------------------------------------------------------
// Households

export type HouseholdValue = {
  grid: AreaRef;
  address: string;
  buildingId: string | null;
  unitNo: string | null;
  roomNo: string | null;
  floorArea: number | null;
  /** The household already registered at this address in this grid: updated, not duplicated. */
  existingId: string | null;
};

export function validateHousehold(r: RowReader, ctx: RuleContext): Valid<HouseholdValue> {
  const g = grid(r, ctx);
  const address = r.text("address", { required: true, max: 200, min: 2 });
  let buildingId: string | null = null;
  const buildingName = r.raw("buildingName");
  if (g && buildingName) {
    buildingId = ctx.buildings.get(gridKey(g.id, buildingName)) ?? null;
    if (!buildingId) r.fail("buildingName", "unknown_building");
  }
  const unitNo = r.text("unitNo", { max: 16 });
  const roomNo = r.text("roomNo", { max: 16 });
  const floorArea = r.number("floorArea", { min: 0.01, max: 100000 });
  let existingId: string | null = null;
  if (g && address) {
    firstSeen(r, ctx, `hh:${gridKey(g.id, address)}`, "address");
    existingId = ctx.households.get(address)?.find((h) => h.gridId === g.id)?.id ?? null;
  }
  return done(r, {
    grid: g as AreaRef,
    address: address as string,
    buildingId,
    unitNo,
    roomNo,
    floorArea: floorArea ?? null,
    existingId,
  });
}

// ---------------------------------------------------------------------------------------------
// Buildings

export type BuildingValue = {
  grid: AreaRef;
  kind: "building" | "compound";
  name: string;
  address: string;
  lng: number | null;
  lat: number | null;
  unitCount: number;
  floorCount: number | null;
  existingId: string | null;
};

export function validateBuilding(r: RowReader, ctx: RuleContext): Valid<BuildingValue> {
  const g = grid(r, ctx);
  const kind = r.option("kind", BUILDING_KINDS, "building");
  const name = r.text("name", { required: true, max: 64 });
  const address = r.text("address", { required: true, max: 200, min: 2 });
  const lng = r.number("lng", { min: -180, max: 180 });
  const lat = r.number("lat", { min: -90, max: 90 });
  if ((lng === null) !== (lat === null)) r.fail(lng === null ? "lng" : "lat", "lng_lat_pair");
  else if (g?.polygon && typeof lng === "number" && typeof lat === "number" && !containsPoint(g.polygon, lng, lat)) {
    r.fail("lng", "point_outside_grid");
  }
  const unitCount = r.number("unitCount", { min: 1, max: 50, integer: true });
  const floorCount = r.number("floorCount", { min: 1, max: 200, integer: true });
  let existingId: string | null = null;
  if (g && name) {
    firstSeen(r, ctx, `b:${gridKey(g.id, name)}`, "name");
    existingId = ctx.buildings.get(gridKey(g.id, name)) ?? null;
  }
  return done(r, {
    grid: g as AreaRef,
    kind: kind ?? "building",
    name: name as string,
    address: address as string,
    lng: lng ?? null,
    lat: lat ?? null,
    unitCount: unitCount ?? 1,
    floorCount: floorCount ?? null,
    existingId,
  });
}

// ---------------------------------------------------------------------------------------------
// Grids

export type GridValue = {
  community: AreaRef;
  code: string;
  name: string;
  gridLevel: "large" | "medium" | "small" | null;
  polygon: GeoPolygon;
  existingId: string | null;
};

export type OverlapCheck = (polygon: GeoPolygon, exceptId: string | null) => string[];

/** Validates one grid row; the overlap with other rows of the file is checked after all rows (gridOverlaps). */
export function validateGrid(r: RowReader, ctx: RuleContext, overlapping: OverlapCheck): Valid<GridValue> {
  let community: AreaRef | null = null;
  const communityCode = r.raw("communityCode");
  if (!communityCode) r.fail("communityCode", "required");
  else {
    const c = ctx.areas.get(communityCode);
    if (c?.level !== "community") r.fail("communityCode", "unknown_community");
    else if (!pathInScope(c.path, ctx.scope)) r.fail("communityCode", "not_in_scope");
    else community = c;
  }
  const code = r.raw("code");
  let existingId: string | null = null;
  if (!code) r.fail("code", "required");
  else if (community) {
    const problem = codeProblem("grid", code, community.code);
    if (problem) r.fail("code", "code_format", { detail: problem });
    else {
      const existing = ctx.areas.get(code);
      if (existing && existing.level !== "grid") r.fail("code", "code_taken");
      else if (existing && existing.parentId !== community.id) r.fail("code", "grid_other_community");
      else existingId = existing?.id ?? null;
      firstSeen(r, ctx, `g:${code}`, "code");
    }
  }
  const name = r.text("name", { required: true, max: 64 });
  const gridLevel = r.option("gridLevel", GRID_LEVELS, null);
  let polygon: GeoPolygon | null = null;
  const rawPolygon = r.raw("polygon");
  if (!rawPolygon) r.fail("polygon", "required");
  else {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(rawPolygon);
    } catch {
      parsed = null;
    }
    // A Feature wrapping a Polygon is accepted too: that is what most GIS tools copy out.
    if (parsed && typeof parsed === "object" && (parsed as { type?: unknown }).type === "Feature") {
      parsed = (parsed as { geometry?: unknown }).geometry;
    }
    if (!isValidPolygon(parsed)) r.fail("polygon", "invalid_polygon");
    else {
      polygon = { type: "Polygon", coordinates: parsed.coordinates };
      const names = overlapping(polygon, existingId);
      if (names.length) r.fail("polygon", "overlap_existing", { names: names.join("、") });
    }
  }
  return done(r, {
    community: community as AreaRef,
    code,
    name: name as string,
    gridLevel,
    polygon: polygon as GeoPolygon,
    existingId,
  });
}

/** Overlaps among the file's own grids: the later row of each overlapping pair is in error. */
export function gridOverlaps(rows: { row: number; polygon: GeoPolygon }[]): RowError[] {
  const boxes = rows.map((r) => bboxOf(r.polygon));
  const errors: RowError[] = [];
  for (let j = 1; j < rows.length; j++) {
    for (let i = 0; i < j; i++) {
      if (bboxesTouch(boxes[i], boxes[j]) && overlaps(rows[i].polygon, rows[j].polygon)) {
        errors.push({ row: rows[j].row, column: "边界GeoJSON", code: "overlap_row", params: { row: rows[i].row } });
        break;
      }
    }
  }
  return errors;
}
