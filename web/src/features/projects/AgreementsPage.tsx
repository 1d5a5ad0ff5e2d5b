// Agreements (三约): staff see and draft the agreements of their scope; residents read the published
// conventions and agreements of their areas and see which ones wait for their signature.
import { PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { Button, Card, Col, Form, Input, Modal, Pagination, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementStatus,
  type AgreementSummary,
  isResidentUser,
  useAgreements,
} from "./queries";
import { AgreementStatusTag, agreementStatusKey, kindKey } from "./ui";

export default function AgreementsPage() {
  const { data: me } = useMe();
  return isResidentUser(me) ? <ResidentAgreements /> : <StaffAgreements />;
}

function StaffAgreements() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [kind, setKind] = useState<AgreementKind | undefined>();
  const [status, setStatus] = useState<AgreementStatus | undefined>();
  const [areaId, setAreaId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useAgreements({ kind, status, areaId, page, pageSize: 20 });
  return (
    <Card
      size="small"
      title={t("agrListTitle")}
      extra={
        hasPermission(me, "decide.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="agreement-new">
            {t("agrNew")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("agrKind")}
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(kindKey[k]) }))}
        />
        <Select
          allowClear
          placeholder={t("agrStatus")}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(agreementStatusKey[s]) }))}
        />
        <AreaTreeSelect
          value={areaId}
          onChange={(v) => {
            setAreaId(v);
            setPage(1);
          }}
          placeholder={t("projArea")}
          style={{ width: 200 }}
        />
      </Space>
      <ErrorAlert error={list.error} />
      {isMobile ? (
        <>
          <SimpleList
            items={list.data?.items ?? []}
            rowKey={(a) => a.id}
            emptyText={t("agrNone")}
            render={(a) => <AgreementRow a={a} />}
          />
          <Pagination
            size="small"
            style={{ marginTop: 12 }}
            current={page}
            pageSize={20}
            total={list.data?.total ?? 0}
            onChange={setPage}
          />
        </>
      ) : (
        <Table<AgreementSummary>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t("agrNone") }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t("agrTitle"),
              dataIndex: "title",
              render: (_, a) => (
                <Link to={`/decide/agreements/${a.id}`} data-testid="agreement-link">
                  {a.title}
                </Link>
              ),
            },
            { title: t("agrKind"), dataIndex: "kind", width: 170, render: (k: AgreementKind) => t(kindKey[k]) },
            { title: t("projArea"), dataIndex: "areaName", width: 140 },
            {
              title: t("agrEffectiveOn"),
              width: 170,
              render: (_, a) => (a.versionNumber ? `${t("agrVersion", { n: a.versionNumber })} · ${a.effectiveOn}` : "-"),
            },
            { title: t("agrSignatures"), dataIndex: "signatureCount", width: 100, align: "right" },
            {
              title: t("agrStatus"),
              dataIndex: "status",
              width: 100,
              render: (s: AgreementStatus) => <AgreementStatusTag status={s} />,
            },
          ]}
        />
      )}
      <AgreementFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/decide/agreements/${id}`);
        }}
      />
    </Card>
  );
}

function AgreementRow({ a }: { a: AgreementSummary }) {
  const { t } = useI18n();
  return (
    <div>
      <Space size={6} wrap>
        <Link to={`/decide/agreements/${a.id}`} data-testid="agreement-link">
          {a.title}
        </Link>
        <AgreementStatusTag status={a.status} />
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(kindKey[a.kind])} · {a.areaName} · {t("agrSignatureCount", { n: a.signatureCount })}
        </Typography.Text>
      </div>
    </div>
  );
}

type NewValues = { areaId: string; kind: AgreementKind; title: string; summary?: string; body: string; effectiveOn: string };

function AgreementFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewValues>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[] | undefined>();
  const [saving, setSaving] = useState(false);
  async function submit(v: NewValues) {
    setSaving(true);
    setError(null);
    try {
      const out = await api.post<{ id: string }>("/api/decide/agreements", { ...v, summary: v.summary || null });
      await qc.invalidateQueries({ queryKey: ["decide-agreements"] });
      form.resetFields();
      onCreated(out.id);
    } catch (e) {
      setError(e);
      setExtra(applyServerErrors(form, e, ["areaId", "kind", "title", "summary", "body", "effectiveOn"]));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t("agrNew")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ kind: "convention" }}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="areaId" label={t("projArea")} rules={[{ required: true, message: t("requiredField") }]}>
              <AreaTreeSelect />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t("agrKind")}>
              <Select options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(kindKey[k]) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t("agrTitle")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t("agrSummary")}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="body" label={t("agrBody")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={50000} />
        </Form.Item>
        <Form.Item name="effectiveOn" label={t("agrEffectiveOn")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResidentAgreements() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAgreements({ page, pageSize: 20 });
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("agrResidentTitle")}
      </Typography.Title>
      <ErrorAlert error={list.error} />
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {(list.data?.items ?? []).map((a) => (
          <Card key={a.id} size="small" data-testid="agreement-card">
            <Space size={6} wrap>
              <Link to={`/decide/agreements/${a.id}`} data-testid="agreement-link">
                <Typography.Text strong>{a.title}</Typography.Text>
              </Link>
              {a.kind !== "duty" &&
                (a.signedByMe ? <Tag color="success">{t("agrSignedShort")}</Tag> : <Tag color="orange">{t("agrToSign")}</Tag>)}
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(kindKey[a.kind])} ·{" "}
                {a.versionNumber ? t("agrCurrent", { n: a.versionNumber, date: a.effectiveOn ?? "" }) : t("agrNotPublished")}
              </Typography.Text>
            </div>
            {a.summary && (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: "4px 0 0" }}>
                {a.summary}
              </Typography.Paragraph>
            )}
          </Card>
        ))}
        {!list.isLoading && (list.data?.items.length ?? 0) === 0 && (
          <Card size="small">
            <Typography.Text type="secondary">{t("agrNone")}</Typography.Text>
          </Card>
        )}
      </Space>
      {(list.data?.total ?? 0) > 20 && (
        <Pagination
          size="small"
          style={{ marginTop: 12 }}
          current={page}
          pageSize={20}
          total={list.data?.total}
          onChange={setPage}
        />
      )}
    </div>
  );
}
