import { DownloadOutlined, DownOutlined, PlusOutlined, UpOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Form, Input, Row, Space } from "antd";
import { useEffect, useState } from "react";

import { useNavigate } from "react-router-dom";
import { api, download } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TagSelect } from "../../components/TagSelect";
import { useIsMobile } from "../../components/useIsMobile";
import { useListParams } from "../../components/useListParams";
import { useI18n } from "../../i18n";
import type { Page, ResidentSummary } from "../../types";
import { ResidentFormModal } from "./ResidentFormModal";
import { pageConfig, ResidentsTable } from "./ResidentsTable";

const FILTERS = ["q", "idNumber", "phone", "address", "tag", "areaId", "householdId"] as const;

export default function ResidentsPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const { filters, page, pageSize, setFilters, setPage } = useListParams(FILTERS);
  const isMobile = useIsMobile();
  const [expanded, setExpanded] = useState(false);
  // On phones only the name field shows until the user expands the filters.
  const showAll = !isMobile || expanded || FILTERS.some((k) => k !== "q" && filters[k]);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [filters, form]);

  const list = useQuery({
    queryKey: ["residents", { ...filters, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<ResidentSummary>>("/api/residents", { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });

  return (
    <Card
      title={t("navResidents")}
      size="small"
      extra={
        <Space>
          {can("registry.export") && (
            <Button icon={<DownloadOutlined />} onClick={() => download("/api/export/residents.xlsx", filters)}>
              {t("export")}
            </Button>
          )}
          {can("registry.write") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("create")}
            </Button>
          )}
        </Space>
      }
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
          <Col xs={24} lg={12} style={{ display: "flex", alignItems: "flex-end" }}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t("search")}
                </Button>
                <Button onClick={() => setFilters({})}>{t("reset")}</Button>
                {isMobile && (
                  <Button type="link" icon={showAll ? <UpOutlined /> : <DownOutlined />} onClick={() => setExpanded(!showAll)}>
                    {showAll ? t("fewerFilters") : t("moreFilters")}
                  </Button>
                )}
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <ResidentsTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={pageConfig(page, pageSize, list.data?.total, list.data?.totalCapped, setPage, t)}
      />
      <ResidentFormModal open={creating} onClose={() => setCreating(false)} onSaved={(r) => navigate(`/residents/${r.id}`)} />
    </Card>
  );
}
