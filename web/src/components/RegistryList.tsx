// What the registry's list pages (buildings, households, residents) share: filters and paging in
// the URL, the list query, a card with export and create buttons, and the search/reset buttons.
import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Col, Form, type FormInstance, Space } from "antd";
import { type ReactNode, useEffect } from "react";
import { api, download } from "../api";
import { usePermissions } from "../auth/useMe";
import { useI18n } from "../i18n";
import type { Page } from "../types";
import { useListParams } from "./useListParams";

/** The list of `/api/<resource>` with its URL-kept filters, and a filter form kept in step with them. */
export function useRegistryList<T>(resource: "buildings" | "households" | "residents", filterKeys: readonly string[]) {
  const [form] = Form.useForm();
  const params = useListParams(filterKeys);
  const { filters, page, pageSize } = params;
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filters);
  }, [filters, form]);
  const list = useQuery({
    queryKey: [resource, { ...filters, page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<T>>(`/api/${resource}`, { ...filters, page, pageSize }, signal),
    placeholderData: (prev) => prev,
  });
  return { form: form as FormInstance, list, ...params };
}

/** The page card: title, an export of the filtered list and a create button, each when allowed. */
export function RegistryListCard(props: {
  title: string;
  exportPath: string;
  filters: Record<string, string | undefined>;
  onCreate: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { can } = usePermissions();
  return (
    <Card
      title={props.title}
      size="small"
      extra={
        <Space>
          {can("registry.export") && (
            <Button icon={<DownloadOutlined />} onClick={() => download(props.exportPath, props.filters)}>
              {t("export")}
            </Button>
          )}
          {can("registry.write") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={props.onCreate}>
              {t("create")}
            </Button>
          )}
        </Space>
      }
    >
      {props.children}
    </Card>
  );
}

/** The filter form's last column: search, reset, and whatever else the page adds. */
export function FilterButtons({ lg, onReset, extra }: { lg: number; onReset: () => void; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Col xs={24} lg={lg} style={{ display: "flex", alignItems: "flex-end" }}>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t("search")}
          </Button>
          <Button onClick={onReset}>{t("reset")}</Button>
          {extra}
        </Space>
      </Form.Item>
    </Col>
  );
}
