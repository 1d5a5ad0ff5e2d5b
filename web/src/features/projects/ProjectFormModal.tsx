// Create a practical project (or a child of one): area, title, budget, source, owner, planned dates.
import { useQueryClient } from "@tanstack/react-query";
import { App, Checkbox, Col, Form, Input, Modal, Row, Select } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useMe } from "../../auth/useMe";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { useUnits } from "../appeals/queries";
import { SOURCE_TYPES, type SourceType } from "./queries";
import { sourceKey } from "./ui";

type Values = {
  areaId?: string;
  title: string;
  description?: string;
  budget: string;
  sourceType: SourceType;
  sourceId?: string;
  ownerMe?: boolean;
  ownerUnitId?: string;
  plannedStart?: string;
  plannedEnd?: string;
};

const FIELDS = [
  "areaId",
  "title",
  "description",
  "budget",
  "sourceType",
  "sourceId",
  "ownerUnitId",
  "plannedStart",
  "plannedEnd",
];

export function ProjectFormModal({
  open,
  onClose,
  onCreated,
  parent,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
  parent?: { id: string; areaId: string; title: string };
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<string[] | undefined>();
  const [saving, setSaving] = useState(false);
  const units = useUnits(open);
  const sourceType = Form.useWatch("sourceType", form);

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const out = await api.post<{ id: string }>("/api/decide/projects", {
        areaId: v.areaId ?? parent?.areaId,
        title: v.title,
        description: v.description || null,
        budget: String(v.budget ?? "0").trim(),
        sourceType: parent ? "manual" : v.sourceType,
        sourceId: !parent && v.sourceType !== "manual" ? v.sourceId?.trim() || null : null,
        ownerUserId: v.ownerMe ? me?.id : null,
        ownerUnitId: v.ownerUnitId || null,
        parentId: parent?.id ?? null,
        plannedStart: v.plannedStart || null,
        plannedEnd: v.plannedEnd || null,
      });
      message.success(t("projCreated"));
      await qc.invalidateQueries({ queryKey: ["decide-projects"] });
      if (parent) await qc.invalidateQueries({ queryKey: ["decide-project", parent.id] });
      form.resetFields();
      onCreated(out.id);
    } catch (e) {
      setError(e);
      setExtra(applyServerErrors(form, e, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={parent ? `${t("projNewChild")} · ${parent.title}` : t("projNew")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ "data-testid": "project-form-submit" } as never}
    >
      {!!error && <ErrorAlert error={error} extra={extra} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ sourceType: "manual", budget: "0", areaId: parent?.areaId, ownerMe: true }}
        onFinish={submit}
      >
        <Form.Item name="areaId" label={t("projArea")} rules={[{ required: true, message: t("requiredField") }]}>
          <AreaTreeSelect />
        </Form.Item>
        <Form.Item name="title" label={t("projTitle")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input maxLength={200} data-testid="project-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t("projDescription")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} />
        </Form.Item>
        <Form.Item
          name="budget"
          label={t("projBudget")}
          rules={[{ required: true, pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t("requiredField") }]}
        >
          <Input inputMode="decimal" data-testid="project-form-budget" />
        </Form.Item>
        {!parent && (
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item name="sourceType" label={t("projSource")}>
                <Select options={SOURCE_TYPES.map((s) => ({ value: s, label: t(sourceKey[s]) }))} />
              </Form.Item>
            </Col>
            {sourceType && sourceType !== "manual" && (
              <Col xs={24} sm={14}>
                <Form.Item name="sourceId" label={t("projSourceId")} rules={[{ required: true, message: t("requiredField") }]}>
                  <Input placeholder="00000000-0000-0000-0000-000000000000" />
                </Form.Item>
              </Col>
            )}
          </Row>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="ownerMe" valuePropName="checked" label={t("projOwner")}>
              <Checkbox>{t("projOwnerMe")}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="ownerUnitId" label={t("projOwnerUnit")}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={units.isLoading}
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="plannedStart" label={t("projPlannedStart")}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="plannedEnd" label={t("projPlannedEnd")}>
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
