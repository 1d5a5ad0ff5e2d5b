import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Table, Tag } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { HouseholdDetail, HouseholdMove } from "../../types";
import { ResidentFormModal } from "../residents/ResidentFormModal";
import { ResidentsTable } from "../residents/ResidentsTable";
import { OwnerField } from "../votes/OwnerField";
import { HouseholdFormModal } from "./HouseholdFormModal";

export default function HouseholdDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const { can } = usePermissions();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<"edit" | "member" | null>(null);
  const q = useQuery({ queryKey: ["household", id], queryFn: () => api.get<HouseholdDetail>(`/api/households/${id}`) });
  const remove = useMutation({
    mutationFn: () => api.del(`/api/households/${id}`),
    onSuccess: () => {
      message.success(t("deleted"));
      qc.invalidateQueries({ queryKey: ["households"] });
      navigate("/households");
    },
    onError: (e) => message.error(e.message),
  });
  const memberDefaults = useMemo(() => (q.data ? { householdId: q.data.id, gridId: q.data.gridId } : undefined), [q.data]);

  if (q.error) return <ErrorAlert error={q.error} />;
  if (q.isLoading || !q.data) return <Skeleton active />;
  const h = q.data;
  const canWrite = can("registry.write");
  // Head first, then the rest in server order.
  const members = [...h.members].sort((a, b) => Number(b.id === h.headResidentId) - Number(a.id === h.headResidentId));

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={h.address}
        extra={
          canWrite && (
            <Space size={4}>
              <Button size="small" icon={<EditOutlined />} onClick={() => setDialog("edit")}>
                {t("edit")}
              </Button>
              <Popconfirm title={t("confirmDelete")} onConfirm={() => remove.mutate()}>
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("delete")} />
              </Popconfirm>
            </Space>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t("grid")}>
            <Link to={`/grids/${h.gridId}`}>{h.gridName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("building")}>
            {h.buildingId ? <Link to={`/buildings/${h.buildingId}`}>{h.buildingName}</Link> : "-"}
          </Descriptions.Item>
          <Descriptions.Item label={`${t("unitNo")}/${t("roomNo")}`}>
            {[h.unitNo, h.roomNo].filter(Boolean).join(" / ") || "-"}
          </Descriptions.Item>
          <Descriptions.Item label={t("head")}>
            {h.headResidentId ? <Link to={`/residents/${h.headResidentId}`}>{h.headName}</Link> : "-"}
          </Descriptions.Item>
          <Descriptions.Item label={t("memberCount")}>{h.memberCount}</Descriptions.Item>
          <Descriptions.Item label={t("floorArea")}>{h.floorArea ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("ownerOfFlat")}>
            <OwnerField householdId={h.id} gridId={h.gridId} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t("members")}
        extra={
          canWrite && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog("member")}>
              {t("newResident")}
            </Button>
          )
        }
      >
        <ResidentsTable items={members} compact pagination={false} headId={h.headResidentId} />
      </Card>
      <Card size="small" title={t("moves")}>
        <Table<HouseholdMove>
          rowKey="id"
          size="small"
          dataSource={h.moves ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("movedAt"), dataIndex: "movedAt", render: (v: string) => formatTime(v) },
            {
              title: t("residentName"),
              dataIndex: "residentName",
              render: (v, m) => <Link to={`/residents/${m.residentId}`}>{v}</Link>,
            },
            {
              title: t("action"),
              key: "dir",
              render: (_, m) =>
                m.toHouseholdId === h.id ? <Tag color="green">{t("moveIn")}</Tag> : <Tag color="orange">{t("moveOut")}</Tag>,
            },
            {
              title: `${t("from")} / ${t("to")}`,
              key: "other",
              render: (_, m) => {
                const other = m.toHouseholdId === h.id ? m.fromHouseholdId : m.toHouseholdId;
                return other ? <Link to={`/households/${other}`}>{t("household")}</Link> : "-";
              },
            },
            { title: t("reason"), dataIndex: "reason", render: (v) => v ?? "-" },
          ]}
        />
      </Card>
      <HouseholdFormModal open={dialog === "edit"} onClose={() => setDialog(null)} household={h} />
      <ResidentFormModal open={dialog === "member"} onClose={() => setDialog(null)} defaults={memberDefaults} />
    </Space>
  );
}
