// Client route of the resident's hub.
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { RequirePermission } from "../../auth/RequireAuth";

const DecidePage = lazy(() => import("./DecidePage"));

export function decideRoutes(): ReactNode {
  return (
    <Route
      path="decide"
      element={
        <RequirePermission perm="decide.participate">
          <DecidePage />
        </RequirePermission>
      }
    />
  );
}
