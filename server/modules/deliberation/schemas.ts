// Request and response schemas of the deliberation API (they form the OpenAPI document).
import { z } from "@hono/zod-openapi";
import { STEP_KINDS } from "./flows.js";
import { CATEGORIES } from "./proposals.service.js";
import { BODY_KINDS, END_REASONS, MEMBER_ROLES } from "./rules.js";
import { PROPOSAL_STATUSES } from "./state-machine.js";

const Day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ example: "2026-01-01" });
const Ratio = z
  .string()
  .trim()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/)
  .openapi({ description: "a ratio in [0, 1], at most four decimals", example: "0.1" });

export const BodyKindEnum = z.enum(BODY_KINDS);
export const RoleEnum = z.enum(MEMBER_ROLES);
export const EndReasonEnum = z.enum(END_REASONS);
export const StatusEnum = z.enum(PROPOSAL_STATUSES);
export const CategoryEnum = z.enum(CATEGORIES);
export const OutcomeEnum = z.enum(["pass", "return", "reject"]);

export const MemberIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
  memberId: z
    .string()
    .uuid()
    .openapi({ param: { name: "memberId", in: "path" } }),
});

export const BodyCreate = z
  .object({
    areaId: z.string().uuid().openapi({ description: "a community or grid in your scope" }),
    kind: BodyKindEnum,
    name: z.string().trim().min(1).max(100),
    buildingId: z.string().uuid().nullable().optional().openapi({ description: "for a compound or building body" }),
    quorumRatio: Ratio.optional().openapi({ description: "meeting quorum, default 0.6667" }),
    backingRepRatio: Ratio.optional().openapi({ description: "share of representatives that carries a proposal, default 0.1" }),
    backingHouseholds: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .openapi({ description: "households that carry a proposal, default 50" }),
  })
  .openapi("BodyCreate");

export const BodyUpdate = BodyCreate.pick({
  name: true,
  buildingId: true,
  quorumRatio: true,
  backingRepRatio: true,
  backingHouseholds: true,
})
  .partial()
  .openapi("BodyUpdate");

export const Body = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string().nullable(),
    kind: BodyKindEnum,
    name: z.string(),
    buildingId: z.string().nullable(),
    quorumRatio: z.string(),
    backingRepRatio: z.string(),
    backingHouseholds: z.number().int(),
    currentMembers: z.number().int().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Body");

export const Member = z
  .object({
    id: z.string(),
    bodyId: z.string(),
    residentId: z.string().nullable(),
    userId: z.string().nullable(),
    name: z.string(),
    role: RoleEnum,
    termStart: z.string(),
    termEnd: z.string().nullable(),
    endedAt: z.string().nullable(),
    endReason: EndReasonEnum.nullable(),
    current: z.boolean().openapi({ description: "term begun, not ended, term end not passed (CST today)" }),
  })
  .openapi("BodyMember");

export const BodyDetail = Body.extend({
  members: z.array(Member).openapi({ description: "current members, chair first" }),
  history: z.array(Member).openapi({ description: "former and future members (staff only)" }),
  canManage: z.boolean(),
}).openapi("BodyDetail");

export const MemberCreate = z
  .object({
    residentId: z.string().uuid().nullable().optional().openapi({ description: "a resident living in the body's area" }),
    userId: z.string().uuid().nullable().optional().openapi({ description: "or a user (e.g. a cadre)" }),
    name: z.string().trim().max(100).nullable().optional().openapi({ description: "default: the resident's or user's name" }),
    role: RoleEnum.default("member"),
    termStart: Day,
    termEnd: Day.nullable().optional(),
  })
  .openapi("MemberCreate");

export const MemberUpdate = z.object({ role: RoleEnum.optional(), termEnd: Day.nullable().optional() }).openapi("MemberUpdate");

export const MemberEnd = z
  .object({
    reason: EndReasonEnum,
    endedAt: Day.nullable().optional().openapi({ description: "default: today (CST)" }),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .openapi("MemberEnd");

export const Standing = z
  .object({
    residentId: z.string().nullable(),
    isRepresentative: z
      .boolean()
      .openapi({ description: "a current member of a residents' representatives meeting: propose, evaluate, supervise, recall" }),
    memberships: z.array(
      z.object({
        memberId: z.string(),
        bodyId: z.string(),
        bodyName: z.string(),
        kind: BodyKindEnum,
        areaName: z.string(),
        role: RoleEnum,
        termStart: z.string(),
        termEnd: z.string().nullable(),
      }),
    ),
  })
  .openapi("DecideStanding");

export const FlowStepSchema = z
  .object({
    key: z.string().trim().min(1).max(40),
    kind: z.enum(STEP_KINDS),
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    bodyKind: BodyKindEnum.nullable().optional(),
    decides: z.boolean().optional(),
  })
  .openapi("FlowStep");

export const FlowTemplateCreate = z
  .object({
    code: z.string().trim().min(2).max(40),
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    steps: z.array(FlowStepSchema).min(1).max(20),
  })
  .openapi("FlowTemplateCreate");

export const FlowTemplate = FlowTemplateCreate.extend({
  id: z.string(),
  districtId: z.string().nullable(),
  builtin: z.boolean(),
}).openapi("FlowTemplate");

const Money = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/)
  .openapi({ description: "yuan, at most two decimals", example: "12000.00" });

export const ProposalCreate = z
  .object({
    title: z.string().trim().min(1).max(200),
    content: z.string().trim().min(1).max(20_000),
    category: CategoryEnum,
    estimatedCost: Money.nullable().optional(),
    areaId: z
      .string()
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "residents: default their community; must contain their home" }),
    bodyId: z
      .string()
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "the body whose thresholds apply; default the nearest representatives meeting" }),
    onBehalfOfResidentId: z
      .string()
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "staff drafting on a resident's behalf" }),
  })
  .openapi("ProposalCreate");

export const ProposalUpdate = ProposalCreate.pick({
  title: true,
  content: true,
  category: true,
  estimatedCost: true,
  bodyId: true,
})
  .partial()
  .extend({ version: z.number().int().min(0).optional() })
  .openapi("ProposalUpdate");

export const SubmitBody = z
  .object({
    backingDeadline: z
      .string()
      .trim()
      .nullable()
      .optional()
      .openapi({ description: "a CST date (backing closes at its end) or an ISO instant; default 30 days" }),
    flowCode: z.string().trim().max(40).nullable().optional().openapi({ description: "default statutory" }),
    version: z.number().int().min(0).optional(),
  })
  .openapi("ProposalSubmit");

export const NoteBody = z
  .object({ note: z.string().trim().max(2000).nullable().optional(), version: z.number().int().min(0).optional() })
  .openapi("ProposalNote");

export const PaperBacking = z
  .object({ residentId: z.string().uuid().openapi({ description: "the signer; their household is taken from the registry" }) })
  .openapi("PaperBacking");

export const StepBody = z
  .object({
    stepIndex: z.number().int().min(0).optional().openapi({ description: "default: the current step" }),
    outcome: OutcomeEnum,
    minutes: z.string().trim().max(20_000).nullable().optional(),
    meetingId: z.string().uuid().nullable().optional(),
    voteId: z
      .string()
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "vote steps only: a closed vote that agrees with the outcome" }),
    version: z.number().int().min(0).optional().openapi({ description: "the version you saw; a stale one is refused with 409" }),
  })
  .openapi("ProposalStepBody");

export const Proposal = z
  .object({
    id: z.string(),
    areaId: z.string(),
    areaName: z.string().nullable(),
    bodyId: z.string().nullable(),
    bodyName: z.string().nullable(),
    authorKind: z.enum(["resident", "representative", "staff"]),
    authorName: z.string(),
    title: z.string(),
    content: z.string(),
    category: z.string(),
    estimatedCost: z.string().nullable(),
    status: StatusEnum,
    decision: z.enum(["adopted", "rejected"]).nullable(),
    flow: z
      .object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), steps: z.array(FlowStepSchema) })
      .nullable()
      .openapi({ description: "snapshotted at submission" }),
    currentStep: z.number().int().nullable(),
    threshold: z
      .object({
        households: z.number().int(),
        reps: z.number().int().nullable().openapi({ description: "null when the body has no representatives" }),
        repRatio: z.string(),
        repCount: z.number().int(),
      })
      .nullable()
      .openapi({ description: "snapshotted at submission" }),
    backing: z.object({ households: z.number().int(), reps: z.number().int(), signers: z.number().int() }),
    backingDeadline: z.string().nullable(),
    submittedAt: z.string().nullable(),
    thresholdReachedAt: z.string().nullable(),
    lapsedAt: z.string().nullable(),
    adoptedAt: z.string().nullable(),
    rejectedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Proposal");

export const FileInfo = z
  .object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), url: z.string(), createdAt: z.string() })
  .openapi("DecideFileInfo");

export const DecideFile = FileInfo.extend({ ownerType: z.string(), ownerId: z.string() }).openapi("DecideFile");

export const ProposalDetail = Proposal.extend({
  steps: z.array(
    z.object({
      id: z.string(),
      stepIndex: z.number().int(),
      stepKey: z.string(),
      stepKind: z.string(),
      round: z.number().int(),
      outcome: OutcomeEnum,
      minutes: z.string().nullable(),
      meetingId: z.string().nullable(),
      voteId: z.string().nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
      files: z.array(FileInfo),
    }),
  ),
  files: z.array(FileInfo),
  events: z.array(
    z.object({
      at: z.string(),
      actor: z.string().nullable(),
      action: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  viewer: z.object({
    isAuthor: z.boolean(),
    isRepresentative: z.boolean(),
    backed: z.boolean(),
    canBack: z.boolean(),
    canEdit: z.boolean(),
    canSubmit: z.boolean(),
    canResubmit: z.boolean(),
    canWithdraw: z.boolean(),
    canRecordPaper: z.boolean(),
    canRecordStep: z.boolean(),
  }),
}).openapi("ProposalDetail");

export const ProposalQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  status: StatusEnum.optional(),
  areaId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
  mine: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "only proposals I drafted" }),
  toBack: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "collecting, open, and not yet backed by me" }),
});

export const ProposalPage = z
  .object({
    items: z.array(Proposal.extend({ backedByMe: z.boolean() })),
    total: z.number().int(),
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
    viewer: z.object({ residentId: z.string().nullable(), isRepresentative: z.boolean() }),
  })
  .openapi("ProposalPage");

export const BackingResult = z
  .object({ backingId: z.string(), representative: z.boolean(), proposal: Proposal })
  .openapi("BackingResult");

export const Backing = z
  .object({
    id: z.string(),
    residentId: z.string(),
    name: z.string(),
    householdId: z.string().nullable(),
    address: z.string().nullable(),
    representative: z.boolean(),
    channel: z.enum(["online", "paper"]),
    recordedBy: z.string().nullable(),
    backedAt: z.string(),
  })
  .openapi("ProposalBacking");

const Counts = {
  submitted: z.number().int(),
  backed: z.number().int().openapi({ description: "reached the backing threshold" }),
  adopted: z.number().int(),
  rejected: z.number().int(),
  lapsed: z.number().int(),
  completed: z.number().int(),
};

export const ProposalStats = z
  .object({
    from: z.string(),
    to: z.string(),
    total: z.object(Counts),
    items: z.array(z.object({ areaId: z.string(), areaName: z.string(), ...Counts })),
  })
  .openapi("ProposalStats");
