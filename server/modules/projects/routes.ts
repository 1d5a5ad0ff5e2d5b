// HTTP routes of the projects module: practical projects (实事项目) and agreements (三约).
import { createRoute, z } from "@hono/zod-openapi";
import {
  actorOf,
  createRouter,
  errorResponses,
  IdParam,
  json,
  jsonBody,
  Paging,
  pageOf,
  requirePermission,
  requireUser,
} from "../../lib/http.js";
import * as agreements from "./agreements.service.js";
import * as service from "./service.js";

export const projectsRoutes = createRouter();

const tags = ["decide: projects"];
const agreementTags = ["decide: agreements"];

const DateStr = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: "invalid_value",
  })
  .openapi({ example: "2026-06-30" });
const Money = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: "projects_money_format" })
  .openapi({ example: "240000.00", description: "yuan, at most two decimals" });
const Weight = z
  .string()
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, { message: "invalid_value" })
  .openapi({ example: "30" });
const Percent = z
  .union([z.number().min(0).max(100), z.string().trim()])
  .openapi({ example: "87.5", description: "0..100, at most two decimals" });

const ProjectStatus = z.enum(["planned", "in_progress", "done", "reopened", "cancelled"]);
const SourceType = z.enum(["proposal", "budget", "order", "manual"]);
const AgreementKind = z.enum(["duty", "org_resident", "convention"]);
const AgreementStatus = z.enum(["draft", "published", "retired"]);

const ProjectSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    status: ProjectStatus,
    progress: z.string().openapi({ example: "87.50" }),
    budget: z.string().openapi({ example: "400000.00" }),
    sourceType: SourceType,
    sourceId: z.string().nullable(),
    parentId: z.string().nullable(),
    areaId: z.string(),
    areaName: z.string(),
    ownerUserId: z.string().nullable(),
    ownerUserName: z.string().nullable(),
    ownerUnitId: z.string().nullable(),
    ownerUnitName: z.string().nullable(),
    plannedEnd: z.string().nullable(),
    updatedAt: z.string(),
    childCount: z.number().int(),
    followerCount: z.number().int(),
    following: z.boolean().openapi({ description: "whether I follow it" }),
  })
  .openapi("ProjectSummary");

const Milestone = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  weight: z.string().nullable(),
  position: z.number().int(),
});

const ProjectDetail = ProjectSummary.extend({
  description: z.string(),
  plannedStart: z.string().nullable(),
  startedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  parent: z.object({ id: z.string(), title: z.string() }).nullable(),
  source: z.object({ type: SourceType, id: z.string(), title: z.string() }).nullable(),
  children: z.array(ProjectSummary),
  milestones: z.array(Milestone),
  milestoneProgress: z.string().nullable().openapi({ description: "share of milestones done (weighted when all have weights)" }),
  can: z.object({
    manage: z.boolean(),
    postUpdate: z.boolean(),
    setProgress: z.boolean(),
    nextStatuses: z.array(ProjectStatus),
    follow: z.boolean(),
    comment: z.boolean(),
  }),
}).openapi("ProjectDetail");

const TimelineEntry = z
  .object({
    id: z.string(),
    kind: z.enum(["update", "status", "reopen", "milestone", "created"]),
    body: z.string(),
    progress: z.string().nullable(),
    statusFrom: z.string().nullable(),
    statusTo: z.string().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
    photos: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() })),
  })
  .openapi("ProjectTimelineEntry");

const MilestoneBody = z.object({
  title: z.string().trim().min(1).max(200),
  dueOn: DateStr.nullable().optional(),
  weight: Weight.nullable().optional(),
});

const NewProjectBody = z
  .object({
    areaId: z.string().uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(10000).nullable().optional(),
    budget: Money,
    sourceType: SourceType,
    sourceId: z.string().uuid().nullable().optional().openapi({ description: "proposals.id, orders.id or budget_ideas.id" }),
    ownerUserId: z.string().uuid().nullable().optional(),
    ownerUnitId: z.string().uuid().nullable().optional(),
    parentId: z.string().uuid().nullable().optional(),
    plannedStart: DateStr.nullable().optional(),
    plannedEnd: DateStr.nullable().optional(),
    milestones: z.array(MilestoneBody).max(50).optional(),
  })
  .openapi("NewProject");

const PatchProjectBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(10000).optional(),
    budget: Money.optional(),
    ownerUserId: z.string().uuid().nullable().optional(),
    ownerUnitId: z.string().uuid().nullable().optional(),
    plannedStart: DateStr.nullable().optional(),
    plannedEnd: DateStr.nullable().optional(),
    version: z.number().int().min(0).optional().openapi({ description: "the version you saw; a stale one is refused with 409" }),
  })
  .openapi("PatchProject");

const ProjectQuery = Paging.extend({
  status: ProjectStatus.optional(),
  sourceType: SourceType.optional(),
  areaId: z.string().uuid().optional(),
  parentId: z.string().uuid().optional(),
  roots: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "only top-level projects" }),
  followed: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "only projects I follow" }),
  q: z.string().trim().max(100).optional(),
});

const MilestoneParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
  milestoneId: z
    .string()
    .uuid()
    .openapi({ param: { name: "milestoneId", in: "path" } }),
});

const IdOut = z.object({ id: z.string() });

// ---------------------------------------------------------------------------------------------
// Projects

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/projects",
    tags,
    summary: "Practical projects: staff see their scope, residents the areas they live in",
    request: { query: ProjectQuery },
    responses: { 200: json(pageOf(ProjectSummary)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.listProjects(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects",
    tags,
    summary: "Create a practical project (from a proposal, budget idea, work order, or by hand)",
    request: { body: jsonBody(NewProjectBody) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await service.createProject(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/projects/{id}",
    tags,
    summary: "One project with its children, milestones and the actions open to you",
    request: { params: IdParam },
    responses: { 200: json(ProjectDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await service.readProject(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/projects/{id}",
    tags,
    summary: "Edit a project's title, description, budget, owner or planned dates",
    request: { params: IdParam, body: jsonBody(PatchProjectBody) },
    responses: { 200: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await service.updateProject(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects/{id}/status",
    tags,
    summary: "Move a project: planned → in_progress → done, or cancel it (reopening is by evaluation only)",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ to: ProjectStatus, note: z.string().trim().max(2000).nullable().optional() })),
    },
    responses: { 200: json(z.object({ id: z.string(), status: ProjectStatus })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await service.moveProject(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/projects/{id}/updates",
    tags,
    summary: "The project's timeline, newest first, with photos (decide_files of owner type project_update)",
    request: { params: IdParam },
    responses: { 200: json(z.object({ items: z.array(TimelineEntry) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await service.listUpdates(c.get("deps").db, user, c.req.valid("param").id) }, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects/{id}/updates",
    tags,
    summary: "Post a timeline update (staff in scope or the owner); attach photos afterwards via POST /api/decide/files",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          body: z.string().trim().min(1).max(5000),
          progress: Percent.nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(z.object({ id: z.string(), status: ProjectStatus })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const b = c.req.valid("json");
    const progress = b.progress === undefined || b.progress === null ? null : String(b.progress);
    const out = await service.postUpdate(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, {
      body: b.body,
      progress,
    });
    return c.json(out, 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects/{id}/milestones",
    tags,
    summary: "Add a milestone",
    request: { params: IdParam, body: jsonBody(MilestoneBody) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await service.addMilestone(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/projects/{id}/milestones/{milestoneId}",
    tags,
    summary: "Edit a milestone or mark it done (doneOn)",
    request: {
      params: MilestoneParams,
      body: jsonBody(
        z.object({
          title: z.string().trim().min(1).max(200).optional(),
          dueOn: DateStr.nullable().optional(),
          doneOn: DateStr.nullable().optional(),
          weight: Weight.nullable().optional(),
        }),
      ),
    },
    responses: { 200: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const p = c.req.valid("param");
    const out = await service.updateMilestone(c.get("deps").db, user, actorOf(c), p.id, p.milestoneId, c.req.valid("json"));
    return c.json(out, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/decide/projects/{id}/milestones/{milestoneId}",
    tags,
    summary: "Remove a milestone",
    request: { params: MilestoneParams },
    responses: { 200: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const p = c.req.valid("param");
    return c.json(await service.deleteMilestone(c.get("deps").db, user, actorOf(c), p.id, p.milestoneId), 200);
  },
);

const FollowOut = z.object({ following: z.boolean(), followerCount: z.number().int() });

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects/{id}/follow",
    tags,
    summary: "Follow a project (residents of its area); following twice changes nothing",
    request: { params: IdParam },
    responses: { 200: json(FollowOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.participate");
    return c.json(await service.follow(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, true), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/api/decide/projects/{id}/follow",
    tags,
    summary: "Stop following a project",
    request: { params: IdParam },
    responses: { 200: json(FollowOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.participate");
    return c.json(await service.follow(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, false), 200);
  },
);

const Comment = z
  .object({
    id: z.string(),
    authorName: z.string(),
    staff: z.boolean(),
    mine: z.boolean(),
    body: z.string(),
    createdAt: z.string(),
  })
  .openapi("ProjectComment");

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/projects/{id}/comments",
    tags,
    summary: "Comments on a project, newest first (residents' names are masked for other residents)",
    request: { params: IdParam, query: Paging },
    responses: { 200: json(pageOf(Comment)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const q = c.req.valid("query");
    return c.json(await service.listComments(c.get("deps").db, user, c.req.valid("param").id, q.page, q.pageSize), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/projects/{id}/comments",
    tags,
    summary: "Comment on a project (residents of its area; staff who manage it may reply)",
    request: { params: IdParam, body: jsonBody(z.object({ body: z.string().trim().min(1).max(2000) })) },
    responses: { 201: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    const out = await service.addComment(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").body);
    return c.json(out, 201);
  },
);

// ---------------------------------------------------------------------------------------------
// Agreements

const AgreementSummary = z
  .object({
    id: z.string(),
    kind: AgreementKind,
    title: z.string(),
    summary: z.string(),
    status: AgreementStatus,
    areaId: z.string(),
    areaName: z.string(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    versionNumber: z.number().int().nullable(),
    effectiveOn: z.string().nullable(),
    signatureCount: z.number().int().openapi({ description: "signatures of the current version" }),
    signedByMe: z.boolean(),
  })
  .openapi("AgreementSummary");

const AgreementVersion = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: z.enum(["draft", "published", "superseded"]),
    body: z.string(),
    effectiveOn: z.string(),
    note: z.string().nullable(),
    publishedAt: z.string().nullable(),
    supersededAt: z.string().nullable(),
    signatureCount: z.number().int(),
  })
  .openapi("AgreementVersion");

const AgreementDetail = z
  .object({
    id: z.string(),
    kind: AgreementKind,
    title: z.string(),
    summary: z.string(),
    status: AgreementStatus,
    areaId: z.string(),
    areaName: z.string(),
    currentVersionId: z.string().nullable(),
    publishedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    createdAt: z.string(),
    versions: z.array(AgreementVersion),
    mySignature: z.object({ signedAt: z.string(), channel: z.enum(["online", "paper"]) }).nullable(),
    can: z.object({ manage: z.boolean(), sign: z.boolean(), record: z.boolean(), readSignatures: z.boolean() }),
  })
  .openapi("AgreementDetail");

const VersionParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
  versionId: z
    .string()
    .uuid()
    .openapi({ param: { name: "versionId", in: "path" } }),
});

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/agreements",
    tags: agreementTags,
    summary: "Agreements (三约): staff see their scope; residents the published ones of their areas",
    request: {
      query: Paging.extend({
        kind: AgreementKind.optional(),
        status: AgreementStatus.optional(),
        areaId: z.string().uuid().optional(),
      }),
    },
    responses: { 200: json(pageOf(AgreementSummary)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await agreements.listAgreements(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements",
    tags: agreementTags,
    summary: "Draft an agreement with its first version",
    request: {
      body: jsonBody(
        z
          .object({
            areaId: z.string().uuid(),
            kind: AgreementKind,
            title: z.string().trim().min(1).max(200),
            summary: z.string().max(2000).nullable().optional(),
            body: z.string().trim().min(1).max(50000),
            effectiveOn: DateStr,
          })
          .openapi("NewAgreement"),
      ),
    },
    responses: { 201: json(z.object({ id: z.string(), versionId: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await agreements.createAgreement(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/agreements/{id}",
    tags: agreementTags,
    summary: "One agreement with its version history and whether you signed the current version",
    request: { params: IdParam },
    responses: { 200: json(AgreementDetail), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await agreements.readAgreement(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/agreements/{id}",
    tags: agreementTags,
    summary: "Edit an agreement's title or summary",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ title: z.string().trim().min(1).max(200).optional(), summary: z.string().max(2000).optional() })),
    },
    responses: { 200: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await agreements.updateAgreement(
      c.get("deps").db,
      user,
      actorOf(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json(out, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements/{id}/versions",
    tags: agreementTags,
    summary: "Draft a new version (one draft at a time; effective no earlier than the current version)",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          body: z.string().trim().min(1).max(50000),
          effectiveOn: DateStr,
          note: z.string().max(2000).nullable().optional(),
        }),
      ),
    },
    responses: { 201: json(z.object({ id: z.string(), number: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await agreements.addVersion(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(out, 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/agreements/{id}/versions/{versionId}",
    tags: agreementTags,
    summary: "Edit a draft version",
    request: {
      params: VersionParams,
      body: jsonBody(
        z.object({
          body: z.string().trim().min(1).max(50000).optional(),
          effectiveOn: DateStr.optional(),
          note: z.string().max(2000).nullable().optional(),
        }),
      ),
    },
    responses: { 200: json(IdOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const p = c.req.valid("param");
    const out = await agreements.editVersion(c.get("deps").db, user, actorOf(c), p.id, p.versionId, c.req.valid("json"));
    return c.json(out, 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements/{id}/versions/{versionId}/publish",
    tags: agreementTags,
    summary: "Publish a draft version; the version in force becomes superseded",
    request: { params: VersionParams },
    responses: {
      200: json(z.object({ id: z.string(), versionId: z.string(), status: z.literal("published") })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const p = c.req.valid("param");
    return c.json(await agreements.publishVersion(c.get("deps").db, user, actorOf(c), p.id, p.versionId), 200);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements/{id}/retire",
    tags: agreementTags,
    summary: "Retire an agreement (no more versions or signatures; history kept)",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ reason: z.string().trim().max(2000).nullable().optional() })),
    },
    responses: { 200: json(z.object({ id: z.string(), status: z.literal("retired") })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const out = await agreements.retireAgreement(
      c.get("deps").db,
      user,
      actorOf(c),
      c.req.valid("param").id,
      c.req.valid("json").reason,
    );
    return c.json(out, 200);
  },
);

const SignatureOut = z.object({ id: z.string(), versionId: z.string(), signedAt: z.string() });

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements/{id}/sign",
    tags: agreementTags,
    summary:
      "Sign the current version yourself: residents a convention or organisation–resident agreement, cadres a duty agreement",
    request: { params: IdParam },
    responses: { 201: json(SignatureOut), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await agreements.signAgreement(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/agreements/{id}/signatures",
    tags: agreementTags,
    summary: "Record a paper signature of the current version (decide.record)",
    request: {
      params: IdParam,
      body: jsonBody(
        z
          .object({ signerType: z.enum(["resident", "user", "household"]), signerId: z.string().uuid() })
          .openapi("PaperSignature"),
      ),
    },
    responses: { 201: json(SignatureOut), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.record");
    const out = await agreements.recordSignature(
      c.get("deps").db,
      user,
      actorOf(c),
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json(out, 201);
  },
);

projectsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/agreements/{id}/signatures",
    tags: agreementTags,
    summary: "Who signed a version (default: the current one); staff only",
    request: { params: IdParam, query: Paging.extend({ versionId: z.string().uuid().optional() }) },
    responses: {
      200: json(
        pageOf(
          z.object({
            id: z.string(),
            signerType: z.enum(["resident", "user", "household"]),
            signerId: z.string(),
            signerName: z.string(),
            channel: z.enum(["online", "paper"]),
            signedAt: z.string(),
            recordedBy: z.string().nullable(),
          }),
        ),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    return c.json(await agreements.listSignatures(c.get("deps").db, user, c.req.valid("param").id, c.req.valid("query")), 200);
  },
);
