// Practical projects: staff see a filterable table of their scope; residents (phone-first) see the
// projects of the areas they live in, as cards with a follow button.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Input, Pagination, Segmented, Select, Space, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { hasPermission, useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { ProjectFormModal } from "./ProjectFormModal";
import {
  formatYuan,
  isResidentUser,
  PROJECT_STATUSES,
  type ProjectStatus,
  type ProjectSummary,
  projectKey,
  SOURCE_TYPES,
  type SourceType,
  useProjects,
} from "./queries";
import { ProjectProgress, ProjectStatusTag, sourceKey, statusKey } from "./ui";

const PAGE_SIZE = 20;

export default function ProjectsPage() {
  const { data: me } = useMe();
  return isResidentUser(me) ? <ResidentProjects /> : <StaffProjects />;
}

function StaffProjects() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProjectStatus | undefined>();
  const [sourceType, setSourceType] = useState<SourceType | undefined>();
  const [areaId, setAreaId] = useState<string | undefined>();
  const [roots, setRoots] = useState(true);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useProjects({
    status,
    sourceType,
    areaId,
    roots: roots ? "true" : undefined,
    q: q || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const canManage = hasPermission(me, "decide.manage");
  const reset = () => setPage(1);

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder={t("projStatus")}
        style={{ width: 140 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          reset();
        }}
        options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(statusKey[s]) }))}
        data-testid="project-filter-status"
      />
      <Select
        allowClear
        placeholder={t("projSource")}
        style={{ width: 160 }}
        value={sourceType}
        onChange={(v) => {
          setSourceType(v);
          reset();
        }}
        options={SOURCE_TYPES.map((s) => ({ value: s, label: t(sourceKey[s]) }))}
      />
      <AreaTreeSelect
        value={areaId}
        onChange={(v) => {
          setAreaId(v);
          reset();
        }}
        placeholder={t("projArea")}
        style={{ width: 200 }}
      />
      <Input.Search
        allowClear
        placeholder={t("projSearch")}
        style={{ width: 200 }}
        onSearch={(v) => {
          setQ(v.trim());
          reset();
        }}
      />
      <Space size={4}>
        <Switch
          size="small"
          checked={roots}
          onChange={(v) => {
            setRoots(v);
            reset();
          }}
        />
        <Typography.Text>{t("projOnlyRoots")}</Typography.Text>
      </Space>
    </Space>
  );

  return (
    <Card
      size="small"
      title={t("projListTitle")}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-new">
            {t("projNew")}
          </Button>
        )
      }
    >
      {filters}
      <ErrorAlert error={list.error} />
      {isMobile ? (
        <>
          <SimpleList
            items={list.data?.items ?? []}
            rowKey={(p) => p.id}
            emptyText={t("projNone")}
            render={(p) => <ProjectRow p={p} />}
          />
          <Pagination
            size="small"
            style={{ marginTop: 12 }}
            current={page}
            pageSize={PAGE_SIZE}
            total={list.data?.total ?? 0}
            onChange={setPage}
          />
        </>
      ) : (
        <Table<ProjectSummary>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t("projNone") }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t("projTitle"),
              dataIndex: "title",
              render: (_, p) => (
                <Space size={4} wrap>
                  <Link to={`/decide/projects/${p.id}`} data-testid="project-link">
                    {p.title}
                  </Link>
                  {p.childCount > 0 && <Typography.Text type="secondary">({p.childCount})</Typography.Text>}
                </Space>
              ),
            },
            { title: t("projArea"), dataIndex: "areaName", width: 140 },
            { title: t("projSource"), dataIndex: "sourceType", width: 120, render: (v: SourceType) => t(sourceKey[v]) },
            {
              title: t("projBudgetShort"),
              dataIndex: "budget",
              width: 140,
              align: "right",
              render: (v: string) => formatYuan(v),
            },
            {
              title: t("projProgress"),
              dataIndex: "progress",
              width: 180,
              render: (v: string, p) => <ProjectProgress value={v} status={p.status} size="small" />,
            },
            {
              title: t("projStatus"),
              dataIndex: "status",
              width: 100,
              render: (v: ProjectStatus) => <ProjectStatusTag status={v} />,
            },
            {
              title: t("projOwner"),
              width: 140,
              render: (_, p) => [p.ownerUserName, p.ownerUnitName].filter(Boolean).join(" / ") || "-",
            },
          ]}
        />
      )}
      <ProjectFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/decide/projects/${id}`);
        }}
      />
    </Card>
  );
}

function ProjectRow({ p }: { p: ProjectSummary }) {
  const { t } = useI18n();
  return (
    <div>
      <Space size={6} wrap>
        <Link to={`/decide/projects/${p.id}`} data-testid="project-link">
          {p.title}
        </Link>
        <ProjectStatusTag status={p.status} />
      </Space>
      <ProjectProgress value={p.progress} status={p.status} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.areaName} · {t(sourceKey[p.sourceType])} · ¥{formatYuan(p.budget)}
      </Typography.Text>
    </div>
  );
}

/** The follow button shared by the resident list and the detail page. */
export function FollowButton({ id, following, count }: { id: string; following: boolean; count?: number }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: () =>
      following
        ? api.del<{ following: boolean }>(`/api/decide/projects/${id}/follow`)
        : api.post(`/api/decide/projects/${id}/follow`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["decide-projects"] });
      await qc.invalidateQueries({ queryKey: projectKey(id) });
    },
  });
  return (
    <Space size={6}>
      <Button
        size="small"
        type={following ? "default" : "primary"}
        loading={m.isPending}
        onClick={() => m.mutate()}
        data-testid="project-follow"
        data-following={following ? "true" : "false"}
      >
        {following ? t("projFollowing") : t("projFollow")}
      </Button>
      {count !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="project-followers">
          {t("projFollowers", { n: count })}
        </Typography.Text>
      )}
    </Space>
  );
}

function ResidentProjects() {
  const { t } = useI18n();
  const [tab, setTab] = useState<"all" | "followed">("all");
  const [page, setPage] = useState(1);
  // All: top-level projects (children show on their parent's page); followed: any I follow.
  const list = useProjects({
    followed: tab === "followed" ? "true" : undefined,
    roots: tab === "all" ? "true" : undefined,
    page,
    pageSize: 10,
  });
  return (
    <div style={{ maxWidth: 720, margin: "0 auto" }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("projResidentTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("projResidentIntro")}</Typography.Paragraph>
      <Segmented
        block
        value={tab}
        onChange={(v) => {
          setTab(v as "all" | "followed");
          setPage(1);
        }}
        options={[
          { value: "all", label: t("projFilterAll") },
          { value: "followed", label: t("projOnlyFollowed") },
        ]}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={list.error} />
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        {(list.data?.items ?? []).map((p) => (
          <Card key={p.id} size="small" data-testid="project-card">
            <Space size={6} wrap style={{ marginBottom: 4 }}>
              <Link to={`/decide/projects/${p.id}`} data-testid="project-link">
                <Typography.Text strong>{p.title}</Typography.Text>
              </Link>
              <ProjectStatusTag status={p.status} />
            </Space>
            <ProjectProgress value={p.progress} status={p.status} size="small" />
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8, flexWrap: "wrap" }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.areaName} · {t(sourceKey[p.sourceType])}
              </Typography.Text>
              <FollowButton id={p.id} following={p.following} count={p.followerCount} />
            </div>
          </Card>
        ))}
        {!list.isLoading && (list.data?.items.length ?? 0) === 0 && (
          <Card size="small">
            <Typography.Text type="secondary">{t("projNone")}</Typography.Text>
          </Card>
        )}
      </Space>
      {(list.data?.total ?? 0) > 10 && (
        <Pagination
          size="small"
          style={{ marginTop: 12 }}
          current={page}
          pageSize={10}
          total={list.data?.total ?? 0}
          onChange={setPage}
        />
      )}
    </div>
  );
}
