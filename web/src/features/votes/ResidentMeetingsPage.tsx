// Resident: meetings of the areas I live in; sign in with the code shown at the meeting; agenda,
// minutes and decisions once published; open-space groups. Phone-first.
import { useMutation } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Input, List, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { OpenSpaceCard } from "./OpenSpace";
import { useMeeting, useMeetings, useVtRefresh } from "./queries";
import { k, MeetingStatusTag } from "./ui";

export function ResidentMeetingsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useMeetings({ pageSize: 50 });
  if (list.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Card size="small" title={t("vtMyMeetings")}>
        <ErrorAlert error={list.error} />
        {list.data?.items.length ? (
          <List
            dataSource={list.data.items.filter((m) => m.status !== "cancelled")}
            renderItem={(m) => (
              <List.Item
                actions={[
                  <Button key="go" onClick={() => navigate(`/decide/my-meetings/${m.id}`)} style={{ minHeight: 40 }}>
                    {t("vtView")}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={<span style={{ whiteSpace: "normal" }}>{m.title}</span>}
                  description={
                    <Space size={4} wrap>
                      <MeetingStatusTag status={m.status} />
                      <Tag>{t(k(`vtKind_${m.kind}`))}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(m.startsAt)} {m.place ?? ""}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        ) : (
          <Empty />
        )}
      </Card>
    </div>
  );
}

export function ResidentMeetingPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const meeting = useMeeting(id);
  const refresh = useVtRefresh();
  const [code, setCode] = useState("");
  const checkin = useMutation({
    mutationFn: () => api.post<{ member: boolean }>(`/api/decide/meetings/${id}/checkin`, { code }),
    onSuccess: () => refresh(),
  });
  const m = meeting.data;
  if (meeting.isLoading) return <Spin style={{ display: "block", margin: 64 }} />;
  if (!m) return <ErrorAlert error={meeting.error} />;
  const live = m.status === "scheduled" || m.status === "in_progress";
  return (
    <div style={{ maxWidth: 640, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Card size="small">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {m.title}
          </Typography.Title>
          <Space wrap size={4}>
            <MeetingStatusTag status={m.status} />
            <Tag>{t(k(`vtKind_${m.kind}`))}</Tag>
          </Space>
          <div style={{ marginTop: 8 }}>
            <Typography.Text>
              {formatTime(m.startsAt)} · {m.place ?? "-"}
            </Typography.Text>
          </div>
          {m.description && <Typography.Paragraph style={{ marginTop: 8 }}>{m.description}</Typography.Paragraph>}
        </Card>
        {live &&
          (m.me.signedIn || checkin.isSuccess ? (
            <Alert
              type="success"
              showIcon
              data-testid="checkin-done"
              title={checkin.data?.member ? t("vtYouSignedInMember") : t("vtYouSignedIn")}
            />
          ) : (
            <Card size="small" title={t("vtEnterCode")}>
              <ErrorAlert error={checkin.error} />
              <Space.Compact style={{ width: "100%" }}>
                <Input
                  inputMode="numeric"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
                  style={{ fontSize: 20, letterSpacing: 4 }}
                  data-testid="checkin-code"
                />
                <Button
                  type="primary"
                  onClick={() => checkin.mutate()}
                  loading={checkin.isPending}
                  style={{ height: "auto" }}
                  data-testid="checkin-submit"
                >
                  {t("vtSignIn")}
                </Button>
              </Space.Compact>
            </Card>
          ))}
        <Card size="small" title={t("vtAgenda")}>
          {m.agenda.length === 0 ? (
            <Typography.Text type="secondary">{t("vtNone")}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={m.agenda}
              renderItem={(a) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <span>
                      {a.position}. {a.title} {a.outcome && <Tag>{t(k(`vtOutcome_${a.outcome}`))}</Tag>}
                    </span>
                    {a.decision && <Typography.Text type="secondary">{a.decision}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
        {m.votes.length > 0 && (
          <Card size="small" title={t("vtVotesAtMeeting")}>
            {m.votes.map((v) => (
              <div key={v.id}>
                <Link to={`/decide/my-votes/${v.id}`}>{v.title}</Link>
              </div>
            ))}
          </Card>
        )}
        <Card size="small" title={t("vtMinutes")}>
          {m.status === "published" ? (
            <>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.minutes ?? "-"}</Typography.Paragraph>
              <Typography.Title level={5}>{t("vtDecisions")}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.decisions ?? "-"}</Typography.Paragraph>
            </>
          ) : (
            <Typography.Text type="secondary">{t("vtMinutesHidden")}</Typography.Text>
          )}
        </Card>
        {m.kind === "open_space" && (
          <OpenSpaceCard
            meetingId={m.id}
            canAct={(m.me.signedIn || checkin.isSuccess) && m.status !== "published" && m.status !== "cancelled"}
          />
        )}
        <Link to="/decide/my-meetings">{t("vtBack")}</Link>
      </Space>
    </div>
  );
}
