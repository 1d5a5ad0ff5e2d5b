import { BellOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Dropdown, Empty, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { AppNotification } from "../../types";

const POLL_MS = 30_000;

/** Unread notifications in the header: polled every 30 s; a click opens the order and marks it read. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: ["notifications", "unread"],
    queryFn: () => api.get<{ items: AppNotification[]; unread: number }>("/api/notifications", { unread: true, pageSize: 20 }),
    retry: false,
    // Stop polling when the endpoint is not there (or the session is gone).
    refetchInterval: (q) => (q.state.error ? false : POLL_MS),
    refetchOnWindowFocus: true,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ["notifications"] });
  const read = useMutation({ mutationFn: (id: string) => api.post(`/api/notifications/${id}/read`), onSettled: refresh });
  const readAll = useMutation({ mutationFn: () => api.post("/api/notifications/read-all"), onSettled: refresh });

  if (list.error) return null;
  const items = list.data?.items ?? [];
  const unread = list.data?.unread ?? 0;

  const panel = (
    <div
      style={{
        width: 320,
        maxHeight: 420,
        overflowY: "auto",
        background: "#fff",
        borderRadius: 8,
        boxShadow: "0 6px 16px rgba(0,0,0,0.12)",
        padding: 8,
      }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", padding: "0 4px 8px" }}>
        <Typography.Text strong>{t("notifications")}</Typography.Text>
        {unread > 0 && (
          <Button type="link" size="small" onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t("markAllRead")}
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noNotifications")} />
      ) : (
        items.map((n) => (
          <button
            type="button"
            key={n.id}
            data-testid="notification-item"
            onClick={() => {
              read.mutate(n.id);
              setOpen(false);
              if (n.orderId) navigate(`/appeals/orders/${n.orderId}`);
            }}
            style={{
              display: "block",
              width: "100%",
              textAlign: "start",
              border: 0,
              borderTop: "1px solid #f0f0f0",
              background: "none",
              padding: "8px 4px",
              cursor: "pointer",
            }}
          >
            <Typography.Text strong>{n.title}</Typography.Text>
            {n.body && (
              <div
                style={{
                  fontSize: 12,
                  color: "rgba(0,0,0,0.65)",
                  overflow: "hidden",
                  textOverflow: "ellipsis",
                  whiteSpace: "nowrap",
                }}
              >
                {n.body}
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 11 }}>
              {formatTime(n.createdAt)}
            </Typography.Text>
          </button>
        ))
      )}
    </div>
  );

  return (
    <Dropdown trigger={["click"]} open={open} onOpenChange={setOpen} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={t("notifications")} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
