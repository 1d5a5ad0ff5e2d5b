import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Form, Input, type InputRef, Radio, Row, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatTime } from "../../components/format";
import { SimpleList } from "../../components/SimpleList";
import { useI18n } from "../../i18n";
import { appealTypeLabels, label } from "../../labels";
import type { AppealType, OrderSummary, Page } from "../../types";
import { CategoryCascader } from "./CategoryCascader";
import { APPEAL_TYPES, applyIntakeErrors, useIntake } from "./intake";
import { StatusTag } from "./OrderTags";

interface Values {
  reporterPhone?: string;
  reporterName?: string;
  appealType: AppealType;
  categoryCode?: string | null;
  content: string;
  address?: string;
  gridId?: string;
}

const FIELDS = ["reporterPhone", "reporterName", "appealType", "categoryCode", "content", "address", "gridId"];

/** The caller's earlier orders, looked up by phone. */
function CallerHistory({ phone }: { phone: string }) {
  const { t } = useI18n();
  const history = useQuery({
    queryKey: ["orders", { phone }],
    queryFn: () => api.get<Page<OrderSummary>>("/api/orders", { phone, pageSize: 20 }),
    enabled: phone.length >= 7,
  });
  if (phone.length < 7)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("callerHistoryHint")}
      </Typography.Text>
    );
  return (
    <>
      {history.error && <ErrorAlert error={history.error} />}
      <SimpleList
        items={history.data?.items ?? []}
        rowKey={(o) => o.id}
        emptyText={history.isFetching ? t("loading") : t("noHistory")}
        render={(o) => (
          <div data-testid="caller-order">
            <Space size={4} wrap>
              <Link to={`/appeals/orders/${o.id}`} target="_blank">
                {o.number}
              </Link>
              <StatusTag status={o.status} />
            </Space>
            <div>{o.title}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.categoryName} · {formatTime(o.acceptedAt)}
              {o.unitName ? ` · ${o.unitName}` : ""}
            </Typography.Text>
          </div>
        )}
      />
    </>
  );
}

/** Hotline operator's intake: one keyboard-friendly form, the caller's history beside it. */
export default function HotlinePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const phoneRef = useRef<InputRef>(null);
  const submit = useIntake();
  const [phone, setPhone] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [last, setLast] = useState<{ id: string; number: string } | null>(null);

  useEffect(() => {
    phoneRef.current?.focus();
  }, []);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(null);
    try {
      const out = await submit({
        appealType: v.appealType,
        categoryCode: v.categoryCode || undefined,
        content: v.content.trim(),
        address: v.address?.trim() || undefined,
        gridId: v.gridId || undefined,
        reporterName: v.reporterName?.trim() || undefined,
        reporterPhone: v.reporterPhone?.trim() || undefined,
      });
      message.success(t("hotlineSaved", { number: out.number }));
      setLast(out);
      form.resetFields();
      setPhone("");
      phoneRef.current?.focus();
    } catch (e) {
      setError(e);
      setExtra(applyIntakeErrors(form, e, FIELDS, "address"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card
          size="small"
          title={t("navHotline")}
          extra={
            last && (
              <Typography.Text>
                {t("orderNumberIs")}: <Link to={`/appeals/orders/${last.id}`}>{last.number}</Link>
              </Typography.Text>
            )
          }
        >
          {!!error && <ErrorAlert error={error} extra={extra} />}
          <Form
            form={form}
            layout="vertical"
            initialValues={{ appealType: "complaint" }}
            onFinish={onFinish}
            requiredMark={false}
          >
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="reporterPhone" label={t("reporterPhone")}>
                  <Input
                    ref={phoneRef}
                    inputMode="tel"
                    autoComplete="off"
                    maxLength={20}
                    data-testid="caller-phone"
                    onBlur={(e) => setPhone(e.target.value.trim())}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="reporterName" label={t("reporterName")}>
                  <Input maxLength={50} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="appealType" label={t("appealType")}>
              <Radio.Group
                optionType="button"
                options={APPEAL_TYPES.map((v) => ({ value: v, label: label(appealTypeLabels, v, lang) }))}
              />
            </Form.Item>
            <Form.Item name="categoryCode" label={t("appealCategory")}>
              <CategoryCascader />
            </Form.Item>
            <Form.Item
              name="content"
              label={t("appealContent")}
              rules={[
                { required: true, message: t("requiredField") },
                { min: 5, max: 2000, message: t("contentLength") },
              ]}
            >
              <Input.TextArea
                data-testid="appeal-content"
                autoSize={{ minRows: 4, maxRows: 10 }}
                maxLength={2000}
                showCount
                onKeyDown={(e) => {
                  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    form.submit();
                  }
                }}
              />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={14}>
                <Form.Item name="address" label={t("address")}>
                  <Input maxLength={200} placeholder={t("addressPlaceholder")} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item name="gridId" label={t("grid")}>
                  <AreaTreeSelect level="grid" style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="appeal-submit">
                {t("submitAppeal")}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("enterSubmits")}
              </Typography.Text>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t("callerHistory")}>
          <CallerHistory phone={phone} />
        </Card>
      </Col>
    </Row>
  );
}
