import { EnvironmentOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Result, Segmented, Space, Switch, Typography, Upload, type UploadFile } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { usePermissions } from "../../auth/useMe";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useIsMobile } from "../../components/useIsMobile";
import { useI18n } from "../../i18n";
import { appealTypeLabels, label } from "../../labels";
import type { AppealType } from "../../types";
import { CategoryCascader } from "./CategoryCascader";
import { GeoChart } from "./GeoChart";
import { APPEAL_TYPES, applyIntakeErrors, useIntake } from "./intake";
import { uploadAttachments, useGridGeo } from "./queries";

interface Values {
  appealType: AppealType;
  categoryCode?: string | null;
  title?: string;
  content: string;
  address?: string;
  anonymous?: boolean;
}

const FIELDS = ["appealType", "categoryCode", "title", "content", "address", "anonymous"];
export const MAX_FILES = 9;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"];

/** Submit an appeal: phone-first for residents; the same page is the grid worker's patrol report. */
export default function NewAppealPage() {
  const { t, lang } = useI18n();
  const { me, can } = usePermissions();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submit = useIntake();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[]>([]);
  const [done, setDone] = useState<{ id: string; number: string; anonymous: boolean } | null>(null);

  const isResident = me?.kind === "resident" || me?.role === "resident";
  const isPatrol = me?.role === "grid";
  const geo = useGridGeo(can("registry.read"));
  const hasMap = (geo.data?.features.length ?? 0) > 0;

  async function onFinish(v: Values) {
    if (!point && !v.address?.trim() && !isPatrol) {
      form.setFields([{ name: "address", errors: [t("locationRequired")] }]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const out = await submit({
        appealType: v.appealType,
        categoryCode: v.categoryCode || undefined,
        title: v.title?.trim() || undefined,
        content: v.content.trim(),
        lng: point?.[0],
        lat: point?.[1],
        address: v.address?.trim() || undefined,
        anonymous: isResident ? Boolean(v.anonymous) : undefined,
      });
      const upload = files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
      if (upload.length) {
        const failed = await uploadAttachments(out.id, upload);
        if (failed) message.warning(t("photosFailed", { n: failed }));
      }
      qc.invalidateQueries({ queryKey: ["orders"] });
      setDone({ ...out, anonymous: Boolean(v.anonymous) });
    } catch (e) {
      setError(e);
      setExtra(applyIntakeErrors(form, e, FIELDS, "address"));
    } finally {
      setBusy(false);
    }
  }

  function again() {
    form.resetFields();
    setFiles([]);
    setPoint(null);
    setDone(null);
    setError(null);
  }

  const title = isPatrol ? t("navPatrolReport") : t("navAppealNew");

  if (done) {
    return (
      <Card size="small" style={{ maxWidth: 720, margin: "0 auto" }}>
        <Result
          status="success"
          title={t("submitted")}
          subTitle={
            <span>
              {t("orderNumberIs")}:{" "}
              <Typography.Text strong copyable data-testid="order-number">
                {done.number}
              </Typography.Text>
            </span>
          }
          extra={
            <Space wrap style={{ justifyContent: "center" }}>
              {!done.anonymous && (
                <Link to={`/appeals/orders/${done.id}`} data-testid="order-link">
                  <Button type="primary">{t("viewOrder")}</Button>
                </Link>
              )}
              <Button onClick={again}>{t("submitAnother")}</Button>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={title} size="small" style={{ maxWidth: 720, margin: "0 auto" }}>
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ appealType: isPatrol ? "report" : "complaint", anonymous: false }}
        onFinish={onFinish}
        requiredMark={false}
      >
        <Form.Item name="appealType" label={t("appealType")}>
          <Segmented<AppealType>
            block={isMobile}
            options={APPEAL_TYPES.map((v) => ({ value: v, label: label(appealTypeLabels, v, lang) }))}
          />
        </Form.Item>
        <Form.Item name="categoryCode" label={t("appealCategory")}>
          <CategoryCascader testId="appeal-category" />
        </Form.Item>
        {!isResident && (
          <Form.Item name="title" label={t("appealTitle")}>
            <Input maxLength={100} />
          </Form.Item>
        )}
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
            placeholder={t("appealContentHint")}
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={2000}
            showCount
          />
        </Form.Item>
        <Form.Item label={t("photos")} extra={t("photosHint")}>
          <Upload
            data-testid="appeal-photos"
            listType="picture-card"
            multiple
            accept={FILE_TYPES.join(",")}
            fileList={files}
            maxCount={MAX_FILES}
            beforeUpload={(file) => {
              if (!FILE_TYPES.includes(file.type)) {
                message.error(`${file.name}: ${t("fileTypeNotAllowed")}`);
                return Upload.LIST_IGNORE;
              }
              if (file.size > MAX_FILE_BYTES) {
                message.error(`${file.name}: ${t("fileTooLarge")}`);
                return Upload.LIST_IGNORE;
              }
              // Kept locally; uploaded once the order exists.
              return false;
            }}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
          >
            {files.length >= MAX_FILES ? null : (
              <button type="button" style={{ border: 0, background: "none", cursor: "pointer" }}>
                <PlusOutlined />
                <div style={{ marginTop: 4 }}>{t("addPhoto")}</div>
              </button>
            )}
          </Upload>
        </Form.Item>
        <Form.Item label={t("location")} extra={isPatrol ? t("patrolLocationHint") : undefined} style={{ marginBottom: 8 }}>
          {hasMap && geo.data && (
            <>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <EnvironmentOutlined /> {t("pickOnMap")}
              </Typography.Text>
              <GeoChart
                geojson={geo.data}
                height={isMobile ? 260 : 320}
                point={point}
                onPick={(lng, lat) => {
                  setPoint([Number(lng.toFixed(6)), Number(lat.toFixed(6))]);
                  form.setFields([{ name: "address", errors: [] }]);
                }}
                testId="location-map"
              />
              {point && (
                <Space size={4}>
                  <Typography.Text data-testid="picked-point">
                    {t("pickedPoint", { lng: point[0].toFixed(5), lat: point[1].toFixed(5) })}
                  </Typography.Text>
                  <Button type="link" size="small" onClick={() => setPoint(null)}>
                    {t("clearPoint")}
                  </Button>
                </Space>
              )}
            </>
          )}
        </Form.Item>
        <Form.Item name="address" label={hasMap ? t("addressAlt") : t("address")}>
          <Input data-testid="appeal-address" placeholder={t("addressPlaceholder")} maxLength={200} allowClear />
        </Form.Item>
        {isResident && (
          <Form.Item name="anonymous" label={t("anonymous")} valuePropName="checked" extra={t("anonymousHint")}>
            <Switch />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="appeal-submit">
          {t("submitAppeal")}
        </Button>
      </Form>
    </Card>
  );
}
