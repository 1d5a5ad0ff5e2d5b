import { Result, Spin } from "antd";
import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { RequireAuth, RequirePermission } from "./auth/RequireAuth";
import { useMe } from "./auth/useMe";
import { useI18n } from "./i18n";
import { AppLayout, NAV, navAllowed } from "./layout/AppLayout";
import { decideRoutes } from "./features/decide/routes";
import { deliberationRoutes } from "./features/deliberation/routes";
import { votesRoutes } from "./features/votes/routes";
import { budgetRoutes } from "./features/budget/routes";
import { projectsRoutes } from "./features/projects/routes";
import { disclosureRoutes } from "./features/disclosure/routes";
import { evaluationRoutes } from "./features/evaluation/routes";

const LoginPage = lazy(() => import("./features/login/LoginPage"));
const DashboardPage = lazy(() => import("./features/dashboard/DashboardPage"));
const MyInfoPage = lazy(() => import("./features/me/MyInfoPage"));
const MapPage = lazy(() => import("./features/map/MapPage"));
const AreasPage = lazy(() => import("./features/areas/AreasPage"));
const GridPage = lazy(() => import("./features/grids/GridPage"));
const BuildingsPage = lazy(() => import("./features/buildings/BuildingsPage"));
const BuildingDetailPage = lazy(() => import("./features/buildings/BuildingDetailPage"));
const HouseholdsPage = lazy(() => import("./features/households/HouseholdsPage"));
const HouseholdDetailPage = lazy(() => import("./features/households/HouseholdDetailPage"));
const ResidentsPage = lazy(() => import("./features/residents/ResidentsPage"));
const ResidentDetailPage = lazy(() => import("./features/residents/ResidentDetailPage"));
const ImportPage = lazy(() => import("./features/import/ImportPage"));
const AuditPage = lazy(() => import("./features/audit/AuditPage"));
const UsersPage = lazy(() => import("./features/users/UsersPage"));
const SecurityPage = lazy(() => import("./features/security/SecurityPage"));
const NewAppealPage = lazy(() => import("./features/appeals/NewAppealPage"));
const HotlinePage = lazy(() => import("./features/appeals/HotlinePage"));
const BoardPage = lazy(() => import("./features/appeals/BoardPage"));
const TasksPage = lazy(() => import("./features/appeals/TasksPage"));
const OrderPage = lazy(() => import("./features/appeals/OrderPage"));
const MyAppealsPage = lazy(() => import("./features/appeals/MyAppealsPage"));
const WhistlesPage = lazy(() => import("./features/appeals/WhistlesPage"));
const AppealsDashboardPage = lazy(() => import("./features/appeals/AppealsDashboardPage"));
const AppealsAdminPage = lazy(() => import("./features/appeals-admin/AppealsAdminPage"));

function Loading() {
  return (
    <div style={{ display: "flex", justifyContent: "center", padding: 64 }}>
      <Spin />
    </div>
  );
}

function perm(p: string, node: ReactNode) {
  return <RequirePermission perm={p}>{node}</RequirePermission>;
}

/** Any of several permissions. */
function anyPerm(ps: string[], node: ReactNode) {
  return <RequireAnyPermission perms={ps}>{node}</RequireAnyPermission>;
}

function RequireAnyPermission({ perms, children }: { perms: string[]; children: ReactNode }) {
  const { data: me } = useMe();
  const { t } = useI18n();
  if (!perms.some((p) => me?.permissions.includes(p))) return <Result status="403" title="403" subTitle={t("forbidden")} />;
  return <>{children}</>;
}

/**
 * Residents get their own page; registry users land on the dashboard; others
 * (auditors, security and system administrators) on their first allowed page.
 */
function Home() {
  const { data: me } = useMe();
  if (me?.role === "resident" || me?.kind === "resident") return <Navigate to="/decide" replace />;
  if (me?.permissions.includes("registry.read")) return <DashboardPage />;
  const first = NAV.find((n) => n.path !== "/" && n.perm && navAllowed(n, me));
  return <Navigate to={first?.path ?? "/me"} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title="404" subTitle={t("notFound")} />;
}

export function App() {
  return (
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireAuth>
                <AppLayout />
              </RequireAuth>
            }
          >
            <Route index element={<Home />} />
            <Route path="me" element={<MyInfoPage />} />
            <Route path="map" element={perm("registry.read", <MapPage />)} />
            <Route path="areas" element={perm("registry.read", <AreasPage />)} />
            <Route path="grids/:id" element={perm("registry.read", <GridPage />)} />
            <Route path="buildings" element={perm("registry.read", <BuildingsPage />)} />
            <Route path="buildings/:id" element={perm("registry.read", <BuildingDetailPage />)} />
            <Route path="households" element={perm("registry.read", <HouseholdsPage />)} />
            <Route path="households/:id" element={perm("registry.read", <HouseholdDetailPage />)} />
            <Route path="residents" element={perm("registry.read", <ResidentsPage />)} />
            <Route path="residents/:id" element={perm("registry.read", <ResidentDetailPage />)} />
            <Route path="import" element={perm("registry.import", <ImportPage />)} />
            <Route path="audit" element={perm("audit.read", <AuditPage />)} />
            <Route path="users" element={perm("user.manage", <UsersPage />)} />
            <Route path="security" element={perm("security.manage", <SecurityPage />)} />
            <Route path="appeals/new" element={anyPerm(["appeal.submit", "appeal.intake"], <NewAppealPage />)} />
            <Route path="appeals/mine" element={perm("appeal.submit", <MyAppealsPage />)} />
            <Route path="appeals/hotline" element={perm("appeal.intake", <HotlinePage />)} />
            <Route
              path="appeals/board"
              element={anyPerm(["appeal.dispatch", "appeal.supervise", "appeal.callback", "appeal.read"], <BoardPage />)}
            />
            <Route path="appeals/tasks" element={perm("appeal.handle", <TasksPage />)} />
            <Route path="appeals/orders/:id" element={<OrderPage />} />
            <Route path="appeals/whistles" element={anyPerm(["appeal.dispatch", "appeal.handle"], <WhistlesPage />)} />
            <Route path="appeals/dashboard" element={perm("appeal.read", <AppealsDashboardPage />)} />
            <Route path="appeals/admin" element={perm("appeal.admin", <AppealsAdminPage />)} />
            {decideRoutes()}
            {deliberationRoutes()}
            {votesRoutes()}
            {budgetRoutes()}
            {projectsRoutes()}
            {disclosureRoutes()}
            {evaluationRoutes()}
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
