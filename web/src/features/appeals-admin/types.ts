// Shapes of the appeal configuration endpoints (categories with `all=true`, routing rules, calendar).
import type { AppealCategory } from "../../types";

/** A catalogue entry as the admin sees it (inactive ones included). */
export interface AdminCategory extends AppealCategory {
  active: boolean;
}

/** Body of `PUT /api/categories/{code}`. */
export interface CategoryFields {
  nameZh: string;
  nameEn: string;
  /** A department unit's code, or 'grid' | 'community' | 'street' (the area unit where it happened). */
  defaultUnit: string | null;
  responseHours: number | null;
  resolveDays: number | null;
  resolveHours: number | null;
  urgent: boolean;
  active: boolean;
}

/** Body of `POST /api/categories`: a new leaf under a group. */
export interface CategoryCreate extends CategoryFields {
  code: string;
  parentCode: string;
}

export interface RoutingRule {
  id: string;
  categoryCode: string;
  categoryName: string;
  areaId: string;
  areaName: string;
  unitId: string;
  unitName: string;
}

export interface NewRoutingRule {
  categoryCode: string;
  areaId: string;
  unitId: string;
}

export type CalendarKind = "holiday" | "workday";

export interface CalendarDay {
  /** YYYY-MM-DD */
  day: string;
  kind: CalendarKind;
  name: string;
}

export interface CalendarChange {
  kind: CalendarKind | "normal";
  name: string;
}
