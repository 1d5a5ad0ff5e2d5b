// Shared HTTP plumbing: the request context type, the router factory with one validation hook,
// the error schema, and helpers every module's routes use.
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps.js";
import type { Actor, SessionUser } from "../modules/identity/types.js";
import { AppError, validationError } from "./errors.js";
import type { Lang } from "./i18n.js";

export type AppEnv = {
  Variables: {
    deps: Deps;
    lang: Lang;
    ip: string;
    user: SessionUser | null;
    sessionTokenHash: string | null;
  };
};

export type Ctx = Context<AppEnv>;

export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error.issues);
    },
  });
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .openapi("Error");

const err = (description: string) => ({ content: { "application/json": { schema: ErrorSchema } }, description });

/** The refusals every protected route can answer with. */
export const errorResponses = {
  400: err("Invalid input: every bad field is named"),
  401: err("Not logged in"),
  403: err("Not allowed"),
  404: err("Not found, or outside the caller's data scope"),
  409: err("Conflict"),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  content: { "application/json": { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

export function requireUser(c: Ctx): SessionUser {
  const user = c.get("user");
  if (!user) throw new AppError(401, "unauthenticated");
  return user;
}

/** The logged-in user, refused with 403 unless their role grants the permission. */
export function requirePermission(c: Ctx, permission: string): SessionUser {
  const user = requireUser(c);
  if (!user.permissions.includes(permission)) throw new AppError(403, "forbidden");
  return user;
}

export function actorOf(c: Ctx): Actor {
  const user = c.get("user");
  return { userId: user?.id ?? null, username: user?.username ?? null, ip: c.get("ip") };
}

export const Paging = z.object({
  page: z.coerce.number().int().min(1).default(1).openapi({ example: 1 }),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).openapi({ example: 20 }),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean().openapi({ description: "true when total stopped counting at the cap" }),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
