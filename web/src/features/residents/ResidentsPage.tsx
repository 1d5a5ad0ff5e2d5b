import { DownOutlined, UpOutlined } from "@ant-design/icons";
import { Button, Col, Form, Input, Row } from "antd";
import { useState } from "react";

import { useNavigate } from "react-router-dom";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TagSelect } from "../../components/TagSelect";
import { useIsMobile } from "../../components/useIsMobile";
import { FilterButtons, RegistryListCard, useRegistryList } from "../../components/RegistryList";
import { useI18n } from "../../i18n";
import type { ResidentSummary } from "../../types";
import { ResidentFormModal } from "./ResidentFormModal";
import { pageConfig, ResidentsTable } from "./ResidentsTable";

const FILTERS = ["q", "idNumber", "phone", "address", "tag", "areaId", "householdId"] as const;

export default function ResidentsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { form, list, filters, page, pageSize, setFilters, setPage } = useRegistryList<ResidentSummary>("residents", FILTERS);
  const isMobile = useIsMobile();
  const [expanded, setExpanded] = useState(false);
  // On phones only the name field shows until the user expands the filters.
  const showAll = !isMobile || expanded || FILTERS.some((k) => k !== "q" && filters[k]);

  return (
    <RegistryListCard
      title={t("navResidents")}
      exportPath="/api/export/residents.xlsx"
      filters={filters}
      onCreate={() => setCreating(true)}
    >
      <Form form={form} layout="vertical" onFinish={(v) => setFilters(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="q" label={t("residentName")}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col style={showAll ? undefined : { display: "none" }} xs={24} sm={12} lg={6}>
            <Form.Item name="idNumber" label={t("idNumber")}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
          </Col>
          <Col style={showAll ? undefined : { display: "none" }} xs={24} sm={12} lg={6}>
            <Form.Item name="phone" label={t("phone")}>
              <Input allowClear autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col style={showAll ? undefined : { display: "none" }} xs={24} sm={12} lg={6}>
            <Form.Item name="address" label={t("address")}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col style={showAll ? undefined : { display: "none" }} xs={24} sm={12} lg={6}>
            <Form.Item name="tag" label={t("tags")}>
              <TagSelect style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col style={showAll ? undefined : { display: "none" }} xs={24} sm={12} lg={6}>
            <Form.Item name="areaId" label={t("area")}>
              <AreaTreeSelect style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <FilterButtons
            lg={12}
            onReset={() => setFilters({})}
            extra={
              isMobile && (
                <Button type="link" icon={showAll ? <UpOutlined /> : <DownOutlined />} onClick={() => setExpanded(!showAll)}>
                  {showAll ? t("fewerFilters") : t("moreFilters")}
                </Button>
              )
            }
          />
        </Row>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <ResidentsTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={pageConfig(page, pageSize, list.data?.total, list.data?.totalCapped, setPage, t)}
      />
      <ResidentFormModal open={creating} onClose={() => setCreating(false)} onSaved={(r) => navigate(`/residents/${r.id}`)} />
    </RegistryListCard>
  );
}
