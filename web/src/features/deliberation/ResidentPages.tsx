// Resident pages, phone-first: proposals collecting backing (with the Back button) and my proposals.
import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Pagination, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { BackButton } from "./ProposalPage";
import { useProposals } from "./queries";
import type { Proposal } from "./types";
import { BackingProgress, lbl, StatusTag, stepName } from "./ui";

const PAGE_SIZE = 10;

function ProposalCard({ p, showBack }: { p: Proposal; showBack: boolean }) {
  const { t, lang } = useI18n();
  const open = p.status === "collecting" && p.backingDeadline !== null && new Date(p.backingDeadline).getTime() >= Date.now();
  return (
    <Card
      size="small"
      data-testid="proposal-card"
      data-proposal-id={p.id}
      title={
        <Space size={6} wrap>
          <StatusTag status={p.status} />
          <Tag>{lbl(t, "dlCat_", p.category)}</Tag>
        </Space>
      }
      extra={<Link to={`/decide/proposals/${p.id}`}>{t("dlDetails")}</Link>}
    >
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        <Link to={`/decide/proposals/${p.id}`}>{p.title}</Link>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>
        {p.content}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.authorName} · {p.areaName} · {formatTime(p.submittedAt ?? p.createdAt)}
      </Typography.Text>
      {p.threshold && (
        <div style={{ marginTop: 8 }}>
          <BackingProgress p={p} compact />
        </div>
      )}
      {p.flow && p.currentStep !== null && (
        <Typography.Text style={{ display: "block", marginTop: 6 }}>
          {t("dlFlow")}: {stepName(p.flow.steps[p.currentStep], lang)}
        </Typography.Text>
      )}
      {showBack && (
        <div style={{ marginTop: 10 }}>
          {p.backedByMe ? (
            <Tag color="success" data-testid="proposal-backed">
              {t("dlBacked")}
            </Tag>
          ) : open ? (
            <BackButton id={p.id} block />
          ) : null}
        </div>
      )}
    </Card>
  );
}

function ProposalList({
  params,
  showBack,
  empty,
}: {
  params: Record<string, string | boolean>;
  showBack: boolean;
  empty: string;
}) {
  const [page, setPage] = useState(1);
  const list = useProposals({ ...params, page, pageSize: PAGE_SIZE });
  if (list.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 48 }}>
        <Spin />
      </div>
    );
  const items = list.data?.items ?? [];
  return (
    <>
      {list.error && <ErrorAlert error={list.error} />}
      {items.length === 0 ? (
        <Empty description={empty} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          {items.map((p) => (
            <ProposalCard key={p.id} p={p} showBack={showBack} />
          ))}
          {(list.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={list.data?.total ?? 0} onChange={setPage} />
          )}
        </Space>
      )}
    </>
  );
}

/** Proposals of my areas collecting backing; backed ones stay listed with a tag. */
export function ResidentBackPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Card
        size="small"
        title={t("dlToBack")}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={() => navigate("/decide/proposals/new")}>
            {t("navDlNew")}
          </Button>
        }
      >
        <ProposalList params={{ status: "collecting" }} showBack empty={t("dlNothingToBack")} />
      </Card>
    </div>
  );
}

export function MyProposalsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Card
        size="small"
        title={t("dlMyProposals")}
        extra={
          <Button
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/decide/proposals/new")}
            data-testid="proposal-new"
          >
            {t("navDlNew")}
          </Button>
        }
      >
        <ProposalList params={{ mine: true }} showBack={false} empty={t("dlNoProposals")} />
      </Card>
    </div>
  );
}
