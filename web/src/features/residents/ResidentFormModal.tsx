import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Col, Form, Input, Modal, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { HouseholdSelect } from "../../components/HouseholdSelect";
import { TagSelect } from "../../components/TagSelect";
import { useI18n } from "../../i18n";
import { docTypeLabels, options, residenceTypeLabels } from "../../labels";
import type { DocType, ResidenceType, ResidentDetail, ResidentSummary } from "../../types";

interface Values {
  name: string;
  docType: DocType;
  docNumber?: string;
  phone?: string;
  residenceType: ResidenceType;
  relation?: string;
  ethnicity?: string;
  householdId?: string;
  gridId?: string;
  tags?: string[];
}

const FIELDS = [
  "name",
  "docType",
  "docNumber",
  "phone",
  "residenceType",
  "relation",
  "ethnicity",
  "householdId",
  "gridId",
  "tags",
];

interface Props {
  open: boolean;
  onClose: () => void;
  /** Existing resident to edit; omitted to create. */
  resident?: ResidentDetail;
  defaults?: Partial<Values>;
  onSaved?: (r: ResidentSummary) => void;
}

function clean(v: Values, editing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: v.name.trim(),
    docType: v.docType,
    residenceType: v.residenceType,
    phone: v.phone?.trim() || (editing ? null : undefined),
    relation: v.relation?.trim() || (editing ? null : undefined),
    ethnicity: v.ethnicity?.trim() || (editing ? null : undefined),
    householdId: v.householdId || undefined,
    gridId: v.gridId || undefined,
    tags: v.tags ?? [],
  };
  // When editing, an empty document number means "keep the current one".
  if (v.docNumber?.trim()) out.docNumber = v.docNumber.trim().toUpperCase();
  return out;
}

export function ResidentFormModal({ open, onClose, resident, defaults, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[]>([]);
  const editing = !!resident;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setExtra([]);
    if (resident) {
      form.setFieldsValue({
        name: resident.name,
        docType: resident.docType,
        residenceType: resident.residenceType,
        relation: resident.relation ?? undefined,
        ethnicity: resident.ethnicity ?? undefined,
        householdId: resident.householdId ?? undefined,
        gridId: resident.gridId,
        tags: resident.tags.map((x) => x.code),
      });
    } else {
      form.setFieldsValue({ docType: "resident_id", residenceType: "registered", tags: [], ...defaults });
    }
  }, [open, resident, defaults, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      editing
        ? api.patch<ResidentSummary>(`/api/residents/${resident.id}`, clean(v, true))
        : api.post<ResidentSummary>("/api/residents", clean(v, false)),
    onSuccess: (r) => {
      message.success(t("saved"));
      qc.invalidateQueries({ queryKey: ["residents"] });
      qc.invalidateQueries({ queryKey: ["resident"] });
      qc.invalidateQueries({ queryKey: ["household"] });
      onSaved?.(r);
      onClose();
    },
    onError: (e) => {
      setExtra(applyServerErrors(form, e, FIELDS));
      message.error(e.message);
    },
  });

  return (
    <Modal
      open={open}
      title={editing ? t("editResident") : t("newResident")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={720}
      forceRender
    >
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t("residentName")} rules={[{ required: true, message: t("requiredField") }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="residenceType" label={t("residenceType")} rules={[{ required: true }]}>
              <Select options={options(residenceTypeLabels, lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="docType" label={t("docType")} rules={[{ required: true }]}>
              <Select options={options(docTypeLabels, lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="docNumber"
              label={t("docNumber")}
              rules={editing ? [] : [{ required: true, message: t("requiredField") }]}
              extra={editing ? resident.docMasked : undefined}
            >
              <Input maxLength={32} autoComplete="off" style={{ fontFamily: "monospace" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t("phone")} extra={editing ? (resident.phoneMasked ?? undefined) : undefined}>
              <Input maxLength={20} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="relation" label={t("relation")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ethnicity" label={t("ethnicity")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="householdId" label={t("household")}>
              <HouseholdSelect initialLabel={resident?.address} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gridId" label={t("grid")}>
              <AreaTreeSelect level="grid" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="tags" label={t("tags")}>
              <TagSelect multiple style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
