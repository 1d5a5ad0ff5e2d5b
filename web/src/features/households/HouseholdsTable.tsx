import { Table, type TablePaginationConfig } from "antd";
import { Link } from "react-router-dom";
import { useI18n } from "../../i18n";
import type { Household } from "../../types";

interface Props {
  items: Household[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  hideBuilding?: boolean;
}

export function HouseholdsTable({ items, loading, pagination, hideBuilding }: Props) {
  const { t } = useI18n();
  return (
    <Table<Household>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      scroll={{ x: "max-content" }}
      columns={[
        {
          title: t("address"),
          dataIndex: "address",
          fixed: "left",
          render: (v, h) => (
            <Link to={`/households/${h.id}`} data-testid="household-link">
              {v}
            </Link>
          ),
        },
        { title: t("unitNo"), dataIndex: "unitNo", render: (v) => v ?? "-" },
        { title: t("roomNo"), dataIndex: "roomNo", render: (v) => v ?? "-" },
        {
          title: t("head"),
          dataIndex: "headName",
          render: (v, h) => (h.headResidentId ? <Link to={`/residents/${h.headResidentId}`}>{v}</Link> : (v ?? "-")),
        },
        { title: t("memberCount"), dataIndex: "memberCount" },
        { title: t("floorArea"), dataIndex: "floorArea", render: (v) => v ?? "-" },
        ...(hideBuilding
          ? []
          : [
              {
                title: t("building"),
                dataIndex: "buildingName",
                render: (v: string | null, h: Household) =>
                  h.buildingId ? <Link to={`/buildings/${h.buildingId}`}>{v}</Link> : "-",
              },
            ]),
        { title: t("grid"), dataIndex: "gridName", render: (v, h) => <Link to={`/grids/${h.gridId}`}>{v}</Link> },
      ]}
    />
  );
}
