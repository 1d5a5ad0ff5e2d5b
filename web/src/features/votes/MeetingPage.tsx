// Staff: one meeting — live sign-in count against the quorum (polled), sign-in dialog, the code to
// show at the meeting, agenda with decisions, votes at the meeting, minutes, open-space groups.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { OpenSpaceCard } from "./OpenSpace";
import { useAttendance, useMeeting, useMeetingCount, useVtRefresh } from "./queries";
import { AGENDA_OUTCOMES, type AgendaItem, type AgendaOutcome, type Meeting, type MeetingStatus } from "./types";
import { k, MeetingStatusTag, QuorumIndicator, VoteStatusTag } from "./ui";

export default function MeetingPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const meeting = useMeeting(id);
  const m = meeting.data;
  const live = !!m && (m.status === "scheduled" || m.status === "in_progress");
  const count = useMeetingCount(id, live);
  if (meeting.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  if (!m) return <ErrorAlert error={meeting.error} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Header m={m} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t("vtAttendance")} extra={m.canRecord && live && <SignInButton m={m} />}>
            <QuorumIndicator count={count.data ?? m.count} />
            {m.checkinCode && live && (
              <div style={{ marginTop: 16 }}>
                <Typography.Text type="secondary">{t("vtCheckinCode")}: </Typography.Text>
                <Typography.Text strong style={{ fontSize: 32, letterSpacing: 6 }} data-testid="meeting-code">
                  {m.checkinCode}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("vtCheckinCodeHelp")}
                  </Typography.Text>
                </div>
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <VotesHere m={m} />
        </Col>
      </Row>
      <AgendaCard m={m} />
      <MinutesCard m={m} />
      {m.kind === "open_space" && (
        <OpenSpaceCard meetingId={m.id} canAct={m.canRecord && m.status !== "published" && m.status !== "cancelled"} />
      )}
      <AttendanceList m={m} live={live} />
    </Space>
  );
}

function Header({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useVtRefresh();
  const setStatus = useMutation({
    mutationFn: (status: MeetingStatus) => api.post(`/api/decide/meetings/${m.id}/status`, { status }),
    onSuccess: refresh,
  });
  const notify = useMutation({
    mutationFn: () => api.post<{ notified: number }>(`/api/decide/meetings/${m.id}/notify`),
    onSuccess: (r) => {
      message.success(t("vtNotified", { n: r.notified }));
      refresh();
    },
  });
  const btn = (to: MeetingStatus, key: string, primary = false) => (
    <Button
      key={to}
      type={primary ? "primary" : "default"}
      onClick={() => setStatus.mutate(to)}
      loading={setStatus.isPending}
      data-testid={`meeting-${to}`}
    >
      {t(k(key))}
    </Button>
  );
  return (
    <Card
      title={
        <Space wrap>
          <span>{m.title}</span>
          <Tag>{t(k(`vtKind_${m.kind}`))}</Tag>
          <MeetingStatusTag status={m.status} />
        </Space>
      }
      extra={<Link to="/decide/meetings">{t("vtBack")}</Link>}
    >
      <ErrorAlert error={setStatus.error ?? notify.error} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t("vtStartsAt")}>{formatTime(m.startsAt)}</Descriptions.Item>
        <Descriptions.Item label={t("vtPlace")}>{m.place ?? "-"}</Descriptions.Item>
        <Descriptions.Item label={t("vtArea")}>{m.areaName}</Descriptions.Item>
        <Descriptions.Item label={t("vtBody")}>{m.bodyName ?? "-"}</Descriptions.Item>
        <Descriptions.Item label={t("vtPublicMeeting")}>{m.public ? "✓" : "—"}</Descriptions.Item>
        {m.description && <Descriptions.Item label={t("vtDescription")}>{m.description}</Descriptions.Item>}
      </Descriptions>
      {m.canManage && (
        <Space wrap>
          {m.status === "scheduled" && btn("in_progress", "vtStart", true)}
          {m.status === "in_progress" && btn("closed", "vtCloseMeeting", true)}
          {m.status === "closed" && btn("published", "vtPublishMeeting", true)}
          {m.bodyId && (m.status === "scheduled" || m.status === "in_progress") && (
            <Button onClick={() => notify.mutate()} loading={notify.isPending}>
              {t("vtNotify")}
            </Button>
          )}
          {(m.status === "scheduled" || m.status === "in_progress") && (
            <Popconfirm title={t("vtCancelMeeting")} onConfirm={() => setStatus.mutate("cancelled")}>
              <Button danger>{t("vtCancelMeeting")}</Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Card>
  );
}

function SignInButton({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="meeting-signin-open">
        {t("vtSignIn")}
      </Button>
      {open && <SignInDialog m={m} onClose={() => setOpen(false)} />}
    </>
  );
}

function SignInDialog({ m, onClose }: { m: Meeting; onClose: () => void }) {
  const { t } = useI18n();
  const att = useAttendance(m.id, true);
  const refresh = useVtRefresh();
  const [residentId, setResidentId] = useState("");
  const sign = useMutation({
    mutationFn: (body: { memberId?: string; residentId?: string }) => api.post(`/api/decide/meetings/${m.id}/attendance`, body),
    onSuccess: () => {
      setResidentId("");
      refresh();
    },
  });
  return (
    <Modal open title={t("vtSignInDialog")} onCancel={onClose} footer={null} width={560}>
      <ErrorAlert error={sign.error ?? att.error} />
      {m.bodyId && (
        <Table
          size="small"
          rowKey="memberId"
          pagination={false}
          loading={att.isLoading}
          dataSource={att.data?.members ?? []}
          scroll={{ y: 360 }}
          columns={[
            { title: t("vtMembers"), dataIndex: "name" },
            {
              title: "",
              align: "right",
              render: (_: unknown, r) =>
                r.signedIn ? (
                  <Tag color="success">{t("vtSignedIn")}</Tag>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => sign.mutate({ memberId: r.memberId })}
                    data-testid="signin-member"
                  >
                    {t("vtSignIn")}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {m.public && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t("vtSignInResident")}</Typography.Text>
          <Space.Compact style={{ width: "100%" }}>
            <Input value={residentId} onChange={(e) => setResidentId(e.target.value.trim())} placeholder={t("vtResidentId")} />
            <Button onClick={() => residentId && sign.mutate({ residentId })} loading={sign.isPending}>
              {t("vtSignIn")}
            </Button>
          </Space.Compact>
        </div>
      )}
    </Modal>
  );
}

function VotesHere({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const params = new URLSearchParams({ meetingId: m.id, areaId: m.areaId, ...(m.bodyId ? { bodyId: m.bodyId } : {}) });
  return (
    <Card
      size="small"
      title={t("vtVotesAtMeeting")}
      extra={
        m.canManage &&
        m.status !== "published" &&
        m.status !== "cancelled" && (
          <Button icon={<PlusOutlined />} onClick={() => navigate(`/decide/votes/new?${params}`)} data-testid="meeting-new-vote">
            {t("vtNewVoteHere")}
          </Button>
        )
      }
    >
      {m.votes.length === 0 ? (
        <Typography.Text type="secondary">{t("vtNone")}</Typography.Text>
      ) : (
        m.votes.map((v) => (
          <div key={v.id} style={{ marginBottom: 6 }}>
            <Link to={`/decide/votes/${v.id}`}>{v.title}</Link> <VoteStatusTag status={v.status} />
          </div>
        ))
      )}
    </Card>
  );
}

function AgendaCard({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const refresh = useVtRefresh();
  const editable = m.canManage && m.status !== "published" && m.status !== "cancelled";
  const [title, setTitle] = useState("");
  const [editing, setEditing] = useState<AgendaItem | null>(null);
  const add = useMutation({
    mutationFn: () => api.post(`/api/decide/meetings/${m.id}/agenda`, { title }),
    onSuccess: () => {
      setTitle("");
      refresh();
    },
  });
  return (
    <Card size="small" title={t("vtAgenda")}>
      <ErrorAlert error={add.error} />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={m.agenda}
        scroll={{ x: true }}
        columns={[
          { title: "#", dataIndex: "position", width: 40 },
          {
            title: t("vtTitle"),
            render: (_: unknown, a) => (
              <Space orientation="vertical" size={0}>
                <span>{a.title}</span>
                {a.proposalId && (
                  <Link to={`/decide/proposals/${a.proposalId}`}>
                    {t("vtProposal")}: {a.proposalTitle ?? a.proposalId}
                  </Link>
                )}
                {a.orderId && (
                  <Link to={`/appeals/orders/${a.orderId}`}>
                    {t("vtOrder")}: {a.orderNumber ?? a.orderId}
                  </Link>
                )}
                {a.notes && <Typography.Text type="secondary">{a.notes}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t("vtOutcome"),
            dataIndex: "outcome",
            render: (o: AgendaOutcome | null) => (o ? <Tag>{t(k(`vtOutcome_${o}`))}</Tag> : "-"),
          },
          { title: t("vtDecision"), dataIndex: "decision" },
          ...(editable
            ? [
                {
                  title: "",
                  render: (_: unknown, a: AgendaItem) => (
                    <Button size="small" onClick={() => setEditing(a)}>
                      {t("vtRecord")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Space.Compact style={{ marginTop: 12, width: "100%", maxWidth: 480 }}>
          <Input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("vtTitle")} />
          <Button icon={<PlusOutlined />} onClick={() => title.trim() && add.mutate()} loading={add.isPending}>
            {t("vtAddAgendaItem")}
          </Button>
        </Space.Compact>
      )}
      {editing && <DecisionDialog meetingId={m.id} item={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

function DecisionDialog({ meetingId, item, onClose }: { meetingId: string; item: AgendaItem; onClose: () => void }) {
  const { t } = useI18n();
  const refresh = useVtRefresh();
  const [form] = Form.useForm<{ outcome?: AgendaOutcome; decision?: string }>();
  const save = useMutation({
    mutationFn: (v: { outcome?: AgendaOutcome; decision?: string }) =>
      api.patch(`/api/decide/meetings/${meetingId}/agenda/${item.id}`, {
        outcome: v.outcome ?? null,
        decision: v.decision ?? null,
      }),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={item.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t("vtSave")}
    >
      <ErrorAlert error={save.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: item.outcome ?? undefined, decision: item.decision ?? "" }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="outcome" label={t("vtOutcome")}>
          <Select allowClear options={AGENDA_OUTCOMES.map((o) => ({ value: o, label: t(k(`vtOutcome_${o}`)) }))} />
        </Form.Item>
        <Form.Item name="decision" label={t("vtDecision")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MinutesCard({ m }: { m: Meeting }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const refresh = useVtRefresh();
  const editable = m.canManage && m.status !== "published" && m.status !== "cancelled";
  const [minutes, setMinutes] = useState(m.minutes ?? "");
  const [decisions, setDecisions] = useState(m.decisions ?? "");
  useEffect(() => {
    setMinutes(m.minutes ?? "");
    setDecisions(m.decisions ?? "");
  }, [m.minutes, m.decisions]);
  const save = useMutation({
    mutationFn: () => api.patch(`/api/decide/meetings/${m.id}`, { minutes, decisions, version: m.version }),
    onSuccess: () => {
      message.success(t("vtSaved"));
      refresh();
    },
  });
  if (!editable) {
    return (
      <Card size="small" title={t("vtMinutes")}>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.minutes ?? "-"}</Typography.Paragraph>
        <Typography.Title level={5}>{t("vtDecisions")}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.decisions ?? "-"}</Typography.Paragraph>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={t("vtMinutes")}
      extra={
        <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="minutes-save">
          {t("vtSave")}
        </Button>
      }
    >
      <ErrorAlert error={save.error} />
      <Input.TextArea rows={5} value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="minutes" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t("vtDecisions")}
      </Typography.Title>
      <Input.TextArea rows={3} value={decisions} onChange={(e) => setDecisions(e.target.value)} />
    </Card>
  );
}

function AttendanceList({ m, live }: { m: Meeting; live: boolean }) {
  const { t } = useI18n();
  const att = useAttendance(m.id, live);
  return (
    <Card size="small" title={`${t("vtSignInList")} (${att.data?.items.length ?? 0})`}>
      <Table
        size="small"
        rowKey="id"
        loading={att.isLoading}
        dataSource={att.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t("vtName"), dataIndex: "name" },
          { title: t("vtMembers"), dataIndex: "memberId", render: (v: string | null) => (v ? "✓" : "") },
          { title: "", dataIndex: "method", render: (v: string) => t(k(`vtMethod_${v}`)) },
          { title: t("vtSignedIn"), dataIndex: "signedInAt", render: formatTime },
        ]}
      />
    </Card>
  );
}
