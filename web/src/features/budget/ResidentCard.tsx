// The resident hub's card for participatory budgets: the rounds of the resident's community with
// what to do now (submit an idea, cast the ballot, see the results).
import { Card, Space, Typography } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { formatYuan, useRounds } from "./queries";
import { PhaseTag, ResidentAction } from "./ui";

export function BudgetResidentCard() {
  const { t } = useI18n();
  const list = useRounds({ page: 1, pageSize: 5 });
  const rounds = (list.data?.items ?? []).filter((r) => r.phase !== "cancelled").slice(0, 3);
  return (
    <Card
      size="small"
      title={t("budCardTitle")}
      extra={<Link to="/decide/budget">{t("budCardMore")}</Link>}
      data-testid="budget-resident-card"
    >
      <Space orientation="vertical" size={10} style={{ width: "100%" }}>
        {rounds.map((r) => (
          <div key={r.id}>
            <Space size={6} wrap>
              <Link to={`/decide/budget/${r.id}`}>{r.title}</Link>
              <PhaseTag phase={r.phase} />
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: "2px 0 6px" }}>
              {t("budFund")} {formatYuan(r.fund)} {t("budYuan")}
            </Typography.Paragraph>
            <ResidentAction round={r} size="small" />
          </div>
        ))}
        {!list.isLoading && rounds.length === 0 && <Typography.Text type="secondary">{t("budNoRounds")}</Typography.Text>}
      </Space>
    </Card>
  );
}
