import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { useI18n } from "../../i18n";
import type { AuditEntry, AuditVerifyResult, Page } from "../../types";
import { pageConfig } from "../residents/ResidentsTable";

interface FilterForm {
  actor?: string;
  action?: string;
  targetType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Filters {
  actor?: string;
  action?: string;
  targetType?: string;
  from?: string;
  to?: string;
}

function toFilters(v: FilterForm): Filters {
  return {
    actor: v.actor?.trim() || undefined,
    action: v.action?.trim() || undefined,
    targetType: v.targetType?.trim() || undefined,
    from: v.range?.[0]?.startOf("day").toISOString(),
    to: v.range?.[1]?.endOf("day").toISOString(),
  };
}

export default function AuditPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);

  const list = useQuery({
    queryKey: ["audit", { ...filters, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>("/api/audit", { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });
  const verify = useMutation({ mutationFn: () => api.post<AuditVerifyResult>("/api/audit/verify") });

  return (
    <Card
      size="small"
      title={t("navAudit")}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t("verifyChain")}
        </Button>
      }
    >
      {verify.data && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={verify.data.ok ? "success" : "error"}
          title={
            verify.data.ok
              ? t("chainOk", { n: verify.data.checked })
              : t("chainBroken", { seq: verify.data.broken?.seq ?? "?", reason: verify.data.broken?.reason ?? "" })
          }
          closable={{ onClose: () => verify.reset() }}
        />
      )}
      {verify.error && <ErrorAlert error={verify.error} />}
      <Form<FilterForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setFilters(toFilters(v));
          setPage(1);
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="actor" label={t("actor")}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="action" label={t("actionPrefix")}>
              <Input allowClear placeholder="resident." />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Form.Item name="targetType" label={t("targetType")}>
              <Input allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="range" label={t("dateRange")}>
              <DatePicker.RangePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={4} style={{ display: "flex", alignItems: "flex-end" }}>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t("search")}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setFilters({});
                    setPage(1);
                  }}
                >
                  {t("reset")}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: "max-content" }}
        pagination={pageConfig(
          page,
          pageSize,
          list.data?.total,
          list.data?.totalCapped,
          (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
          t,
        )}
        columns={[
          { title: "#", dataIndex: "seq", width: 70 },
          { title: t("at"), dataIndex: "at", width: 150, render: (v: string) => formatTime(v) },
          { title: t("actor"), dataIndex: "actorName", render: (v, r) => v ?? r.actorId ?? "-" },
          { title: t("action"), dataIndex: "action", render: (v) => <Typography.Text code>{v}</Typography.Text> },
          { title: t("targetType"), dataIndex: "targetType", render: (v) => v ?? "-" },
          { title: t("targetId"), dataIndex: "targetId", render: (v) => v ?? "-" },
          {
            title: t("summary"),
            dataIndex: "summary",
            render: (v: AuditEntry["summary"]) =>
              v && Object.keys(v).length ? (
                <Typography.Text
                  style={{ fontSize: 12, maxWidth: 320, display: "inline-block" }}
                  ellipsis={{ tooltip: JSON.stringify(v, null, 2) }}
                >
                  {JSON.stringify(v)}
                </Typography.Text>
              ) : (
                "-"
              ),
          },
          { title: t("ip"), dataIndex: "ip", render: (v) => v ?? "-" },
          {
            title: t("hash"),
            dataIndex: "hash",
            render: (v: string) => (
              <Typography.Text code copyable={{ text: v }} title={v}>
                {v?.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
