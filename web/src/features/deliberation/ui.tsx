// Small pieces shared by the deliberation pages: labels, the status tag, the backing progress,
// the flow timeline and a resident search box.
import { useQuery } from "@tanstack/react-query";
import { Progress, Select, Space, Steps, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, type TFunction, useI18n } from "../../i18n";
import type { Page, ResidentSummary } from "../../types";
import type { FlowStep, Proposal, ProposalDetail, ProposalStatus } from "./types";

/** A label from a prefixed key, falling back to the raw value. */
export const lbl = (t: TFunction, prefix: string, value: string | null | undefined) =>
  value ? (t(`${prefix}${value}` as MessageKey) ?? value) : "-";

const STATUS_COLORS: Record<ProposalStatus, string> = {
  draft: "default",
  collecting: "processing",
  lapsed: "default",
  in_flow: "blue",
  returned: "warning",
  adopted: "success",
  completed: "green",
  rejected: "error",
  withdrawn: "default",
};

export function StatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="proposal-status" data-status={status}>
      {lbl(t, "dlStatus_", status)}
    </Tag>
  );
}

export const stepName = (s: FlowStep, lang: string) => (lang === "en" ? s.nameEn : s.nameZh);

/** Milliseconds until the deadline, ticking every 30 s. */
function useRemaining(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return deadline ? new Date(deadline).getTime() - now : null;
}

export function Countdown({ deadline }: { deadline: string | null }) {
  const { t } = useI18n();
  const left = useRemaining(deadline);
  if (left === null) return null;
  if (left < 0) return <Typography.Text type="secondary">{t("dlClosed")}</Typography.Text>;
  const d = Math.floor(left / 86_400_000);
  const h = Math.floor((left % 86_400_000) / 3_600_000);
  const text = d === 0 && h === 0 ? t("dlClosesInMin", { m: Math.max(1, Math.ceil(left / 60_000)) }) : t("dlClosesIn", { d, h });
  return (
    <Typography.Text type={d < 2 ? "warning" : "secondary"} data-testid="proposal-countdown">
      {text}
    </Typography.Text>
  );
}

const pct = (n: number, of: number) => (of > 0 ? Math.min(100, Math.round((n / of) * 100)) : 0);

/** Households x / threshold, representatives y / threshold, and the deadline countdown. */
export function BackingProgress({ p, compact = false }: { p: Proposal; compact?: boolean }) {
  const { t } = useI18n();
  const th = p.threshold;
  if (!th) return null;
  const reached = p.thresholdReachedAt !== null;
  const ratio = `${Math.round(Number(th.repRatio) * 10000) / 100}%`;
  return (
    <div data-testid="backing-progress">
      <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
        <Typography.Text style={{ minWidth: compact ? 56 : 72, fontSize: 12 }}>{t("dlHouseholds")}</Typography.Text>
        <Progress
          percent={pct(p.backing.households, th.households)}
          status={reached ? "success" : "active"}
          showInfo={false}
          style={{ flex: 1, margin: 0 }}
        />
        <Typography.Text strong data-testid="backing-households">
          {p.backing.households}/{th.households}
        </Typography.Text>
      </div>
      {th.reps !== null && (
        <div style={{ display: "flex", alignItems: "center", gap: 8 }}>
          <Typography.Text style={{ minWidth: compact ? 56 : 72, fontSize: 12 }}>{t("dlReps")}</Typography.Text>
          <Progress
            percent={pct(p.backing.reps, th.reps)}
            status={reached ? "success" : "active"}
            showInfo={false}
            strokeColor="#722ed1"
            style={{ flex: 1, margin: 0 }}
          />
          <Typography.Text strong data-testid="backing-reps">
            {p.backing.reps}/{th.reps}
          </Typography.Text>
        </div>
      )}
      <Space size={8} wrap style={{ fontSize: 12 }}>
        {reached ? (
          <Tag color="success">{t("dlThresholdReached")}</Tag>
        ) : p.status === "collecting" ? (
          <Countdown deadline={p.backingDeadline} />
        ) : null}
        {!compact && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {th.reps !== null
              ? t("dlThresholdRule", { households: th.households, reps: th.reps, repCount: th.repCount, ratio })
              : t("dlThresholdRuleNoReps", { households: th.households })}
          </Typography.Text>
        )}
      </Space>
    </div>
  );
}

/** The decision flow as antd Steps with each step's latest record. */
export function FlowTimeline({ p }: { p: ProposalDetail }) {
  const { t, lang } = useI18n();
  const isMobile = useIsMobile();
  if (!p.flow) return null;
  const steps = p.flow.steps;
  const done = p.status === "completed";
  // Before the flow (collecting, lapsed, ...) no step is current.
  const current = done ? steps.length : (p.currentStep ?? -1);
  const status =
    p.status === "rejected"
      ? "error"
      : p.status === "returned"
        ? "error"
        : done
          ? "finish"
          : p.currentStep === null
            ? "wait"
            : "process";
  return (
    <Steps
      size="small"
      orientation={isMobile ? "vertical" : "horizontal"}
      current={current}
      status={status}
      data-testid="flow-steps"
      items={steps.map((s, i) => {
        const recs = p.steps.filter((r) => r.stepIndex === i);
        const last = recs[recs.length - 1];
        return {
          title: stepName(s, lang),
          subTitle: s.decides ? t("dlDecides") : undefined,
          description: last ? (
            <span style={{ fontSize: 12 }}>
              {lbl(t, "dlOutcome_", last.outcome)}
              {last.round > 1 ? ` · ${t("dlRound", { n: last.round })}` : ""} · {formatTime(last.recordedAt)}
            </span>
          ) : undefined,
        };
      })}
    />
  );
}

/** Residents within the caller's scope, searched by name (the residents API). */
export function ResidentSearch({
  value,
  onChange,
  areaId,
  onPick,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  areaId?: string;
  onPick?: (r: ResidentSummary | undefined) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const list = useQuery({
    queryKey: ["dl-resident-search", q, areaId ?? ""],
    queryFn: ({ signal }) => api.get<Page<ResidentSummary>>("/api/residents", { q, areaId, pageSize: 20 }, signal),
    enabled: q.trim().length > 0,
    staleTime: 30_000,
  });
  const items = list.data?.items ?? [];
  return (
    <Select
      showSearch
      allowClear
      value={value}
      placeholder={t("dlSearchResident")}
      filterOption={false}
      onSearch={setQ}
      loading={list.isFetching}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPick?.(items.find((r) => r.id === v));
      }}
      notFoundContent={null}
      data-testid="resident-search"
      options={items.map((r) => ({
        value: r.id,
        label: `${r.name} · ${r.docMasked} · ${r.address ?? r.gridName}`,
      }))}
      style={{ width: "100%" }}
    />
  );
}
