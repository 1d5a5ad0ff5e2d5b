import { Card } from "antd";
import { useI18n } from "../../i18n";
import { type BoxTab, OrderBoxes } from "./OrderList";

const TABS: BoxTab[] = [
  { box: "to_sign", key: "tabToSign" },
  { box: "in_progress", key: "tabInProgress" },
  { box: "near_deadline", key: "tabNearDeadline" },
];

/** A handling unit's own orders: to sign for, in progress, due soon. */
export default function TasksPage() {
  const { t } = useI18n();
  return (
    <Card title={t("navTasks")} size="small">
      <OrderBoxes tabs={TABS} />
    </Card>
  );
}
