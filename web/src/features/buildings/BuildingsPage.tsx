import { Col, Form, Input, Row, Table } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterButtons, RegistryListCard, useRegistryList } from "../../components/RegistryList";
import { useI18n } from "../../i18n";
import { buildingKindLabels, label } from "../../labels";
import type { Building } from "../../types";
import { pageConfig } from "../residents/ResidentsTable";
import { BuildingFormModal } from "./BuildingFormModal";

const FILTERS = ["q", "areaId"] as const;

export default function BuildingsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { form, list, filters, page, pageSize, setFilters, setPage } = useRegistryList<Building>("buildings", FILTERS);

  return (
    <RegistryListCard
      title={t("navBuildings")}
      exportPath="/api/export/buildings.xlsx"
      filters={filters}
      onCreate={() => setCreating(true)}
    >
      <Form form={form} layout="vertical" onFinish={(v) => setFilters(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="q" label={t("keyword")}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="areaId" label={t("area")}>
              <AreaTreeSelect style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <FilterButtons lg={8} onReset={() => setFilters({})} />
        </Row>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Building>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: "max-content" }}
        pagination={pageConfig(page, pageSize, list.data?.total, list.data?.totalCapped, setPage, t)}
        columns={[
          { title: t("name"), dataIndex: "name", fixed: "left", render: (v, b) => <Link to={`/buildings/${b.id}`}>{v}</Link> },
          { title: t("buildingKind"), dataIndex: "kind", render: (v) => label(buildingKindLabels, v, lang) },
          { title: t("address"), dataIndex: "address" },
          { title: t("grid"), dataIndex: "gridName", render: (v, b) => <Link to={`/grids/${b.gridId}`}>{v}</Link> },
          { title: t("unitCount"), dataIndex: "unitCount" },
          { title: t("floorCount"), dataIndex: "floorCount", render: (v) => v ?? "-" },
          { title: t("households"), dataIndex: "householdCount" },
        ]}
      />
      <BuildingFormModal open={creating} onClose={() => setCreating(false)} onSaved={(b) => navigate(`/buildings/${b.id}`)} />
    </RegistryListCard>
  );
}
