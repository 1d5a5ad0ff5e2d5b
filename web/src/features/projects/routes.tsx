// Client routes of the projects pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function projectsRoutes(): ReactNode {
  return null;
}
