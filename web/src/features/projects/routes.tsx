// Client routes of the projects pages, placed inside the app layout by App.tsx. Staff (decide.read)
// and residents (decide.participate) share the pages; each page shows what the caller may do.
import { Result } from "antd";
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { hasPermission, useMe } from "../../auth/useMe";
import { useI18n } from "../../i18n";

const ProjectsPage = lazy(() => import("./ProjectsPage"));
const ProjectPage = lazy(() => import("./ProjectPage"));
const AgreementsPage = lazy(() => import("./AgreementsPage"));
const AgreementPage = lazy(() => import("./AgreementPage"));

function Readers({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (!hasPermission(me, "decide.read") && !hasPermission(me, "decide.participate")) {
    return <Result status="403" title="403" subTitle={t("forbidden")} />;
  }
  return <>{children}</>;
}

export function projectsRoutes(): ReactNode {
  return (
    <>
      <Route
        path="decide/projects"
        element={
          <Readers>
            <ProjectsPage />
          </Readers>
        }
      />
      <Route
        path="decide/projects/:id"
        element={
          <Readers>
            <ProjectPage />
          </Readers>
        }
      />
      <Route
        path="decide/agreements"
        element={
          <Readers>
            <AgreementsPage />
          </Readers>
        }
      />
      <Route
        path="decide/agreements/:id"
        element={
          <Readers>
            <AgreementPage />
          </Readers>
        }
      />
    </>
  );
}
