// Client routes of the budget pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function budgetRoutes(): ReactNode {
  return null;
}
