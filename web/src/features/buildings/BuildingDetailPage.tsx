import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { buildingKindLabels, label } from "../../labels";
import type { BuildingDetail } from "../../types";
import { HouseholdFormModal } from "../households/HouseholdFormModal";
import { HouseholdsTable } from "../households/HouseholdsTable";
import { BuildingFormModal } from "./BuildingFormModal";

export default function BuildingDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<"edit" | "household" | null>(null);
  const q = useQuery({ queryKey: ["building", id], queryFn: () => api.get<BuildingDetail>(`/api/buildings/${id}`) });
  const remove = useMutation({
    mutationFn: () => api.del(`/api/buildings/${id}`),
    onSuccess: () => {
      message.success(t("deleted"));
      qc.invalidateQueries({ queryKey: ["buildings"] });
      navigate("/buildings");
    },
    onError: (e) => message.error(e.message),
  });

  if (q.error) return <ErrorAlert error={q.error} />;
  if (q.isLoading || !q.data) return <Skeleton active />;
  const b = q.data;
  const canWrite = can("registry.write");

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={b.name}
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
          <Descriptions.Item label={t("buildingKind")}>{label(buildingKindLabels, b.kind, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("address")}>{b.address}</Descriptions.Item>
          <Descriptions.Item label={t("grid")}>
            <Link to={`/grids/${b.gridId}`}>{b.gridName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("unitCount")}>{b.unitCount}</Descriptions.Item>
          <Descriptions.Item label={t("floorCount")}>{b.floorCount ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("households")}>{b.householdCount}</Descriptions.Item>
          {b.lng !== null && b.lat !== null && (
            <Descriptions.Item label={`${t("lng")}/${t("lat")}`}>{`${b.lng}, ${b.lat}`}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t("navHouseholds")}
        extra={
          canWrite && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog("household")}>
              {t("create")}
            </Button>
          )
        }
      >
        <HouseholdsTable
          items={b.households ?? []}
          hideBuilding
          pagination={{ pageSize: 20, size: "small", hideOnSinglePage: true }}
        />
      </Card>
      <BuildingFormModal open={dialog === "edit"} onClose={() => setDialog(null)} building={b} />
      <HouseholdFormModal
        open={dialog === "household"}
        onClose={() => setDialog(null)}
        defaults={{ gridId: b.gridId, buildingId: b.id, buildingName: b.name, address: b.address }}
      />
    </Space>
  );
}
