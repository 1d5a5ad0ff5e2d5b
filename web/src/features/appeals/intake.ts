// Submitting an appeal from any of the intake forms (resident page, patrol report, hotline).
import type { FormInstance } from "antd";
import { useRef } from "react";
import { ApiError } from "../../api";
import { applyServerErrors } from "../../components/formErrors";
import type { AppealType } from "../../types";
import { newIdempotencyKey, postWithKey } from "./queries";

export interface IntakeBody {
  appealType: AppealType;
  categoryCode?: string | null;
  title?: string | null;
  content: string;
  lng?: number | null;
  lat?: number | null;
  address?: string | null;
  gridId?: string | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  anonymous?: boolean;
}

export const APPEAL_TYPES: AppealType[] = ["complaint", "help", "enquiry", "report", "suggestion"];

/**
 * One Idempotency-Key per submission: kept while a request may still be in flight or was lost
 * (network error, 5xx), so a retry or double tap replays the first answer; replaced once the server
 * has answered for good (success or a 4xx the user must fix, which the server also remembers).
 */
export function useIntake() {
  const key = useRef(newIdempotencyKey());
  return async (body: IntakeBody) => {
    try {
      const out = await postWithKey<{ id: string; number: string }>("/api/orders", body, key.current);
      key.current = newIdempotencyKey();
      return out;
    } catch (e) {
      if (e instanceof ApiError && e.status < 500 && e.code !== "conflict") key.current = newIdempotencyKey();
      throw e;
    }
  };
}

/** Server field errors onto the form; `location` goes to the field that stands for the location. */
export function applyIntakeErrors(form: FormInstance, err: unknown, fields: string[], locationField: string): string[] {
  const rest = applyServerErrors(form, err, fields);
  if (!(err instanceof ApiError)) return rest;
  const loc = err.details.filter((d) => d.path === "location" || d.path === "gridId");
  if (loc.length) form.setFields([{ name: locationField, errors: loc.map((d) => d.message) }]);
  return rest.filter((r) => !r.startsWith("location:") && !r.startsWith("gridId:"));
}
