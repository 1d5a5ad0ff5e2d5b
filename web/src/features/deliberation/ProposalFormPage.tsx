// Draft a proposal (residents: in their community by default; staff: any community or grid in
// scope, optionally on a resident's behalf), or edit a draft or a returned one.
import { useMutation } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, Select, Space, Spin, Typography, type UploadFile } from "antd";
import { useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { usePermissions } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { FilePicker, rawFiles } from "./dialogs";
import { uploadFiles, useInvalidateDeliberation, useProposal } from "./queries";
import { CATEGORIES, type Proposal } from "./types";
import { lbl, ResidentSearch } from "./ui";

interface Values {
  title: string;
  content: string;
  category: string;
  estimatedCost?: string;
  areaId?: string;
  onBehalfOfResidentId?: string;
}

const FIELDS = ["title", "content", "category", "estimatedCost", "areaId", "onBehalfOfResidentId"];

export default function ProposalFormPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const invalidate = useInvalidateDeliberation();
  const { me } = usePermissions();
  const staff = me?.kind !== "resident" && me?.role !== "resident";
  const existing = useProposal(id);
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [extra, setExtra] = useState<string[]>([]);

  useEffect(() => {
    const p = existing.data;
    if (p)
      form.setFieldsValue({
        title: p.title,
        content: p.content,
        category: p.category,
        estimatedCost: p.estimatedCost ?? undefined,
      });
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: async ({ v, submit }: { v: Values; submit: boolean }) => {
      const body = {
        title: v.title,
        content: v.content,
        category: v.category,
        estimatedCost: v.estimatedCost?.trim() || null,
      };
      const p = id
        ? await api.patch<Proposal>(`/api/decide/proposals/${id}`, { ...body, version: existing.data?.version })
        : await api.post<Proposal>("/api/decide/proposals", {
            ...body,
            areaId: v.areaId || null,
            onBehalfOfResidentId: v.onBehalfOfResidentId || null,
          });
      await uploadFiles("proposal", p.id, rawFiles(files));
      if (submit) {
        if (p.status === "draft") await api.post(`/api/decide/proposals/${p.id}/submit`, {});
        else if (p.status === "returned") await api.post(`/api/decide/proposals/${p.id}/resubmit`, {});
      }
      return p;
    },
    onSuccess: (p, { submit }) => {
      message.success(submit ? t("dlSubmitted") : t("dlDraftSaved"));
      invalidate();
      navigate(`/decide/proposals/${p.id}`);
    },
    onError: (e) => setExtra(applyServerErrors(form, e, FIELDS)),
  });

  if (id && existing.isLoading)
    return (
      <div style={{ textAlign: "center", padding: 64 }}>
        <Spin />
      </div>
    );
  const submitLabel = existing.data?.status === "returned" ? t("dlResubmit") : t("dlSubmit");
  const run = (submit: boolean) => form.validateFields().then((v) => save.mutate({ v, submit }));
  return (
    <Card size="small" title={id ? t("dlEdit") : t("navDlNew")} style={{ maxWidth: 760, margin: "0 auto" }}>
      {existing.error && <ErrorAlert error={existing.error} />}
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form form={form} layout="vertical" initialValues={{ category: "facilities" }}>
        <Form.Item name="title" label={t("dlTitle")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input maxLength={200} data-testid="proposal-form-title" />
        </Form.Item>
        <Form.Item name="content" label={t("dlContent")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input.TextArea rows={6} maxLength={20000} data-testid="proposal-form-content" />
        </Form.Item>
        <Space wrap style={{ width: "100%" }} align="start">
          <Form.Item name="category" label={t("dlCategory")} rules={[{ required: true, message: t("requiredField") }]}>
            <Select style={{ width: 180 }} options={CATEGORIES.map((c) => ({ value: c, label: lbl(t, "dlCat_", c) }))} />
          </Form.Item>
          <Form.Item
            name="estimatedCost"
            label={t("dlEstimatedCost")}
            rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t("dlEstimatedCost") }]}
          >
            <Input inputMode="decimal" style={{ width: 180 }} data-testid="proposal-form-cost" />
          </Form.Item>
        </Space>
        {!id && staff && (
          <>
            <Form.Item name="areaId" label={t("dlArea")} rules={[{ required: true, message: t("requiredField") }]}>
              <AreaTreeSelect />
            </Form.Item>
            <Form.Item name="onBehalfOfResidentId" label={t("dlOnBehalf")}>
              <ResidentSearch />
            </Form.Item>
          </>
        )}
        {!id && !staff && (
          <Form.Item label={t("dlArea")}>
            <Typography.Text type="secondary">{t("dlAreaHint")}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item label={t("dlAttachments")}>
          <FilePicker files={files} onChange={setFiles} />
        </Form.Item>
        <Space wrap>
          <Button onClick={() => run(false)} loading={save.isPending} data-testid="proposal-save-draft">
            {t("dlSaveDraft")}
          </Button>
          <Button type="primary" onClick={() => run(true)} loading={save.isPending} data-testid="proposal-form-submit">
            {submitLabel}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
