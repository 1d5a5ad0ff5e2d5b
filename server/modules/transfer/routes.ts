import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError, fieldError } from "../../lib/errors.js";
import { actorOf, createRouter, type Ctx, errorResponses, json, jsonBody, requirePermission } from "../../lib/http.js";
import type { SessionUser } from "../identity/types.js";
import { findAreaOrNotFound } from "../registry/areas.service.js";
import { placeFilter } from "../registry/places.routes.js";
import { residentFilter } from "../registry/residents.routes.js";
import type { ImportKind } from "./rules.js";
import {
  CommitBody,
  ExportQuery,
  FileParam,
  ImportJob,
  JobIdParam,
  KindParam,
  kindOfFile,
  UploadBody,
  xlsxResponse,
} from "./schemas.js";
import * as service from "./service.js";
import { fileTypeOf, templateWorkbook } from "./workbook.js";

export const transferRoutes = createRouter();

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `attachment` with an ASCII fallback and the real (Chinese) name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function xlsxDownload(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    status: 200,
    headers: { "content-type": XLSX, "content-disposition": contentDisposition(fileName), "cache-control": "no-store" },
  });
}

/** Import rights; grids also change the area structure, so they need area.write as well. */
function importer(c: Ctx, kind: ImportKind): SessionUser {
  const user = requirePermission(c, "registry.import");
  if (kind === "grids") requirePermission(c, "area.write");
  return user;
}

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/import/templates/{file}",
    tags: ["import/export"],
    summary: "Import template: the header, one example row, and a 说明 sheet explaining each column",
    request: { params: FileParam },
    responses: { 200: xlsxResponse("The template workbook"), ...errorResponses },
  }),
  async (c) => {
    const kind = kindOfFile(c.req.valid("param").file);
    importer(c, kind);
    const bytes = await templateWorkbook(kind);
    return xlsxDownload(new Uint8Array(bytes), `${service.EXPORT_LABELS[kind].replace("名单", "")}导入模板.xlsx`);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/import/{kind}",
    tags: ["import/export"],
    summary: "Upload a file to import; it is validated in the background (poll the job)",
    description:
      "multipart/form-data with a `file` field (.xlsx or UTF-8 .csv, at most 20 MB). Answers 202 with the job " +
      "in status 'validating'; GET /api/import/jobs/{id} shows progress and, once 'validated', every bad row.",
    middleware: [
      bodyLimit({
        maxSize: service.MAX_FILE_BYTES + 64 * 1024,
        onError: () => {
          throw new AppError(413, "payload_too_large");
        },
      }),
    ] as const,
    request: { params: KindParam, body: UploadBody },
    responses: { 202: json(ImportJob, "Accepted: validation runs in the background"), ...errorResponses },
  }),
  async (c) => {
    const { kind } = c.req.valid("param");
    const user = importer(c, kind);
    let file: unknown;
    try {
      file = (await c.req.parseBody())?.file;
    } catch {
      throw fieldError("file", "required");
    }
    if (!(file instanceof File)) throw fieldError("file", "required");
    const type = fileTypeOf(file.name);
    if (!type) throw fieldError("file", "invalid_value");
    if (file.size > service.MAX_FILE_BYTES) throw new AppError(413, "payload_too_large");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const started = await service.startImport(c.get("deps"), user, kind, file.name, type, bytes);
    return c.json(started.view(c.get("lang")), 202);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/import/jobs/{id}",
    tags: ["import/export"],
    summary: "An import job: status, progress and the first 200 problems",
    request: { params: JobIdParam },
    responses: { 200: json(ImportJob), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.read");
    return c.json(await service.getJob(c.get("deps").db, user, c.req.valid("param").id, c.get("lang")), 200);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/import/jobs/{id}/errors.xlsx",
    tags: ["import/export"],
    summary: "The rows that failed, as uploaded, with an 错误原因 column",
    request: { params: JobIdParam },
    responses: { 200: xlsxResponse("The failed rows"), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.import");
    const out = await service.jobErrorWorkbook(c.get("deps").db, user, c.req.valid("param").id, c.get("lang"));
    return xlsxDownload(new Uint8Array(out.bytes), out.fileName);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/import/jobs/{id}/commit",
    tags: ["import/export"],
    summary: "Import the validated rows in one transaction",
    description:
      "all_or_nothing refuses with 409 when any row has an error; good_rows imports the good ones. People are " +
      "matched by document number: existing residents are updated, not duplicated. The answer comes when the " +
      "import is done, or after 15 s with status 'importing' (then poll the job).",
    request: { params: JobIdParam, body: jsonBody(CommitBody) },
    responses: { 200: json(ImportJob), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.import");
    const { id } = c.req.valid("param");
    const view = await service.commitImport(c.get("deps"), user, actorOf(c), id, c.req.valid("json").mode, c.get("lang"), {
      guard: (kind) => importer(c, kind),
    });
    return c.json(view, 200);
  },
);

transferRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/export/{file}",
    tags: ["import/export"],
    summary: "Export a filtered list as .xlsx (masked, audited)",
    description:
      "Takes the same filters as the list endpoints (residents: q, idNumber, phone, address, tag, areaId, householdId; " +
      "households: q, areaId, buildingId; buildings: q, areaId; grids: areaId). ID and phone numbers are masked.",
    request: { params: FileParam, query: ExportQuery },
    responses: { 200: xlsxResponse("The list, streamed"), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "registry.export");
    const kind = kindOfFile(c.req.valid("param").file);
    const q = c.req.valid("query");
    const { db } = c.get("deps");
    let out: { fileName: string; body: ReadableStream<Uint8Array> };
    if (kind === "residents") {
      const query = {
        q: q.q,
        idNumber: q.idNumber,
        phone: q.phone,
        address: q.address,
        tag: q.tag,
        areaId: q.areaId,
        householdId: q.householdId,
      };
      const filter = await residentFilter(c, { ...query, page: 1, pageSize: 20 });
      out = service.exportWorkbook(db, user, actorOf(c), { kind, filter }, service.auditableFilter(query));
    } else if (kind === "households" || kind === "buildings") {
      const query = kind === "households" ? { q: q.q, areaId: q.areaId, buildingId: q.buildingId } : { q: q.q, areaId: q.areaId };
      const filter = await placeFilter(c, query);
      out = service.exportWorkbook(db, user, actorOf(c), { kind, filter }, service.auditableFilter(query));
    } else {
      const underPath = q.areaId ? (await findAreaOrNotFound(db, user, q.areaId)).path : undefined;
      out = service.exportWorkbook(db, user, actorOf(c), { kind, underPath }, service.auditableFilter({ areaId: q.areaId }));
    }
    return xlsxDownload(out.body, out.fileName);
  },
);
