import { useQuery } from "@tanstack/react-query";
import { Card, Col, Empty, Input, Pagination, Row, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SimpleList } from "../../components/SimpleList";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import type { FeatureCollection, Grid } from "../../types";
import { GridMapChart } from "./GridMapChart";

const LIST_PAGE = 20;

export default function MapPage() {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const [filter, setFilter] = useState("");
  const [listPage, setListPage] = useState(1);

  const geo = useQuery({
    queryKey: ["grids", "geojson"],
    queryFn: () => api.get<FeatureCollection>("/api/grids/geojson"),
  });
  const grids = useQuery({
    queryKey: ["grids", "list"],
    queryFn: () => api.get<{ items: Grid[] }>("/api/grids"),
    select: (d) => d.items,
  });

  const shown = useMemo(() => {
    const q = filter.trim();
    const list = grids.data ?? [];
    return q ? list.filter((g) => g.name.includes(q) || g.code.includes(q) || g.communityName?.includes(q)) : list;
  }, [grids.data, filter]);

  const hasShapes = (geo.data?.features.length ?? 0) > 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card title={t("navMap")} size="small" styles={{ body: { padding: isMobile ? 4 : 12 } }}>
          {geo.error && <ErrorAlert error={geo.error} />}
          {geo.isLoading ? (
            <div style={{ textAlign: "center", padding: 80 }}>
              <Spin />
            </div>
          ) : hasShapes && geo.data ? (
            <GridMapChart
              geojson={geo.data}
              height={isMobile ? 360 : 560}
              testId="grid-map"
              onGridClick={(id) => navigate(`/grids/${id}`)}
            />
          ) : (
            <Empty description={t("mapEmpty")} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t("gridList")} size="small" extra={<Typography.Text type="secondary">{shown.length}</Typography.Text>}>
          <Input.Search
            allowClear
            placeholder={t("keyword")}
            onChange={(e) => {
              setFilter(e.target.value);
              setListPage(1);
            }}
            style={{ marginBottom: 8 }}
          />
          {grids.error && <ErrorAlert error={grids.error} />}
          {grids.isLoading ? (
            <Spin />
          ) : (
            <SimpleList
              items={shown.slice((listPage - 1) * LIST_PAGE, listPage * LIST_PAGE)}
              rowKey={(g) => g.id}
              emptyText={t("noData")}
              render={(g) => (
                <>
                  <Link to={`/grids/${g.id}`} data-testid="grid-link" style={{ fontWeight: 500 }}>
                    {g.name}
                  </Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {`${g.streetName ?? ""} ${g.communityName ?? ""} · ${t("households")} ${g.householdCount} · ${t("residentsCount")} ${g.residentCount}`}
                    </Typography.Text>
                  </div>
                </>
              )}
            />
          )}
          {shown.length > LIST_PAGE && (
            <Pagination
              simple
              size="small"
              style={{ marginTop: 8, justifyContent: "flex-end" }}
              current={listPage}
              pageSize={LIST_PAGE}
              total={shown.length}
              onChange={setListPage}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
