// Client routes of the disclosure pages, placed inside the app layout by App.tsx.
import type { ReactNode } from "react";

export function disclosureRoutes(): ReactNode {
  return null;
}
