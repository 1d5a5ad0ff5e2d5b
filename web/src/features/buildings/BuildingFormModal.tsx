import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import { buildingKindLabels, options } from "../../labels";
import type { Building, BuildingKind } from "../../types";

interface Values {
  gridId: string;
  kind: BuildingKind;
  name: string;
  address: string;
  lng?: number | null;
  lat?: number | null;
  unitCount: number;
  floorCount?: number | null;
}

const FIELDS = ["gridId", "kind", "name", "address", "lng", "lat", "unitCount", "floorCount"];

interface Props {
  open: boolean;
  onClose: () => void;
  building?: Building;
  defaultGridId?: string;
  onSaved?: (b: Building) => void;
}

export function BuildingFormModal({ open, onClose, building, defaultGridId, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[]>([]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setExtra([]);
    if (building) form.setFieldsValue(building);
    else form.setFieldsValue({ kind: "building", unitCount: 1, gridId: defaultGridId });
  }, [open, building, defaultGridId, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, lng: v.lng ?? null, lat: v.lat ?? null, floorCount: v.floorCount ?? null };
      return building ? api.patch<Building>(`/api/buildings/${building.id}`, body) : api.post<Building>("/api/buildings", body);
    },
    onSuccess: (b) => {
      message.success(t("saved"));
      qc.invalidateQueries({ queryKey: ["buildings"] });
      qc.invalidateQueries({ queryKey: ["building"] });
      onSaved?.(b);
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
      title={building ? t("editBuilding") : t("newBuilding")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      {save.error && <ErrorAlert error={save.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="gridId" label={t("grid")} rules={[{ required: true, message: t("requiredField") }]}>
              <AreaTreeSelect level="grid" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t("buildingKind")} rules={[{ required: true }]}>
              <Select options={options(buildingKindLabels, lang)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t("name")} rules={[{ required: true, message: t("requiredField") }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="address" label={t("address")} rules={[{ required: true, message: t("requiredField") }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unitCount" label={t("unitCount")} rules={[{ required: true, message: t("requiredField") }]}>
              <InputNumber min={0} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="floorCount" label={t("floorCount")}>
              <InputNumber min={0} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="lng" label={t("lng")}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="lat" label={t("lat")}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
