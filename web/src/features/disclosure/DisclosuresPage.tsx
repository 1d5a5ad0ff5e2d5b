// Disclosures: staff filter by category, status and period and manage them; residents read the
// ones of the areas they live in (phone-first cards).
import { MessageOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Badge,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Pagination,
  Segmented,
  Select,
  Space,
  Spin,
  Table,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import { CATEGORY_KEYS, CategoryTag, periodText, StatusTag } from "./common";
import { useDisclosures, useIsResident } from "./queries";
import { CATEGORIES, type Category, type Disclosure } from "./types";

const PAGE_SIZE = 20;

function ResidentFeed() {
  const { t } = useI18n();
  const [category, setCategory] = useState<Category | "all">("all");
  const [page, setPage] = useState(1);
  const list = useDisclosures({ category: category === "all" ? undefined : category, page, pageSize: 10 });
  const items = list.data?.items ?? [];
  return (
    <div style={{ maxWidth: 760, margin: "0 auto" }}>
      <Card size="small" title={t("navDiscDisclosures")} styles={{ body: { padding: 8 } }}>
        <div style={{ overflowX: "auto", marginBottom: 8 }}>
          <Segmented
            value={category}
            onChange={(v) => {
              setCategory(v as Category | "all");
              setPage(1);
            }}
            options={[
              { value: "all", label: t("discAllCategories") },
              ...CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEYS[c]) })),
            ]}
          />
        </div>
        {list.error && <ErrorAlert error={list.error} />}
        {list.isLoading ? (
          <div style={{ textAlign: "center", padding: 32 }}>
            <Spin />
          </div>
        ) : items.length === 0 ? (
          <Empty description={t("discEmpty")} />
        ) : (
          <Space orientation="vertical" size={8} style={{ width: "100%" }}>
            {items.map((d) => (
              <Link key={d.id} to={`/decide/disclosures/${d.id}`} data-testid="disclosure-item">
                <Card size="small" hoverable>
                  <Space size={4} wrap>
                    <CategoryTag category={d.category} />
                    <Typography.Text strong>{d.title}</Typography.Text>
                  </Space>
                  <div style={{ marginTop: 4, fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
                    {d.areaName} · {formatTime(d.publishedAt)}
                    {d.opinionCount > 0 && (
                      <span style={{ marginLeft: 8 }}>
                        <MessageOutlined /> {d.opinionCount}
                      </span>
                    )}
                  </div>
                </Card>
              </Link>
            ))}
          </Space>
        )}
        {(list.data?.total ?? 0) > 10 && (
          <Pagination
            simple
            size="small"
            style={{ marginTop: 12 }}
            current={page}
            pageSize={10}
            total={list.data?.total}
            onChange={setPage}
          />
        )}
      </Card>
    </div>
  );
}

function StaffList() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const [category, setCategory] = useState<Category | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const list = useDisclosures({
    category,
    status,
    periodFrom: period?.[0]?.format("YYYY-MM-DD"),
    periodTo: period?.[1]?.format("YYYY-MM-DD"),
    q: q || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const reset = () => setPage(1);
  return (
    <Card
      size="small"
      title={t("navDiscDisclosures")}
      extra={
        can("decide.manage") && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/decide/disclosures/new")}
            data-testid="disclosure-new"
          >
            {t("discNew")}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t("discAllCategories")}
          style={{ width: 150 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            reset();
          }}
          options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEYS[c]) }))}
          data-testid="filter-category"
        />
        <Select
          allowClear
          placeholder={t("discAllStatuses")}
          style={{ width: 130 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          options={[
            { value: "draft", label: t("discStatusDraft") },
            { value: "published", label: t("discStatusPublished") },
            { value: "withdrawn", label: t("discStatusWithdrawn") },
          ]}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={period}
          placeholder={[t("discPeriodFilter"), t("discPeriodFilter")]}
          onChange={(v) => {
            setPeriod(v as [Dayjs | null, Dayjs | null] | null);
            reset();
          }}
        />
        <Input.Search
          allowClear
          placeholder={t("discSearch")}
          style={{ width: 200 }}
          onSearch={(v) => {
            setQ(v.trim());
            reset();
          }}
        />
      </Space>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Disclosure>
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
            render: (v: string, d) => (
              <Link to={`/decide/disclosures/${d.id}`} data-testid="disclosure-row">
                {v}
              </Link>
            ),
          },
          { title: t("discCategory"), dataIndex: "category", width: 110, render: (c: Category) => <CategoryTag category={c} /> },
          { title: t("discArea"), dataIndex: "areaName", width: 140 },
          { title: t("discPeriod"), width: 200, render: (_, d) => periodText(d.periodStart, d.periodEnd) },
          { title: t("discPublishedAt"), dataIndex: "publishedAt", width: 150, render: (v: string | null) => formatTime(v) },
          {
            title: t("discStatusPublished"),
            dataIndex: "status",
            width: 90,
            render: (s: Disclosure["status"]) => <StatusTag status={s} />,
          },
          {
            title: t("discOpinions"),
            width: 90,
            render: (_, d) => (
              <Badge count={d.pendingCount} size="small" offset={[8, 0]}>
                <span>{d.opinionCount}</span>
              </Badge>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function DisclosuresPage() {
  return useIsResident() ? <ResidentFeed /> : <StaffList />;
}
