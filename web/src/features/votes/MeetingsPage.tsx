// Staff: meetings in scope, newest first, and scheduling a new one (with agenda and notice).
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useBodiesLite, useMeetings, useVtRefresh } from "./queries";
import { MEETING_KINDS, type MeetingItem, type MeetingKind, type MeetingStatus } from "./types";
import { k, MeetingStatusTag } from "./ui";

const STATUSES: MeetingStatus[] = ["scheduled", "in_progress", "closed", "published", "cancelled"];

export default function MeetingsPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<MeetingStatus | undefined>();
  const [kind, setKind] = useState<MeetingKind | undefined>();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const list = useMeetings({ status, kind, page, pageSize: 20 });
  return (
    <Card
      title={t("vtMeetings")}
      extra={
        hasPermission(me, "decide.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="meeting-new">
            {t("vtNewMeeting")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("vtStatus")}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: t(k(`vtMStatus_${s}`)) }))}
        />
        <Select
          allowClear
          placeholder={t("vtKind")}
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={MEETING_KINDS.map((s) => ({ value: s, label: t(k(`vtKind_${s}`)) }))}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<MeetingItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        onRow={(r) => ({ onClick: () => navigate(`/decide/meetings/${r.id}`), style: { cursor: "pointer" } })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t("vtTitle"), dataIndex: "title", render: (v: string, r) => <Link to={`/decide/meetings/${r.id}`}>{v}</Link> },
          { title: t("vtKind"), dataIndex: "kind", render: (v: string) => <Tag>{t(k(`vtKind_${v}`))}</Tag> },
          { title: t("vtStartsAt"), dataIndex: "startsAt", render: formatTime },
          ...(isMobile
            ? []
            : [
                { title: t("vtPlace"), dataIndex: "place" },
                { title: t("vtArea"), dataIndex: "areaName" },
                { title: t("vtBody"), dataIndex: "bodyName" },
                { title: t("vtAttendance"), dataIndex: "attendance" },
              ]),
          { title: t("vtStatus"), dataIndex: "status", render: (s: MeetingStatus) => <MeetingStatusTag status={s} /> },
        ]}
      />
      <MeetingFormModal open={open} onClose={() => setOpen(false)} onCreated={(id) => navigate(`/decide/meetings/${id}`)} />
    </Card>
  );
}

type FormValues = {
  areaId: string;
  kind: MeetingKind;
  bodyId?: string;
  title: string;
  description?: string;
  place?: string;
  startsAt: Dayjs;
  endsAt?: Dayjs;
  public?: boolean;
  quorumRatio?: string;
  expectedCount?: number;
  notify?: boolean;
  agenda?: { title: string; proposalId?: string; orderId?: string }[];
};

const FIELDS = [
  "areaId",
  "kind",
  "bodyId",
  "title",
  "description",
  "place",
  "startsAt",
  "endsAt",
  "quorumRatio",
  "expectedCount",
  "agenda",
];

function MeetingFormModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [rest, setRest] = useState<string[]>([]);
  const bodies = useBodiesLite(open);
  const refresh = useVtRefresh();
  const kind = Form.useWatch("kind", form);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api.post<{ id: string; notified: number }>("/api/decide/meetings", {
        ...v,
        startsAt: v.startsAt.toISOString(),
        endsAt: v.endsAt ? v.endsAt.toISOString() : null,
        quorumRatio: v.quorumRatio || null,
        expectedCount: v.expectedCount ?? null,
        bodyId: v.bodyId || null,
        agenda: (v.agenda ?? []).map((a) => ({ title: a.title, proposalId: a.proposalId || null, orderId: a.orderId || null })),
      }),
    onSuccess: (r) => {
      message.success(r.notified ? t("vtNotified", { n: r.notified }) : t("vtCreated"));
      refresh();
      form.resetFields();
      onClose();
      onCreated(r.id);
    },
    onError: (e) => setRest(applyServerErrors(form, e, FIELDS)),
  });
  return (
    <Modal
      open={open}
      title={t("vtNewMeeting")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("vtSave")}
      cancelText={t("vtCancel")}
      confirmLoading={save.isPending}
      width={640}
      destroyOnHidden
    >
      {rest.length > 0 && <ErrorAlert error={save.error} extra={rest} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: "public_opinion", notify: true }}
      >
        <Form.Item name="kind" label={t("vtKind")} rules={[{ required: true }]}>
          <Select options={MEETING_KINDS.map((s) => ({ value: s, label: t(k(`vtKind_${s}`)) }))} data-testid="meeting-kind" />
        </Form.Item>
        <Form.Item name="areaId" label={t("vtArea")} rules={[{ required: true }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="bodyId" label={t("vtBody")} rules={[{ required: kind === "body" }]}>
          <Select
            allowClear
            loading={bodies.isLoading}
            options={(bodies.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t("vtTitle")} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="meeting-title" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsAt" label={t("vtStartsAt")} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="endsAt" label={t("vtEndsAt")}>
            <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item name="place" label={t("vtPlace")}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t("vtDescription")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="quorumRatio" label={t("vtQuorumRatio")} extra={t("vtQuorumRatioHelp")}>
            <Input style={{ width: 120 }} placeholder="2/3" />
          </Form.Item>
          <Form.Item name="expectedCount" label={t("vtExpectedCount")}>
            <InputNumber min={0} />
          </Form.Item>
        </Space>
        <Form.Item name="public" valuePropName="checked">
          <Checkbox>{t("vtPublicMeeting")}</Checkbox>
        </Form.Item>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <Form.Item label={t("vtAgenda")}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, "title"]} rules={[{ required: true }]}>
                    <Input placeholder={t("vtTitle")} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "proposalId"]}>
                    <Input placeholder={`${t("vtProposal")} ${t("vtIdOptional")}`} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "orderId"]}>
                    <Input placeholder={`${t("vtOrder")} ${t("vtIdOptional")}`} style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t("vtAddAgendaItem")}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="notify" valuePropName="checked">
          <Checkbox>{t("vtNotifyMembers")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
