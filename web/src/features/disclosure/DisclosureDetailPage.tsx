// One disclosure: its template fields, attachments and opinions. Staff publish, withdraw and handle
// opinions; residents comment or ask and see the replies.
import { PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { CategoryTag, DispositionTag, periodText, StatusTag } from "./common";
import { HandleOpinionModal, ReplyOpinionModal } from "./OpinionHandling";
import { disclosureKeys, useDisclosure, useIsResident, useTemplates } from "./queries";
import { TemplateFieldsView } from "./TemplateFields";
import type { Opinion } from "./types";

function OpinionCard({
  o,
  manage,
  onHandle,
  onReply,
}: {
  o: Opinion;
  manage: boolean;
  onHandle: () => void;
  onReply: () => void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="opinion-item">
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <Tag>{o.kind === "question" ? t("discQuestion") : t("discComment")}</Tag>
        <DispositionTag disposition={o.disposition} />
        {o.mine && <Tag color="purple">{t("discMine")}</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.authorName ?? ""} · {formatTime(o.createdAt)}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>{o.content}</Typography.Paragraph>
      {o.dispositionNote && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap", marginBottom: 4 }}>
          {o.disposition === "not_adopted" ? t("discNotAdoptedReason") : t("discHandledNote")}: {o.dispositionNote}
        </Typography.Paragraph>
      )}
      {o.reply && (
        <div style={{ background: "#e6f4ff", borderRadius: 6, padding: "6px 10px" }} data-testid="opinion-reply-text">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("discReplyLabel")} · {formatTime(o.repliedAt)}
          </Typography.Text>
          <div style={{ whiteSpace: "pre-wrap" }}>{o.reply}</div>
        </div>
      )}
      {manage && (
        <Space style={{ marginTop: 8 }}>
          {!o.disposition && (
            <Button size="small" type="primary" onClick={onHandle} data-testid="opinion-handle">
              {t("discHandle")}
            </Button>
          )}
          {o.disposition && (
            <Button size="small" onClick={onReply} data-testid="opinion-add-reply">
              {t("discAddReply")}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}

function OpinionForm({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<"comment" | "question">("comment");
  const [content, setContent] = useState("");
  const send = useMutation({
    mutationFn: () => api.post(`/api/decide/disclosures/${id}/opinions`, { kind, content }),
    onSuccess: () => {
      setContent("");
      message.success(t("discSent"));
      qc.invalidateQueries({ queryKey: disclosureKeys.all });
    },
  });
  return (
    <Card size="small" title={t("discYourOpinion")}>
      {send.error && <ErrorAlert error={send.error} />}
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as "comment" | "question")}
        options={[
          { value: "comment", label: t("discComment") },
          { value: "question", label: t("discQuestion") },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Input.TextArea
        value={content}
        onChange={(e) => setContent(e.target.value)}
        placeholder={t("discOpinionPlaceholder")}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        data-testid="opinion-content"
      />
      <Button
        type="primary"
        block
        style={{ marginTop: 8 }}
        disabled={!content.trim()}
        loading={send.isPending}
        onClick={() => send.mutate()}
        data-testid="opinion-submit"
      >
        {t("discSend")}
      </Button>
    </Card>
  );
}

export default function DisclosureDetailPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const resident = useIsResident();
  const manage = can("decide.manage");
  const detail = useDisclosure(id);
  const templates = useTemplates();
  const [handling, setHandling] = useState<Opinion | null>(null);
  const [replying, setReplying] = useState<Opinion | null>(null);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [reason, setReason] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: disclosureKeys.all });
  const publish = useMutation({ mutationFn: () => api.post(`/api/decide/disclosures/${id}/publish`), onSuccess: refresh });
  const withdraw = useMutation({
    mutationFn: () => api.post(`/api/decide/disclosures/${id}/withdraw`, { reason }),
    onSuccess: () => {
      setWithdrawOpen(false);
      refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      form.append("ownerType", "disclosure");
      form.append("ownerId", id as string);
      return api.upload("/api/decide/files", form);
    },
    onSuccess: refresh,
  });

  if (detail.isLoading) return <Skeleton active />;
  if (detail.error || !detail.data) return <ErrorAlert error={detail.error} />;
  const d = detail.data;
  const template = templates.data?.find((x) => x.code === d.template);
  return (
    <div style={{ maxWidth: 860, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Card
          size="small"
          title={
            <Space size={4} wrap>
              <CategoryTag category={d.category} />
              <StatusTag status={d.status} />
            </Space>
          }
          extra={
            manage && (
              <Space wrap>
                {d.status === "draft" && (
                  <>
                    <Button size="small" onClick={() => navigate(`/decide/disclosures/${d.id}/edit`)}>
                      {t("discEdit")}
                    </Button>
                    <Popconfirm title={t("discPublishConfirm")} onConfirm={() => publish.mutate()}>
                      <Button size="small" type="primary" loading={publish.isPending} data-testid="disclosure-publish-now">
                        {t("discPublish")}
                      </Button>
                    </Popconfirm>
                  </>
                )}
                {d.status === "published" && (
                  <Button size="small" danger onClick={() => setWithdrawOpen(true)} data-testid="disclosure-withdraw">
                    {t("discWithdraw")}
                  </Button>
                )}
              </Space>
            )
          }
        >
          {(publish.error || upload.error) && <ErrorAlert error={publish.error ?? upload.error} />}
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="disclosure-title-text">
            {d.title}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.areaName}
            {d.periodStart || d.periodEnd ? ` · ${t("discPeriod")} ${periodText(d.periodStart, d.periodEnd)}` : ""}
            {d.publishedAt ? ` · ${formatTime(d.publishedAt)}` : ""}
          </Typography.Text>
          {d.status === "withdrawn" && (
            <Alert
              type="warning"
              style={{ marginTop: 8 }}
              title={t("discWithdrawnNote", { at: formatTime(d.withdrawnAt), reason: d.withdrawReason ?? "" })}
            />
          )}
          <div style={{ marginTop: 12 }}>
            <TemplateFieldsView template={template} fields={d.fields} />
          </div>
          {d.body && <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 12 }}>{d.body}</Typography.Paragraph>}
          {(d.attachments.length > 0 || (manage && d.status === "draft")) && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t("discAttachments")}</Typography.Text>
              <div>
                {d.attachments.map((f) => (
                  <div key={f.id}>
                    <a href={`/api/decide/files/${f.id}`} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {f.name}
                    </a>
                  </div>
                ))}
              </div>
              {manage && d.status === "draft" && (
                <Upload
                  showUploadList={false}
                  beforeUpload={(file) => {
                    upload.mutate(file);
                    return false;
                  }}
                >
                  <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 4 }}>
                    {t("discAttachments")}
                  </Button>
                </Upload>
              )}
            </div>
          )}
        </Card>

        {resident && d.status === "published" && <OpinionForm id={d.id} />}

        {(d.status !== "draft" || d.opinions.length > 0) && (
          <Card size="small" title={`${t("discOpinions")} (${d.opinions.length})`} styles={{ body: { padding: 8 } }}>
            {d.opinions.length === 0 ? (
              <Empty description={t("discNoOpinions")} />
            ) : (
              <Space orientation="vertical" size={8} style={{ width: "100%" }}>
                {d.opinions.map((o) => (
                  <OpinionCard
                    key={o.id}
                    o={o}
                    manage={manage && !resident}
                    onHandle={() => setHandling(o)}
                    onReply={() => setReplying(o)}
                  />
                ))}
              </Space>
            )}
          </Card>
        )}
      </Space>
      <HandleOpinionModal opinion={handling} onClose={() => setHandling(null)} />
      <ReplyOpinionModal opinion={replying} onClose={() => setReplying(null)} />
      <Modal
        open={withdrawOpen}
        title={t("discWithdraw")}
        onCancel={() => setWithdrawOpen(false)}
        onOk={() => withdraw.mutate()}
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={withdraw.isPending}
      >
        {withdraw.error && <ErrorAlert error={withdraw.error} />}
        <Input.TextArea
          placeholder={t("discWithdrawReason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 3 }}
          maxLength={2000}
        />
      </Modal>
    </div>
  );
}
