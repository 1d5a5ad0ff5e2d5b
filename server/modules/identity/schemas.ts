import { z } from "@hono/zod-openapi";
import { ROLES } from "./rules.js";

export const LoginBody = z
  .object({
    username: z.string().min(1).max(64).openapi({ example: "demo-community" }),
    password: z.string().min(1).max(256).openapi({ example: "Demo-2026-gz" }),
  })
  .openapi("LoginBody");

export const Me = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(["staff", "resident"]),
    role: z.enum(ROLES),
    permissions: z.array(z.string()),
    areas: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), path: z.string() })),
    csrfToken: z.string().openapi({ description: "send back as X-CSRF-Token on every write" }),
  })
  .openapi("Me");

export const UserOut = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    kind: z.enum(["staff", "resident"]),
    role: z.enum(ROLES),
    department: z.string().nullable(),
    disabled: z.boolean(),
    locked: z.boolean(),
    areaIds: z.array(z.string()),
  })
  .openapi("User");

export const UserCreate = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._-]{3,64}$/),
    displayName: z.string().min(1).max(64),
    role: z.enum(ROLES),
    password: z.string().min(1).max(256),
    areaIds: z.array(z.string().uuid()).default([]),
    department: z.string().max(64).nullable().optional(),
    residentId: z
      .string()
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: "for a resident account: the person in the registry it belongs to (one account each)" }),
  })
  .openapi("UserCreate");

export const SecuritySettingsSchema = z
  .object({
    passwordMinLength: z.number().int().min(8).max(64),
    lockoutThreshold: z.number().int().min(3).max(20),
    lockoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .openapi("SecuritySettings");
