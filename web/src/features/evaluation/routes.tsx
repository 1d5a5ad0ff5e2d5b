// Client routes of the evaluation pages, placed inside the app layout by App.tsx.
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { RequirePermission } from "../../auth/RequireAuth";

const SurveysPage = lazy(() => import("./SurveysPage"));
const SurveyFormPage = lazy(() => import("./SurveyFormPage"));
const SurveyPage = lazy(() => import("./SurveyPage"));
const ResultsPage = lazy(() => import("./ResultsPage"));
const ResidentSurveysPage = lazy(() => import("./ResidentSurveysPage"));
const AnswerPage = lazy(() => import("./AnswerPage"));

const staff = (perm: string, el: ReactNode) => <RequirePermission perm={perm}>{el}</RequirePermission>;

export function evaluationRoutes(): ReactNode {
  return (
    <>
      <Route path="decide/surveys" element={staff("decide.read", <SurveysPage />)} />
      <Route path="decide/surveys/new" element={staff("decide.manage", <SurveyFormPage />)} />
      <Route path="decide/surveys/:id" element={staff("decide.read", <SurveyPage />)} />
      <Route path="decide/surveys/:id/edit" element={staff("decide.manage", <SurveyFormPage />)} />
      <Route path="decide/surveys/:id/results" element={staff("decide.read", <ResultsPage />)} />
      <Route path="decide/evaluate" element={staff("decide.participate", <ResidentSurveysPage />)} />
      <Route path="decide/evaluate/:id" element={staff("decide.participate", <AnswerPage />)} />
      <Route path="decide/evaluate/:id/results" element={staff("decide.participate", <ResultsPage />)} />
    </>
  );
}
