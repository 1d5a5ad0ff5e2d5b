// Meetings over HTTP: schedule, notice, agenda, sign-in, the live count, minutes and decisions,
// status changes and open-space topics.
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
import * as meetings from "./meetings.service.js";

export const meetingRoutes = createRouter();

const KINDS = [
  "public_opinion",
  "hearing",
  "coordination",
  "evaluation",
  "opinion_gathering",
  "consultation",
  "body",
  "open_space",
] as const;
const STATUSES = ["scheduled", "in_progress", "closed", "published", "cancelled"] as const;
const OUTCOMES = ["passed", "rejected", "returned", "noted", "deferred"] as const;

const Ratio = z
  .string()
  .trim()
  .max(12)
  .nullable()
  .optional()
  .openapi({ description: "quorum as a ratio of the expected members, e.g. 2/3 or 0.6; default the body's" });

const AgendaItemBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    notes: z.string().trim().max(4000).nullable().optional(),
    proposalId: z.string().uuid().nullable().optional(),
    orderId: z.string().uuid().nullable().optional(),
  })
  .openapi("MeetingAgendaItemBody");

const MeetingBody = z
  .object({
    areaId: z.string().uuid(),
    bodyId: z.string().uuid().nullable().optional(),
    kind: z.enum(KINDS).openapi({
      description:
        "民情恳谈会 public_opinion, 听证会 hearing, 协调会 coordination, 评议会 evaluation, 民情征询会 opinion_gathering, 民主协商会 consultation, body meeting, open_space",
    }),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).nullable().optional(),
    place: z.string().trim().max(200).nullable().optional(),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }).nullable().optional(),
    public: z.boolean().optional().openapi({ description: "any resident may sign in; default: all but body meetings" }),
    quorumRatio: Ratio,
    expectedCount: z.number().int().min(0).max(100000).nullable().optional(),
    agenda: z.array(AgendaItemBody).max(50).optional(),
    notify: z.boolean().optional().openapi({ description: "send the notice to the body's members now" }),
  })
  .openapi("MeetingBody");

const MeetingPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(4000).nullable().optional(),
    place: z.string().trim().max(200).nullable().optional(),
    startsAt: z.string().datetime({ offset: true }).optional(),
    endsAt: z.string().datetime({ offset: true }).nullable().optional(),
    public: z.boolean().optional(),
    quorumRatio: Ratio,
    expectedCount: z.number().int().min(0).max(100000).nullable().optional(),
    minutes: z.string().max(50000).nullable().optional(),
    decisions: z.string().max(20000).nullable().optional(),
    version: z.number().int().min(0).optional(),
  })
  .openapi("MeetingPatch");

const Count = z
  .object({
    present: z.number().int(),
    expected: z.number().int().nullable(),
    needed: z.number().int().nullable(),
    ratio: z.string(),
    reached: z.boolean(),
    short: z.number().int(),
    observers: z.number().int().openapi({ description: "signed in but not counted for the quorum (not members)" }),
  })
  .openapi("MeetingCount");

const MeetingItem = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS),
    title: z.string(),
    place: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    status: z.enum(STATUSES),
    public: z.boolean(),
    areaId: z.string(),
    areaName: z.string(),
    bodyId: z.string().nullable(),
    bodyName: z.string().nullable(),
    attendance: z.number().int(),
  })
  .openapi("MeetingItem");

const Meeting = z
  .object({
    id: z.string(),
    districtId: z.string(),
    areaId: z.string(),
    areaName: z.string(),
    bodyId: z.string().nullable(),
    bodyName: z.string().nullable(),
    kind: z.enum(KINDS),
    title: z.string(),
    description: z.string().nullable(),
    place: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    public: z.boolean(),
    quorumRatio: z.string().nullable(),
    expectedCount: z.number().int().nullable(),
    status: z.enum(STATUSES),
    minutes: z.string().nullable().openapi({ description: "residents see it once published" }),
    decisions: z.string().nullable(),
    notifiedAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
    version: z.number().int(),
    checkinCode: z.string().nullable().openapi({ description: "shown to staff only, to display at the meeting" }),
    agenda: z.array(
      z.object({
        id: z.string(),
        position: z.number().int(),
        title: z.string(),
        notes: z.string().nullable(),
        proposalId: z.string().nullable(),
        proposalTitle: z.string().nullable(),
        orderId: z.string().nullable(),
        orderNumber: z.string().nullable(),
        voteId: z.string().nullable(),
        outcome: z.enum(OUTCOMES).nullable(),
        decision: z.string().nullable(),
      }),
    ),
    votes: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
    count: Count,
    me: z.object({ signedIn: z.boolean() }),
    canManage: z.boolean(),
    canRecord: z.boolean(),
  })
  .openapi("Meeting");

const SignInResult = z.object({
  signedIn: z.boolean(),
  alreadySignedIn: z.boolean(),
  member: z.boolean().openapi({ description: "counted for the quorum as a current member of the body" }),
  name: z.string(),
});

const TopicParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
const ItemParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
  itemId: z
    .string()
    .uuid()
    .openapi({ param: { name: "itemId", in: "path" } }),
});

meetingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/meetings",
    tags: ["decide"],
    summary: "Meetings in my scope (staff) or of the areas I live in (residents), newest first",
    request: {
      query: Paging.extend({
        status: z.enum(STATUSES).optional(),
        kind: z.enum(KINDS).optional(),
        bodyId: z.string().uuid().optional(),
        upcoming: z
          .enum(["true", "false"])
          .optional()
          .transform((v) => v === "true"),
      }),
    },
    responses: { 200: json(pageOf(MeetingItem)), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await meetings.listMeetings(c.get("deps").db, user, c.req.valid("query")), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings",
    tags: ["decide"],
    summary: "Schedule a meeting (with agenda; optionally notify the body's members)",
    request: { body: jsonBody(MeetingBody) },
    responses: { 201: json(z.object({ id: z.string(), notified: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await meetings.createMeeting(c.get("deps").db, user, actorOf(c), c.req.valid("json")), 201);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/meetings/{id}",
    tags: ["decide"],
    summary: "A meeting with agenda, votes, the live count; minutes and decisions (residents: once published)",
    request: { params: IdParam },
    responses: { 200: json(Meeting), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await meetings.getMeeting(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/meetings/{id}",
    tags: ["decide"],
    summary: "Change a meeting: time, place, quorum, minutes, decisions (not once published)",
    request: { params: IdParam, body: jsonBody(MeetingPatch) },
    responses: { 200: json(z.object({ id: z.string(), version: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(
      await meetings.updateMeeting(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      200,
    );
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/status",
    tags: ["decide"],
    summary: "Start, close, publish or cancel a meeting (scheduled → in_progress → closed → published)",
    request: {
      params: IdParam,
      body: jsonBody(z.object({ status: z.enum(["in_progress", "closed", "published", "cancelled"]) })),
    },
    responses: {
      200: json(z.object({ id: z.string(), status: z.enum(STATUSES), version: z.number().int() })),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const { status } = c.req.valid("json");
    return c.json(await meetings.setMeetingStatus(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, status), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/notify",
    tags: ["decide"],
    summary: "Send the meeting notice to the body's current members who have accounts",
    request: { params: IdParam },
    responses: { 200: json(z.object({ notified: z.number().int() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(await meetings.notifyMeeting(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/agenda",
    tags: ["decide"],
    summary: "Add an agenda item (optionally linked to a proposal or a work order)",
    request: { params: IdParam, body: jsonBody(AgendaItemBody) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    return c.json(
      await meetings.addAgendaItem(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")),
      201,
    );
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "patch",
    path: "/api/decide/meetings/{id}/agenda/{itemId}",
    tags: ["decide"],
    summary: "Record an agenda item's decision and outcome, or link its vote",
    request: {
      params: ItemParams,
      body: jsonBody(
        z.object({
          title: z.string().trim().min(1).max(200).optional(),
          notes: z.string().trim().max(4000).nullable().optional(),
          outcome: z.enum(OUTCOMES).nullable().optional(),
          decision: z.string().trim().max(4000).nullable().optional(),
          voteId: z.string().uuid().nullable().optional(),
        }),
      ),
    },
    responses: { 200: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.manage");
    const { id, itemId } = c.req.valid("param");
    return c.json(await meetings.updateAgendaItem(c.get("deps").db, user, actorOf(c), id, itemId, c.req.valid("json")), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/meetings/{id}/count",
    tags: ["decide"],
    summary: "Live sign-in count: present, expected, needed for the quorum, reached",
    request: { params: IdParam },
    responses: { 200: json(Count), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await meetings.liveCount(c.get("deps").db, user, c.req.valid("param").id), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/meetings/{id}/attendance",
    tags: ["decide"],
    summary: "Who signed in, and the body's current members with their sign-in state (staff)",
    request: { params: IdParam },
    responses: {
      200: json(
        z.object({
          items: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              residentId: z.string().nullable(),
              userId: z.string().nullable(),
              memberId: z.string().nullable(),
              method: z.enum(["staff", "code"]),
              signedInAt: z.string(),
            }),
          ),
          members: z.array(z.object({ memberId: z.string(), name: z.string(), role: z.string(), signedIn: z.boolean() })),
        }),
      ),
      ...errorResponses,
    },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.read");
    const db = c.get("deps").db;
    const id = c.req.valid("param").id;
    const items = await meetings.listAttendance(db, user, id);
    return c.json({ items, members: await meetings.memberRoll(db, user, id) }, 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/attendance",
    tags: ["decide"],
    summary: "Sign a person in (staff with decide.record): a body member, a resident or a user; twice is harmless",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({
          memberId: z.string().uuid().nullable().optional(),
          residentId: z.string().uuid().nullable().optional(),
          userId: z.string().uuid().nullable().optional(),
        }),
      ),
    },
    responses: { 200: json(SignInResult), ...errorResponses },
  }),
  async (c) => {
    const user = requirePermission(c, "decide.record");
    return c.json(await meetings.signIn(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/checkin",
    tags: ["decide"],
    summary: "Sign myself in with the code shown at the meeting",
    request: { params: IdParam, body: jsonBody(z.object({ code: z.string().trim().min(1).max(12) })) },
    responses: { 200: json(SignInResult), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await meetings.checkIn(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").code),
      200,
    );
  },
);

const Topic = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    proposerName: z.string(),
    createdAt: z.string(),
    members: z.array(z.string()),
    mine: z.boolean(),
    notes: z.array(z.object({ id: z.string(), body: z.string(), authorName: z.string(), createdAt: z.string() })),
  })
  .openapi("OpenSpaceTopic");

meetingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/decide/meetings/{id}/topics",
    tags: ["decide"],
    summary: "Open-space topics (groups) with their members and notes",
    request: { params: IdParam },
    responses: { 200: json(z.object({ items: z.array(Topic) })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json({ items: await meetings.listTopics(c.get("deps").db, user, c.req.valid("param").id) }, 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/meetings/{id}/topics",
    tags: ["decide"],
    summary: "Propose an open-space topic (signed-in participants and staff); the proposer convenes its group",
    request: {
      params: IdParam,
      body: jsonBody(
        z.object({ title: z.string().trim().min(1).max(200), description: z.string().trim().max(2000).nullable().optional() }),
      ),
    },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await meetings.addTopic(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/topics/{id}/join",
    tags: ["decide"],
    summary: "Join an open-space group",
    request: { params: TopicParam },
    responses: { 200: json(z.object({ joined: z.boolean(), alreadyJoined: z.boolean() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(await meetings.joinTopic(c.get("deps").db, user, actorOf(c), c.req.valid("param").id), 200);
  },
);

meetingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/decide/topics/{id}/notes",
    tags: ["decide"],
    summary: "Add to an open-space group's notes",
    request: { params: TopicParam, body: jsonBody(z.object({ body: z.string().trim().min(1).max(10000) })) },
    responses: { 201: json(z.object({ id: z.string() })), ...errorResponses },
  }),
  async (c) => {
    const user = requireUser(c);
    return c.json(
      await meetings.addNote(c.get("deps").db, user, actorOf(c), c.req.valid("param").id, c.req.valid("json").body),
      201,
    );
  },
);
