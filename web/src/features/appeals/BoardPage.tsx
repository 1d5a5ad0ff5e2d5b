import { Card } from "antd";
import { usePermissions } from "../../auth/useMe";
import { useI18n } from "../../i18n";
import { type BoxTab, OrderBoxes } from "./OrderList";

/** The dispatcher's board (new, to dispatch, returned, overdue) plus supervision and call-back. */
export default function BoardPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const tabs: BoxTab[] = [];
  if (can("appeal.dispatch") || can("appeal.read")) {
    tabs.push(
      { box: "new", key: "tabNew" },
      { box: "to_dispatch", key: "tabToDispatch" },
      { box: "returned", key: "tabReturned" },
      { box: "overdue", key: "tabOverdue" },
    );
  }
  if (can("appeal.supervise")) tabs.push({ box: "supervised", key: "tabSupervised" });
  if (can("appeal.callback")) tabs.push({ box: "callback", key: "tabCallback" });
  tabs.push({ box: "all", key: "tabAll" });
  return (
    <Card title={t("navBoard")} size="small">
      <OrderBoxes tabs={tabs} search />
    </Card>
  );
}
