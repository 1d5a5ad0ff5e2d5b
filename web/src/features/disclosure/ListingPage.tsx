// One public listing. Everyone sees masked names and ID numbers only. Staff build the list from the
// registry, publish it, resolve objections and republish; residents object while it is open.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  type ButtonProps,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { Page, ResidentSummary } from "../../types";
import { KIND_KEYS, ObjectionTag, PhaseTag } from "./common";
import { disclosureKeys, useIsResident, useListing } from "./queries";
import type { ListingDetail, ListingEntry, ListingObjection } from "./types";

/** Masks a name the way the server does, for the picker (the registry search returns full names). */
function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 2) return `${chars[0] ?? ""}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function ResidentPicker({ onPick }: { onPick: (id: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const isId = /^[0-9]{17}[0-9Xx]$/.test(text.trim());
  const search = useQuery({
    queryKey: ["listing-resident-search", text],
    queryFn: ({ signal }) =>
      api.get<Page<ResidentSummary>>(
        "/api/residents",
        { ...(isId ? { idNumber: text.trim() } : { q: text.trim() }), page: 1, pageSize: 20 },
        signal,
      ),
    enabled: text.trim().length >= 1,
  });
  return (
    <Select
      showSearch
      filterOption={false}
      value={null}
      placeholder={t("discPickResident")}
      onSearch={setText}
      onChange={(v: string) => v && onPick(v)}
      loading={search.isFetching}
      style={{ width: 320 }}
      options={(search.data?.items ?? []).map((r) => ({ value: r.id, label: `${maskName(r.name)} · ${r.docMasked}` }))}
      notFoundContent={null}
      data-testid="listing-pick-resident"
    />
  );
}

function Counts({ l }: { l: ListingDetail }) {
  const { t } = useI18n();
  const items = [
    { k: "entries", label: t("discEntries"), v: l.counts.entries },
    { k: "objections", label: t("discObjections"), v: l.counts.objections },
    { k: "upheld", label: t("discUpheld"), v: l.counts.upheld },
    { k: "removed", label: t("discRemoved"), v: l.counts.removed },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
      {items.map((i) => (
        <Col key={i.k} xs={12} md={6}>
          <div data-testid={`listing-count-${i.k}`} data-value={i.v}>
            <Statistic title={i.label} value={i.v} />
          </div>
        </Col>
      ))}
    </Row>
  );
}

function ObjectModal({ listingId, entry, onClose }: { listingId: string; entry: ListingEntry | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const send = useMutation({
    mutationFn: () => api.post(`/api/decide/listings/${listingId}/objections`, { entryId: entry?.id, reason }),
    onSuccess: () => {
      message.success(t("discObjectSent"));
      setReason("");
      qc.invalidateQueries({ queryKey: disclosureKeys.listings });
      onClose();
    },
  });
  return (
    <Modal
      open={!!entry}
      title={t("discObjectTitle", { name: entry?.maskedName ?? "" })}
      onCancel={onClose}
      onOk={() => send.mutate()}
      okButtonProps={{ disabled: !reason.trim(), "data-testid": "listing-object-ok" } as ButtonProps}
      confirmLoading={send.isPending}
      destroyOnHidden
    >
      {send.error && <ErrorAlert error={send.error} />}
      <Input.TextArea
        placeholder={t("discObjectReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoSize={{ minRows: 3 }}
        maxLength={2000}
        data-testid="listing-object-reason"
      />
    </Modal>
  );
}

function ResolveModal({ objection, onClose }: { objection: ListingObjection | null; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<"upheld" | "dismissed">("dismissed");
  const [resolution, setResolution] = useState("");
  const resolve = useMutation({
    mutationFn: () => api.post(`/api/decide/listings/objections/${objection?.id}/resolve`, { outcome, resolution }),
    onSuccess: () => {
      setResolution("");
      qc.invalidateQueries({ queryKey: disclosureKeys.listings });
      onClose();
    },
  });
  return (
    <Modal
      open={!!objection}
      title={t("discResolve")}
      onCancel={onClose}
      onOk={() => resolve.mutate()}
      okButtonProps={{ disabled: !resolution.trim(), danger: outcome === "upheld" }}
      confirmLoading={resolve.isPending}
      destroyOnHidden
    >
      {resolve.error && <ErrorAlert error={resolve.error} />}
      <Typography.Paragraph type="secondary">{objection?.reason}</Typography.Paragraph>
      <Radio.Group
        value={outcome}
        onChange={(e) => setOutcome(e.target.value)}
        optionType="button"
        options={[
          { value: "dismissed", label: t("discResolveDismissed") },
          { value: "upheld", label: t("discResolveUpheld") },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Input.TextArea
        placeholder={t("discResolution")}
        value={resolution}
        onChange={(e) => setResolution(e.target.value)}
        autoSize={{ minRows: 3 }}
        maxLength={2000}
      />
    </Modal>
  );
}

function RepublishModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf("hour"), dayjs().startOf("hour").add(7, "day")]);
  const go = useMutation({
    mutationFn: () =>
      api.post<{ id: string }>(`/api/decide/listings/${id}/republish`, {
        opensAt: range[0].toISOString(),
        closesAt: range[1].toISOString(),
      }),
    onSuccess: ({ id: next }) => {
      qc.invalidateQueries({ queryKey: disclosureKeys.listings });
      onClose();
      navigate(`/decide/listings/${next}`);
    },
  });
  return (
    <Modal
      open={open}
      title={t("discRepublish")}
      onCancel={onClose}
      onOk={() => go.mutate()}
      confirmLoading={go.isPending}
      destroyOnHidden
    >
      {go.error && <ErrorAlert error={go.error} />}
      <Typography.Paragraph type="secondary">{t("discRepublishHint")}</Typography.Paragraph>
      <DatePicker.RangePicker
        showTime={{ format: "HH:mm" }}
        format="YYYY-MM-DD HH:mm"
        value={range}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
      />
    </Modal>
  );
}

function ResidentView({ l }: { l: ListingDetail }) {
  const { t } = useI18n();
  const [objecting, setObjecting] = useState<ListingEntry | null>(null);
  const names = useMemo(() => new Map(l.entries.map((e) => [e.id, e.maskedName])), [l.entries]);
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Space orientation="vertical" size={12} style={{ width: "100%" }}>
        <Card size="small">
          <Space size={4} wrap>
            <PhaseTag phase={l.phase} />
            <Tag>{t(KIND_KEYS[l.kind])}</Tag>
          </Space>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            {l.title}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.areaName} · {t("discListingWindow")} {formatTime(l.opensAt)} ~ {formatTime(l.closesAt)}
          </Typography.Text>
          {l.description && (
            <Typography.Paragraph style={{ marginTop: 8, whiteSpace: "pre-wrap" }}>{l.description}</Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("discMaskedHint")}
          </Typography.Text>
        </Card>
        <Card size="small" title={`${t("discEntries")} (${l.entries.length})`} styles={{ body: { padding: 0 } }}>
          <List
            dataSource={l.entries}
            renderItem={(e) => (
              <List.Item
                data-testid="listing-entry"
                style={{ padding: "8px 12px" }}
                actions={
                  l.canObject
                    ? [
                        <Button key="o" size="small" onClick={() => setObjecting(e)} data-testid="listing-object">
                          {t("discObject")}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<span data-testid="listing-entry-name">{e.maskedName}</span>}
                  description={
                    <span style={{ fontSize: 12 }}>
                      {e.docMasked} · {e.gridName}
                      {e.amount ? ` · ${e.amount}` : ""}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
        {l.objections.length > 0 && (
          <Card size="small" title={t("discMyObjections")}>
            <Space orientation="vertical" size={8} style={{ width: "100%" }}>
              {l.objections.map((o) => (
                <div key={o.id} data-testid="my-objection">
                  <Space size={4} wrap>
                    <ObjectionTag status={o.status} />
                    <Typography.Text>{names.get(o.entryId) ?? ""}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(o.createdAt)}
                    </Typography.Text>
                  </Space>
                  <div style={{ whiteSpace: "pre-wrap" }}>{o.reason}</div>
                  {o.resolution && <Alert type="info" title={o.resolution} style={{ marginTop: 4 }} />}
                </div>
              ))}
            </Space>
          </Card>
        )}
      </Space>
      <ObjectModal listingId={l.id} entry={objecting} onClose={() => setObjecting(null)} />
    </div>
  );
}

function StaffView({ l }: { l: ListingDetail }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const qc = useQueryClient();
  const manage = can("decide.manage");
  const [resolving, setResolving] = useState<ListingObjection | null>(null);
  const [republishing, setRepublishing] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: disclosureKeys.listings });
  const add = useMutation({
    mutationFn: (residentId: string) => api.post(`/api/decide/listings/${l.id}/entries`, { residentId }),
    onSuccess: refresh,
  });
  const del = useMutation({
    mutationFn: (entryId: string) => api.del(`/api/decide/listings/${l.id}/entries/${entryId}`),
    onSuccess: refresh,
  });
  const publish = useMutation({ mutationFn: () => api.post(`/api/decide/listings/${l.id}/publish`), onSuccess: refresh });
  const names = useMemo(() => new Map(l.entries.map((e) => [e.id, e.maskedName])), [l.entries]);
  const draft = l.status === "draft";
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space size={4} wrap>
            <PhaseTag phase={l.phase} />
            <span>{l.title}</span>
            {l.round > 1 && <Tag>{t("discRound", { n: l.round })}</Tag>}
          </Space>
        }
        extra={
          manage && (
            <Space>
              {draft && (
                <Popconfirm title={t("discPublishConfirm")} onConfirm={() => publish.mutate()}>
                  <Button type="primary" size="small" loading={publish.isPending} data-testid="listing-publish">
                    {t("discPublish")}
                  </Button>
                </Popconfirm>
              )}
              {l.phase === "closed" && (
                <Button size="small" onClick={() => setRepublishing(true)} data-testid="listing-republish">
                  {t("discRepublish")}
                </Button>
              )}
            </Space>
          )
        }
      >
        {(add.error || del.error || publish.error) && <ErrorAlert error={add.error ?? del.error ?? publish.error} />}
        <Typography.Text type="secondary">
          {t(KIND_KEYS[l.kind])} · {l.areaName} · {t("discListingWindow")} {formatTime(l.opensAt)} ~ {formatTime(l.closesAt)}
        </Typography.Text>
        {l.description && (
          <Typography.Paragraph style={{ marginTop: 8, whiteSpace: "pre-wrap" }}>{l.description}</Typography.Paragraph>
        )}
        <Counts l={l} />
      </Card>
      <Card
        size="small"
        title={`${t("discEntries")} · ${t("discMaskedHint")}`}
        extra={manage && draft && <ResidentPicker onPick={(id) => add.mutate(id)} />}
      >
        <Table<ListingEntry>
          size="small"
          rowKey="id"
          dataSource={l.entries}
          pagination={false}
          scroll={{ x: 700 }}
          rowClassName={(e) => (e.status === "removed" ? "ant-table-row-disabled" : "")}
          columns={[
            { title: t("discName"), dataIndex: "maskedName", width: 100 },
            { title: t("discDoc"), dataIndex: "docMasked", width: 200 },
            { title: t("discGrid"), dataIndex: "gridName" },
            { title: t("discAmount"), dataIndex: "amount", width: 120, align: "right" as const },
            {
              title: "",
              width: 220,
              render: (_, e) =>
                e.status === "removed" ? (
                  <Typography.Text type="danger">{t("discEntryRemoved", { reason: e.removedReason ?? "" })}</Typography.Text>
                ) : manage && draft ? (
                  <Button size="small" danger onClick={() => del.mutate(e.id)}>
                    {t("discRemoveEntry")}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      {!draft && (
        <Card size="small" title={t("discObjections")}>
          {l.objections.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Table<ListingObjection>
              size="small"
              rowKey="id"
              dataSource={l.objections}
              pagination={false}
              scroll={{ x: 800 }}
              columns={[
                { title: t("discName"), width: 90, render: (_, o) => names.get(o.entryId) ?? "" },
                { title: t("discObjectReason"), dataIndex: "reason" },
                { title: t("discAuthor"), dataIndex: "authorName", width: 90 },
                { title: t("discTime"), dataIndex: "createdAt", width: 140, render: (v: string) => formatTime(v) },
                {
                  title: t("discResolution"),
                  width: 240,
                  render: (_, o) => (
                    <Space orientation="vertical" size={0}>
                      <ObjectionTag status={o.status} />
                      {o.resolution && <Typography.Text type="secondary">{o.resolution}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: "",
                  width: 100,
                  render: (_, o) =>
                    manage &&
                    o.status === "pending" && (
                      <Button size="small" type="primary" onClick={() => setResolving(o)} data-testid="objection-resolve">
                        {t("discResolve")}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </Card>
      )}
      <ResolveModal objection={resolving} onClose={() => setResolving(null)} />
      <RepublishModal id={l.id} open={republishing} onClose={() => setRepublishing(false)} />
    </Space>
  );
}

export default function ListingPage() {
  const { id } = useParams();
  const resident = useIsResident();
  const detail = useListing(id);
  if (detail.isLoading) return <Skeleton active />;
  if (detail.error || !detail.data) return <ErrorAlert error={detail.error} />;
  return resident ? <ResidentView l={detail.data} /> : <StaffView l={detail.data} />;
}
