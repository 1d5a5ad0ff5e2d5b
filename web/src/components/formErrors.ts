import type { FormInstance } from "antd";
import { ApiError } from "../api";

/**
 * Bind server validation `details` to the form fields whose name matches `path`.
 * Returns the details that matched no known field (to show in an alert).
 */
export function applyServerErrors(form: FormInstance, err: unknown, fieldNames: string[]): string[] {
  if (!(err instanceof ApiError)) return [];
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const d of err.details) {
    const field = d.path.split(".")[0] ?? d.path;
    if (known.has(field)) byField.set(field, [...(byField.get(field) ?? []), d.message]);
    else rest.push(d.path ? `${d.path}: ${d.message}` : d.message);
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  return rest;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
