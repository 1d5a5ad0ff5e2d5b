import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Form, Input, Row, Space, Table } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, download } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useListParams } from "../../components/useListParams";
import { useI18n } from "../../i18n";
import { buildingKindLabels, label } from "../../labels";
import type { Building, Page } from "../../types";
import { pageConfig } from "../residents/ResidentsTable";
import { BuildingFormModal } from "./BuildingFormModal";

const FILTERS = ["q", "areaId"] as const;

export default function BuildingsPage() {
  const { t, lang } = useI18n();
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
    queryKey: ["buildings", { ...filters, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<Building>>("/api/buildings", { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });

  return (
    <Card
      title={t("navBuildings")}
      size="small"
      extra={
        <Space>
          {can("registry.export") && (
            <Button icon={<DownloadOutlined />} onClick={() => download("/api/export/buildings.xlsx", filters)}>
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
    </Card>
  );
}
