// Client routes of the votes pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function votesRoutes(): ReactNode {
  return null;
}
