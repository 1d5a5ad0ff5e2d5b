import { Card, Tabs } from "antd";
import { useSearchParams } from "react-router-dom";
import { type MessageKey, useI18n } from "../../i18n";
import { CalendarTab } from "./CalendarTab";
import { CategoriesTab } from "./CategoriesTab";
import { RoutingRulesTab } from "./RoutingRulesTab";

const TABS: Array<{ key: string; label: MessageKey; render: () => React.ReactNode }> = [
  { key: "categories", label: "admTabCategories", render: () => <CategoriesTab /> },
  { key: "rules", label: "admTabRules", render: () => <RoutingRulesTab /> },
  { key: "calendar", label: "admTabCalendar", render: () => <CalendarTab /> },
];

/** 工单配置: the category catalogue, routing rules and the working calendar (system admin). The tab lives in the URL. */
export default function AppealsAdminPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const tab = TABS.find((x) => x.key === sp.get("tab"))?.key ?? TABS[0].key;
  return (
    <Card size="small" title={t("navAppealAdmin")}>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setSp(k === TABS[0].key ? {} : { tab: k }, { replace: true })}
        items={TABS.map((x) => ({
          key: x.key,
          label: <span data-testid={`admin-tab-${x.key}`}>{t(x.label)}</span>,
          children: x.render(),
        }))}
      />
    </Card>
  );
}
