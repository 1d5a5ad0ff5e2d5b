import { useQuery } from "@tanstack/react-query";
import { Input, Pagination, Space, Table, Tabs, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { type MessageKey, useI18n } from "../../i18n";
import type { OrderBox, OrderSummary, Page } from "../../types";
import { StatusTag, TimeLeftTag, UrgentTag } from "./OrderTags";

export interface BoxTab {
  box: OrderBox;
  key: MessageKey;
}

function useColumns(): ColumnsType<OrderSummary> {
  const { t } = useI18n();
  return useMemo(
    () => [
      {
        title: t("orderNumber"),
        dataIndex: "number",
        width: 170,
        render: (v: string, o) => (
          <Link to={`/appeals/orders/${o.id}`} data-testid="order-row-link">
            {v}
          </Link>
        ),
      },
      {
        title: t("orderTitle"),
        dataIndex: "title",
        ellipsis: true,
        render: (v: string, o) => (
          <Space size={4}>
            {o.urgent && <UrgentTag />}
            <span>{v}</span>
          </Space>
        ),
      },
      { title: t("appealCategory"), dataIndex: "categoryName", width: 140, ellipsis: true },
      { title: t("grid"), dataIndex: "gridName", width: 120, ellipsis: true, render: (v: string | null) => v ?? "-" },
      { title: t("handlingUnit"), dataIndex: "unitName", width: 140, ellipsis: true, render: (v: string | null) => v ?? "-" },
      { title: t("status"), dataIndex: "status", width: 90, render: (_: unknown, o) => <StatusTag status={o.status} /> },
      {
        title: t("timeLeft"),
        dataIndex: "resolveDueAt",
        width: 190,
        render: (_: unknown, o) => <TimeLeftTag light={o.light} dueAt={o.resolveDueAt} />,
      },
      { title: t("acceptedAt"), dataIndex: "acceptedAt", width: 140, render: (v: string) => formatTime(v) },
    ],
    [t],
  );
}

/** A phone-sized card per order. */
export function OrderCard({ o }: { o: OrderSummary }) {
  return (
    <Link to={`/appeals/orders/${o.id}`} data-testid="order-row-link" style={{ color: "inherit", display: "block" }}>
      <Space size={4} wrap>
        <Typography.Text strong>{o.title}</Typography.Text>
        {o.urgent && <UrgentTag />}
      </Space>
      <div>
        <Space size={4} wrap>
          <StatusTag status={o.status} />
          <TimeLeftTag light={o.light} dueAt={o.resolveDueAt} />
        </Space>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[o.number, o.categoryName, o.gridName, o.unitName].filter(Boolean).join(" · ")}
      </Typography.Text>
    </Link>
  );
}

interface Props {
  tabs: BoxTab[];
  /** Show the keyword search (desk boards). */
  search?: boolean;
}

/** Orders by box, one tab per box; the box, keyword and page live in the URL. */
export function OrderBoxes({ tabs, search }: Props) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const columns = useColumns();
  const [sp, setSp] = useSearchParams();
  const box = (tabs.find((x) => x.box === sp.get("box"))?.box ?? tabs[0]?.box ?? "all") as OrderBox;
  const q = sp.get("q") ?? "";
  const page = Number(sp.get("page") ?? 1) || 1;
  const pageSize = Number(sp.get("pageSize") ?? 20) || 20;

  const list = useQuery({
    queryKey: ["orders", { box, q, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<OrderSummary>>("/api/orders", { box, q, page, pageSize }, signal),
    placeholderData: (prev) => prev,
    refetchInterval: 60_000,
  });

  const set = (next: Record<string, string | number | undefined>) => {
    const out = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === "") out.delete(k);
      else out.set(k, String(v));
    }
    setSp(out, { replace: true });
  };

  const items = list.data?.items ?? [];
  return (
    <>
      <Tabs
        activeKey={box}
        onChange={(k) => set({ box: k, page: undefined })}
        items={tabs.map((x) => ({ key: x.box, label: <span data-testid={`box-${x.box}`}>{t(x.key)}</span> }))}
        tabBarExtraContent={
          search && !isMobile ? (
            <Input.Search
              allowClear
              defaultValue={q}
              placeholder={`${t("orderNumber")} / ${t("keyword")}`}
              onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
              style={{ width: 240 }}
            />
          ) : undefined
        }
      />
      {list.error && <ErrorAlert error={list.error} />}
      {isMobile ? (
        <>
          <SimpleList items={items} rowKey={(o) => o.id} emptyText={t("noOrders")} render={(o) => <OrderCard o={o} />} />
          {(list.data?.total ?? 0) > pageSize && (
            <Pagination
              simple
              size="small"
              style={{ marginTop: 8, justifyContent: "flex-end" }}
              current={page}
              pageSize={pageSize}
              total={list.data?.total ?? 0}
              onChange={(p) => set({ page: p })}
            />
          )}
        </>
      ) : (
        <Table<OrderSummary>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          columns={columns}
          dataSource={items}
          locale={{ emptyText: t("noOrders") }}
          onRow={(o) => ({ onClick: () => navigate(`/appeals/orders/${o.id}`), style: { cursor: "pointer" } })}
          rowClassName={(o) => (o.light === "red" ? "order-row-red" : "")}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t("total", { n }),
            onChange: (p, s) => set({ page: s !== pageSize ? 1 : p, pageSize: s }),
          }}
        />
      )}
    </>
  );
}
