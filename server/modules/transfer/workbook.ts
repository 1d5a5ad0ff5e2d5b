// Spreadsheet files in and out (ExcelJS): reading uploads (.xlsx streamed, .csv), writing the
// templates, the error workbook, and streamed exports.
import { createRequire } from "node:module";
import { PassThrough, Readable } from "node:stream";
import type ExcelJS from "exceljs";

// ExcelJS is large; it is loaded on the first spreadsheet, not at server start.
const requireCjs = createRequire(import.meta.url);
let loaded: typeof ExcelJS | undefined;
const excel = (): typeof ExcelJS => {
  loaded ??= requireCjs("exceljs") as typeof ExcelJS;
  return loaded;
};
import { COLUMNS, type ImportKind, KIND_LABELS, parseCsv, type Sheet, type SheetRow } from "./rules.js";

export type FileType = "xlsx" | "csv";

export function fileTypeOf(fileName: string): FileType | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".csv")) return "csv";
  return null;
}

/** A cell's value as the text a person typed; `lossy` when a long number lost digits in Excel. */
function cellText(v: unknown): { text: string; lossy: boolean } {
  if (v === null || v === undefined) return { text: "", lossy: false };
  if (typeof v === "string") return { text: v, lossy: false };
  if (typeof v === "number") {
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { text: BigInt(v).toString(), lossy: true };
    return { text: String(v), lossy: false };
  }
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE", lossy: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), lossy: false };
  if (typeof v === "object") {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText)) return { text: o.richText.map((p) => p.text).join(""), lossy: false };
    if ("result" in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return { text: o.error, lossy: false };
  }
  return { text: String(v), lossy: false };
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * Reads the first worksheet (or the CSV): the first non-blank row is the header; blank rows are
 * skipped but keep the numbering, so row numbers match what the user sees. Stops at `maxRows`.
 */
export async function readSheet(
  type: FileType,
  bytes: Uint8Array,
  maxRows: number,
  onRow?: (count: number) => void,
): Promise<Sheet & { truncated: boolean }> {
  let header: string[] | null = null;
  const rows: SheetRow[] = [];
  let truncated = false;
  const take = (number: number, cells: string[], lossy: number[]) => {
    if (isBlank(cells)) return true;
    if (!header) {
      header = cells.map((c) => c.trim());
      return true;
    }
    if (rows.length >= maxRows) {
      truncated = true;
      return false;
    }
    rows.push(lossy.length ? { row: number, cells, lossy } : { row: number, cells });
    if (onRow && rows.length % 1000 === 0) onRow(rows.length);
    return true;
  };
  if (type === "csv") {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const records = parseCsv(text);
    for (const [i, rec] of records.entries()) if (!take(i + 1, rec, [])) break;
  } else {
    // The whole-workbook reader, not the streaming one: ExcelJS 4.4's streaming reader decodes each
    // inflated chunk separately and garbles a multi-byte (Chinese) character split across chunks.
    const wb = new (excel().Workbook)();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find(Boolean); // the first sheet holds the data; 说明 and others are ignored
    let open = true;
    sheet?.eachRow((row, number) => {
      if (!open) return;
      const values = row.values as unknown[];
      const cells: string[] = [];
      const lossy: number[] = [];
      for (let i = 1; i < values.length; i++) {
        const c = cellText(values[i]);
        cells[i - 1] = c.text;
        if (c.lossy) lossy.push(i - 1);
      }
      for (let i = 0; i < cells.length; i++) cells[i] ??= "";
      open = take(number, cells, lossy);
    });
  }
  return { header: header ?? [], rows, truncated };
}

const headerFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };

/** The import template: the header, one example row, and a 说明 sheet explaining every column. */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = "共治 Gongzhi";
  const ws = wb.addWorksheet(KIND_LABELS[kind]);
  const cols = COLUMNS[kind];
  ws.columns = cols.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.min(60, Math.max(12, c.example.length + 4)),
    style: c.text ? { numFmt: "@" } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((cell, i) => {
    cell.fill = headerFill;
    if (cols[i - 1]?.required) cell.font = { bold: true, color: { argb: "FFC00000" } };
  });
  ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.example])));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  const help = wb.addWorksheet("说明");
  help.columns = [
    { header: "列名", key: "header", width: 16 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "说明及取值", key: "note", width: 90 },
    { header: "示例", key: "example", width: 30 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of cols) {
    help.addRow({ header: c.header, required: c.required ? "必填" : "选填", note: c.note, example: c.example });
  }
  help.addRow({});
  help.addRow({ header: "提示", note: "第1行为表头,请勿修改列名;从第2行起每行一条记录(示例行可删除或替换)。" });
  help.addRow({
    header: "",
    note: "导入时先校验整个文件,错误行会标出行号、列名和原因,可下载带“错误原因”列的文件修改后重新导入。",
  });
  if (kind === "residents") {
    help.addRow({
      header: "",
      note: "网格编码和户地址至少填写一项。同一证件号码再次导入时更新姓名、电话等信息并追加标签,不会重复登记。",
    });
  }
  help.getColumn("note").alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The failed rows as uploaded, plus an 错误原因 column. */
export async function errorWorkbook(header: string[], rows: { cells: string[]; reasons: string }[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  const ws = wb.addWorksheet("错误行");
  const width = Math.max(header.length, ...rows.map((r) => r.cells.length));
  const head = [...header];
  while (head.length < width) head.push("");
  ws.addRow([...head, "错误原因"]).font = { bold: true };
  for (const r of rows) {
    const cells = [...r.cells];
    while (cells.length < width) cells.push("");
    ws.addRow([...cells, r.reasons]);
  }
  // Long numbers stay text so they survive the round trip.
  for (let i = 1; i <= width; i++) ws.getColumn(i).numFmt = "@";
  const reason = ws.getColumn(width + 1);
  reason.width = 60;
  reason.font = { color: { argb: "FFC00000" } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A streamed single-sheet workbook: rows go to the returned web stream as they are written, so an
 * export of any size never sits in memory whole.
 */
export function streamedWorkbook(sheetName: string, headers: string[]) {
  const out = new PassThrough();
  const wb = new (excel().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName);
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) }));
  return {
    body: Readable.toWeb(out) as ReadableStream<Uint8Array>,
    add: (values: (string | number | null)[]) => ws.addRow(values).commit(),
    finish: async () => {
      ws.commit();
      await wb.commit();
    },
    fail: (e: Error) => out.destroy(e),
  };
}
