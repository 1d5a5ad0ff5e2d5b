// Public listings (阳光公示): staff list and create them; residents see those open in their area.
import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Spin, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { KIND_KEYS, PhaseTag } from "./common";
import { disclosureKeys, useIsResident, useListings } from "./queries";
import { applyFieldErrors } from "./TemplateFields";
import { LISTING_KINDS, type Listing, type ListingKind } from "./types";

const PAGE_SIZE = 20;

type NewValues = { areaId: string; kind: ListingKind; title: string; description?: string; window: [Dayjs, Dayjs] };

function NewListingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<NewValues>();
  const [extra, setExtra] = useState<string[] | undefined>();
  const create = useMutation({
    mutationFn: (v: NewValues) =>
      api.post<{ id: string }>("/api/decide/listings", {
        areaId: v.areaId,
        kind: v.kind,
        title: v.title,
        description: v.description ?? "",
        opensAt: v.window[0].toISOString(),
        closesAt: v.window[1].toISOString(),
      }),
    onSuccess: ({ id }) => {
      qc.invalidateQueries({ queryKey: disclosureKeys.listings });
      onClose();
      navigate(`/decide/listings/${id}`);
    },
    onError: (err) => setExtra(applyFieldErrors(form, err, ["areaId", "kind", "title", "description"])),
  });
  return (
    <Modal
      open={open}
      title={t("discListingNew")}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((v) => create.mutate(v))
          .catch(() => {})
      }
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.error && extra && <ErrorAlert error={create.error} extra={extra} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: "low_income", window: [dayjs().startOf("hour"), dayjs().startOf("hour").add(7, "day")] }}
      >
        <Form.Item name="areaId" label={t("discArea")} rules={[{ required: true, message: t("discRequired") }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="kind" label={t("discListingKind")} rules={[{ required: true }]}>
          <Select options={LISTING_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("discTitle")}
          rules={[{ required: true, whitespace: true, message: t("discRequired") }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="window" label={t("discListingWindow")} rules={[{ required: true, message: t("discRequired") }]}>
          <DatePicker.RangePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="description" label={t("discListingDescription")}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResidentListings() {
  const { t } = useI18n();
  const list = useListings({ page: 1, pageSize: 20 });
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Card size="small" title={t("navDiscListings")} styles={{ body: { padding: 8 } }}>
        {list.error && <ErrorAlert error={list.error} />}
        {list.isLoading ? (
          <div style={{ textAlign: "center", padding: 32 }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty description={t("discNoListings")} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: "100%" }}>
            {items.map((l) => (
              <Link key={l.id} to={`/decide/listings/${l.id}`} data-testid="listing-item">
                <Card size="small" hoverable>
                  <Space size={4} wrap>
                    <PhaseTag phase={l.phase} />
                    <Typography.Text strong>{l.title}</Typography.Text>
                  </Space>
                  <div style={{ marginTop: 4, fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
                    {l.areaName} · {formatTime(l.opensAt)} ~ {formatTime(l.closesAt)} · {t("discEntries")}{" "}
                    {l.counts.entries - l.counts.removed}
                  </div>
                </Card>
              </Link>
            ))}
          </Space>
        )}
      </Card>
    </div>
  );
}

function StaffListings() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useListings({ page, pageSize: PAGE_SIZE });
  return (
    <Card
      size="small"
      title={t("navDiscListings")}
      extra={
        can("decide.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="listing-new">
            {t("discListingNew")}
          </Button>
        )
      }
    >
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Listing>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t("discTitle"),
            dataIndex: "title",
            render: (v: string, l) => (
              <Link to={`/decide/listings/${l.id}`} data-testid="listing-row">
                {v}
                {l.round > 1 ? ` (${t("discRound", { n: l.round })})` : ""}
              </Link>
            ),
          },
          { title: t("discListingKind"), dataIndex: "kind", width: 100, render: (k: ListingKind) => t(KIND_KEYS[k]) },
          { title: t("discArea"), dataIndex: "areaName", width: 130 },
          {
            title: t("discListingWindow"),
            width: 260,
            render: (_, l) => `${formatTime(l.opensAt)} ~ ${formatTime(l.closesAt)}`,
          },
          { title: "", dataIndex: "phase", width: 90, render: (p: Listing["phase"]) => <PhaseTag phase={p} /> },
          { title: t("discEntries"), width: 80, render: (_, l) => l.counts.entries },
          {
            title: t("discObjections"),
            width: 80,
            render: (_, l) => `${l.counts.objections}${l.pendingObjections ? ` (${l.pendingObjections})` : ""}`,
          },
          { title: t("discRemoved"), width: 80, render: (_, l) => l.counts.removed },
        ]}
      />
      <NewListingModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

export default function ListingsPage() {
  return useIsResident() ? <ResidentListings /> : <StaffListings />;
}
