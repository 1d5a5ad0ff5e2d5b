// Client routes of the meetings and votes pages, placed inside the app layout by App.tsx.
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { RequirePermission } from "../../auth/RequireAuth";

const MeetingsPage = lazy(() => import("./MeetingsPage"));
const MeetingPage = lazy(() => import("./MeetingPage"));
const VotesPage = lazy(() => import("./VotesPage"));
const VoteFormPage = lazy(() => import("./VoteFormPage"));
const VotePage = lazy(() => import("./VotePage"));
const ResidentVotesPage = lazy(() => import("./ResidentVotesPage"));
const ResidentVotePage = lazy(() => import("./ResidentVotePage"));
const ResidentMeetingsPage = lazy(() => import("./ResidentMeetingsPage").then((m) => ({ default: m.ResidentMeetingsPage })));
const ResidentMeetingPage = lazy(() => import("./ResidentMeetingsPage").then((m) => ({ default: m.ResidentMeetingPage })));

const need = (perm: string, el: ReactNode) => <RequirePermission perm={perm}>{el}</RequirePermission>;

export function votesRoutes(): ReactNode {
  return (
    <>
      <Route path="decide/meetings" element={need("decide.read", <MeetingsPage />)} />
      <Route path="decide/meetings/:id" element={need("decide.read", <MeetingPage />)} />
      <Route path="decide/votes" element={need("decide.read", <VotesPage />)} />
      <Route path="decide/votes/new" element={need("decide.manage", <VoteFormPage />)} />
      <Route path="decide/votes/:id" element={need("decide.read", <VotePage />)} />
      <Route path="decide/my-votes" element={need("decide.participate", <ResidentVotesPage />)} />
      <Route path="decide/my-votes/:id" element={need("decide.participate", <ResidentVotePage />)} />
      <Route path="decide/my-meetings" element={need("decide.participate", <ResidentMeetingsPage />)} />
      <Route path="decide/my-meetings/:id" element={need("decide.participate", <ResidentMeetingPage />)} />
    </>
  );
}
