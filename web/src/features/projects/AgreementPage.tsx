// One agreement: the version in force with a sign button, the version history, and for staff the
// drafting of new versions, publishing, retiring, paper signatures and the list of who signed.
import { ArrowLeftOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Collapse, Form, Input, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { applyServerErrors } from "../../components/formErrors";
import { HouseholdSelect } from "../../components/HouseholdSelect";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import type { Page, ResidentSummary } from "../../types";
import {
  type AgreementDetail,
  type AgreementVersion,
  agreementKey,
  type Signature,
  useAgreement,
  useSignatures,
} from "./queries";
import { AgreementStatusTag, kindKey, versionStatusKey } from "./ui";

export default function AgreementPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const q = useAgreement(id);
  const a = q.data;
  if (q.isLoading) return <Spin style={{ display: "block", margin: 48 }} />;
  if (!a) return <ErrorAlert error={q.error} />;
  const current = a.versions.find((v) => v.id === a.currentVersionId) ?? null;
  return (
    <div style={{ maxWidth: 960, margin: "0 auto" }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate("/decide/agreements")} style={{ paddingLeft: 0 }}>
        {t("projBack")}
      </Button>
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <CurrentCard a={a} current={current} />
        <Versions a={a} />
        {a.can.readSignatures && <Signatures a={a} />}
      </Space>
    </div>
  );
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: agreementKey(id) });
    await qc.invalidateQueries({ queryKey: ["decide-agreements"] });
  };
}

function CurrentCard({ a, current }: { a: AgreementDetail; current: AgreementVersion | null }) {
  const { t } = useI18n();
  const refresh = useRefresh(a.id);
  const sign = useMutation({ mutationFn: () => api.post(`/api/decide/agreements/${a.id}/sign`), onSuccess: refresh });
  const retire = useMutation({
    mutationFn: () => api.post(`/api/decide/agreements/${a.id}/retire`, {}),
    onSuccess: refresh,
  });
  return (
    <Card
      size="small"
      title={
        <Space size={6} wrap style={{ whiteSpace: "normal" }}>
          <span data-testid="agreement-title">{a.title}</span>
          <AgreementStatusTag status={a.status} />
        </Space>
      }
      extra={
        a.can.manage &&
        a.status !== "retired" && (
          <Popconfirm title={t("agrRetireConfirm")} onConfirm={() => retire.mutate()}>
            <Button size="small" danger loading={retire.isPending}>
              {t("agrRetire")}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Space size={6} wrap style={{ marginBottom: 8 }}>
        <Tag>{t(kindKey[a.kind])}</Tag>
        <Typography.Text type="secondary">{a.areaName}</Typography.Text>
        {current && (
          <Typography.Text type="secondary">{t("agrCurrent", { n: current.number, date: current.effectiveOn })}</Typography.Text>
        )}
      </Space>
      {a.summary && <Typography.Paragraph type="secondary">{a.summary}</Typography.Paragraph>}
      <ErrorAlert error={sign.error ?? retire.error} />
      {current ? (
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap", fontSize: 15, lineHeight: 1.8 }} data-testid="agreement-body">
          {current.body}
        </Typography.Paragraph>
      ) : (
        <Alert type="info" showIcon title={t("agrNotPublished")} style={{ marginBottom: 12 }} />
      )}
      {current && (
        <Typography.Text type="secondary" data-testid="agreement-signature-count">
          {t("agrSignatureCount", { n: current.signatureCount })}
        </Typography.Text>
      )}
      {a.mySignature && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t("agrSigned", { at: formatTime(a.mySignature.signedAt) })}
          data-testid="agreement-signed"
        />
      )}
      {a.can.sign && (
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 12 }}
          loading={sign.isPending}
          onClick={() => sign.mutate()}
          data-testid="agreement-sign"
        >
          {t("agrSign")}
        </Button>
      )}
    </Card>
  );
}

function Versions({ a }: { a: AgreementDetail }) {
  const { t } = useI18n();
  const refresh = useRefresh(a.id);
  const [editing, setEditing] = useState<AgreementVersion | "new" | null>(null);
  const publish = useMutation({
    mutationFn: (v: AgreementVersion) => api.post(`/api/decide/agreements/${a.id}/versions/${v.id}/publish`),
    onSuccess: refresh,
  });
  const hasDraft = a.versions.some((v) => v.status === "draft");
  return (
    <Card
      size="small"
      title={t("agrVersions")}
      extra={
        a.can.manage &&
        a.status !== "retired" &&
        !hasDraft && (
          <Button size="small" onClick={() => setEditing("new")} data-testid="agreement-new-version">
            {t("agrNewVersion")}
          </Button>
        )
      }
    >
      <ErrorAlert error={publish.error} />
      <Collapse
        size="small"
        defaultActiveKey={a.versions.filter((v) => v.status === "draft").map((v) => v.id)}
        items={a.versions.map((v) => ({
          key: v.id,
          label: (
            <Space size={6} wrap data-testid="agreement-version">
              <Typography.Text strong>{t("agrVersion", { n: v.number })}</Typography.Text>
              <Tag color={v.status === "published" ? "success" : v.status === "draft" ? "processing" : "default"}>
                {t(versionStatusKey[v.status])}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("agrEffectiveOn")} {v.effectiveOn}
              </Typography.Text>
              {v.status !== "draft" && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("agrSignatureCount", { n: v.signatureCount })}
                </Typography.Text>
              )}
            </Space>
          ),
          children: (
            <div>
              {v.note && <Typography.Paragraph type="secondary">{`${t("agrNote")}:${v.note}`}</Typography.Paragraph>}
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{v.body}</Typography.Paragraph>
              {a.can.manage && v.status === "draft" && a.status !== "retired" && (
                <Space wrap>
                  <Button size="small" onClick={() => setEditing(v)}>
                    {t("agrEditDraft")}
                  </Button>
                  <Popconfirm title={t("agrPublishConfirm")} onConfirm={() => publish.mutate(v)}>
                    <Button size="small" type="primary" loading={publish.isPending} data-testid="agreement-publish">
                      {t("agrPublish")}
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </div>
          ),
        }))}
      />
      <VersionDialog a={a} editing={editing} onClose={() => setEditing(null)} onSaved={refresh} />
    </Card>
  );
}

type VersionValues = { body: string; effectiveOn: string; note?: string };

function VersionDialog({
  a,
  editing,
  onClose,
  onSaved,
}: {
  a: AgreementDetail;
  editing: AgreementVersion | "new" | null;
  onClose: () => void;
  onSaved: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<VersionValues>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[] | undefined>();
  const [saving, setSaving] = useState(false);
  const current = a.versions.find((v) => v.id === a.currentVersionId);
  useEffect(() => {
    if (editing === "new") form.setFieldsValue({ body: current?.body ?? "", effectiveOn: undefined, note: "" });
    else if (editing) form.setFieldsValue({ body: editing.body, effectiveOn: editing.effectiveOn, note: editing.note ?? "" });
    setError(null);
  }, [editing, current, form]);
  async function submit(v: VersionValues) {
    setSaving(true);
    try {
      const body = { body: v.body, effectiveOn: v.effectiveOn, note: v.note || null };
      if (editing === "new") await api.post(`/api/decide/agreements/${a.id}/versions`, body);
      else if (editing) await api.patch(`/api/decide/agreements/${a.id}/versions/${editing.id}`, body);
      await onSaved();
      onClose();
    } catch (e) {
      setError(e);
      setExtra(applyServerErrors(form, e, ["body", "effectiveOn", "note"]));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={editing !== null}
      title={editing === "new" ? t("agrNewVersion") : t("agrEditDraft")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      width={720}
      forceRender
    >
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="body" label={t("agrBody")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={50000} />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t("agrEffectiveOn")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label={t("agrNote")}>
          <Input maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Signatures({ a }: { a: AgreementDetail }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [versionId, setVersionId] = useState<string | undefined>(a.currentVersionId ?? undefined);
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const sigs = useSignatures(a.id, versionId, page, true);
  const published = a.versions.filter((v) => v.status !== "draft");
  return (
    <Card
      size="small"
      title={t("agrSignatures")}
      extra={
        a.can.record && (
          <Button size="small" onClick={() => setRecording(true)} data-testid="agreement-record-paper">
            {t("agrRecordPaper")}
          </Button>
        )
      }
    >
      {published.length > 1 && (
        <Select
          style={{ width: 200, marginBottom: 12 }}
          value={versionId}
          onChange={(v) => {
            setVersionId(v);
            setPage(1);
          }}
          options={published.map((v) => ({
            value: v.id,
            label: `${t("agrVersion", { n: v.number })} · ${t(versionStatusKey[v.status])}`,
          }))}
        />
      )}
      <ErrorAlert error={sigs.error} />
      <Table<Signature>
        rowKey="id"
        size="small"
        loading={sigs.isLoading}
        dataSource={sigs.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: sigs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={isMobile ? { x: 520 } : undefined}
        columns={[
          { title: t("agrSigner"), dataIndex: "signerName" },
          {
            title: t("agrSignerType"),
            dataIndex: "signerType",
            width: 110,
            render: (v: Signature["signerType"]) =>
              t(v === "resident" ? "agrSignerResident" : v === "household" ? "agrSignerHousehold" : "agrSignerUser"),
          },
          {
            title: t("agrChannel"),
            dataIndex: "channel",
            width: 80,
            render: (v: Signature["channel"]) => t(v === "paper" ? "agrChannelPaper" : "agrChannelOnline"),
          },
          { title: t("agrSignedAt"), dataIndex: "signedAt", width: 150, render: (v: string) => formatTime(v) },
          { title: t("agrRecordedBy"), dataIndex: "recordedBy", width: 110, render: (v: string | null) => v ?? "-" },
        ]}
      />
      <PaperDialog a={a} open={recording} onClose={() => setRecording(false)} />
    </Card>
  );
}

/** Remote search over residents of the caller's scope, by name. */
function ResidentSearch({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 300);
    return () => clearTimeout(h);
  }, [input]);
  const found = useQuery({
    queryKey: ["residents", { q, pageSize: 20 }],
    queryFn: () => api.get<Page<ResidentSummary>>("/api/residents", { q, pageSize: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setInput}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={found.isFetching}
      placeholder={t("agrSignerIdHint")}
      notFoundContent={null}
      options={(found.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.gridName}` }))}
      style={{ width: "100%" }}
    />
  );
}

type PaperValues = { signerType: "resident" | "household" | "user"; signerId?: string };

function PaperDialog({ a, open, onClose }: { a: AgreementDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const refresh = useRefresh(a.id);
  const qc = useQueryClient();
  const [form] = Form.useForm<PaperValues>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[] | undefined>();
  const types: PaperValues["signerType"][] = a.kind === "duty" ? ["user"] : ["resident", "household"];
  const signerType = Form.useWatch("signerType", form) ?? types[0];
  const m = useMutation({
    mutationFn: (v: PaperValues) => api.post(`/api/decide/agreements/${a.id}/signatures`, v),
    onSuccess: async () => {
      form.resetFields(["signerId"]);
      setError(null);
      await refresh();
      await qc.invalidateQueries({ queryKey: [...agreementKey(a.id), "signatures"] });
    },
    onError: (e) => {
      setError(e);
      setExtra(applyServerErrors(form, e, ["signerType", "signerId"]));
    },
  });
  return (
    <Modal
      open={open}
      title={t("agrRecordPaper")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      forceRender
    >
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ signerType: types[0] }}
        onFinish={(v) => m.mutate(v)}
      >
        <Form.Item name="signerType" label={t("agrSignerType")}>
          <Select
            options={types.map((x) => ({
              value: x,
              label: t(x === "resident" ? "agrSignerResident" : x === "household" ? "agrSignerHousehold" : "agrSignerUser"),
            }))}
            onChange={() => form.resetFields(["signerId"])}
          />
        </Form.Item>
        <Form.Item name="signerId" label={t("agrSigner")} rules={[{ required: true, message: t("requiredField") }]}>
          {signerType === "resident" ? (
            <ResidentSearch />
          ) : signerType === "household" ? (
            <HouseholdSelect />
          ) : (
            <Input placeholder="00000000-0000-0000-0000-000000000000" />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
