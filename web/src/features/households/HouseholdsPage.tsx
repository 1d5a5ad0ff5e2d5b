import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Form, Input, Row, Space } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { api, download } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useListParams } from "../../components/useListParams";
import { useI18n } from "../../i18n";
import type { Household, Page } from "../../types";
import { pageConfig } from "../residents/ResidentsTable";
import { HouseholdFormModal } from "./HouseholdFormModal";
import { HouseholdsTable } from "./HouseholdsTable";

const FILTERS = ["q", "areaId", "buildingId"] as const;

export default function HouseholdsPage() {
  const { t } = useI18n();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const { filters, page, pageSize, setFilters, setPage } = useListParams(FILTERS);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [filters, form]);

  const list = useQuery({
    queryKey: ["households", { ...filters, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<Household>>("/api/households", { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });

  return (
    <Card
      title={t("navHouseholds")}
      size="small"
      extra={
        <Space>
          {can("registry.export") && (
            <Button icon={<DownloadOutlined />} onClick={() => download("/api/export/households.xlsx", filters)}>
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
          <Col xs={24} lg={8} style={{ display: "flex", alignItems: "flex-end" }}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t("search")}
                </Button>
                <Button onClick={() => setFilters({})}>{t("reset")}</Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <HouseholdsTable
        items={list.data?.items ?? []}
        loading={list.isFetching}
        pagination={pageConfig(page, pageSize, list.data?.total, list.data?.totalCapped, setPage, t)}
      />
      <HouseholdFormModal open={creating} onClose={() => setCreating(false)} onSaved={(h) => navigate(`/households/${h.id}`)} />
    </Card>
  );
}
