// Staff: the bodies of the communities in scope (居民代表会议, 居委会, 两委, 党员大会, ...).
import { PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useBodies, useInvalidateDeliberation } from "./queries";
import { BODY_KINDS, type Body, type BodyKind } from "./types";
import { lbl } from "./ui";

interface NewBody {
  areaId: string;
  kind: BodyKind;
  name: string;
  backingHouseholds?: number;
  backingRepRatio?: string;
  quorumRatio?: string;
}

function NewBodyModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<NewBody>();
  const [extra, setExtra] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (v: NewBody) =>
      api.post<Body>("/api/decide/bodies", {
        ...v,
        backingRepRatio: v.backingRepRatio || undefined,
        quorumRatio: v.quorumRatio || undefined,
      }),
    onSuccess: (b) => {
      message.success(t("saved"));
      invalidate();
      onClose();
      navigate(`/decide/bodies/${b.id}`);
    },
    onError: (e) =>
      setExtra(applyServerErrors(form, e, ["areaId", "kind", "name", "backingHouseholds", "backingRepRatio", "quorumRatio"])),
  });
  return (
    <Modal
      open={open}
      title={t("dlNewBody")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.error && <ErrorAlert error={create.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ kind: "representatives" }}>
        <Form.Item name="areaId" label={t("dlBodyArea")} rules={[{ required: true, message: t("requiredField") }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t("dlBodyKind")} rules={[{ required: true, message: t("requiredField") }]}>
          <Select options={BODY_KINDS.map((k) => ({ value: k, label: lbl(t, "dlKind_", k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("dlBodyName")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input maxLength={100} data-testid="body-name" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="backingHouseholds" label={t("dlBackingHouseholds")}>
            <InputNumber min={1} placeholder="50" />
          </Form.Item>
          <Form.Item name="backingRepRatio" label={t("dlBackingRepRatio")} extra={t("dlRatioHint")}>
            <Input placeholder="0.1" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="quorumRatio" label={t("dlQuorumRatio")}>
            <Input placeholder="0.6667" style={{ width: 120 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

export default function BodiesPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const isMobile = useIsMobile();
  const [kind, setKind] = useState<BodyKind | undefined>();
  const [areaId, setAreaId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useBodies({ kind, areaId });
  return (
    <Card
      size="small"
      title={t("dlBodies")}
      extra={
        can("decide.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="body-new">
            {t("dlNewBody")}
          </Button>
        ) : undefined
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <AreaTreeSelect value={areaId} onChange={setAreaId} style={{ width: 220 }} placeholder={t("dlBodyArea")} />
        <Select
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t("dlBodyKind")}
          style={{ width: 220 }}
          options={BODY_KINDS.map((k) => ({ value: k, label: lbl(t, "dlKind_", k) }))}
        />
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Body>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={isMobile ? { x: 640 } : undefined}
        columns={[
          {
            title: t("dlBodyName"),
            dataIndex: "name",
            render: (v: string, b) => (
              <Link to={`/decide/bodies/${b.id}`} data-testid="body-link">
                {v}
              </Link>
            ),
          },
          { title: t("dlBodyKind"), dataIndex: "kind", render: (v: string) => lbl(t, "dlKind_", v) },
          { title: t("dlBodyArea"), dataIndex: "areaName" },
          { title: t("dlCurrentMembers"), dataIndex: "currentMembers", align: "right" },
          {
            title: t("dlSettings"),
            key: "rules",
            render: (_: unknown, b) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {b.backingHouseholds} / {Math.round(Number(b.backingRepRatio) * 1000) / 10}% /{" "}
                {Math.round(Number(b.quorumRatio) * 1000) / 10}%
              </Typography.Text>
            ),
          },
        ]}
      />
      <NewBodyModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
