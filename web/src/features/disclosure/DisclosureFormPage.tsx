// Staff: draft (or edit) a disclosure on its template, then save or publish.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, DatePicker, Form, Input, Select, Skeleton, Space } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { CATEGORY_KEYS } from "./common";
import { disclosureKeys, useDisclosure, useTemplates } from "./queries";
import { applyFieldErrors, TemplateFieldsEditor } from "./TemplateFields";
import { CATEGORIES, type Category } from "./types";

type Values = {
  areaId?: string;
  category: Category;
  template: string;
  title: string;
  body?: string;
  period?: [Dayjs | null, Dayjs | null] | null;
  fields?: Record<string, unknown>;
};

const TOP = ["areaId", "category", "template", "title", "body", "periodStart", "periodEnd"];

export default function DisclosureFormPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const templates = useTemplates();
  const existing = useDisclosure(id);
  const [extra, setExtra] = useState<string[] | undefined>();
  // Once created, a retry (e.g. after a refused publication) edits the same draft.
  const created = useRef<string | undefined>(undefined);
  const category = Form.useWatch("category", form) ?? "finance";
  const templateCode = Form.useWatch("template", form);
  const options = useMemo(
    () => (templates.data ?? []).filter((x) => x.category === null || x.category === category),
    [templates.data, category],
  );
  const template = templates.data?.find((x) => x.code === templateCode);

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({
      areaId: d.areaId,
      category: d.category,
      template: d.template,
      title: d.title,
      body: d.body,
      period:
        d.periodStart || d.periodEnd
          ? [d.periodStart ? dayjs(d.periodStart) : null, d.periodEnd ? dayjs(d.periodEnd) : null]
          : null,
      fields: d.fields,
    });
  }, [existing.data, form]);

  // A new category starts on its own template.
  const onCategory = (c: Category) => {
    const own = templates.data?.find((x) => x.category === c);
    if (own) form.setFieldsValue({ template: own.code, fields: {} });
  };

  const save = useMutation({
    mutationFn: async ({ v, publish }: { v: Values; publish: boolean }) => {
      const [s, e] = v.period ?? [null, null];
      const body = {
        areaId: v.areaId,
        template: v.template,
        title: v.title,
        body: v.body ?? "",
        fields: v.fields ?? {},
        periodStart: s ? s.format("YYYY-MM-DD") : null,
        periodEnd: e ? e.format("YYYY-MM-DD") : null,
      };
      let target = id ?? created.current;
      if (target) await api.patch(`/api/decide/disclosures/${target}`, body);
      else {
        target = (await api.post<{ id: string }>("/api/decide/disclosures", { ...body, category: v.category })).id;
        created.current = target;
      }
      if (publish) await api.post(`/api/decide/disclosures/${target}/publish`);
      return target as string;
    },
    onSuccess: (target, { publish }) => {
      message.success(publish ? t("discPublished") : t("discSaved"));
      qc.invalidateQueries({ queryKey: disclosureKeys.all });
      navigate(`/decide/disclosures/${target}`);
    },
    onError: (err) => setExtra(applyFieldErrors(form, err, TOP)),
  });

  if (id && existing.isLoading) return <Skeleton active />;
  const submit = (publish: boolean) =>
    form
      .validateFields()
      .then((v) => save.mutate({ v, publish }))
      .catch(() => {});

  return (
    <div style={{ maxWidth: 860, margin: "0 auto" }}>
      <Card title={id ? t("discEdit") : t("discNew")} size="small">
        {(existing.error || (save.error && extra?.length)) && <ErrorAlert error={existing.error ?? save.error} extra={extra} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ category: "finance", template: "finance.v1", fields: { income: [], expense: [] } }}
          disabled={save.isPending}
        >
          <Space wrap size={16} style={{ width: "100%" }}>
            <Form.Item name="category" label={t("discCategory")} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                disabled={!!id}
                onChange={onCategory}
                options={CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_KEYS[c]) }))}
                data-testid="disclosure-category"
              />
            </Form.Item>
            <Form.Item name="template" label={t("discTemplate")} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                loading={templates.isLoading}
                onChange={() => form.setFieldValue("fields", {})}
                options={options.map((x) => ({ value: x.code, label: x.label[lang] }))}
              />
            </Form.Item>
            <Form.Item name="areaId" label={t("discArea")} rules={[{ required: true, message: t("discRequired") }]}>
              <AreaTreeSelect style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="title"
            label={t("discTitle")}
            rules={[{ required: true, whitespace: true, message: t("discRequired") }, { max: 200 }]}
          >
            <Input data-testid="disclosure-title" />
          </Form.Item>
          <Form.Item name="period" label={t("discPeriod")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <TemplateFieldsEditor template={template} form={form} />
          <Form.Item
            name="body"
            label={t("discBody")}
            rules={template?.bodyRequired ? [{ required: true, whitespace: true, message: t("discRequired") }] : []}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
          </Form.Item>
          <Space>
            <Button onClick={() => submit(false)} loading={save.isPending} data-testid="disclosure-save">
              {t("discSaveDraft")}
            </Button>
            <Button type="primary" onClick={() => submit(true)} loading={save.isPending} data-testid="disclosure-publish">
              {t("discPublish")}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
