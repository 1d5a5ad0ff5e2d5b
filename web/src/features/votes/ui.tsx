// Shared pieces of the meetings and votes pages: tags, the quorum indicator, the result with the
// rule that decided it (and a bar chart), and the published ballot list with receipt check and recount.
import { CheckCircleTwoTone, CloseCircleTwoTone } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Input, Progress, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, ApiError } from "../../api";
import { EChart } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type MessageKey, useI18n } from "../../i18n";
import { useBallotList, useRecount } from "./queries";
import type { MeetingCount, MeetingStatus, ReceiptCheck, Vote, VoteResult, VoteStatus } from "./types";

export const k = (s: string) => s as MessageKey;

const MEETING_COLORS: Record<MeetingStatus, string> = {
  scheduled: "blue",
  in_progress: "processing",
  closed: "default",
  published: "success",
  cancelled: "error",
};
const VOTE_COLORS: Record<VoteStatus, string> = {
  draft: "default",
  open: "processing",
  closed: "warning",
  published: "success",
  cancelled: "error",
};

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return <Tag color={MEETING_COLORS[status]}>{t(k(`vtMStatus_${status}`))}</Tag>;
}

export function VoteStatusTag({ status }: { status: VoteStatus }) {
  const { t } = useI18n();
  return <Tag color={VOTE_COLORS[status]}>{t(k(`vtVStatus_${status}`))}</Tag>;
}

export function PassedTag({ passed, kind }: { passed: boolean | null; kind: Vote["kind"] }) {
  const { t } = useI18n();
  if (passed === null) return null;
  if (kind !== "yes_no") return <Tag color={passed ? "success" : "error"}>{t(passed ? "vtCompleted" : "vtQuorumNotMet")}</Tag>;
  return (
    <Tag color={passed ? "success" : "error"} data-testid="vote-passed">
      {t(passed ? "vtPassed" : "vtNotPassed")}
    </Tag>
  );
}

/** The live count against the quorum (antd Progress). */
export function QuorumIndicator({ count }: { count: MeetingCount }) {
  const { t } = useI18n();
  // Progress toward the quorum (or toward the expected attendance when there is no quorum).
  const target = count.needed ?? count.expected ?? 0;
  const percent = target > 0 ? Math.min(100, Math.round((count.present / target) * 100)) : 100;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={4}>
      <Space size="large" wrap>
        <Typography.Text>
          {t("vtPresent")}{" "}
          <Typography.Text strong style={{ fontSize: 28 }} data-testid="meeting-present">
            {count.present}
          </Typography.Text>
          {count.expected !== null && <Typography.Text type="secondary"> / {count.expected}</Typography.Text>}
        </Typography.Text>
        {count.needed !== null && (
          <Typography.Text>
            {t("vtNeeded")} <Typography.Text strong>{count.needed}</Typography.Text> ({count.ratio})
          </Typography.Text>
        )}
        {count.observers > 0 && <Typography.Text type="secondary">{t("vtObservers", { n: count.observers })}</Typography.Text>}
      </Space>
      {target > 0 && (
        <Progress
          percent={percent}
          status={count.reached ? "success" : "active"}
          format={() => `${count.present}/${target}`}
          style={{ marginBottom: 0 }}
        />
      )}
      <div data-testid="meeting-quorum" data-reached={count.reached ? "true" : "false"}>
        {count.needed === null ? (
          <Tag>{t("vtNoQuorum")}</Tag>
        ) : count.reached ? (
          <Tag color="success" icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}>
            {t("vtQuorumReached")}
          </Tag>
        ) : (
          <Tag color="warning">{t("vtQuorumShort", { n: count.short })}</Tag>
        )}
      </div>
    </Space>
  );
}

export function choiceLabel(t: (key: MessageKey) => string, kind: Vote["kind"], choice: string, labels: string[]) {
  if (kind === "yes_no") return t(k(`vtChoice_${choice}`));
  return labels.length ? labels.join("、") : t("vtBlank");
}

/** The result, the rule that decided it with each check, and a bar chart. */
export function ResultView({ result, vote }: { result: VoteResult; vote: Pick<Vote, "kind" | "ruleText" | "fund"> }) {
  const { t, lang } = useI18n();
  const chart = useMemo(() => {
    if (result.counts) {
      const names = [t("vtChoice_yes"), t("vtChoice_no"), t("vtChoice_abstain")];
      const values = [result.counts.yes, result.counts.no, result.counts.abstain];
      return {
        tooltip: {},
        grid: { left: 40, right: 16, top: 24, bottom: 32 },
        xAxis: { type: "category", data: names },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          {
            type: "bar",
            data: values.map((v, i) => ({ value: v, itemStyle: { color: ["#52c41a", "#f5222d", "#bfbfbf"][i] } })),
            label: { show: true, position: "top" },
          },
        ],
      };
    }
    const opts = result.options ?? [];
    const winners = new Set(result.winners);
    return {
      tooltip: {},
      grid: { left: 120, right: 32, top: 16, bottom: 24 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: opts.map((o) => o.label).reverse(), axisLabel: { width: 110, overflow: "truncate" } },
      series: [
        {
          type: "bar",
          data: [...opts].reverse().map((o) => ({
            value: o.votes,
            itemStyle: { color: winners.has(o.id) || (o.refId && winners.has(o.refId)) ? "#1677ff" : "#bfbfbf" },
          })),
          label: { show: true, position: "right" },
        },
      ],
    };
  }, [result, t]);
  const label = (id: string) => result.options?.find((o) => o.id === id || o.refId === id)?.label ?? id;
  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={12} data-testid="vote-result">
      <Alert
        type={result.passed ? "success" : "error"}
        showIcon
        title={
          <Space wrap>
            <PassedTag passed={result.passed} kind={result.kind} />
            <span>{lang === "zh" ? result.explanation.zh : result.explanation.en}</span>
          </Space>
        }
      />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("vtDecidedBy")}>{lang === "zh" ? vote.ruleText.zh : vote.ruleText.en}</Descriptions.Item>
        <Descriptions.Item label={t("vtTurnout")}>
          {result.turnout} / {result.electorateCount}
          {result.turnoutArea !== null && ` · ${result.turnoutArea} / ${result.electorateArea} ㎡`}
        </Descriptions.Item>
        {result.areas && (
          <Descriptions.Item label={t("vtFloorArea")}>
            {t("vtChoice_yes")} {result.areas.yes} · {t("vtChoice_no")} {result.areas.no} · {t("vtChoice_abstain")}{" "}
            {result.areas.abstain}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={result.checks}
        columns={[
          { title: t("vtRule"), dataIndex: "key", render: (v: string) => t(k(`vtCheck_${v}`)) },
          { title: t("vtValue"), dataIndex: "value" },
          {
            title: t("vtNeededMin"),
            render: (_: unknown, c) => `${c.needed} (${c.op === ">" ? ">" : "≥"} ${c.ratio} × ${c.base})`,
          },
          {
            title: "",
            dataIndex: "met",
            render: (m: boolean) =>
              m ? (
                <Tag color="success" icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}>
                  {t("vtMet")}
                </Tag>
              ) : (
                <Tag color="error" icon={<CloseCircleTwoTone twoToneColor="#f5222d" />}>
                  {t("vtNotMet")}
                </Tag>
              ),
          },
        ]}
      />
      <EChart
        option={chart}
        testId="vote-chart"
        style={{ height: result.counts ? 260 : Math.max(200, (result.options?.length ?? 0) * 40 + 60) }}
      />
      {result.kind !== "yes_no" && (result.winners.length > 0 || result.tied.length > 0) && (
        <Typography.Paragraph>
          <Typography.Text strong>{t("vtWinners")}:</Typography.Text> {result.winners.map(label).join("、") || t("vtNone")}
          {result.tied.length > 0 && (
            <>
              {" · "}
              <Typography.Text type="warning">
                {t("vtTied")}: {result.tied.map(label).join("、")}
              </Typography.Text>
            </>
          )}
        </Typography.Paragraph>
      )}
      {result.budget && (
        <Card size="small" title={`${t("vtBudgetSteps")} (${t("vtFund")} ${vote.fund ?? ""})`}>
          <Table
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={result.budget.steps}
            scroll={{ x: true }}
            columns={[
              { title: t("vtOptions"), dataIndex: "id", render: (id: string) => label(id) },
              { title: t("vtVotesCount"), dataIndex: "votes" },
              { title: t("vtCost"), dataIndex: "cost" },
              { title: t("vtRemaining"), dataIndex: "remainingBefore" },
              {
                title: "",
                dataIndex: "decision",
                render: (d: string) => (
                  <Tag color={d === "funded" ? "success" : "default"}>{t(d === "funded" ? "vtFunded" : "vtSkipped")}</Tag>
                ),
              },
              { title: t("vtRemaining"), dataIndex: "remainingAfter" },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** Anyone checks a receipt code. */
export function ReceiptChecker({ voteId, kind }: { voteId: string; kind: Vote["kind"] }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [out, setOut] = useState<ReceiptCheck | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const check = async () => {
    setErr(null);
    setOut(null);
    try {
      setOut(await api.get<ReceiptCheck>(`/api/decide/votes/${voteId}/receipt`, { code }));
    } catch (e) {
      setErr(e);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space.Compact style={{ width: "100%", maxWidth: 420 }}>
        <Input
          placeholder="XXXX-XXXX-XXXX"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={check}
          data-testid="receipt-input"
        />
        <Button type="primary" onClick={check} data-testid="receipt-check">
          {t("vtCheckReceipt")}
        </Button>
      </Space.Compact>
      {err instanceof ApiError ? <ErrorAlert error={err} /> : null}
      {out && (
        <Alert
          data-testid="receipt-result"
          type={out.found ? "success" : "warning"}
          showIcon
          title={
            out.found
              ? t("vtReceiptFound", { choice: choiceLabel(t, kind, out.choice ?? "", out.labels) })
              : t("vtReceiptNotFound")
          }
        />
      )}
    </Space>
  );
}

/** The published ballot list, with the receipt checker and a recount against the stored result. */
export function BallotListCard({ vote }: { vote: Vote }) {
  const { t } = useI18n();
  const published = vote.status === "published";
  const list = useBallotList(vote.id, published);
  const [recountOn, setRecountOn] = useState(false);
  const recount = useRecount(vote.id, published && recountOn);
  const [filter, setFilter] = useState("");
  if (!published) return null;
  const items = (list.data?.items ?? []).filter((b) => !filter || b.receipt.includes(filter.toUpperCase()));
  return (
    <Card size="small" title={t("vtBallotList")} data-testid="ballot-list">
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        <ReceiptChecker voteId={vote.id} kind={vote.kind} />
        <Space wrap>
          <Button
            onClick={() => (recountOn ? recount.refetch() : setRecountOn(true))}
            loading={recount.isFetching}
            data-testid="recount"
          >
            {t("vtRecount")}
          </Button>
          {recount.data && (
            <Typography.Text type={recount.data.matches ? "success" : "danger"} data-testid="recount-result">
              {recount.data.matches ? t("vtRecountMatches", { n: recount.data.ballots }) : t("vtRecountDiffers")}
            </Typography.Text>
          )}
        </Space>
        <ErrorAlert error={list.error ?? recount.error} />
        <Input.Search placeholder={t("vtReceipt")} allowClear onSearch={setFilter} style={{ maxWidth: 260 }} />
        <Table
          size="small"
          rowKey="receipt"
          loading={list.isLoading}
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t("vtReceipt"), dataIndex: "receipt", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t("vtChoice"), render: (_: unknown, b) => choiceLabel(t, vote.kind, b.choice, b.labels) },
            ...(vote.electorate === "owners" ? [{ title: t("vtFloorArea"), dataIndex: "area" }] : []),
          ]}
        />
      </Space>
    </Card>
  );
}
