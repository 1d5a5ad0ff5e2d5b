// Client routes of the deliberation pages, placed inside the app layout by App.tsx.
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { RequirePermission } from "../../auth/RequireAuth";

const BodiesPage = lazy(() => import("./BodiesPage"));
const BodyDetailPage = lazy(() => import("./BodyDetailPage"));
const ProposalsPage = lazy(() => import("./ProposalsPage"));
const ProposalPage = lazy(() => import("./ProposalPage"));
const ProposalFormPage = lazy(() => import("./ProposalFormPage"));
const StatsPage = lazy(() => import("./StatsPage"));
const ResidentBackPage = lazy(() => import("./ResidentPages").then((m) => ({ default: m.ResidentBackPage })));
const MyProposalsPage = lazy(() => import("./ResidentPages").then((m) => ({ default: m.MyProposalsPage })));

const staff = (node: ReactNode) => <RequirePermission perm="decide.read">{node}</RequirePermission>;

export function deliberationRoutes(): ReactNode {
  return (
    <>
      <Route path="decide/bodies" element={staff(<BodiesPage />)} />
      <Route path="decide/bodies/:id" element={staff(<BodyDetailPage />)} />
      <Route path="decide/proposals" element={staff(<ProposalsPage />)} />
      <Route path="decide/proposals/new" element={<ProposalFormPage />} />
      <Route path="decide/proposals/:id" element={<ProposalPage />} />
      <Route path="decide/proposals/:id/edit" element={<ProposalFormPage />} />
      <Route path="decide/proposal-stats" element={staff(<StatsPage />)} />
      <Route
        path="decide/back"
        element={<RequirePermission perm="decide.participate">{<ResidentBackPage />}</RequirePermission>}
      />
      <Route
        path="decide/my-proposals"
        element={<RequirePermission perm="decide.participate">{<MyProposalsPage />}</RequirePermission>}
      />
    </>
  );
}
