// Staff: one body — its rules (quorum, backing thresholds), current members with roles and terms,
// former members with the reason they left; add and end members.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { useBody, useInvalidateDeliberation } from "./queries";
import { type BodyDetail, END_REASONS, type EndReason, MEMBER_ROLES, type Member, type MemberRole } from "./types";
import { lbl, ResidentSearch } from "./ui";

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

function SettingsForm({ body }: { body: BodyDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm();
  const [extra, setExtra] = useState<string[]>([]);
  useEffect(() => {
    form.setFieldsValue({
      name: body.name,
      backingHouseholds: body.backingHouseholds,
      backingRepRatio: String(Number(body.backingRepRatio)),
      quorumRatio: String(Number(body.quorumRatio)),
    });
  }, [body, form]);
  const save = useMutation({
    mutationFn: (v: { name: string; backingHouseholds: number; backingRepRatio: string; quorumRatio: string }) =>
      api.patch(`/api/decide/bodies/${body.id}`, v),
    onSuccess: () => {
      message.success(t("dlSaved"));
      invalidate();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["name", "backingHouseholds", "backingRepRatio", "quorumRatio"])),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!body.canManage}>
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form.Item name="name" label={t("dlBodyName")} rules={[{ required: true, message: t("requiredField") }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          name="backingHouseholds"
          label={t("dlBackingHouseholds")}
          rules={[{ required: true, message: t("requiredField") }]}
        >
          <InputNumber min={1} data-testid="body-backing-households" />
        </Form.Item>
        <Form.Item name="backingRepRatio" label={t("dlBackingRepRatio")} extra={t("dlRatioHint")}>
          <Input style={{ width: 120 }} data-testid="body-backing-rep-ratio" />
        </Form.Item>
        <Form.Item name="quorumRatio" label={t("dlQuorumRatio")}>
          <Input style={{ width: 120 }} />
        </Form.Item>
      </Space>
      {body.canManage && (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="body-save">
          {t("dlSave")}
        </Button>
      )}
    </Form>
  );
}

interface NewMember {
  residentId: string;
  role: MemberRole;
  termStart: Dayjs;
  termEnd?: Dayjs | null;
}

function AddMemberModal({ body, open, onClose }: { body: BodyDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<NewMember>();
  const [extra, setExtra] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: (v: NewMember) =>
      api.post(`/api/decide/bodies/${body.id}/members`, {
        residentId: v.residentId,
        role: v.role,
        termStart: day(v.termStart),
        termEnd: day(v.termEnd),
      }),
    onSuccess: () => {
      message.success(t("saved"));
      invalidate();
      form.resetFields(["residentId"]);
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["residentId", "role", "termStart", "termEnd"])),
  });
  return (
    <Modal
      open={open}
      title={t("dlAddMember")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      {add.error && <ErrorAlert error={add.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ role: "member" }}>
        <Form.Item name="residentId" label={t("dlResident")} rules={[{ required: true, message: t("requiredField") }]}>
          <ResidentSearch areaId={body.areaId} />
        </Form.Item>
        <Form.Item name="role" label={t("dlRole")}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: lbl(t, "dlRole_", r) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="termStart" label={t("dlTermStart")} rules={[{ required: true, message: t("requiredField") }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="termEnd" label={t("dlTermEnd")}>
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function EndMemberModal({ body, member, onClose }: { body: BodyDetail; member: Member | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<{ reason: EndReason; endedAt?: Dayjs; note?: string }>();
  const [extra, setExtra] = useState<string[]>([]);
  const end = useMutation({
    mutationFn: (v: { reason: EndReason; endedAt?: Dayjs; note?: string }) =>
      api.post(`/api/decide/bodies/${body.id}/members/${member?.id}/end`, {
        reason: v.reason,
        endedAt: day(v.endedAt),
        note: v.note,
      }),
    onSuccess: () => {
      message.success(t("saved"));
      invalidate();
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["reason", "endedAt", "note"])),
  });
  return (
    <Modal
      open={member !== null}
      title={`${t("dlEndMember")} · ${member?.name ?? ""}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      {end.error && <ErrorAlert error={end.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => end.mutate(v)} initialValues={{ reason: "term_end" }}>
        <Form.Item name="reason" label={t("dlEndReason")} rules={[{ required: true, message: t("requiredField") }]}>
          <Select options={END_REASONS.map((r) => ({ value: r, label: lbl(t, "dlEnd_", r) }))} />
        </Form.Item>
        <Form.Item name="endedAt" label={t("dlEndedAt")}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t("dlMinutes")}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function BodyDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const q = useBody(id);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Member | null>(null);
  if (q.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const b = q.data;
  const term = (m: Member) => `${m.termStart} ~ ${m.termEnd ?? ""}`;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={<Link to="/decide/bodies">{t("dlBodies")}</Link>}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="body-title">
          {b.name}
        </Typography.Title>
        <Descriptions size="small" column={isMobile ? 1 : 3}>
          <Descriptions.Item label={t("dlBodyKind")}>{lbl(t, "dlKind_", b.kind)}</Descriptions.Item>
          <Descriptions.Item label={t("dlBodyArea")}>{b.areaName}</Descriptions.Item>
          <Descriptions.Item label={t("dlCurrentMembers")}>
            <span data-testid="body-member-count">{b.members.length}</span>
          </Descriptions.Item>
        </Descriptions>
        {b.kind === "representatives" && <Typography.Text type="secondary">{t("dlFourRights")}</Typography.Text>}
      </Card>
      <Card size="small" title={t("dlSettings")}>
        <SettingsForm body={b} />
      </Card>
      <Card
        size="small"
        title={t("dlCurrentMembers")}
        extra={
          b.canManage ? (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add">
              {t("dlAddMember")}
            </Button>
          ) : undefined
        }
      >
        <Table<Member>
          size="small"
          rowKey="id"
          dataSource={b.members}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t("dlNoMembers") }}
          scroll={isMobile ? { x: 520 } : undefined}
          columns={[
            { title: t("dlMemberName"), dataIndex: "name" },
            {
              title: t("dlRole"),
              dataIndex: "role",
              render: (v: MemberRole) => <Tag color={v === "member" ? "default" : "blue"}>{lbl(t, "dlRole_", v)}</Tag>,
            },
            { title: t("dlTerm"), key: "term", render: (_: unknown, m) => term(m) },
            ...(b.canManage
              ? [
                  {
                    title: t("actions"),
                    key: "a",
                    render: (_: unknown, m: Member) => (
                      <Button size="small" onClick={() => setEnding(m)} data-testid="member-end">
                        {t("dlEndMember")}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t("dlMemberHistory")}>
        <Table<Member>
          size="small"
          rowKey="id"
          dataSource={b.history}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t("dlNoMembers") }}
          scroll={isMobile ? { x: 520 } : undefined}
          columns={[
            { title: t("dlMemberName"), dataIndex: "name" },
            { title: t("dlRole"), dataIndex: "role", render: (v: MemberRole) => lbl(t, "dlRole_", v) },
            { title: t("dlTerm"), key: "term", render: (_: unknown, m) => term(m) },
            { title: t("dlEndedAt"), dataIndex: "endedAt" },
            { title: t("dlEndReason"), dataIndex: "endReason", render: (v: string | null) => (v ? lbl(t, "dlEnd_", v) : "-") },
          ]}
        />
      </Card>
      <AddMemberModal body={b} open={adding} onClose={() => setAdding(false)} />
      <EndMemberModal body={b} member={ending} onClose={() => setEnding(null)} />
    </Space>
  );
}
