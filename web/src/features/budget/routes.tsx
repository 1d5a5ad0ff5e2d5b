// Client routes of the budget pages, placed inside the app layout by App.tsx. Staff (decide.read)
// and residents (decide.participate) share the pages; each page shows what the caller may do.
import { Result } from "antd";
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { hasPermission, useMe } from "../../auth/useMe";
import { useI18n } from "../../i18n";

const BudgetPage = lazy(() => import("./BudgetPage"));
const RoundPage = lazy(() => import("./RoundPage"));
const ResultsPage = lazy(() => import("./ResultsPage"));

function Readers({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (!hasPermission(me, "decide.read") && !hasPermission(me, "decide.participate")) {
    return <Result status="403" title="403" subTitle={t("forbidden")} />;
  }
  return <>{children}</>;
}

export function budgetRoutes(): ReactNode {
  return (
    <>
      <Route
        path="decide/budget"
        element={
          <Readers>
            <BudgetPage />
          </Readers>
        }
      />
      <Route
        path="decide/budget/:id"
        element={
          <Readers>
            <RoundPage />
          </Readers>
        }
      />
      <Route
        path="decide/budget/:id/results"
        element={
          <Readers>
            <ResultsPage />
          </Readers>
        }
      />
    </>
  );
}
