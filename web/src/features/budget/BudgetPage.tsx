// Participatory budgets: staff see the rounds of their scope and the yearly funds; residents (phone
// first) see the rounds of the community they live in, each with what they can do now.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import {
  type BudgetFund,
  type BudgetPhase,
  type BudgetRound,
  currentYear,
  formatYuan,
  isResidentUser,
  PHASES,
  useFunds,
  useRounds,
} from "./queries";
import { PhaseTag, phaseKey, ResidentAction, useRuleText } from "./ui";

const PAGE_SIZE = 20;

export default function BudgetPage() {
  const { data: me } = useMe();
  return isResidentUser(me) ? <ResidentRounds /> : <StaffBudget />;
}

function StaffBudget() {
  const { t } = useI18n();
  return (
    <Card size="small" title={t("budTitle")}>
      <Tabs
        items={[
          { key: "rounds", label: t("budRounds"), children: <StaffRounds /> },
          { key: "funds", label: t("budFunds"), children: <FundsPanel /> },
        ]}
      />
    </Card>
  );
}

function StaffRounds() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [phase, setPhase] = useState<BudgetPhase | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useRounds({ phase, year, page, pageSize: PAGE_SIZE });
  const canManage = hasPermission(me, "decide.manage");
  const years = Array.from({ length: 5 }, (_, i) => currentYear() + 1 - i);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("budPhase")}
          style={{ width: 140 }}
          value={phase}
          onChange={(v) => {
            setPhase(v);
            setPage(1);
          }}
          options={[...PHASES, "cancelled" as const].map((p) => ({ value: p, label: t(phaseKey[p]) }))}
        />
        <Select
          allowClear
          placeholder={t("budYear")}
          style={{ width: 110 }}
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          options={years.map((y) => ({ value: y, label: String(y) }))}
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="budget-round-new">
            {t("budNewRound")}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<BudgetRound>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        onRow={(r) => ({ onClick: () => navigate(`/decide/budget/${r.id}`), style: { cursor: "pointer" } })}
        columns={[
          { title: t("budYear"), dataIndex: "year", width: 70 },
          {
            title: t("budRoundTitle"),
            dataIndex: "title",
            render: (v: string, r) => <Link to={`/decide/budget/${r.id}`}>{v}</Link>,
          },
          { title: t("budArea"), dataIndex: "areaName", width: 140 },
          { title: t("budPhase"), dataIndex: "phase", width: 100, render: (p: BudgetPhase) => <PhaseTag phase={p} /> },
          { title: t("budFund"), dataIndex: "fund", width: 130, align: "right", render: (v: string) => formatYuan(v) },
          {
            title: t("budIdeasCount"),
            key: "ideas",
            width: 120,
            render: (_: unknown, r) => t("budIdeasSummary", { ideas: r.ideas, feasible: r.feasible }),
          },
        ]}
      />
      {(list.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          style={{ marginTop: 12 }}
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data?.total ?? 0}
          onChange={setPage}
          showSizeChanger={false}
        />
      )}
      <NewRoundModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

type RoundForm = {
  areaId: string;
  year: number;
  title: string;
  description?: string;
  ballotRule: "knapsack" | "up_to_k";
  maxChoices?: number;
  electorate: "residents" | "households";
};

function NewRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<RoundForm>();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [extra, setExtra] = useState<string[] | undefined>();
  const rule = Form.useWatch("ballotRule", form);
  const create = useMutation({
    mutationFn: (v: RoundForm) => api.post<{ id: string }>("/api/decide/budget/rounds", v),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ["budget-rounds"] });
      onClose();
      form.resetFields();
      navigate(`/decide/budget/${r.id}`);
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["areaId", "year", "title", "description", "ballotRule", "maxChoices"])),
  });
  return (
    <Modal
      open={open}
      title={t("budNewRound")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "budget-round-create" } as never}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} extra={extra} />
      <Form<RoundForm>
        form={form}
        layout="vertical"
        initialValues={{ year: currentYear(), ballotRule: "knapsack", electorate: "households" }}
        onFinish={(v) => {
          setExtra(undefined);
          create.mutate({ ...v, maxChoices: v.ballotRule === "up_to_k" ? v.maxChoices : undefined });
        }}
      >
        <Form.Item name="areaId" label={t("budArea")} rules={[{ required: true, message: t("budRequired") }]}>
          <AreaTreeSelect placeholder={t("budAreaHint")} />
        </Form.Item>
        <Form.Item name="year" label={t("budYear")} rules={[{ required: true, message: t("budRequired") }]}>
          <InputNumber min={2000} max={2100} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="title" label={t("budRoundTitle")} rules={[{ required: true, message: t("budRequired") }]}>
          <Input maxLength={200} placeholder={t("budRoundTitleHint")} />
        </Form.Item>
        <Form.Item name="description" label={t("budDescription")}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="ballotRule" label={t("budBallotRule")}>
          <Radio.Group
            options={[
              { value: "knapsack", label: t("budRuleKnapsackShort") },
              { value: "up_to_k", label: t("budRuleUpToKShort") },
            ]}
          />
        </Form.Item>
        {rule === "up_to_k" && (
          <Form.Item name="maxChoices" label={t("budMaxChoices")} rules={[{ required: true, message: t("budRequired") }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        )}
        <Form.Item name="electorate" label={t("budElectorate")}>
          <Radio.Group
            options={[
              { value: "households", label: t("budElectorateHouseholds") },
              { value: "residents", label: t("budElectorateResidents") },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FundsPanel() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const [year, setYear] = useState(currentYear());
  const funds = useFunds(year);
  const [editing, setEditing] = useState<BudgetFund | null>(null);
  const canManage = hasPermission(me, "decide.manage");
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t("budYear")}</Typography.Text>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="budget-fund-year" />
        <Typography.Text type="secondary">{t("budFundsHint")}</Typography.Text>
      </Space>
      <ErrorAlert error={funds.error} />
      <Table<BudgetFund>
        rowKey="areaId"
        size="small"
        loading={funds.isLoading}
        dataSource={funds.data ?? []}
        pagination={false}
        columns={[
          { title: t("budArea"), dataIndex: "areaName" },
          {
            title: t("budFund"),
            dataIndex: "amount",
            align: "right",
            render: (v: string, f) => (
              <Space size={4}>
                {formatYuan(v)}
                {f.isDefault && <Tag>{t("budFundDefault")}</Tag>}
              </Space>
            ),
          },
          { title: t("budNote"), dataIndex: "note", render: (v: string | null) => v ?? "" },
          ...(canManage
            ? [
                {
                  title: "",
                  key: "edit",
                  width: 80,
                  render: (_: unknown, f: BudgetFund) => (
                    <Button size="small" onClick={() => setEditing(f)} data-testid="budget-fund-edit">
                      {t("edit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <FundModal fund={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function FundModal({ fund, onClose }: { fund: BudgetFund; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ amount: string; note?: string }>();
  const qc = useQueryClient();
  const [extra, setExtra] = useState<string[] | undefined>();
  const save = useMutation({
    mutationFn: (v: { amount: string; note?: string }) =>
      api.put("/api/decide/budget/funds", {
        areaId: fund.areaId,
        year: fund.year,
        amount: String(v.amount),
        note: v.note || null,
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["budget-funds"] });
      qc.invalidateQueries({ queryKey: ["budget-rounds"] });
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["amount", "note"])),
  });
  return (
    <Modal
      open
      title={`${fund.areaName} · ${fund.year}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} extra={extra} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: fund.amount, note: fund.note ?? "" }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="amount" label={t("budFundAmount")} rules={[{ required: true, message: t("budRequired") }]}>
          <InputNumber<string>
            stringMode
            min="0"
            step="1000"
            precision={2}
            style={{ width: 200 }}
            data-testid="budget-fund-amount"
          />
        </Form.Item>
        <Form.Item name="note" label={t("budNote")}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResidentRounds() {
  const { t } = useI18n();
  const list = useRounds({ page: 1, pageSize: 20 });
  const ruleText = useRuleText();
  const rounds = (list.data?.items ?? []).filter((r) => r.phase !== "cancelled");
  return (
    <div style={{ maxWidth: 640, margin: "0 auto" }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("budResidentTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("budResidentIntro")}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      {!list.isLoading && rounds.length === 0 && <Empty description={t("budNoRounds")} />}
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {rounds.map((r) => (
          <Card
            key={r.id}
            size="small"
            title={
              <Link to={`/decide/budget/${r.id}`} data-testid="budget-round-link">
                {r.title}
              </Link>
            }
            extra={<PhaseTag phase={r.phase} />}
          >
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              {r.areaName} · {t("budFund")} {formatYuan(r.fund)} {t("budYuan")}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {ruleText(r)}
            </Typography.Paragraph>
            <ResidentAction round={r} />
          </Card>
        ))}
      </Space>
    </div>
  );
}
