import { Space, Table, Tag as AntTag, type TablePaginationConfig } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import { docTypeLabels, label, residenceTypeLabels, sexLabels, tagName } from "../../labels";
import type { ResidentSummary, Tag } from "../../types";

export function TagList({ tags }: { tags: Tag[] }) {
  const { lang } = useI18n();
  if (!tags.length) return <>-</>;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <AntTag key={tag.code} color={tag.sensitive ? "volcano" : "blue"}>
          {tagName(tag, lang)}
        </AntTag>
      ))}
    </Space>
  );
}

interface Props {
  items: ResidentSummary[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  /** Hide columns that are redundant in context (e.g. household page). */
  compact?: boolean;
  /** Household head to mark in the list. */
  headId?: string | null;
}

export function ResidentsTable({ items, loading, pagination, compact, headId }: Props) {
  const { t, lang } = useI18n();
  const columns: ColumnsType<ResidentSummary> = [
    {
      title: t("residentName"),
      dataIndex: "name",
      fixed: "left",
      width: 100,
      render: (_, r) => (
        <Space size={4}>
          <Link to={`/residents/${r.id}`} data-testid="resident-link">
            {r.name}
          </Link>
          {headId && r.id === headId && <AntTag color="gold">{t("head")}</AntTag>}
        </Space>
      ),
    },
    { title: t("sex"), dataIndex: "sex", width: 60, render: (v) => label(sexLabels, v, lang) },
    { title: t("age"), dataIndex: "age", width: 60, render: (v) => v ?? "-" },
    {
      title: t("idNumber"),
      dataIndex: "docMasked",
      width: 190,
      render: (v, r) => (
        <span title={label(docTypeLabels, r.docType, lang)} style={{ fontFamily: "monospace" }}>
          {v}
        </span>
      ),
    },
    { title: t("phone"), dataIndex: "phoneMasked", width: 120, render: (v) => v ?? "-" },
    { title: t("residenceType"), dataIndex: "residenceType", width: 90, render: (v) => label(residenceTypeLabels, v, lang) },
    ...(compact
      ? [{ title: t("relation"), dataIndex: "relation", width: 90, render: (v: string | null) => v ?? "-" }]
      : [
          { title: t("grid"), dataIndex: "gridName", width: 140 },
          { title: t("address"), dataIndex: "address", width: 220, render: (v: string | null) => v ?? "-" },
        ]),
    { title: t("tags"), dataIndex: "tags", width: 200, render: (v: Tag[]) => <TagList tags={v} /> },
  ];
  return (
    <Table<ResidentSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      scroll={{ x: "max-content" }}
    />
  );
}

export function pageConfig(
  page: number,
  pageSize: number,
  total: number | undefined,
  capped: boolean | undefined,
  onChange: (page: number, pageSize: number) => void,
  t: (k: "total" | "totalCapped", v?: Record<string, string | number>) => string,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    size: "small",
    showTotal: (n) => (capped ? t("totalCapped", { n }) : t("total", { n })),
    onChange,
  };
}
