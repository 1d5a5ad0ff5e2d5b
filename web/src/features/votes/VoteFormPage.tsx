// Staff: set up a vote — kind, electorate, rule (quorum, threshold, base; art. 278 matter for
// owners), secret or open, options (with costs for budget ballots). Creates a draft.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Switch } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { useBodiesLite, useBodyMembers, useVtRefresh } from "./queries";
import type { Electorate, Threshold, VoteKind } from "./types";
import { k } from "./ui";

type Values = {
  areaId: string;
  title: string;
  description?: string;
  kind: VoteKind;
  electorate: Electorate;
  bodyId?: string;
  recallMemberId?: string;
  secret: boolean;
  quorum?: string;
  threshold?: Threshold;
  base?: "participating" | "electorate";
  matter?: "ordinary" | "special";
  options?: { label: string; cost?: string }[];
  maxChoices?: number;
  fund?: string;
  budgetRule?: "knapsack" | "up_to_k";
  closesAt?: Dayjs;
};

const FIELDS = [
  "areaId",
  "title",
  "description",
  "kind",
  "electorate",
  "bodyId",
  "recallMemberId",
  "maxChoices",
  "fund",
  "budgetRule",
  "closesAt",
];
const THRESHOLDS: Threshold[] = ["more_than_half", "two_thirds", "three_quarters", "none"];

export default function VoteFormPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const meetingId = sp.get("meetingId");
  const [form] = Form.useForm<Values>();
  const [rest, setRest] = useState<string[]>([]);
  const refresh = useVtRefresh();
  const bodies = useBodiesLite();
  const kind = Form.useWatch("kind", form) ?? "yes_no";
  const electorate = Form.useWatch("electorate", form) ?? "residents";
  const bodyId = Form.useWatch("bodyId", form);
  const budgetRule = Form.useWatch("budgetRule", form);
  const members = useBodyMembers(electorate === "body" ? bodyId : undefined);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const rule =
        v.electorate === "owners"
          ? { matter: v.matter ?? "ordinary" }
          : {
              ...(v.quorum ? { quorum: v.quorum } : {}),
              ...(v.threshold ? { threshold: v.threshold } : {}),
              ...(v.base ? { base: v.base } : {}),
            };
      return api.post<{ id: string }>("/api/decide/votes", {
        areaId: v.areaId,
        title: v.title,
        description: v.description || null,
        kind: v.kind,
        electorate: v.electorate,
        bodyId: v.bodyId || null,
        meetingId,
        recallMemberId: v.recallMemberId || null,
        secret: !!v.secret,
        rule,
        options: v.kind === "yes_no" ? undefined : (v.options ?? []).map((o) => ({ label: o.label, cost: o.cost || null })),
        maxChoices: v.maxChoices ?? null,
        fund: v.kind === "budget" ? v.fund : null,
        budgetRule: v.kind === "budget" ? v.budgetRule : undefined,
        closesAt: v.closesAt ? v.closesAt.toISOString() : null,
      });
    },
    onSuccess: (r) => {
      refresh();
      navigate(`/decide/votes/${r.id}`);
    },
    onError: (e) => setRest(applyServerErrors(form, e, FIELDS)),
  });
  return (
    <Card title={t("vtNewVote")} style={{ maxWidth: 760 }}>
      {rest.length > 0 && <ErrorAlert error={save.error} extra={rest} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          kind: "yes_no",
          electorate: sp.get("bodyId") ? "body" : "residents",
          bodyId: sp.get("bodyId") ?? undefined,
          areaId: sp.get("areaId") ?? undefined,
          secret: false,
          matter: "ordinary",
          budgetRule: "knapsack",
          options: [{ label: "" }, { label: "" }],
        }}
      >
        <Form.Item name="title" label={t("vtTitle")} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="vote-title" />
        </Form.Item>
        <Form.Item name="description" label={t("vtDescription")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="areaId" label={t("vtArea")} rules={[{ required: true }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t("vtKind")}>
          <Radio.Group
            optionType="button"
            options={(["yes_no", "choose", "budget"] as const).map((x) => ({ value: x, label: t(k(`vtVKind_${x}`)) }))}
          />
        </Form.Item>
        <Form.Item name="electorate" label={t("vtElectorate")}>
          <Select
            data-testid="vote-electorate"
            options={(["body", "residents", "households", "owners"] as const).map((x) => ({
              value: x,
              label: t(k(`vtElectorate_${x}`)),
            }))}
          />
        </Form.Item>
        {electorate === "body" && (
          <>
            <Form.Item name="bodyId" label={t("vtBody")} rules={[{ required: true }]}>
              <Select loading={bodies.isLoading} options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
            {kind === "yes_no" && (
              <Form.Item name="recallMemberId" label={t("vtRecallMember")}>
                <Select
                  allowClear
                  loading={members.isLoading}
                  options={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="secret" label={t("vtSecret")} valuePropName="checked" extra={t("vtSecretHelp")}>
          <Switch data-testid="vote-secret" />
        </Form.Item>
        <Card size="small" title={t("vtRule")} style={{ marginBottom: 16 }}>
          {electorate === "owners" ? (
            <Form.Item name="matter" label={t("vtMatter")}>
              <Radio.Group
                options={(["ordinary", "special"] as const).map((x) => ({ value: x, label: t(k(`vtMatter_${x}`)) }))}
                style={{ display: "flex", flexDirection: "column", gap: 8 }}
              />
            </Form.Item>
          ) : (
            <Space wrap align="start">
              <Form.Item name="quorum" label={t("vtQuorum")} extra={t("vtQuorumHelp")}>
                <Input style={{ width: 120 }} placeholder="1/2" />
              </Form.Item>
              <Form.Item name="threshold" label={t("vtThreshold")}>
                <Select
                  allowClear
                  style={{ width: 180 }}
                  options={THRESHOLDS.filter((x) => kind !== "yes_no" || x !== "none").map((x) => ({
                    value: x,
                    label: t(k(`vtThreshold_${x}`)),
                  }))}
                />
              </Form.Item>
              <Form.Item name="base" label={t("vtBase")}>
                <Select
                  allowClear
                  style={{ width: 180 }}
                  options={(["participating", "electorate"] as const).map((x) => ({ value: x, label: t(k(`vtBase_${x}`)) }))}
                />
              </Form.Item>
            </Space>
          )}
        </Card>
        {kind === "budget" && (
          <Space wrap align="start">
            <Form.Item name="fund" label={t("vtFund")} rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,2})?$/ }]}>
              <Input style={{ width: 180 }} placeholder="240000.00" />
            </Form.Item>
            <Form.Item name="budgetRule" label={t("vtBudgetRule")}>
              <Radio.Group
                options={(["knapsack", "up_to_k"] as const).map((x) => ({ value: x, label: t(k(`vtBudgetRule_${x}`)) }))}
              />
            </Form.Item>
          </Space>
        )}
        {(kind === "choose" || (kind === "budget" && budgetRule === "up_to_k")) && (
          <Form.Item name="maxChoices" label={t("vtMaxChoices")} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
        )}
        {kind !== "yes_no" && (
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <Form.Item label={t("vtOptions")}>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, "label"]} rules={[{ required: true, max: 200 }]}>
                      <Input placeholder={t("vtTitle")} style={{ width: 260 }} />
                    </Form.Item>
                    {kind === "budget" && (
                      <Form.Item name={[f.name, "cost"]} rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,2})?$/ }]}>
                        <Input placeholder={t("vtCost")} style={{ width: 140 }} />
                      </Form.Item>
                    )}
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ label: "" })} icon={<PlusOutlined />}>
                  {t("vtAddOption")}
                </Button>
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.Item name="closesAt" label={t("vtClosesAt")}>
          <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        {meetingId && <Alert type="info" showIcon title={`${t("vtMeeting")}: ${meetingId}`} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="vote-save">
            {t("vtSave")}
          </Button>
          <Button onClick={() => navigate(-1)}>{t("vtCancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
