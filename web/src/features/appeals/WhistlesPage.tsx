import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, Empty, Space, Spin, Typography } from "antd";
import { useMemo } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { Whistle } from "../../types";
import { TimeLeftTag } from "./OrderTags";
import { isMissing } from "./queries";
import { WhistleUnits } from "./Whistle";

/** Open whistles, per street: who was summoned, the report deadline, who has reported and who is late. */
export default function WhistlesPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ["whistles", { open: true }],
    queryFn: () => api.get<{ items: Whistle[] }>("/api/whistles", { open: true, pageSize: 200 }),
    retry: false,
    refetchInterval: 60_000,
  });
  const byStreet = useMemo(() => {
    const m = new Map<string, Whistle[]>();
    for (const w of list.data?.items ?? []) {
      const k = w.streetName ?? "-";
      m.set(k, [...(m.get(k) ?? []), w]);
    }
    return [...m.entries()];
  }, [list.data]);

  if (list.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  return (
    <Card size="small" title={t("navWhistles")}>
      {list.error && !isMissing(list.error) && <ErrorAlert error={list.error} />}
      {byStreet.length === 0 ? (
        <Empty description={list.error && isMissing(list.error) ? t("featureUnavailable") : t("noOpenWhistles")} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: "100%" }}>
          {byStreet.map(([street, whistles]) => (
            <div key={street}>
              <Typography.Title level={5}>{street}</Typography.Title>
              <Space orientation="vertical" size={12} style={{ width: "100%" }}>
                {whistles.map((w) => (
                  <Card
                    key={w.id}
                    size="small"
                    type="inner"
                    data-testid="whistle-card"
                    title={
                      <Space size={6} wrap>
                        <Link to={`/appeals/orders/${w.orderId}`}>{w.orderNumber ?? w.orderId}</Link>
                        <span>{w.orderTitle}</span>
                      </Space>
                    }
                    extra={
                      <Space size={4}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("reportDue")} {formatTime(w.reportDueAt)}
                        </Typography.Text>
                        <TimeLeftTag
                          light={new Date(w.reportDueAt).getTime() < Date.now() ? "red" : "green"}
                          dueAt={w.reportDueAt}
                        />
                      </Space>
                    }
                  >
                    {w.note && <Typography.Paragraph>{w.note}</Typography.Paragraph>}
                    <WhistleUnits whistle={w} onChanged={() => qc.invalidateQueries({ queryKey: ["whistles"] })} />
                  </Card>
                ))}
              </Space>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
