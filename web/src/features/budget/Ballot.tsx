// The resident's budget ballot (phone first): a checkbox per feasible project with its cost and a
// running total against the fund. It refuses a tick that would exceed the fund (knapsack) or the
// k allowed (up to k); the votes module checks the same again when the ballot is cast.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Empty, Progress, Space, Spin, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { newIdempotencyKey, postWithKey } from "../appeals/queries";
import { type BudgetRound, formatYuan, fromCents, toCents, toggleProblem, useBudgetVote } from "./queries";

export function BudgetBallot({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const vote = useBudgetVote(round.voteId);
  const [chosen, setChosen] = useState<string[]>([]);
  const [refused, setRefused] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const options = vote.data?.options ?? [];
  const costs = useMemo(() => new Map(options.map((o) => [o.id, o.cost])), [options]);
  const rule = {
    budgetRule: vote.data?.budgetRule ?? round.ballotRule,
    fund: vote.data?.fund ?? round.fund,
    maxChoices: vote.data?.maxChoices ?? round.maxChoices,
  };
  const knapsack = rule.budgetRule !== "up_to_k";
  const total = chosen.reduce((s, id) => s + toCents(costs.get(id)), 0n);
  const fund = toCents(rule.fund);
  const percent = fund > 0n ? Number((total * 1000n) / fund) / 10 : 0;

  const cast = useMutation({
    mutationFn: () =>
      postWithKey<{ receipt: string }>(`/api/decide/votes/${round.voteId}/ballots`, { optionIds: chosen }, key.current),
    onSuccess: (r) => {
      setReceipt(r.receipt);
      qc.invalidateQueries({ queryKey: ["decide-vote", round.voteId] });
    },
  });

  if (!round.voteId) return null;
  if (vote.isLoading) return <Spin />;
  if (vote.error) return <ErrorAlert error={vote.error} />;
  const v = vote.data;
  if (!v) return null;

  if (receipt) {
    return (
      <Card size="small" title={t("budBallotTitle")}>
        <Alert
          type="success"
          showIcon
          title={t("budBallotDone")}
          description={
            <span>
              {t("budBallotReceipt")}:{" "}
              <Typography.Text code copyable data-testid="budget-ballot-receipt">
                {receipt}
              </Typography.Text>
            </span>
          }
        />
      </Card>
    );
  }
  if (v.me.voted) {
    return (
      <Card size="small" title={t("budBallotTitle")}>
        <Alert type="info" showIcon title={t("budBallotAlready")} data-testid="budget-ballot-already" />
      </Card>
    );
  }
  if (!v.me.canCast) {
    return (
      <Card size="small" title={t("budBallotTitle")}>
        <Alert type="warning" showIcon title={v.me.elector ? t("budBallotClosed") : t("budBallotNotElector")} />
      </Card>
    );
  }

  const toggle = (id: string) => {
    const problem = toggleProblem(chosen, id, costs, rule);
    if (problem) {
      setRefused(problem === "over_fund" ? t("budBallotOverFund") : t("budBallotTooMany", { k: rule.maxChoices ?? 1 }));
      return;
    }
    setRefused(null);
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  };

  return (
    <Card size="small" title={t("budBallotTitle")} data-testid="budget-ballot">
      <Typography.Paragraph type="secondary">
        {knapsack
          ? t("budBallotHintKnapsack", { fund: formatYuan(rule.fund) })
          : t("budBallotHintUpToK", { k: rule.maxChoices ?? 1 })}
      </Typography.Paragraph>
      <div
        style={{ position: "sticky", top: 64, zIndex: 2, background: "var(--ant-color-bg-container, #fff)", paddingBottom: 8 }}
      >
        {knapsack ? (
          <>
            <Typography.Text strong data-testid="budget-ballot-total">
              {t("budBallotTotal", { total: formatYuan(fromCents(total)), fund: formatYuan(rule.fund) })}
            </Typography.Text>
            <Progress percent={Math.min(100, percent)} showInfo={false} status={total > fund ? "exception" : "normal"} />
            <Typography.Text type="secondary" data-testid="budget-ballot-left">
              {t("budBallotLeft", { left: formatYuan(fromCents(fund - total)) })}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text strong data-testid="budget-ballot-total">
            {t("budBallotCount", { n: chosen.length, k: rule.maxChoices ?? 1 })}
          </Typography.Text>
        )}
      </div>
      {refused && (
        <Alert type="warning" showIcon title={refused} style={{ margin: "8px 0" }} data-testid="budget-ballot-refused" />
      )}
      {options.length === 0 && <Empty />}
      <Space orientation="vertical" size={4} style={{ width: "100%", margin: "8px 0 16px" }}>
        {options.map((o) => {
          const on = chosen.includes(o.id);
          const blocked = !on && toggleProblem(chosen, o.id, costs, rule) !== null;
          return (
            <div
              key={o.id}
              style={{
                padding: "10px 8px",
                borderRadius: 6,
                border: "1px solid var(--ant-color-border-secondary, #f0f0f0)",
                opacity: blocked ? 0.55 : 1,
              }}
            >
              <Checkbox checked={on} onChange={() => toggle(o.id)} data-testid="budget-ballot-option" style={{ width: "100%" }}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{o.label}</Typography.Text>
                  <Typography.Text type="secondary">
                    {formatYuan(o.cost)} {t("budYuan")}
                    {blocked && ` · ${knapsack ? t("budBallotDoesNotFit") : t("budBallotLimitReached")}`}
                  </Typography.Text>
                </Space>
              </Checkbox>
            </div>
          );
        })}
      </Space>
      <ErrorAlert error={cast.error} />
      <Button
        type="primary"
        size="large"
        block
        disabled={chosen.length === 0}
        loading={cast.isPending}
        onClick={() => cast.mutate()}
        data-testid="budget-ballot-submit"
      >
        {t("budBallotSubmit", { n: chosen.length })}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t("budBallotSecret")} <Link to={`/decide/votes/${round.voteId}`}>{t("budVoteLink")}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
