// Client routes of the deliberation pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function deliberationRoutes(): ReactNode {
  return null;
}
