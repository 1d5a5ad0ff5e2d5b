import { DeleteOutlined, EditOutlined, EyeOutlined, SwapOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { docTypeLabels, label, residenceTypeLabels, sexLabels } from "../../labels";
import type { ResidentDetail, ResidentHistory } from "../../types";
import { MoveModal } from "./MoveModal";
import { ResidentFormModal } from "./ResidentFormModal";
import { TagList } from "./ResidentsTable";
import { type Revealed, RevealModal } from "./RevealModal";

const REVEAL_MS = 60_000;

export default function ResidentDetailPage() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const { can } = usePermissions();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<"reveal" | "edit" | "move" | null>(null);
  // Revealed values, remembered with the resident they belong to.
  const [revealedFor, setRevealedFor] = useState<{ id: string; values: Revealed } | null>(null);
  const revealed = revealedFor?.id === id ? revealedFor.values : null;
  const setRevealed = (values: Revealed | null) => setRevealedFor(values ? { id, values } : null);

  const q = useQuery({ queryKey: ["resident", id], queryFn: () => api.get<ResidentDetail>(`/api/residents/${id}`) });

  // Full values are shown only temporarily.
  useEffect(() => {
    if (!revealedFor) return;
    const h = setTimeout(() => setRevealedFor(null), REVEAL_MS);
    return () => clearTimeout(h);
  }, [revealedFor]);

  const remove = useMutation({
    mutationFn: () => api.del(`/api/residents/${id}`),
    onSuccess: () => {
      message.success(t("deleted"));
      qc.invalidateQueries({ queryKey: ["residents"] });
      navigate("/residents");
    },
    onError: (e) => message.error(e.message),
  });

  if (q.error) return <ErrorAlert error={q.error} />;
  if (q.isLoading || !q.data) return <Skeleton active />;
  const r = q.data;
  const mono = { fontFamily: "monospace" };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={r.name}
        extra={
          <Space wrap size={4}>
            {can("registry.reveal") && (
              <Button size="small" icon={<EyeOutlined />} onClick={() => setDialog("reveal")} data-testid="reveal-button">
                {t("reveal")}
              </Button>
            )}
            {can("registry.write") && (
              <>
                <Button size="small" icon={<EditOutlined />} onClick={() => setDialog("edit")}>
                  {isMobile ? null : t("edit")}
                </Button>
                <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog("move")}>
                  {isMobile ? null : t("moveResident")}
                </Button>
                <Popconfirm title={t("confirmDelete")} onConfirm={() => remove.mutate()}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("delete")} />
                </Popconfirm>
              </>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t("docType")}>{label(docTypeLabels, r.docType, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("docNumber")}>
            <span data-testid="resident-doc" style={mono}>
              {r.docMasked}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("phone")}>
            <span data-testid="resident-phone" style={mono}>
              {r.phoneMasked ?? "-"}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("sex")}>{label(sexLabels, r.sex, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("birthDate")}>{r.birthDate ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("age")}>{r.age ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("residenceType")}>{label(residenceTypeLabels, r.residenceType, lang)}</Descriptions.Item>
          <Descriptions.Item label={t("relation")}>{r.relation ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("ethnicity")}>{r.ethnicity ?? "-"}</Descriptions.Item>
          <Descriptions.Item label={t("grid")}>
            <Link to={`/grids/${r.gridId}`}>{r.gridName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t("household")}>
            {r.householdId ? <Link to={`/households/${r.householdId}`}>{r.address ?? t("detail")}</Link> : (r.address ?? "-")}
          </Descriptions.Item>
          <Descriptions.Item label={t("tags")}>
            <TagList tags={r.tags} />
          </Descriptions.Item>
        </Descriptions>
        {revealed && (
          <Card
            size="small"
            type="inner"
            title={t("revealed")}
            style={{ marginTop: 12, borderColor: "#ffa940" }}
            extra={
              <Button size="small" onClick={() => setRevealed(null)}>
                {t("hide")}
              </Button>
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("docNumber")}>
                <Typography.Text copyable style={mono} data-testid="resident-doc-full">
                  {revealed.docNumber}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("phone")}>
                <Typography.Text copyable={!!revealed.phone} style={mono}>
                  {revealed.phone ?? "-"}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        )}
      </Card>
      <Card size="small" title={t("history")}>
        <Table<ResidentHistory>
          rowKey="id"
          size="small"
          dataSource={r.history ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          columns={[
            { title: t("movedAt"), dataIndex: "movedAt", render: (v: string) => formatTime(v) },
            { title: t("from"), dataIndex: "fromAddress", render: (v, h) => linkHousehold(h.fromHouseholdId, v) },
            { title: t("to"), dataIndex: "toAddress", render: (v, h) => linkHousehold(h.toHouseholdId, v) },
            { title: t("reason"), dataIndex: "reason", render: (v) => v ?? "-" },
          ]}
        />
      </Card>
      <RevealModal residentId={r.id} open={dialog === "reveal"} onClose={() => setDialog(null)} onRevealed={setRevealed} />
      <ResidentFormModal open={dialog === "edit"} onClose={() => setDialog(null)} resident={r} />
      <MoveModal residentId={r.id} open={dialog === "move"} onClose={() => setDialog(null)} />
    </Space>
  );
}

function linkHousehold(id: string | null, address: string | null) {
  if (!id) return address ?? "-";
  return <Link to={`/households/${id}`}>{address ?? id}</Link>;
}
