// Staff: set up (or change, while a draft) a survey and its items — projects, cadres, proposals or
// units picked from the area, or free-text decisions and other matters.
import { DeleteOutlined, PlusOutlined, TeamOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Table, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { SURVEYS, surveysKey, useCandidates, useSurvey } from "./queries";
import {
  type Candidate,
  kindAllows,
  needsTarget,
  SURVEY_KINDS,
  type SurveyInput,
  type SurveyKind,
  TARGET_TYPES,
  type TargetType,
} from "./types";
import { kindKey, targetKey } from "./ui";

type Row_ = { key: string; targetType: TargetType; targetId: string | null; label: string; ownerName: string | null };

type FormValues = {
  title: string;
  areaId?: string;
  kind: SurveyKind;
  description?: string;
  opensAt?: string;
  closesAt?: string;
  numerator: number;
  denominator: number;
};

// Fields the server names that map onto form inputs; the rest (threshold, items.N.…) show in the alert.
const FIELDS = ["title", "areaId", "kind", "description", "opensAt", "closesAt"];

/** An ISO instant as the value of a datetime-local input (local time), and back. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return undefined;
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};
const fromLocalInput = (v: string | undefined) => (v ? new Date(v).toISOString() : null);

let seq = 0;
const newKey = () => `row-${++seq}`;

function CandidatePicker({
  areaId,
  type,
  taken,
  onPick,
}: {
  areaId?: string;
  type: TargetType;
  taken: Set<string>;
  onPick: (c: Candidate) => void;
}) {
  const { t } = useI18n();
  const q = useCandidates(areaId, type);
  const options = (q.data ?? [])
    .filter((c) => !taken.has(`${c.targetType}:${c.targetId}`))
    .map((c) => ({ value: c.targetId, label: c.detail ? `${c.label}(${c.detail})` : c.label }));
  return (
    <Select
      showSearch
      style={{ minWidth: 240, flex: 1 }}
      placeholder={areaId ? t("evalPick") : t("evalChooseAreaFirst")}
      disabled={!areaId}
      loading={q.isLoading}
      optionFilterProp="label"
      options={options}
      value={null}
      notFoundContent={t("evalNoCandidates")}
      onChange={(v: string) => {
        const c = q.data?.find((x) => x.targetId === v);
        if (c) onPick(c);
      }}
      data-testid={`eval-pick-${type}`}
    />
  );
}

export default function SurveyFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const existing = useSurvey(id);
  const [rows, setRows] = useState<Row_[]>([]);
  const [addType, setAddType] = useState<TargetType>("project");
  const [extra, setExtra] = useState<string[] | undefined>();
  const kind = Form.useWatch("kind", form) ?? "mixed";
  const areaId = Form.useWatch("areaId", form);
  const allowedTypes = useMemo(() => TARGET_TYPES.filter((tt) => kindAllows(kind, tt)), [kind]);
  const cadres = useCandidates(kind === "cadres" ? areaId : undefined, "cadre");

  useEffect(() => {
    if (!allowedTypes.includes(addType)) setAddType(allowedTypes[0]);
  }, [allowedTypes, addType]);

  useEffect(() => {
    const s = existing.data;
    if (!s) return;
    form.setFieldsValue({
      title: s.title,
      areaId: s.areaId,
      kind: s.kind,
      description: s.description ?? undefined,
      opensAt: toLocalInput(s.opensAt),
      closesAt: toLocalInput(s.closesAt),
      numerator: s.threshold.numerator,
      denominator: s.threshold.denominator,
    });
    setRows(
      s.items.map((i) => ({
        key: newKey(),
        targetType: i.targetType,
        targetId: i.targetId,
        label: i.label,
        ownerName: i.ownerName,
      })),
    );
  }, [existing.data, form]);

  const taken = useMemo(() => new Set(rows.filter((r) => r.targetId).map((r) => `${r.targetType}:${r.targetId}`)), [rows]);
  const addCandidate = (c: Candidate) =>
    setRows((rs) => [
      ...rs,
      {
        key: newKey(),
        targetType: c.targetType,
        targetId: c.targetId,
        label: c.detail && c.targetType === "cadre" ? `${c.label}(${c.detail})` : c.label,
        ownerName: c.ownerName,
      },
    ]);

  const save = useMutation({
    mutationFn: (body: SurveyInput) =>
      id ? api.put<{ id: string }>(`${SURVEYS}/${id}`, body) : api.post<{ id: string }>(SURVEYS, body),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: surveysKey });
      navigate(`/decide/surveys/${r.id}`);
    },
    onError: (e) => setExtra(applyServerErrors(form, e, FIELDS)),
  });

  const submit = (v: FormValues) => {
    setExtra(undefined);
    save.mutate({
      title: v.title,
      areaId: v.areaId as string,
      kind: v.kind,
      description: v.description || null,
      opensAt: fromLocalInput(v.opensAt),
      closesAt: fromLocalInput(v.closesAt),
      threshold: { numerator: v.numerator, denominator: v.denominator },
      items: rows.map((r) => ({ targetType: r.targetType, targetId: r.targetId, label: r.label || null })),
    });
  };

  if (id && existing.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );

  return (
    <Card size="small" title={id ? t("evalEdit") : t("evalNew")}>
      <ErrorAlert error={existing.error} />
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: "mixed", numerator: 1, denominator: 3 }}
        onFinish={submit}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t("evalTitle")} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input data-testid="eval-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="areaId" label={t("evalArea")} rules={[{ required: true }]}>
              <AreaTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="kind" label={t("evalKind")} rules={[{ required: true }]}>
              <Select
                options={SURVEY_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
                onChange={(k: SurveyKind) => setRows((rs) => rs.filter((r) => kindAllows(k, r.targetType)))}
                data-testid="eval-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="opensAt" label={t("evalOpensAt")}>
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="closesAt" label={t("evalClosesAt")}>
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("evalThreshold")} extra={t("evalThresholdHelp")}>
              <Space>
                <Form.Item name="numerator" noStyle rules={[{ required: true }]}>
                  <InputNumber min={0} precision={0} aria-label={t("evalNumerator")} style={{ width: 80 }} />
                </Form.Item>
                <span>/</span>
                <Form.Item name="denominator" noStyle rules={[{ required: true }]}>
                  <InputNumber min={1} max={1000} precision={0} aria-label={t("evalDenominator")} style={{ width: 80 }} />
                </Form.Item>
              </Space>
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t("evalDescription")}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </Col>
        </Row>

        <Form.Item label={t("evalItems")} required>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Space wrap style={{ width: "100%" }}>
              <Select<TargetType>
                value={addType}
                onChange={setAddType}
                style={{ width: 140 }}
                options={allowedTypes.map((tt) => ({ value: tt, label: t(targetKey(tt)) }))}
                data-testid="eval-add-type"
              />
              {needsTarget(addType) ? (
                <CandidatePicker areaId={areaId} type={addType} taken={taken} onPick={addCandidate} />
              ) : (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    setRows((rs) => [...rs, { key: newKey(), targetType: addType, targetId: null, label: "", ownerName: null }])
                  }
                  data-testid="eval-add-item"
                >
                  {t("evalAddItem")}
                </Button>
              )}
              {kind === "cadres" && (
                <Button
                  icon={<TeamOutlined />}
                  disabled={!cadres.data?.length}
                  onClick={() => (cadres.data ?? []).filter((c) => !taken.has(`cadre:${c.targetId}`)).forEach(addCandidate)}
                  data-testid="eval-add-all-cadres"
                >
                  {t("evalAddAllCadres")}
                </Button>
              )}
            </Space>
            <Table<Row_>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 560 }}
              columns={[
                { title: "#", key: "n", width: 40, render: (_, __, i) => i + 1 },
                { title: t("evalTargetType"), dataIndex: "targetType", width: 100, render: (v: TargetType) => t(targetKey(v)) },
                {
                  title: t("evalLabel"),
                  dataIndex: "label",
                  render: (v: string, r) => (
                    <Input
                      value={v}
                      maxLength={200}
                      placeholder={needsTarget(r.targetType) ? undefined : t("evalLabel")}
                      onChange={(e) => setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, label: e.target.value } : x)))}
                      data-testid="eval-item-label"
                    />
                  ),
                },
                { title: t("evalOwner"), dataIndex: "ownerName", width: 120, render: (v: string | null) => v ?? "-" },
                {
                  key: "del",
                  width: 48,
                  render: (_, r) => (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label="delete"
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    />
                  ),
                },
              ]}
            />
          </Space>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="eval-save">
            {t("evalSave")}
          </Button>
          <Button onClick={() => navigate(-1)}>{t("cancel")}</Button>
          <Typography.Text type="secondary">{rows.length ? `${rows.length} ${t("evalItemCount")}` : ""}</Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
