// One proposal, for residents and staff: text and attachments, backing progress with the Back
// button or paper entry, the decision flow with each step's record, backers (staff) and timeline.
import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  List,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { PaperSignatureDialog, RecordStepDialog, SubmitDialog } from "./dialogs";
import { useBackings, useInvalidateDeliberation, useProposal } from "./queries";
import type { Backing, FileInfo, ProposalDetail } from "./types";
import { BackingProgress, FlowTimeline, lbl, StatusTag, stepName } from "./ui";

function Files({ files }: { files: FileInfo[] }) {
  if (files.length === 0) return null;
  return (
    <Space wrap size={[8, 4]}>
      {files.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer" data-testid="proposal-file">
          {f.name}
        </a>
      ))}
    </Space>
  );
}

export function BackButton({ id, block = false }: { id: string; block?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const back = useMutation({
    mutationFn: () => api.post(`/api/decide/proposals/${id}/back`),
    onSuccess: () => {
      message.success(t("dlBackDone"));
      invalidate();
    },
    onError: (e) => {
      message.error(e instanceof Error ? e.message : String(e));
      invalidate();
    },
  });
  return (
    <Button type="primary" block={block} loading={back.isPending} onClick={() => back.mutate()} data-testid="proposal-back">
      {t("dlBack")}
    </Button>
  );
}

function Actions({ p }: { p: ProposalDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateDeliberation();
  const [submitting, setSubmitting] = useState(false);
  const [paper, setPaper] = useState(false);
  const [recording, setRecording] = useState(false);
  const post = useMutation({
    mutationFn: (what: "withdraw" | "resubmit") => api.post(`/api/decide/proposals/${p.id}/${what}`, { version: p.version }),
    onSuccess: () => {
      message.success(t("saved"));
      invalidate();
    },
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
  const v = p.viewer;
  return (
    <Space wrap>
      {v.canBack && <BackButton id={p.id} />}
      {v.backed && <Tag color="success">{t("dlBacked")}</Tag>}
      {v.canRecordPaper && (
        <Button onClick={() => setPaper(true)} data-testid="proposal-paper">
          {t("dlPaperEntry")}
        </Button>
      )}
      {v.canRecordStep && (
        <Button type="primary" onClick={() => setRecording(true)} data-testid="proposal-record-step">
          {t("dlRecordStep")}
        </Button>
      )}
      {v.canEdit && (
        <Button onClick={() => navigate(`/decide/proposals/${p.id}/edit`)} data-testid="proposal-edit">
          {t("dlEdit")}
        </Button>
      )}
      {v.canSubmit && (
        <Button type="primary" onClick={() => setSubmitting(true)} data-testid="proposal-submit">
          {t("dlSubmit")}
        </Button>
      )}
      {v.canResubmit && (
        <Button type="primary" loading={post.isPending} onClick={() => post.mutate("resubmit")} data-testid="proposal-resubmit">
          {t("dlResubmit")}
        </Button>
      )}
      {v.canWithdraw && (
        <Popconfirm title={t("dlWithdrawConfirm")} onConfirm={() => post.mutate("withdraw")}>
          <Button danger data-testid="proposal-withdraw">
            {t("dlWithdraw")}
          </Button>
        </Popconfirm>
      )}
      <SubmitDialog p={p} open={submitting} onClose={() => setSubmitting(false)} />
      <PaperSignatureDialog p={p} open={paper} onClose={() => setPaper(false)} />
      <RecordStepDialog p={p} open={recording} onClose={() => setRecording(false)} />
    </Space>
  );
}

function Backers({ id }: { id: string }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const q = useBackings(id, true);
  return (
    <Table<Backing>
      size="small"
      rowKey="id"
      loading={q.isLoading}
      dataSource={q.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={isMobile ? { x: 560 } : undefined}
      columns={[
        {
          title: t("dlMemberName"),
          dataIndex: "name",
          render: (v: string, b) => (
            <Space size={4}>
              {v}
              {b.representative && <Tag color="purple">{t("dlRepresentative")}</Tag>}
            </Space>
          ),
        },
        { title: t("dlAddress"), dataIndex: "address", render: (v: string | null) => v ?? "-" },
        { title: t("dlChannel"), dataIndex: "channel", render: (v: string) => lbl(t, "dlChannel_", v) },
        { title: t("dlRecordedBy"), dataIndex: "recordedBy", render: (v: string | null) => v ?? "" },
        { title: t("dlBackedAt"), dataIndex: "backedAt", render: (v: string) => formatTime(v) },
      ]}
    />
  );
}

export default function ProposalPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { me } = usePermissions();
  const isMobile = useIsMobile();
  const q = useProposal(id);
  if (q.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  if (q.error || !q.data) return <ErrorAlert error={q.error} />;
  const p = q.data;
  const staff = me?.kind !== "resident" && me?.role !== "resident";
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%", maxWidth: 1000, margin: "0 auto", display: "flex" }}>
      <Card size="small" title={<Link to={staff ? "/decide/proposals" : "/decide/back"}>{t("dlProposals")}</Link>}>
        <Space size={8} wrap style={{ marginBottom: 8 }}>
          <StatusTag status={p.status} />
          <Tag>{lbl(t, "dlCat_", p.category)}</Tag>
          {p.viewer.isRepresentative && <Tag color="purple">{t("dlYouAreRep")}</Tag>}
        </Space>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="proposal-title">
          {p.title}
        </Typography.Title>
        {p.status === "returned" && p.viewer.isAuthor && (
          <Alert type="warning" showIcon title={t("dlReturnedNotice")} style={{ marginBottom: 12 }} />
        )}
        <Descriptions size="small" column={isMobile ? 1 : 3} style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t("dlAuthor")}>
            {p.authorName} · {lbl(t, "dlAuthorKind_", p.authorKind)}
          </Descriptions.Item>
          <Descriptions.Item label={t("dlArea")}>{p.areaName}</Descriptions.Item>
          <Descriptions.Item label={t("dlEstimatedCost")}>{p.estimatedCost ?? "-"}</Descriptions.Item>
          {p.submittedAt && <Descriptions.Item label={t("dlSubmittedAt")}>{formatTime(p.submittedAt)}</Descriptions.Item>}
          {p.backingDeadline && <Descriptions.Item label={t("dlDeadline")}>{formatTime(p.backingDeadline)}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.content}</Typography.Paragraph>
        <Files files={p.files} />
        <div style={{ marginTop: 12 }}>
          <Actions p={p} />
        </div>
      </Card>

      {p.threshold && (
        <Card size="small" title={`${t("dlHouseholds")} · ${t("dlReps")}`}>
          <BackingProgress p={p} />
        </Card>
      )}

      {p.flow && (
        <Card size="small" title={`${t("dlFlow")} · ${lang === "en" ? p.flow.nameEn : p.flow.nameZh}`}>
          <FlowTimeline p={p} />
          {p.steps.length > 0 && (
            <List
              style={{ marginTop: 12 }}
              size="small"
              dataSource={[...p.steps].reverse()}
              renderItem={(r) => {
                const s = p.flow?.steps[r.stepIndex];
                return (
                  <List.Item data-testid="step-record">
                    <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                      <Space size={6} wrap>
                        <Typography.Text strong>{s ? stepName(s, lang) : r.stepKey}</Typography.Text>
                        <Tag color={r.outcome === "pass" ? "success" : r.outcome === "reject" ? "error" : "warning"}>
                          {lbl(t, "dlOutcome_", r.outcome)}
                        </Tag>
                        {r.round > 1 && <Typography.Text type="secondary">{t("dlRound", { n: r.round })}</Typography.Text>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.recordedBy} · {formatTime(r.recordedAt)}
                        </Typography.Text>
                      </Space>
                      {r.minutes && <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{r.minutes}</Typography.Text>}
                      {r.voteId && <Typography.Text type="secondary">{`${t("dlVoteId")}: ${r.voteId}`}</Typography.Text>}
                      <Files files={r.files} />
                    </Space>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      )}

      {staff && p.submittedAt && (
        <Card size="small" title={`${t("dlBackings")} (${p.backing.signers})`}>
          <Backers id={p.id} />
        </Card>
      )}

      <Card size="small" title={t("dlTimeline")}>
        {p.events.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            items={p.events.map((e) => ({
              content: (
                <span>
                  {formatTime(e.at)} · {lbl(t, "dlEvent_", e.action)}
                  {e.actor && e.actor !== "system" ? ` · ${e.actor}` : ""}
                  {e.note ? ` · ${e.note}` : ""}
                </span>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}
