import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Form, Input, Modal } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { HouseholdSelect } from "../../components/HouseholdSelect";
import { useI18n } from "../../i18n";

interface Values {
  toHouseholdId: string;
  reason: string;
}

export function MoveModal({ residentId, open, onClose }: { residentId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[]>([]);
  const move = useMutation({
    mutationFn: (v: Values) => api.post(`/api/residents/${residentId}/move`, v),
    onSuccess: () => {
      message.success(t("saved"));
      qc.invalidateQueries({ queryKey: ["resident", residentId] });
      qc.invalidateQueries({ queryKey: ["residents"] });
      qc.invalidateQueries({ queryKey: ["household"] });
      qc.invalidateQueries({ queryKey: ["households"] });
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["toHouseholdId", "reason"])),
  });
  const resetMutation = move.reset;
  useEffect(() => {
    if (open) {
      form.resetFields();
      resetMutation();
    }
  }, [open, form, resetMutation]);
  return (
    <Modal
      open={open}
      title={t("moveResident")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      forceRender
    >
      {move.error && <ErrorAlert error={move.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item name="toHouseholdId" label={t("toHousehold")} rules={[{ required: true, message: t("requiredField") }]}>
          <HouseholdSelect />
        </Form.Item>
        <Form.Item name="reason" label={t("reason")} rules={[{ required: true, message: t("requiredField") }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
