// One budget round. Staff: the phases as Steps, the ideas with feasibility and costing, and the
// button that moves the round on. Residents (phone first): submit an idea while collecting, see the
// assessed ideas, cast the budget ballot while voting, and reach the results.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, useI18n } from "../../i18n";
import { BudgetBallot } from "./Ballot";
import {
  type BudgetIdea,
  type BudgetPhase,
  type BudgetRound,
  formatYuan,
  ideasKey,
  isResidentUser,
  PHASES,
  roundKey,
  useBudgetVote,
  useIdeas,
  useRound,
} from "./queries";
import { IdeaStatusTag, PhaseSteps, PhaseTag, phaseKey, useRuleText } from "./ui";

export default function RoundPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { data: me } = useMe();
  const round = useRound(id);
  if (round.isLoading) return <Spin />;
  if (round.error || !round.data) {
    return round.error ? <ErrorAlert error={round.error} /> : <Result status="404" title="404" subTitle={t("budNotFound")} />;
  }
  return isResidentUser(me) ? <ResidentRound round={round.data} /> : <StaffRound round={round.data} />;
}

function RoundHeader({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const ruleText = useRuleText();
  const isMobile = useIsMobile();
  return (
    <Descriptions size="small" column={isMobile ? 1 : 3} style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t("budArea")}>{round.areaName}</Descriptions.Item>
      <Descriptions.Item label={t("budYear")}>{round.year}</Descriptions.Item>
      <Descriptions.Item label={t("budFund")}>
        <span data-testid="budget-fund">{formatYuan(round.fund)}</span> {t("budYuan")}
      </Descriptions.Item>
      <Descriptions.Item label={t("budBallotRule")}>{ruleText(round)}</Descriptions.Item>
      <Descriptions.Item label={t("budElectorate")}>
        {t(round.electorate === "households" ? "budElectorateHouseholds" : "budElectorateResidents")}
      </Descriptions.Item>
      {round.description && <Descriptions.Item label={t("budDescription")}>{round.description}</Descriptions.Item>}
    </Descriptions>
  );
}

// ---------------------------------------------------------------------------------------------
// Staff

function StaffRound({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const { data: me } = useMe();
  const canManage = hasPermission(me, "decide.manage");
  const ideas = useIdeas(round.id);
  const [costing, setCosting] = useState<BudgetIdea | null>(null);
  const showResults = round.phase === "results" || round.phase === "implementation";
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space wrap>
            <Link to="/decide/budget">{t("budTitle")}</Link>/<span data-testid="budget-round-title">{round.title}</span>
            <PhaseTag phase={round.phase} />
          </Space>
        }
        extra={showResults && <Link to={`/decide/budget/${round.id}/results`}>{t("budActResults")}</Link>}
      >
        <RoundHeader round={round} />
        <PhaseSteps phase={round.phase} />
        {round.phase === "cancelled" && (
          <Alert
            type="warning"
            style={{ marginTop: 12 }}
            title={t("budCancelledBecause", { reason: round.cancelReason ?? "" })}
          />
        )}
        {canManage && <PhaseActions round={round} />}
        {round.phase === "voting" && <VoteStatus round={round} />}
      </Card>
      <Card size="small" title={t("budIdeas")}>
        <ErrorAlert error={ideas.error} />
        <Table<BudgetIdea>
          rowKey="id"
          size="small"
          loading={ideas.isLoading}
          dataSource={ideas.data ?? []}
          pagination={false}
          scroll={{ x: 860 }}
          data-testid="budget-ideas-table"
          columns={[
            {
              title: t("budIdeaTitle"),
              dataIndex: "title",
              render: (v: string, i) => (
                <div>
                  <Typography.Text strong>{v}</Typography.Text>
                  {i.description && (
                    <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
                      {i.description}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            },
            { title: t("budSubmitter"), dataIndex: "submitterName", width: 100, render: (v: string | null) => v ?? "" },
            {
              title: t("budEstimate"),
              dataIndex: "estimatedCost",
              width: 120,
              align: "right",
              render: (v: string | null) => (v ? formatYuan(v) : ""),
            },
            {
              title: t("budCost"),
              dataIndex: "cost",
              width: 120,
              align: "right",
              render: (v: string | null) => (v ? formatYuan(v) : ""),
            },
            {
              title: t("budFeasibility"),
              key: "feasible",
              width: 200,
              render: (_: unknown, i) => (
                <div>
                  <IdeaStatusTag idea={i} />
                  {i.feasibilityNote && <Typography.Text type="secondary">{i.feasibilityNote}</Typography.Text>}
                </div>
              ),
            },
            ...(canManage && round.phase === "costing"
              ? [
                  {
                    title: "",
                    key: "cost",
                    width: 90,
                    render: (_: unknown, i: BudgetIdea) => (
                      <Button size="small" onClick={() => setCosting(i)} data-testid="budget-cost-open">
                        {t("budCostAction")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {costing && <CostingModal round={round} idea={costing} onClose={() => setCosting(null)} />}
    </Space>
  );
}

const advanceHint: Record<BudgetPhase, MessageKey> = {
  collect: "budAdvanceHintCosting",
  costing: "budAdvanceHintCosting",
  voting: "budAdvanceHintVoting",
  results: "budAdvanceHintResults",
  implementation: "budAdvanceHintImplementation",
  cancelled: "budCancelRound",
};

function PhaseActions({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const idx = PHASES.indexOf(round.phase as (typeof PHASES)[number]);
  const next: BudgetPhase | null = idx >= 0 && idx < PHASES.length - 1 ? PHASES[idx + 1] : null;
  const move = useMutation({
    mutationFn: (body: { to: BudgetPhase; reason?: string }) => api.post(`/api/decide/budget/rounds/${round.id}/advance`, body),
    onSuccess: () => {
      setCancelling(false);
      qc.invalidateQueries({ queryKey: roundKey(round.id) });
      qc.invalidateQueries({ queryKey: ideasKey(round.id) });
      qc.invalidateQueries({ queryKey: ["budget-rounds"] });
      qc.invalidateQueries({ queryKey: ["budget-results", round.id] });
    },
  });
  const canCancel = round.phase === "collect" || round.phase === "costing" || round.phase === "voting";
  if (!next && !canCancel) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <ErrorAlert error={move.error} />
      <Space wrap>
        {next && (
          <Popconfirm
            title={t("budAdvanceConfirm", { phase: t(phaseKey[next]) })}
            description={t(advanceHint[next])}
            onConfirm={() => move.mutate({ to: next })}
            okButtonProps={{ "data-testid": "budget-advance-confirm" } as never}
          >
            <Button type="primary" loading={move.isPending} data-testid="budget-advance">
              {t("budAdvance", { phase: t(phaseKey[next]) })}
            </Button>
          </Popconfirm>
        )}
        {canCancel && (
          <Button danger onClick={() => setCancelling(true)} data-testid="budget-cancel">
            {t("budCancelRound")}
          </Button>
        )}
      </Space>
      <Modal
        open={cancelling}
        title={t("budCancelRound")}
        onCancel={() => setCancelling(false)}
        onOk={() => move.mutate({ to: "cancelled", reason })}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={move.isPending}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("budCancelReason")} />
      </Modal>
    </div>
  );
}

function VoteStatus({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const vote = useBudgetVote(round.voteId);
  if (!vote.data) return null;
  return (
    <Alert
      style={{ marginTop: 12 }}
      type="info"
      title={t("budVoteOpen", { turnout: vote.data.turnout, electorate: vote.data.electorateCount ?? 0 })}
      description={<Link to={`/decide/votes/${round.voteId}`}>{t("budVoteLink")}</Link>}
    />
  );
}

type CostForm = { feasible: boolean; cost?: string; note?: string };

function CostingModal({ round, idea, onClose }: { round: BudgetRound; idea: BudgetIdea; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CostForm>();
  const qc = useQueryClient();
  const [extra, setExtra] = useState<string[] | undefined>();
  const feasible = Form.useWatch("feasible", form);
  const save = useMutation({
    mutationFn: (v: CostForm) =>
      api.post(`/api/decide/budget/ideas/${idea.id}/cost`, {
        feasible: v.feasible,
        cost: v.feasible && v.cost !== undefined && v.cost !== null ? String(v.cost) : null,
        note: v.note || null,
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ideasKey(round.id) });
      qc.invalidateQueries({ queryKey: roundKey(round.id) });
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["feasible", "cost", "note"])),
  });
  return (
    <Modal
      open
      title={`${t("budCostAction")}:${idea.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ "data-testid": "budget-cost-save" } as never}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} extra={extra} />
      <Form<CostForm>
        form={form}
        layout="vertical"
        initialValues={{
          feasible: idea.feasible ?? true,
          cost: idea.cost ?? idea.estimatedCost ?? undefined,
          note: idea.feasibilityNote ?? "",
        }}
        onFinish={(v) => {
          setExtra(undefined);
          save.mutate(v);
        }}
      >
        <Form.Item name="feasible" label={t("budFeasibility")}>
          <Radio.Group
            options={[
              { value: true, label: t("budIdeaFeasible") },
              { value: false, label: t("budIdeaInfeasible") },
            ]}
            data-testid="budget-cost-feasible"
          />
        </Form.Item>
        {feasible !== false && (
          <Form.Item
            name="cost"
            label={t("budCostYuan")}
            extra={t("budCostHint", { fund: formatYuan(round.fund) })}
            rules={[{ required: true, message: t("budRequired") }]}
          >
            <InputNumber<string>
              stringMode
              min="0"
              precision={2}
              step="1000"
              style={{ width: 200 }}
              data-testid="budget-cost-input"
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={feasible === false ? t("budInfeasibleReason") : t("budCostNote")}
          rules={feasible === false ? [{ required: true, message: t("budRequired") }] : []}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="budget-cost-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// Residents

function ResidentRound({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const ideas = useIdeas(round.id);
  const list = ideas.data ?? [];
  const shown = round.phase === "collect" ? list : list.filter((i) => i.feasible !== null || i.mine);
  return (
    <div style={{ maxWidth: 640, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Card
          size="small"
          title={<span data-testid="budget-round-title">{round.title}</span>}
          extra={<PhaseTag phase={round.phase} />}
        >
          <RoundHeader round={round} />
          <PhaseSteps phase={round.phase} compact />
          {round.phase === "cancelled" && (
            <Alert type="warning" title={t("budCancelledBecause", { reason: round.cancelReason ?? "" })} />
          )}
          {(round.phase === "results" || round.phase === "implementation") && (
            <Link to={`/decide/budget/${round.id}/results`}>
              <Button type="primary" block data-testid="budget-results-link">
                {t("budActResults")}
              </Button>
            </Link>
          )}
        </Card>
        {round.phase === "collect" && <IdeaForm round={round} />}
        {round.phase === "voting" && <BudgetBallot round={round} />}
        <Card size="small" title={t("budIdeas")}>
          <ErrorAlert error={ideas.error} />
          {!ideas.isLoading && shown.length === 0 && <Empty description={t("budNoIdeas")} />}
          <Space orientation="vertical" size={10} style={{ width: "100%" }}>
            {shown.map((i) => (
              <div key={i.id} data-testid="budget-idea">
                <Space size={6} wrap>
                  <Typography.Text strong>{i.title}</Typography.Text>
                  {i.mine && <Tag color="blue">{t("budMine")}</Tag>}
                  {round.phase !== "collect" && <IdeaStatusTag idea={i} />}
                  {i.cost && (
                    <Typography.Text>
                      {formatYuan(i.cost)} {t("budYuan")}
                    </Typography.Text>
                  )}
                </Space>
                {i.description && (
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {i.description}
                  </Typography.Paragraph>
                )}
                {i.feasible === false && i.feasibilityNote && (
                  <Typography.Paragraph type="danger" style={{ margin: 0 }}>
                    {t("budInfeasibleReason")}:{i.feasibilityNote}
                  </Typography.Paragraph>
                )}
              </div>
            ))}
          </Space>
        </Card>
      </Space>
    </div>
  );
}

type IdeaFormValues = { title: string; description?: string; location?: string; estimatedCost?: string };

function IdeaForm({ round }: { round: BudgetRound }) {
  const { t } = useI18n();
  const [form] = Form.useForm<IdeaFormValues>();
  const qc = useQueryClient();
  const [extra, setExtra] = useState<string[] | undefined>();
  const [done, setDone] = useState(false);
  const submit = useMutation({
    mutationFn: (v: IdeaFormValues) =>
      api.post(`/api/decide/budget/rounds/${round.id}/ideas`, {
        title: v.title,
        description: v.description || null,
        location: v.location || null,
        estimatedCost: v.estimatedCost ? String(v.estimatedCost) : null,
      }),
    onSuccess: () => {
      form.resetFields();
      setDone(true);
      qc.invalidateQueries({ queryKey: ideasKey(round.id) });
      qc.invalidateQueries({ queryKey: roundKey(round.id) });
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["title", "description", "location", "estimatedCost"])),
  });
  return (
    <Card size="small" title={t("budIdeaNew")}>
      <Typography.Paragraph type="secondary">{t("budIdeaNewHint")}</Typography.Paragraph>
      {done && (
        <Alert type="success" showIcon title={t("budIdeaThanks")} style={{ marginBottom: 12 }} data-testid="budget-idea-done" />
      )}
      <ErrorAlert error={submit.error} extra={extra} />
      <Form<IdeaFormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setExtra(undefined);
          setDone(false);
          submit.mutate(v);
        }}
      >
        <Form.Item name="title" label={t("budIdeaTitle")} rules={[{ required: true, message: t("budRequired") }]}>
          <Input maxLength={200} data-testid="budget-idea-title" />
        </Form.Item>
        <Form.Item name="description" label={t("budIdeaDescription")}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="budget-idea-description" />
        </Form.Item>
        <Form.Item name="location" label={t("budIdeaLocation")}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="estimatedCost" label={t("budEstimateYuan")}>
          <InputNumber<string> stringMode min="0" precision={2} step="1000" style={{ width: "100%" }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="budget-idea-submit">
          {t("budIdeaSubmit")}
        </Button>
      </Form>
    </Card>
  );
}
