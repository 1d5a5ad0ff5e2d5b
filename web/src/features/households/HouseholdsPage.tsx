import { Col, Form, Input, Row } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FilterButtons, RegistryListCard, useRegistryList } from "../../components/RegistryList";
import { useI18n } from "../../i18n";
import type { Household } from "../../types";
import { pageConfig } from "../residents/ResidentsTable";
import { HouseholdFormModal } from "./HouseholdFormModal";
import { HouseholdsTable } from "./HouseholdsTable";

const FILTERS = ["q", "areaId", "buildingId"] as const;

export default function HouseholdsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { form, list, filters, page, pageSize, setFilters, setPage } = useRegistryList<Household>("households", FILTERS);

  return (
    <RegistryListCard
      title={t("navHouseholds")}
      exportPath="/api/export/households.xlsx"
      filters={filters}
      onCreate={() => setCreating(true)}
    >
      <Form form={form} layout="vertical" onFinish={(v) => setFilters({ ...v, buildingId: filters.buildingId })}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="q" label={t("keyword")}>
              <Input allowClear placeholder={`${t("address")} / ${t("head")}`} />
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
      <HouseholdsTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={pageConfig(page, pageSize, list.data?.total, list.data?.totalCapped, setPage, t)}
      />
      <HouseholdFormModal open={creating} onClose={() => setCreating(false)} onSaved={(h) => navigate(`/households/${h.id}`)} />
    </RegistryListCard>
  );
}
