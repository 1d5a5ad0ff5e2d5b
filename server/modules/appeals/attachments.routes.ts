import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { fieldError } from "../../lib/errors.js";
import { actorOf, createRouter, errorResponses, IdParam, json, requireUser } from "../../lib/http.js";
import * as service from "./attachments.service.js";

export const attachmentRoutes = createRouter();

const Attachment = z
  .object({
    id: z.string(),
    fileName: z.string(),
    mime: z.string(),
    size: z.number(),
    stage: z.enum(service.STAGES),
    url: z.string(),
  })
  .openapi("Attachment");

const UploadBody = {
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: {
          file: { type: "string" as const, format: "binary", description: "JPEG, PNG, GIF, WebP or PDF, at most 10 MB" },
          stage: { type: "string" as const, enum: [...service.STAGES], description: "default intake" },
        },
        required: ["file"],
      },
    },
  },
  required: true,
};

/** `inline` with an ASCII fallback and the real (often Chinese) name in RFC 5987 form. */
function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

attachmentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/orders/{id}/attachments",
    tags: ["appeals"],
    summary: "Attach a photo or PDF to an order (at most 10 MB, 9 files per order); anyone who may read the order",
    description:
      "multipart/form-data with `file` and optional `stage` (intake, progress, answer). The type is read from the file's bytes.",
    middleware: [
      bodyLimit({
        maxSize: service.MAX_ATTACHMENT_BYTES + 64 * 1024,
        onError: () => {
          throw service.tooLarge();
        },
      }),
    ] as const,
    request: { params: IdParam, body: UploadBody },
    responses: { 201: json(Attachment, "Stored"), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw fieldError("file", "required");
    }
    const file = form.file;
    if (!(file instanceof File)) throw fieldError("file", "required");
    const stage = form.stage === undefined || form.stage === "" ? "intake" : form.stage;
    if (typeof stage !== "string" || !(service.STAGES as readonly string[]).includes(stage))
      throw fieldError("stage", "invalid_value");
    if (file.size > service.MAX_ATTACHMENT_BYTES) throw service.tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const out = await service.addAttachment(
      c.get("deps"),
      user,
      actorOf(c),
      c.req.valid("param").id,
      { name: file.name, bytes },
      stage as service.Stage,
    );
    return c.json(out, 201);
  },
);

attachmentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/attachments/{id}",
    tags: ["appeals"],
    summary: "The bytes of an attachment, for those who may read its order",
    request: { params: IdParam },
    responses: {
      200: { description: "The file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const { attachment: a, bytes } = await service.readAttachment(c.get("deps"), user, c.req.valid("param").id);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "content-type": a.mime,
        "content-length": String(bytes.length),
        "content-disposition": inlineDisposition(a.file_name),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-cache",
      },
    });
  },
);
