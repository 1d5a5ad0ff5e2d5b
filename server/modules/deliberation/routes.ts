// HTTP routes of the deliberation module: bodies and members, flow templates, proposals with their
// backing and decision flow, statistics, and the generic decide_files attachments.
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { AppError, fieldError } from "../../lib/errors.js";
import { actorOf, createRouter, type Ctx, errorResponses, IdParam, json, jsonBody, requireUser } from "../../lib/http.js";
import { tooLarge } from "../appeals/attachments.service.js";
import { periodOf } from "../appeals/stats.routes.js";
import * as bodies from "./bodies.service.js";
import * as files from "./files.service.js";
import * as proposals from "./proposals.service.js";
import {
  BackingResult,
  Backing,
  Body,
  BodyCreate,
  BodyDetail,
  BodyKindEnum,
  BodyUpdate,
  DecideFile,
  FlowTemplate,
  FlowTemplateCreate,
  Member,
  MemberCreate,
  MemberEnd,
  MemberIdParam,
  MemberUpdate,
  NoteBody,
  PaperBacking,
  Proposal,
  ProposalCreate,
  ProposalDetail,
  ProposalPage,
  ProposalQuery,
  ProposalStats,
  ProposalUpdate,
  Standing,
  StepBody,
  SubmitBody,
} from "./schemas.js";
import * as templates from "./templates.service.js";

export const deliberationRoutes = createRouter();

const tags = ["decide"];

/** Staff who read decisions, or residents who take part. */
function reader(c: Ctx) {
  const user = requireUser(c);
  if (!user.permissions.includes("decide.read") && !user.permissions.includes("decide.participate"))
    throw new AppError(403, "forbidden");
  return user;
}

// --- bodies -------------------------------------------------------------------------------------

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/bodies",
    tags,
    summary: "Bodies visible to me (staff: in and above my scope; residents: of the areas I live in)",
    request: { query: z.object({ areaId: z.string().uuid().optional(), kind: BodyKindEnum.optional() }) },
    responses: { 200: json(z.object({ items: z.array(Body) })), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json({ items: await bodies.listBodies(c.get("deps").db, user, c.req.valid("query")) }, 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/bodies/me",
    tags,
    summary: "My standing as a resident: current memberships and whether I am a representative (four rights)",
    responses: { 200: json(Standing), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json(await bodies.myStanding(c.get("deps").db, user), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/bodies",
    tags,
    summary: "Set up a body of a community, compound or building (decide.manage)",
    request: { body: jsonBody(BodyCreate) },
    responses: { 201: json(Body), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await bodies.createBody(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/bodies/{id}",
    tags,
    summary: "A body with its current members, its history (ended members with reasons) and its settings",
    request: { params: IdParam },
    responses: { 200: json(BodyDetail), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json(await bodies.bodyDetail(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/bodies/{id}",
    tags,
    summary: "Rename a body or change its quorum and backing thresholds (decide.manage)",
    request: { params: IdParam, body: jsonBody(BodyUpdate) },
    responses: { 200: json(Body), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await bodies.updateBody(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/bodies/{id}/members",
    tags,
    summary: "Add a member (a resident of the area, or a user) with role and term (decide.manage)",
    request: { params: IdParam, body: jsonBody(MemberCreate) },
    responses: { 201: json(Member), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await bodies.addMember(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/bodies/{id}/members/{memberId}",
    tags,
    summary: "Change a current member's role or term end (decide.manage)",
    request: { params: MemberIdParam, body: jsonBody(MemberUpdate) },
    responses: { 200: json(Member), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id, memberId } = c.req.valid("param");
    return c.json(await bodies.updateMember(c.get("deps").db, user, actorOf(c), id, memberId, c.req.valid("json")), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/bodies/{id}/members/{memberId}/end",
    tags,
    summary: "End a membership (term end, resigned, recalled, moved); the member stays in the history",
    request: { params: MemberIdParam, body: jsonBody(MemberEnd) },
    responses: { 200: json(Member), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { id, memberId } = c.req.valid("param");
    return c.json(await bodies.endMember(c.get("deps").db, user, actorOf(c), id, memberId, c.req.valid("json")), 200);
  },
);

// --- flow templates -----------------------------------------------------------------------------

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/flow-templates",
    tags,
    summary: "Decision flow templates: the built-ins and my district's own",
    responses: { 200: json(z.object({ items: z.array(FlowTemplate) })), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json({ items: await templates.listTemplatesFor(c.get("deps").db, user) }, 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/flow-templates",
    tags,
    summary: "Define a district's own decision flow (district staff)",
    request: { body: jsonBody(FlowTemplateCreate) },
    responses: { 201: json(FlowTemplate), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await templates.createTemplate(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

// --- proposals ----------------------------------------------------------------------------------

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/proposals",
    tags,
    summary: "Proposals visible to me, newest change first; `toBack` lists those I can still back",
    request: { query: ProposalQuery },
    responses: { 200: json(ProposalPage), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json(await proposals.listProposals(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals",
    tags,
    summary: "Draft a proposal: a resident (area default their community) or staff on a resident's behalf",
    request: { body: jsonBody(ProposalCreate) },
    responses: { 201: json(Proposal), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await proposals.draftProposal(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/proposals/{id}",
    tags,
    summary: "A proposal with its backing progress, flow records, files, timeline and what I may do",
    request: { params: IdParam },
    responses: { 200: json(ProposalDetail), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    return c.json(await proposals.proposalDetail(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/proposals/{id}",
    tags,
    summary: "Edit a draft or a returned proposal (its author or staff)",
    request: { params: IdParam, body: jsonBody(ProposalUpdate) },
    responses: { 200: json(Proposal), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await proposals.editProposal(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/submit",
    tags,
    summary: "Submit a draft: backing opens until the deadline; thresholds and flow are snapshotted",
    request: { params: IdParam, body: jsonBody(SubmitBody) },
    responses: { 200: json(Proposal), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await proposals.submitProposal(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/withdraw",
    tags,
    summary: "Withdraw a proposal not yet decided (its author or staff)",
    request: { params: IdParam, body: jsonBody(NoteBody) },
    responses: { 200: json(Proposal), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const b = c.req.valid("json");
    return c.json(
      await proposals.withdrawProposal(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, b.note ?? null),
      200,
    );
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/resubmit",
    tags,
    summary: "Resubmit a returned proposal after revision: back to the same step",
    request: { params: IdParam, body: jsonBody(NoteBody) },
    responses: { 200: json(Proposal), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await proposals.resubmitProposal(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/back",
    tags,
    summary: "Back a proposal online (a resident living in its area; once per resident)",
    request: { params: IdParam },
    responses: { 200: json(BackingResult), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await proposals.backOnline(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/proposals/{id}/backings",
    tags,
    summary: "Who backed a proposal, with household and channel (staff)",
    request: { params: IdParam },
    responses: { 200: json(z.object({ items: z.array(Backing) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await proposals.listBackings(c.get("deps").db, user, c.req.valid("param").id) }, 200);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/backings",
    tags,
    summary: "Enter a paper signature (decide.record): the signer must live in the area; household from the registry",
    request: { params: IdParam, body: jsonBody(PaperBacking) },
    responses: { 201: json(BackingResult), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const { residentId } = c.req.valid("json");
    return c.json(await proposals.backOnPaper(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, residentId), 201);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/proposals/{id}/steps",
    tags,
    summary: "Record the current flow step's outcome: pass, return for revision, or reject (decide.manage)",
    request: { params: IdParam, body: jsonBody(StepBody) },
    responses: {
      200: json(z.object({ stepId: z.string(), round: z.number().int(), proposal: Proposal })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await proposals.recordStep(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  },
);

const Instant = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/)
  .optional();

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/stats/proposals",
    tags,
    summary: "Per community in my scope over [from, to): proposals submitted, backed, adopted, rejected, lapsed",
    request: {
      query: z.object({
        from: Instant.openapi({ description: "CST date or ISO instant; default 30 days before `to`" }),
        to: Instant.openapi({ description: "exclusive; default now" }),
        areaId: z.string().uuid().optional(),
      }),
    },
    responses: { 200: json(ProposalStats), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const q = c.req.valid("query");
    const p = periodOf(q);
    return c.json(await proposals.proposalStats(c.get("deps").db, user, { ...p, areaId: q.areaId }), 200);
  },
);

// --- files --------------------------------------------------------------------------------------

const UploadBody = {
  content: {
    "multipart/form-data": {
      schema: {
        type: "object" as const,
        properties: {
          file: { type: "string" as const, format: "binary", description: "JPEG, PNG, GIF, WebP or PDF, at most 10 MB" },
          ownerType: { type: "string" as const, enum: [...files.OWNER_TYPES] },
          ownerId: { type: "string" as const, format: "uuid" },
        },
        required: ["file", "ownerType", "ownerId"],
      },
    },
  },
  required: true,
};

deliberationRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/files",
    tags,
    summary: "Attach a file to a proposal, step, meeting, project update, disclosure, agreement, ...",
    description: "multipart/form-data: file, ownerType, ownerId. The type is read from the file's bytes.",
    middleware: [
      bodyLimit({
        maxSize: files.MAX_FILE_BYTES + 64 * 1024,
        onError: () => {
          throw tooLarge();
        },
      }),
    ] as const,
    request: { body: UploadBody },
    responses: { 201: json(DecideFile, "Stored"), ...errorResponses },
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
    if (typeof form.ownerType !== "string" || !form.ownerType) throw fieldError("ownerType", "required");
    if (typeof form.ownerId !== "string" || !form.ownerId) throw fieldError("ownerId", "required");
    if (!(file instanceof File)) throw fieldError("file", "required");
    if (file.size > files.MAX_FILE_BYTES) throw tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const out = await files.uploadFile(c.get("deps"), user, actorOf(c), {
      ownerType: form.ownerType,
      ownerId: form.ownerId,
      file: { name: file.name, bytes },
    });
    return c.json(out, 201);
  },
);

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/files",
    tags,
    summary: "The files of one owner, for whoever can see the owner",
    request: {
      query: z.object({ ownerType: z.enum(files.OWNER_TYPES), ownerId: z.string().uuid() }),
    },
    responses: { 200: json(z.object({ items: z.array(DecideFile) })), ...errorResponses },
  }),
  async (c) => {
    const user = reader(c);
    const q = c.req.valid("query");
    return c.json({ items: await files.listFiles(c.get("deps").db, user, q.ownerType, q.ownerId) }, 200);
  },
);

/** `inline` with an ASCII fallback and the real (often Chinese) name in RFC 5987 form. */
function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

deliberationRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/files/{id}",
    tags,
    summary: "The bytes of a file, for whoever can see its owner's area",
    request: { params: IdParam },
    responses: {
      200: { description: "The file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = reader(c);
    const { file, bytes } = await files.readFile(c.get("deps"), user, c.req.valid("param").id);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "content-type": file.mime,
        "content-length": String(bytes.length),
        "content-disposition": inlineDisposition(file.name),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-cache",
      },
    });
  },
);
