// One practical project: progress, milestones, child projects, the timeline with photos, comments.
// Staff who manage it post updates (with photos), move its status and keep milestones; residents of
// its area follow it and comment. Phone-first: one column below the md breakpoint.
import { ArrowLeftOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Pagination,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { applyServerErrors } from "../../components/formErrors";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, useI18n } from "../../i18n";
import { ProjectFormModal } from "./ProjectFormModal";
import { FollowButton } from "./ProjectsPage";
import {
  formatYuan,
  type Milestone,
  type ProjectDetail,
  type ProjectStatus,
  projectKey,
  type TimelineEntry,
  useComments,
  useProject,
  useTimeline,
} from "./queries";
import { ProjectProgress, ProjectStatusTag, sourceKey, statusKey } from "./ui";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

const entryKind: Record<TimelineEntry["kind"], MessageKey> = {
  created: "projKindCreated",
  status: "projKindStatus",
  reopen: "projKindReopen",
  milestone: "projKindMilestone",
  update: "projKindUpdate",
};

export default function ProjectPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const project = useProject(id);
  const p = project.data;
  if (project.isLoading) return <Spin style={{ display: "block", margin: 48 }} />;
  if (!p) return <ErrorAlert error={project.error} />;
  return (
    <div style={{ maxWidth: 1200, margin: "0 auto" }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate("/decide/projects")} style={{ paddingLeft: 0 }}>
        {t("projBack")}
      </Button>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <Header p={p} />
            {(p.children.length > 0 || p.can.manage) && <Children p={p} />}
            {(p.milestones.length > 0 || p.can.manage) && <Milestones p={p} />}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <TimelineCard p={p} />
            <Comments p={p} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

function Header({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [moving, setMoving] = useState<ProjectStatus | null>(null);
  return (
    <Card
      size="small"
      title={
        <Space size={6} wrap style={{ whiteSpace: "normal" }}>
          <span data-testid="project-title">{p.title}</span>
          <ProjectStatusTag status={p.status} />
        </Space>
      }
    >
      <ProjectProgress value={p.progress} status={p.status} testId="project-progress" />
      {p.children.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("projChildrenHint")}
        </Typography.Paragraph>
      )}
      {p.reopenCount > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t("projReopened", { n: p.reopenCount })} />
      )}
      {p.description && <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{p.description}</Typography.Paragraph>}
      <Descriptions size="small" column={isMobile ? 1 : 2}>
        <Descriptions.Item label={t("projBudgetShort")}>¥{formatYuan(p.budget)}</Descriptions.Item>
        <Descriptions.Item label={t("projArea")}>{p.areaName}</Descriptions.Item>
        <Descriptions.Item label={t("projSource")}>
          {t(sourceKey[p.sourceType])}
          {p.source ? ` · ${p.source.title}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("projOwner")}>
          {[p.ownerUserName, p.ownerUnitName].filter(Boolean).join(" / ") || "-"}
        </Descriptions.Item>
        <Descriptions.Item label={t("projPlannedStart")}>{p.plannedStart ?? "-"}</Descriptions.Item>
        <Descriptions.Item label={t("projPlannedEnd")}>{p.plannedEnd ?? "-"}</Descriptions.Item>
        {p.parent && (
          <Descriptions.Item label={t("projParent")}>
            <Link to={`/decide/projects/${p.parent.id}`}>{p.parent.title}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space wrap style={{ marginTop: 8 }}>
        {p.can.follow && <FollowButton id={p.id} following={p.following} count={p.followerCount} />}
        {!p.can.follow && <Typography.Text type="secondary">{t("projFollowers", { n: p.followerCount })}</Typography.Text>}
        {p.can.nextStatuses.map((s) => (
          <Button key={s} size="small" danger={s === "cancelled"} onClick={() => setMoving(s)} data-testid={`project-move-${s}`}>
            {t(statusKey[s])}
          </Button>
        ))}
      </Space>
      <MoveDialog p={p} to={moving} onClose={() => setMoving(null)} />
    </Card>
  );
}

function MoveDialog({ p, to, onClose }: { p: ProjectDetail; to: ProjectStatus | null; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [note, setNote] = useState("");
  const m = useMutation({
    mutationFn: () => api.post(`/api/decide/projects/${p.id}/status`, { to, note: note.trim() || null }),
    onSuccess: async () => {
      setNote("");
      onClose();
      await qc.invalidateQueries({ queryKey: projectKey(p.id) });
      await qc.invalidateQueries({ queryKey: ["decide-projects"] });
    },
  });
  return (
    <Modal
      open={to !== null}
      title={to ? t("projMoveConfirm", { to: t(statusKey[to]) }) : ""}
      onCancel={onClose}
      onOk={() => m.mutate()}
      confirmLoading={m.isPending}
      okButtonProps={{ danger: to === "cancelled" }}
      destroyOnHidden
    >
      <ErrorAlert error={m.error} />
      <Input.TextArea
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t("projMoveNote")}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={2000}
      />
    </Modal>
  );
}

function Children({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const open = p.status !== "done" && p.status !== "cancelled";
  return (
    <Card
      size="small"
      title={t("projChildren")}
      extra={
        p.can.manage &&
        open && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="project-add-child">
            {t("projNewChild")}
          </Button>
        )
      }
    >
      <SimpleList
        items={p.children}
        rowKey={(c) => c.id}
        render={(c) => (
          <div data-testid="project-child">
            <Space size={6} wrap>
              <Link to={`/decide/projects/${c.id}`}>{c.title}</Link>
              <ProjectStatusTag status={c.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ¥{formatYuan(c.budget)}
              </Typography.Text>
            </Space>
            <ProjectProgress value={c.progress} status={c.status} size="small" />
          </div>
        )}
      />
      <ProjectFormModal
        open={adding}
        parent={{ id: p.id, areaId: p.areaId, title: p.title }}
        onClose={() => setAdding(false)}
        onCreated={(id) => {
          setAdding(false);
          navigate(`/decide/projects/${id}`);
        }}
      />
    </Card>
  );
}

function Milestones({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; dueOn?: string; weight?: string }>();
  const [error, setError] = useState<unknown>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: projectKey(p.id) });
  };
  const add = useMutation({
    mutationFn: (v: { title: string; dueOn?: string; weight?: string }) =>
      api.post(`/api/decide/projects/${p.id}/milestones`, {
        title: v.title,
        dueOn: v.dueOn || null,
        weight: v.weight?.trim() || null,
      }),
    onSuccess: async () => {
      form.resetFields();
      setError(null);
      await refresh();
    },
    onError: (e) => {
      setError(e);
      applyServerErrors(form, e, ["title", "dueOn", "weight"]);
    },
  });
  const done = useMutation({
    mutationFn: (m: Milestone) =>
      api.patch(`/api/decide/projects/${p.id}/milestones/${m.id}`, { doneOn: new Date().toISOString().slice(0, 10) }),
    onSuccess: refresh,
  });
  return (
    <Card
      size="small"
      title={t("projMilestones")}
      extra={
        p.milestoneProgress !== null && (
          <Typography.Text type="secondary">{t("projMilestoneShare", { p: p.milestoneProgress })}</Typography.Text>
        )
      }
    >
      <ErrorAlert error={error ?? done.error} />
      <SimpleList
        items={p.milestones}
        rowKey={(m) => m.id}
        render={(m) => (
          <div
            style={{ display: "flex", justifyContent: "space-between", gap: 8, flexWrap: "wrap" }}
            data-testid="project-milestone"
          >
            <Space size={6} wrap>
              {m.doneOn ? <Tag color="success">{t("agrDone")}</Tag> : <Tag>{m.dueOn ?? "-"}</Tag>}
              <Typography.Text delete={false}>{m.title}</Typography.Text>
              {m.weight && <Typography.Text type="secondary">×{m.weight}</Typography.Text>}
            </Space>
            <Space size={6}>
              {m.doneOn && <Typography.Text type="secondary">{m.doneOn}</Typography.Text>}
              {p.can.manage && !m.doneOn && (
                <Button size="small" onClick={() => done.mutate(m)} loading={done.isPending && done.variables?.id === m.id}>
                  {t("projMilestoneMarkDone")}
                </Button>
              )}
            </Space>
          </div>
        )}
      />
      {p.can.manage && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item name="title" rules={[{ required: true, message: t("requiredField") }]}>
            <Input placeholder={t("projMilestoneTitle")} maxLength={200} />
          </Form.Item>
          <Form.Item name="dueOn">
            <Input type="date" aria-label={t("projMilestoneDue")} />
          </Form.Item>
          <Form.Item name="weight">
            <Input placeholder={t("projMilestoneWeight")} style={{ width: 90 }} inputMode="decimal" />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending}>
              {t("projMilestoneAdd")}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}

function TimelineCard({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const timeline = useTimeline(p.id);
  const [posting, setPosting] = useState(false);
  return (
    <Card
      size="small"
      title={t("projTimeline")}
      extra={
        p.can.postUpdate && (
          <Button size="small" type="primary" onClick={() => setPosting(true)} data-testid="project-post-update">
            {t("projPostUpdate")}
          </Button>
        )
      }
    >
      <ErrorAlert error={timeline.error} />
      {timeline.data?.length ? (
        <Timeline
          items={timeline.data.map((e) => ({
            key: e.id,
            color: e.kind === "reopen" ? "red" : e.kind === "status" && e.statusTo === "done" ? "green" : "blue",
            content: <Entry e={e} />,
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      <PostUpdateDialog p={p} open={posting} onClose={() => setPosting(false)} />
    </Card>
  );
}

function Entry({ e }: { e: TimelineEntry }) {
  const { t } = useI18n();
  return (
    <div data-testid="project-update">
      <Space size={6} wrap>
        <Tag>{t(entryKind[e.kind])}</Tag>
        {e.progress !== null && <Tag color="blue">{e.progress}%</Tag>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(e.createdAt)} {e.authorName ?? ""}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0" }}>{e.body}</Typography.Paragraph>
      {e.photos.length > 0 && (
        <Image.PreviewGroup>
          <Space size={6} wrap>
            {e.photos.map((ph) => (
              <Image
                key={ph.id}
                src={`/api/decide/files/${ph.id}`}
                alt={ph.name}
                width={72}
                height={72}
                style={{ objectFit: "cover", borderRadius: 4 }}
                data-testid="project-photo"
              />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </div>
  );
}

function PostUpdateDialog({ p, open, onClose }: { p: ProjectDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ body: string; progress?: number | null }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[] | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(v: { body: string; progress?: number | null }) {
    setSaving(true);
    setError(null);
    try {
      const out = await api.post<{ id: string }>(`/api/decide/projects/${p.id}/updates`, {
        body: v.body,
        progress: p.can.setProgress && v.progress !== undefined && v.progress !== null ? v.progress : null,
      });
      // Photos go to the update once it exists; a failed photo does not undo the update.
      for (const f of files) {
        if (!f.originFileObj) continue;
        const fd = new FormData();
        fd.set("file", f.originFileObj);
        fd.set("ownerType", "project_update");
        fd.set("ownerId", out.id);
        try {
          await api.upload("/api/decide/files", fd);
        } catch {
          message.error(t("projPhotoUploadFailed", { name: f.name }));
        }
      }
      form.resetFields();
      setFiles([]);
      onClose();
      await qc.invalidateQueries({ queryKey: projectKey(p.id) });
      await qc.invalidateQueries({ queryKey: ["decide-projects"] });
    } catch (e) {
      setError(e);
      setExtra(applyServerErrors(form, e, ["body", "progress"]));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("projPostUpdate")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ "data-testid": "project-update-submit" } as never}
    >
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ progress: null }}>
        <Form.Item name="body" label={t("projUpdateText")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} data-testid="project-update-body" />
        </Form.Item>
        {p.can.setProgress && (
          <Form.Item name="progress" label={t("projUpdateProgress")} extra={t("projUpdateProgressHint")}>
            <InputNumber min={0} max={100} precision={2} style={{ width: 160 }} data-testid="project-update-progress" />
          </Form.Item>
        )}
        <Form.Item label={t("projPhotos")}>
          <Upload
            listType="picture-card"
            multiple
            accept={PHOTO_TYPES.join(",")}
            fileList={files}
            maxCount={9}
            beforeUpload={(file) => {
              if (!PHOTO_TYPES.includes(file.type)) {
                message.error(`${file.name}: ${t("fileTypeNotAllowed")}`);
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_PHOTO_BYTES) {
                message.error(`${file.name}: ${t("fileTooLarge")}`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, 9))}
          >
            {files.length >= 9 ? null : (
              <button type="button" style={{ border: 0, background: "none", cursor: "pointer" }}>
                <PlusOutlined />
                <div style={{ marginTop: 4 }}>{t("addPhoto")}</div>
              </button>
            )}
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Comments({ p }: { p: ProjectDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [text, setText] = useState("");
  const comments = useComments(p.id, page);
  const send = useMutation({
    mutationFn: () => api.post(`/api/decide/projects/${p.id}/comments`, { body: text.trim() }),
    onSuccess: async () => {
      setText("");
      setPage(1);
      await qc.invalidateQueries({ queryKey: [...projectKey(p.id), "comments"] });
    },
  });
  return (
    <Card size="small" title={t("projComments")}>
      {p.can.comment && (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={send.error} />
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("projCommentPlaceholder")}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={2000}
            data-testid="project-comment-input"
          />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            block
            disabled={!text.trim()}
            loading={send.isPending}
            onClick={() => send.mutate()}
            data-testid="project-comment-send"
          >
            {t("projCommentSend")}
          </Button>
        </div>
      )}
      <SimpleList
        items={comments.data?.items ?? []}
        rowKey={(c) => c.id}
        render={(c) => (
          <div data-testid="project-comment">
            <Space size={6} wrap>
              <Typography.Text strong>{c.authorName}</Typography.Text>
              {c.staff && <Tag color="blue">{t("projCommentStaff")}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(c.createdAt)}
              </Typography.Text>
            </Space>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: "4px 0 0" }}>{c.body}</Typography.Paragraph>
          </div>
        )}
      />
      {(comments.data?.total ?? 0) > 10 && (
        <Pagination
          size="small"
          style={{ marginTop: 8 }}
          current={page}
          pageSize={10}
          total={comments.data?.total}
          onChange={setPage}
        />
      )}
    </Card>
  );
}
