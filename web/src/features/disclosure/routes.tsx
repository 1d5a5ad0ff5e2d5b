// Client routes of the disclosure pages, placed inside the app layout by App.tsx.
import { Result } from "antd";
import { lazy, type ReactNode } from "react";
import { Route } from "react-router-dom";
import { RequirePermission } from "../../auth/RequireAuth";
import { useMe } from "../../auth/useMe";
import { useI18n } from "../../i18n";

const DisclosuresPage = lazy(() => import("./DisclosuresPage"));
const DisclosureDetailPage = lazy(() => import("./DisclosureDetailPage"));
const DisclosureFormPage = lazy(() => import("./DisclosureFormPage"));
const OpinionsPage = lazy(() => import("./OpinionsPage"));
const StatsPage = lazy(() => import("./StatsPage"));
const ListingsPage = lazy(() => import("./ListingsPage"));
const ListingPage = lazy(() => import("./ListingPage"));

/** Staff who read decisions, or residents who take part. */
function Readers({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const { t } = useI18n();
  const ok = me?.permissions.includes("decide.read") || me?.permissions.includes("decide.participate");
  if (!ok) return <Result status="403" title="403" subTitle={t("forbidden")} />;
  return <>{children}</>;
}

export function disclosureRoutes(): ReactNode {
  return (
    <>
      <Route path="decide/disclosures" element={<Readers>{<DisclosuresPage />}</Readers>} />
      <Route
        path="decide/disclosures/new"
        element={<RequirePermission perm="decide.manage">{<DisclosureFormPage />}</RequirePermission>}
      />
      <Route path="decide/disclosures/:id" element={<Readers>{<DisclosureDetailPage />}</Readers>} />
      <Route
        path="decide/disclosures/:id/edit"
        element={<RequirePermission perm="decide.manage">{<DisclosureFormPage />}</RequirePermission>}
      />
      <Route
        path="decide/disclosure-opinions"
        element={<RequirePermission perm="decide.read">{<OpinionsPage />}</RequirePermission>}
      />
      <Route path="decide/disclosure-stats" element={<RequirePermission perm="decide.read">{<StatsPage />}</RequirePermission>} />
      <Route path="decide/listings" element={<Readers>{<ListingsPage />}</Readers>} />
      <Route path="decide/listings/:id" element={<Readers>{<ListingPage />}</Readers>} />
    </>
  );
}
