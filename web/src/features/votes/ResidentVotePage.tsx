// Resident: cast my ballot (big buttons on a phone), keep the receipt, see the result once published
// and check my receipt in the published ballot list.
import { useMutation } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Result, Space, Spin, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { useVote, useVtRefresh } from "./queries";
import type { Vote } from "./types";
import { BallotListCard, k, ReceiptChecker, ResultView, VoteStatusTag } from "./ui";

/** Sum of decimal yuan strings in cents, exactly. */
function cents(v: string | null | undefined): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(v ?? "0");
  if (!m) return 0n;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}
const yuan = (c: bigint) => `${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;

export default function ResidentVotePage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const vote = useVote(id);
  const [receipt, setReceipt] = useState<string | null>(null);
  const v = vote.data;
  if (vote.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  if (!v) return <ErrorAlert error={vote.error} />;
  return (
    <div style={{ maxWidth: 640, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Card size="small">
          <Space orientation="vertical" size={4} style={{ width: "100%" }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {v.title}
            </Typography.Title>
            <Space wrap size={4}>
              <VoteStatusTag status={v.status} />
              <Tag>{t(v.secret ? "vtSecret" : "vtOpenBallot")}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v.areaName}
                {v.closesAt ? ` · ${t("vtClosesAt")} ${formatTime(v.closesAt)}` : ""}
              </Typography.Text>
            </Space>
            {v.description && (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{v.description}</Typography.Paragraph>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("vtRule")}: {lang === "zh" ? v.ruleText.zh : v.ruleText.en}
            </Typography.Text>
            {v.secret && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("vtSecretHelp")}
              </Typography.Text>
            )}
          </Space>
        </Card>
        {receipt ? (
          <ReceiptShown receipt={receipt} />
        ) : v.me.canCast ? (
          <CastCard v={v} onCast={setReceipt} />
        ) : v.status === "open" ? (
          <Alert
            type={v.me.voted ? "success" : "info"}
            showIcon
            title={t(v.me.voted ? "vtAlreadyVoted" : "vtNotElector")}
            data-testid="vote-state"
          />
        ) : null}
        {v.result ? (
          <Card size="small" title={t("vtResult")}>
            <ResultView result={v.result} vote={v} />
          </Card>
        ) : (
          (v.status === "closed" || v.status === "open") && (
            <Typography.Text type="secondary">{t("vtResultHidden")}</Typography.Text>
          )
        )}
        {v.status === "published" ? (
          <BallotListCard vote={v} />
        ) : (
          v.me.voted && (
            <Card size="small" title={t("vtCheckReceipt")}>
              <ReceiptChecker voteId={v.id} kind={v.kind} />
            </Card>
          )
        )}
        <Link to="/decide/my-votes">{t("vtBack")}</Link>
      </Space>
    </div>
  );
}

function ReceiptShown({ receipt }: { receipt: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={t("vtAlreadyVoted")}
      subTitle={
        <Space orientation="vertical">
          <span>{t("vtYourReceipt")}</span>
          <Typography.Text strong copyable style={{ fontSize: 24, letterSpacing: 2 }} data-testid="vote-receipt">
            {receipt}
          </Typography.Text>
          <Typography.Text type="secondary">{t("vtReceiptKeep")}</Typography.Text>
        </Space>
      }
    />
  );
}

function CastCard({ v, onCast }: { v: Vote; onCast: (receipt: string) => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const refresh = useVtRefresh();
  const [chosen, setChosen] = useState<string[]>([]);
  const cast = useMutation({
    mutationFn: (body: { choice?: string; optionIds?: string[] }) =>
      api.post<{ receipt: string }>(`/api/decide/votes/${v.id}/ballots`, body),
    onSuccess: (r) => {
      onCast(r.receipt);
      refresh();
    },
  });
  const confirm = (body: { choice?: string; optionIds?: string[] }) =>
    modal.confirm({ title: t("vtConfirmCast"), onOk: () => cast.mutateAsync(body).catch(() => undefined) });

  const total = useMemo(
    () => chosen.reduce((s, id) => s + cents(v.options.find((o) => o.id === id)?.cost), 0n),
    [chosen, v.options],
  );
  const fund = cents(v.fund);
  const knapsack = v.kind === "budget" && v.budgetRule === "knapsack";
  const limit = knapsack ? null : v.maxChoices;
  const over = knapsack && total > fund;
  const tooMany = limit !== null && chosen.length > limit;

  if (v.kind === "yes_no") {
    const big = { height: 56, fontSize: 18 };
    return (
      <Card size="small">
        <ErrorAlert error={cast.error} />
        <Space orientation="vertical" style={{ width: "100%" }} size={12}>
          <Button
            type="primary"
            block
            style={{ ...big, background: "#52c41a" }}
            onClick={() => confirm({ choice: "yes" })}
            data-testid="vote-cast-yes"
          >
            {t("vtChoice_yes")}
          </Button>
          <Button type="primary" danger block style={big} onClick={() => confirm({ choice: "no" })} data-testid="vote-cast-no">
            {t("vtChoice_no")}
          </Button>
          <Button block style={big} onClick={() => confirm({ choice: "abstain" })} data-testid="vote-cast-abstain">
            {t("vtChoice_abstain")}
          </Button>
        </Space>
      </Card>
    );
  }
  return (
    <Card size="small" title={limit !== null ? t("vtChooseUpTo", { n: limit }) : undefined}>
      <ErrorAlert error={cast.error} />
      <Checkbox.Group value={chosen} onChange={(x) => setChosen(x as string[])} style={{ width: "100%" }}>
        <Space orientation="vertical" style={{ width: "100%" }}>
          {v.options.map((o) => (
            <Checkbox
              key={o.id}
              value={o.id}
              style={{ padding: "8px 0", fontSize: 16 }}
              data-testid={`vote-option-${o.position}`}
            >
              {o.label}
              {o.cost && <Typography.Text type="secondary"> · {o.cost} 元</Typography.Text>}
            </Checkbox>
          ))}
        </Space>
      </Checkbox.Group>
      {knapsack && (
        <div style={{ margin: "8px 0" }}>
          <Typography.Text type={over ? "danger" : "secondary"} data-testid="vote-total">
            {t("vtChosenTotal", { total: yuan(total), fund: yuan(fund) })}
            {over ? ` · ${t("vtOverFund")}` : ""}
          </Typography.Text>
        </div>
      )}
      <Button
        type="primary"
        block
        style={{ height: 48, marginTop: 8 }}
        disabled={over || tooMany}
        loading={cast.isPending}
        onClick={() => confirm({ optionIds: chosen })}
        data-testid="vote-cast-options"
      >
        {t("vtCast")}
      </Button>
      {tooMany && <Typography.Text type="danger">{t("vtChooseUpTo", { n: limit ?? 0 })}</Typography.Text>}
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
        {t(k(`vtVKind_${v.kind}`))}
      </Typography.Text>
    </Card>
  );
}
