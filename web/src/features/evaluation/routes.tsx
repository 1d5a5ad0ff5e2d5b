// Client routes of the evaluation pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function evaluationRoutes(): ReactNode {
  return null;
}
