import { EditOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Descriptions, Row, Skeleton, Table } from "antd";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { buildingKindLabels, gridLevelLabels, label } from "../../labels";
import type { Building, FeatureCollection, GridDetail, Page, ResidentSummary } from "../../types";
import { GridMapChart } from "../map/GridMapChart";
import { pageConfig, ResidentsTable } from "../residents/ResidentsTable";
import { GridEditModal } from "./GridEditModal";
import { GridStaffTabs } from "./GridStaffTabs";

export default function GridPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const [editing, setEditing] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);

  const grid = useQuery({ queryKey: ["grid", id], queryFn: () => api.get<GridDetail>(`/api/grids/${id}`) });
  const buildings = useQuery({
    queryKey: ["buildings", { areaId: id, pageSize: 100 }],
    queryFn: () => api.get<Page<Building>>("/api/buildings", { areaId: id, pageSize: 100 }),
  });
  const residents = useQuery({
    queryKey: ["residents", { areaId: id, page, pageSize }],
    queryFn: () => api.get<Page<ResidentSummary>>("/api/residents", { areaId: id, page, pageSize }),
    placeholderData: (prev) => prev,
  });

  const geojson = useMemo<FeatureCollection | null>(() => {
    const g = grid.data;
    if (!g?.polygon) return null;
    return {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          geometry: g.polygon,
          properties: {
            id: g.id,
            name: g.name,
            code: g.code,
            householdCount: g.householdCount,
            residentCount: g.residentCount,
            communityName: g.communityName,
          },
        },
      ],
    };
  }, [grid.data]);

  if (grid.error) return <ErrorAlert error={grid.error} />;
  if (grid.isLoading || !grid.data) return <Skeleton active />;
  const g = grid.data;
  const canEdit = can("area.write");

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card
          title={g.name}
          size="small"
          extra={
            canEdit ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t("edit")}
              </Button>
            ) : null
          }
        >
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t("code")}>{g.code}</Descriptions.Item>
            <Descriptions.Item label={t("gridLevel")}>{label(gridLevelLabels, g.gridLevel, lang)}</Descriptions.Item>
            <Descriptions.Item label={t("street")}>{g.streetName}</Descriptions.Item>
            <Descriptions.Item label={t("community")}>{g.communityName}</Descriptions.Item>
            <Descriptions.Item label={t("households")}>{g.householdCount}</Descriptions.Item>
            <Descriptions.Item label={t("residentsCount")}>{g.residentCount}</Descriptions.Item>
            <Descriptions.Item label={t("gridLeader")}>{g.leader?.name ?? t("noLeader")}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t("gridStaff")} size="small" style={{ marginTop: 16 }}>
          <GridStaffTabs gridId={g.id} staff={g.staff ?? []} canEdit={canEdit} />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" styles={{ body: { padding: 4 } }}>
          {geojson ? (
            <GridMapChart geojson={geojson} height={260} testId="grid-detail-map" />
          ) : (
            <Skeleton.Node active style={{ width: "100%", height: 260 }} />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t("gridBuildings")} size="small">
          {buildings.error && <ErrorAlert error={buildings.error} />}
          <Table<Building>
            rowKey="id"
            size="small"
            loading={buildings.isLoading}
            dataSource={buildings.data?.items ?? []}
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 10, size: "small", hideOnSinglePage: true }}
            columns={[
              { title: t("name"), dataIndex: "name", render: (v, b) => <Link to={`/buildings/${b.id}`}>{v}</Link> },
              { title: t("buildingKind"), dataIndex: "kind", render: (v) => label(buildingKindLabels, v, lang) },
              { title: t("address"), dataIndex: "address" },
              { title: t("households"), dataIndex: "householdCount" },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={t("gridResidents")} size="small">
          {residents.error && <ErrorAlert error={residents.error} />}
          <ResidentsTable
            items={residents.data?.items ?? []}
            loading={residents.isFetching}
            pagination={pageConfig(
              page,
              pageSize,
              residents.data?.total,
              residents.data?.totalCapped,
              (p, s) => {
                setPage(p);
                setPageSize(s);
              },
              t,
            )}
          />
        </Card>
      </Col>
      <GridEditModal grid={g} open={editing} onClose={() => setEditing(false)} />
    </Row>
  );
}
