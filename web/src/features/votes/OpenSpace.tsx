// Open-space meetings: topics (groups) proposed by participants, joining, and each group's notes.
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { useTopics, useVtRefresh } from "./queries";
import type { Topic } from "./types";

export function OpenSpaceCard({ meetingId, canAct }: { meetingId: string; canAct: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const topics = useTopics(meetingId, true);
  const refresh = useVtRefresh();
  const [form] = Form.useForm<{ title: string; description?: string }>();
  const propose = useMutation({
    mutationFn: (v: { title: string; description?: string }) => api.post(`/api/decide/meetings/${meetingId}/topics`, v),
    onSuccess: () => {
      form.resetFields();
      message.success(t("vtSaved"));
      refresh();
    },
  });
  return (
    <Card size="small" title={t("vtOpenSpace")} data-testid="open-space">
      <ErrorAlert error={topics.error ?? propose.error} />
      {canAct && (
        <Form form={form} layout="inline" onFinish={(v) => propose.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="title" rules={[{ required: true, max: 200 }]}>
            <Input placeholder={t("vtTitle")} style={{ width: 220 }} data-testid="topic-title" />
          </Form.Item>
          <Form.Item name="description">
            <Input placeholder={t("vtDescription")} style={{ width: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={propose.isPending} data-testid="topic-propose">
            {t("vtProposeTopic")}
          </Button>
        </Form>
      )}
      {(topics.data ?? []).length === 0 ? (
        <Empty description={t("vtNoTopics")} />
      ) : (
        <List dataSource={topics.data ?? []} renderItem={(topic) => <TopicItem topic={topic} canAct={canAct} />} />
      )}
    </Card>
  );
}

function TopicItem({ topic, canAct }: { topic: Topic; canAct: boolean }) {
  const { t } = useI18n();
  const refresh = useVtRefresh();
  const [note, setNote] = useState("");
  const join = useMutation({ mutationFn: () => api.post(`/api/decide/topics/${topic.id}/join`), onSuccess: refresh });
  const addNote = useMutation({
    mutationFn: () => api.post(`/api/decide/topics/${topic.id}/notes`, { body: note }),
    onSuccess: () => {
      setNote("");
      refresh();
    },
  });
  return (
    <List.Item style={{ display: "block" }}>
      <Space orientation="vertical" style={{ width: "100%" }} size={4}>
        <Space wrap>
          <Typography.Text strong>{topic.title}</Typography.Text>
          <Typography.Text type="secondary">
            {t("vtConvener")}: {topic.proposerName}
          </Typography.Text>
          {canAct &&
            (topic.mine ? (
              <Tag color="success">{t("vtJoined")}</Tag>
            ) : (
              <Button size="small" onClick={() => join.mutate()} loading={join.isPending}>
                {t("vtJoin")}
              </Button>
            ))}
        </Space>
        {topic.description && <Typography.Text type="secondary">{topic.description}</Typography.Text>}
        <Space size={4} wrap>
          {topic.members.map((m) => (
            <Tag key={m}>{m}</Tag>
          ))}
        </Space>
        {topic.notes.length > 0 && (
          <div style={{ paddingLeft: 12, borderLeft: "3px solid #f0f0f0" }}>
            {topic.notes.map((n) => (
              <Typography.Paragraph key={n.id} style={{ marginBottom: 4 }}>
                {n.body}{" "}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  — {n.authorName} {formatTime(n.createdAt)}
                </Typography.Text>
              </Typography.Paragraph>
            ))}
          </div>
        )}
        {canAct && topic.mine && (
          <Space.Compact style={{ width: "100%", maxWidth: 480 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("vtNotes")} />
            <Button onClick={() => note.trim() && addNote.mutate()} loading={addNote.isPending}>
              {t("vtAddNote")}
            </Button>
          </Space.Compact>
        )}
        <ErrorAlert error={join.error ?? addNote.error} />
      </Space>
    </List.Item>
  );
}
