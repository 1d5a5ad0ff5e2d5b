// Results of a budget round: the winners, and the computation step by step — projects ranked by
// votes (ties: lower cost, then id), each funded while it still fits the remaining fund — with a bar
// chart of the votes, funded projects highlighted.
import { Alert, Card, Col, Result, Row, Space, Spin, Statistic, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError } from "../../api";
import { EChart } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { type BudgetStepRow, formatYuan, useResults, useRound } from "./queries";
import { PhaseTag } from "./ui";

export default function ResultsPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const round = useRound(id);
  const results = useResults(id);
  const steps = results.data?.steps ?? [];

  const option = useMemo(() => {
    const rows = [...steps];
    return {
      grid: { left: isMobile ? 110 : 200, right: 24, top: 16, bottom: 24 },
      tooltip: { trigger: "axis" as const, axisPointer: { type: "shadow" as const } },
      xAxis: { type: "value" as const, minInterval: 1 },
      yAxis: {
        type: "category" as const,
        inverse: true,
        data: rows.map((s) => s.title),
        axisLabel: { width: isMobile ? 100 : 190, overflow: "truncate" as const },
      },
      series: [
        {
          type: "bar" as const,
          name: t("budVotes"),
          data: rows.map((s) => ({
            value: s.votes,
            itemStyle: { color: s.decision === "funded" ? "#52c41a" : "#bfbfbf" },
          })),
          label: { show: true, position: "right" as const },
        },
      ],
    };
  }, [steps, isMobile, t]);

  if (round.isLoading || results.isLoading) return <Spin />;
  if (round.error) return <ErrorAlert error={round.error} />;
  if (results.error) {
    if (results.error instanceof ApiError && results.error.status === 409) {
      return <Result status="info" title={t("budNoResultsYet")} extra={<Link to={`/decide/budget/${id}`}>{t("back")}</Link>} />;
    }
    return <ErrorAlert error={results.error} />;
  }
  const r = results.data;
  if (!r || !round.data) return null;

  const columns = [
    { title: t("budRank"), dataIndex: "rank", width: 60 },
    { title: t("budProject"), dataIndex: "title" },
    { title: t("budVotes"), dataIndex: "votes", width: 70, align: "right" as const },
    { title: t("budCost"), dataIndex: "cost", width: 120, align: "right" as const, render: (v: string) => formatYuan(v) },
    {
      title: t("budRemainingBefore"),
      dataIndex: "remainingBefore",
      width: 130,
      align: "right" as const,
      render: (v: string) => formatYuan(v),
    },
    {
      title: t("budDecision"),
      dataIndex: "decision",
      width: 130,
      render: (_: string, s: BudgetStepRow) =>
        s.decision === "funded" ? (
          <Tag color="green">{t("budFunded")}</Tag>
        ) : (
          <Tag>{s.reason === "no_votes" ? t("budSkippedNoVotes") : t("budSkipped")}</Tag>
        ),
    },
    {
      title: t("budRemainingAfter"),
      dataIndex: "remainingAfter",
      width: 130,
      align: "right" as const,
      render: (v: string) => formatYuan(v),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }} data-testid="budget-results">
      <Card
        size="small"
        title={
          <Space wrap>
            <Link to={`/decide/budget/${round.data.id}`}>{round.data.title}</Link>
            <PhaseTag phase={round.data.phase} />
          </Space>
        }
      >
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Statistic title={t("budFund")} value={formatYuan(r.fund)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("budSpent")} value={formatYuan(r.spent)} data-testid="budget-spent" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("budRemaining")} value={formatYuan(r.remaining)} data-testid="budget-remaining" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t("budBallots")} value={r.ballots ?? 0} />
          </Col>
        </Row>
        <Alert type="info" style={{ marginTop: 12 }} title={t("budTieRule")} />
      </Card>
      <Card size="small" title={t("budWinners")}>
        <Space orientation="vertical" size={6} style={{ width: "100%" }}>
          {r.winners.length === 0 && <Typography.Text type="secondary">{t("budNoWinners")}</Typography.Text>}
          {r.winners.map((w, n) => (
            <div key={w.ideaId} data-testid="budget-winner">
              <Space size={6} wrap>
                <Typography.Text strong>
                  {n + 1}. {w.title}
                </Typography.Text>
                <Typography.Text>
                  {formatYuan(w.cost)} {t("budYuan")} · {t("budVotesN", { n: w.votes })}
                </Typography.Text>
                {w.projectId && <Link to={`/decide/projects/${w.projectId}`}>{t("budProjectLink")}</Link>}
              </Space>
            </div>
          ))}
        </Space>
      </Card>
      <Card size="small" title={t("budChart")}>
        <EChart option={option} style={{ height: Math.max(200, steps.length * 36 + 40) }} testId="budget-chart" />
      </Card>
      <Card size="small" title={t("budSteps")}>
        <Typography.Paragraph type="secondary">{t("budStepsHint")}</Typography.Paragraph>
        <Table<BudgetStepRow>
          rowKey="ideaId"
          size="small"
          pagination={false}
          dataSource={steps}
          columns={columns}
          scroll={{ x: 760 }}
          data-testid="budget-steps-table"
          rowClassName={(s) => (s.decision === "funded" ? "budget-funded-row" : "")}
        />
      </Card>
    </Space>
  );
}
