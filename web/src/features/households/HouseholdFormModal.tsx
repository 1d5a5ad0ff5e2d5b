import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { AreaTreeSelect } from "../../components/AreaTreeSelect";
import { BuildingSelect } from "../../components/BuildingSelect";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import type { Household, HouseholdDetail } from "../../types";

interface Values {
  gridId?: string;
  buildingId?: string;
  address: string;
  unitNo?: string;
  roomNo?: string;
  floorArea?: number | null;
  headResidentId?: string;
}

const FIELDS = ["gridId", "buildingId", "address", "unitNo", "roomNo", "floorArea", "headResidentId"];

interface Props {
  open: boolean;
  onClose: () => void;
  household?: HouseholdDetail;
  defaults?: Partial<Values> & { buildingName?: string };
  onSaved?: (h: Household) => void;
}

export function HouseholdFormModal({ open, onClose, household, defaults, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[]>([]);
  const gridId = Form.useWatch("gridId", form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setExtra([]);
    if (household) {
      form.setFieldsValue({
        gridId: household.gridId,
        buildingId: household.buildingId ?? undefined,
        address: household.address,
        unitNo: household.unitNo ?? undefined,
        roomNo: household.roomNo ?? undefined,
        floorArea: household.floorArea,
        headResidentId: household.headResidentId ?? undefined,
      });
    } else if (defaults) {
      const { buildingName: _ignored, ...rest } = defaults;
      form.setFieldsValue(rest);
    }
  }, [open, household, defaults, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        gridId: v.gridId || undefined,
        buildingId: v.buildingId || null,
        address: v.address.trim(),
        unitNo: v.unitNo?.trim() || null,
        roomNo: v.roomNo?.trim() || null,
        floorArea: v.floorArea ?? null,
        headResidentId: v.headResidentId || null,
      };
      return household
        ? api.patch<Household>(`/api/households/${household.id}`, body)
        : api.post<Household>("/api/households", body);
    },
    onSuccess: (h) => {
      message.success(t("saved"));
      qc.invalidateQueries({ queryKey: ["households"] });
      qc.invalidateQueries({ queryKey: ["household"] });
      qc.invalidateQueries({ queryKey: ["building"] });
      onSaved?.(h);
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
      title={household ? t("editHousehold") : t("newHousehold")}
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
            <Form.Item name="gridId" label={t("grid")} rules={[{ required: !household, message: t("requiredField") }]}>
              <AreaTreeSelect level="grid" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="buildingId" label={t("building")}>
              <BuildingSelect areaId={gridId} initialLabel={household?.buildingName ?? defaults?.buildingName} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t("address")} rules={[{ required: true, message: t("requiredField") }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="unitNo" label={t("unitNo")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="roomNo" label={t("roomNo")}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="floorArea" label={t("floorArea")}>
              <InputNumber min={0} step={0.01} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          {household && (
            <Col xs={24}>
              <Form.Item name="headResidentId" label={t("head")}>
                <Select
                  allowClear
                  options={household.members.map((m) => ({
                    value: m.id,
                    label: `${m.name}${m.relation ? ` (${m.relation})` : ""}`,
                  }))}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
