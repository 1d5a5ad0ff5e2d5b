import { Button, Card, Col, Descriptions, Empty, Input, Row, Space, Tree, Typography } from "antd";
import type { DataNode } from "antd/es/tree";
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type AreaNode, buildAreaTree, useAreas } from "../../components/queries";
import { useI18n } from "../../i18n";
import { areaLevelLabels, label } from "../../labels";

function toTreeData(nodes: AreaNode[], filter: string): DataNode[] {
  const out: DataNode[] = [];
  for (const n of nodes) {
    const children = toTreeData(n.children, filter);
    if (filter && !n.name.includes(filter) && !n.code.includes(filter) && children.length === 0) continue;
    out.push({ key: n.id, title: n.name, children, isLeaf: n.children.length === 0 });
  }
  return out;
}

export default function AreasPage() {
  const { t, lang } = useI18n();
  const { data: areas, error, isLoading } = useAreas();
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const tree = useMemo(() => buildAreaTree(areas ?? []), [areas]);
  const treeData = useMemo(() => toTreeData(tree, filter.trim()), [tree, filter]);
  const byId = useMemo(() => new Map((areas ?? []).map((a) => [a.id, a])), [areas]);
  // Paths are dot-separated ids, possibly without dashes: index both spellings.
  const byCompactId = useMemo(() => new Map((areas ?? []).map((a) => [a.id.replaceAll("-", ""), a])), [areas]);
  const defaultExpanded = useMemo(
    () => (areas ?? []).filter((a) => a.level !== "community" && a.level !== "grid").map((a) => a.id),
    [areas],
  );
  const area = selected ? byId.get(selected) : undefined;
  const children = area ? (areas ?? []).filter((a) => a.parentId === area.id) : [];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={10} lg={8}>
        <Card title={t("areaTree")} size="small" loading={isLoading}>
          {error && <ErrorAlert error={error} />}
          <Input.Search
            allowClear
            placeholder={t("keyword")}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          {treeData.length ? (
            <Tree
              treeData={treeData}
              defaultExpandedKeys={defaultExpanded}
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected((keys[0] as string) ?? null)}
              height={560}
            />
          ) : (
            <Empty />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        <Card title={area?.name ?? t("detail")} size="small">
          {!area ? (
            <Typography.Text type="secondary">{t("selectArea")}</Typography.Text>
          ) : (
            <>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t("name")}>{area.name}</Descriptions.Item>
                <Descriptions.Item label={t("code")}>{area.code}</Descriptions.Item>
                <Descriptions.Item label={t("level")}>{label(areaLevelLabels, area.level, lang)}</Descriptions.Item>
                <Descriptions.Item label={t("path")}>
                  {area.path
                    .split(/[./]/)
                    .filter(Boolean)
                    .map((id) => (byId.get(id) ?? byCompactId.get(id.replaceAll("-", "")))?.name ?? id)
                    .join(" / ")}
                </Descriptions.Item>
                {area.householdCount != null && (
                  <Descriptions.Item label={t("households")}>{area.householdCount}</Descriptions.Item>
                )}
                <Descriptions.Item label={t("children")}>{children.length}</Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 12 }} wrap>
                {area.level === "grid" && (
                  <Link to={`/grids/${area.id}`}>
                    <Button type="primary">{t("openGrid")}</Button>
                  </Link>
                )}
                <Link to={`/residents?areaId=${area.id}`}>
                  <Button>{t("viewResidents")}</Button>
                </Link>
              </Space>
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
