import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Form, InputNumber, Skeleton } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import type { SecuritySettings } from "../../types";

export default function SecurityPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecuritySettings>();
  const [extra, setExtra] = useState<string[]>([]);
  const settings = useQuery({
    queryKey: ["security-settings"],
    queryFn: () => api.get<SecuritySettings>("/api/security/settings"),
  });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: SecuritySettings) => api.put<SecuritySettings>("/api/security/settings", v),
    onSuccess: (v) => {
      message.success(t("saved"));
      if (v) qc.setQueryData(["security-settings"], v);
      else qc.invalidateQueries({ queryKey: ["security-settings"] });
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["passwordMinLength", "lockoutThreshold", "lockoutMinutes"])),
  });

  return (
    <Card size="small" title={t("navSecurity")} style={{ maxWidth: 520 }}>
      {settings.error && <ErrorAlert error={settings.error} />}
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      {settings.isLoading ? (
        <Skeleton active />
      ) : (
        <Form<SecuritySettings> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item
            name="passwordMinLength"
            label={t("passwordMinLength")}
            rules={[{ required: true, message: t("requiredField") }]}
          >
            <InputNumber min={1} max={128} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item
            name="lockoutThreshold"
            label={t("lockoutThreshold")}
            rules={[{ required: true, message: t("requiredField") }]}
          >
            <InputNumber min={1} max={100} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Form.Item name="lockoutMinutes" label={t("lockoutMinutes")} rules={[{ required: true, message: t("requiredField") }]}>
            <InputNumber min={1} max={10080} precision={0} style={{ width: "100%" }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t("save")}
          </Button>
        </Form>
      )}
    </Card>
  );
}
