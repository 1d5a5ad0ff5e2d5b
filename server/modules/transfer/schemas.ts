// Request and response schemas of import and export.
import { z } from "@hono/zod-openapi";
import { BuildingQuery, GridQuery, HouseholdQuery, ResidentQuery } from "../registry/schemas.js";
import { IMPORT_KINDS } from "./rules.js";

export const ImportKindEnum = z.enum(IMPORT_KINDS);

export const KindParam = z.object({
  kind: ImportKindEnum.openapi({ param: { name: "kind", in: "path" }, example: "residents" }),
});

const files = IMPORT_KINDS.map((k) => `${k}.xlsx`) as [string, ...string[]];

/** `{kind}.xlsx` as one path segment (the router matches whole segments). */
export const FileParam = z.object({
  file: z.enum(files).openapi({ param: { name: "file", in: "path" }, example: "residents.xlsx" }),
});

export const kindOfFile = (file: string) => file.replace(/\.xlsx$/, "") as (typeof IMPORT_KINDS)[number];

export const JobIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const ImportError = z
  .object({
    row: z.number().int().openapi({ description: "spreadsheet row number; the header is row 1" }),
    column: z.string().openapi({ example: "证件号码" }),
    message: z.string().openapi({ example: "身份证号码校验位错误" }),
  })
  .openapi("ImportError");

export const ImportJob = z
  .object({
    id: z.string(),
    kind: ImportKindEnum,
    fileName: z.string(),
    status: z.enum(["validating", "validated", "importing", "done", "failed"]),
    mode: z.enum(["all_or_nothing", "good_rows"]).nullable(),
    totalRows: z.number().int(),
    processedRows: z.number().int().openapi({ description: "rows validated so far" }),
    importedRows: z.number().int().openapi({ description: "rows written so far (inserted + updated)" }),
    insertedRows: z.number().int().nullable(),
    updatedRows: z.number().int().nullable().openapi({ description: "existing records matched and updated" }),
    errorCount: z.number().int().openapi({ description: "problems found (a row can have several)" }),
    failedRows: z.number().int().nullable().openapi({ description: "rows with at least one problem" }),
    errors: z.array(ImportError).openapi({ description: "the first 200 problems, in the caller's language" }),
    message: z.string().nullable().openapi({ description: "why the whole job failed, if it did" }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("ImportJob");

export const CommitBody = z
  .object({ mode: z.enum(["all_or_nothing", "good_rows"]).default("all_or_nothing") })
  .openapi("ImportCommit");

export const UploadBody = {
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: { file: { type: "string" as const, format: "binary", description: ".xlsx or UTF-8 .csv, at most 20 MB" } },
        required: ["file"],
      },
    },
  },
  required: true,
};

const noPaging = { page: true, pageSize: true } as const;
export const ResidentExportQuery = ResidentQuery.omit(noPaging);
export const HouseholdExportQuery = HouseholdQuery.omit(noPaging);
export const BuildingExportQuery = BuildingQuery.omit(noPaging);
export const GridExportQuery = GridQuery;

export const ExportQuery = ResidentExportQuery.extend(HouseholdExportQuery.shape).extend(BuildingExportQuery.shape);

export const xlsxResponse = (description: string) => ({
  content: {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
      schema: { type: "string" as const, format: "binary" },
    },
  },
  description,
});
