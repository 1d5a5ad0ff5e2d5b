import { z } from "@hono/zod-openapi";
import { Paging } from "../../lib/http.js";
import { ACTIONS, STATUSES } from "./state-machine.js";

export const AppealTypeEnum = z.enum(["enquiry", "help", "complaint", "report", "suggestion"]);
export const ChannelEnum = z.enum(["resident", "patrol", "hotline", "open311"]);
export const StatusEnum = z.enum(STATUSES);
export const ActionEnum = z.enum(ACTIONS);
export const SatisfactionEnum = z.enum(["satisfied", "basic", "dissatisfied"]);

export const IntakeBody = z
  .object({
    appealType: AppealTypeEnum,
    categoryCode: z.string().max(40).nullable().optional().openapi({ description: "leave empty to use the suggested category" }),
    title: z.string().trim().max(100).nullable().optional(),
    content: z.string().trim().min(5).max(2000),
    lng: z.number().min(-180).max(180).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    gridId: z.string().uuid().nullable().optional(),
    reporterName: z.string().trim().max(50).nullable().optional(),
    reporterPhone: z.string().trim().max(20).nullable().optional(),
    anonymous: z.boolean().optional(),
  })
  .openapi("IntakeBody");

export const ActBody = z
  .object({
    version: z.number().int().min(0).optional().openapi({ description: "the version you saw; a stale one is refused with 409" }),
    note: z.string().trim().max(2000).nullable().optional(),
    unitId: z.string().uuid().nullable().optional(),
    resolved: z.boolean().optional(),
    satisfaction: SatisfactionEnum.optional(),
    reason: z.string().trim().max(500).nullable().optional(),
    days: z.number().int().min(1).max(30).optional(),
    extensionId: z.string().uuid().optional(),
    approve: z.boolean().optional(),
    urgency: z.enum(["normal", "urgent", "very_urgent"]).optional(),
    replyHours: z.number().int().min(1).max(240).optional(),
    intoId: z.string().uuid().optional(),
    answer: z.string().trim().max(4000).nullable().optional(),
    categoryCode: z.string().max(40).optional().openapi({ description: "dispatch: confirm or correct the category" }),
  })
  .openapi("ActBody");

export const OrderSummary = z
  .object({
    id: z.string(),
    number: z.string(),
    channel: ChannelEnum,
    appealType: AppealTypeEnum,
    categoryCode: z.string(),
    categoryName: z.string(),
    title: z.string(),
    status: StatusEnum,
    gridId: z.string().nullable(),
    gridName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    urgent: z.boolean(),
    acceptedAt: z.string(),
    resolveDueAt: z.string(),
    light: z.enum(["green", "yellow", "red", "none"]),
    reopenCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi("OrderSummary");

export const OrderEvent = z
  .object({
    id: z.string(),
    at: z.string(),
    actorName: z.string().nullable(),
    action: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    note: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("OrderEvent");

export const OrderDetail = OrderSummary.extend({
  content: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  address: z.string().nullable(),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  anonymous: z.boolean(),
  suggestedCategory: z.string().nullable(),
  suggestedConfidence: z.number().nullable(),
  dispatchedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  responseDueAt: z.string(),
  warnAt: z.string(),
  answer: z.string().nullable(),
  resolved: z.boolean().nullable(),
  satisfaction: SatisfactionEnum.nullable(),
  mergedInto: z.string().nullable(),
  voidRequested: z.boolean(),
  voidReason: z.string().nullable(),
  parts: z.array(z.string()),
  actions: z.array(ActionEnum),
  timeline: z.array(OrderEvent),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), mime: z.string(), size: z.number(), stage: z.string(), url: z.string() }),
  ),
  extensions: z.array(
    z.object({ id: z.string(), days: z.number(), reason: z.string(), status: z.string(), createdAt: z.string() }),
  ),
  supervisions: z.array(
    z.object({
      id: z.string(),
      urgency: z.string(),
      automatic: z.boolean(),
      note: z.string().nullable(),
      replyDueAt: z.string(),
      reply: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
}).openapi("OrderDetail");

export const OrderQuery = Paging.extend({
  box: z
    .enum([
      "all",
      "new",
      "to_dispatch",
      "returned",
      "overdue",
      "to_sign",
      "in_progress",
      "near_deadline",
      "mine",
      "supervised",
      "callback",
    ])
    .default("all"),
  status: StatusEnum.optional(),
  q: z.string().trim().max(50).optional(),
  categoryCode: z.string().max(40).optional(),
  areaId: z.string().uuid().optional(),
  phone: z.string().trim().max(20).optional().openapi({ description: "caller lookup, exact through the blind index" }),
});
