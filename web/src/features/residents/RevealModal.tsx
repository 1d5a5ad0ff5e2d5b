import { useMutation } from "@tanstack/react-query";
import { Alert, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";

export interface Revealed {
  docNumber: string;
  phone: string | null;
}

interface Props {
  residentId: string;
  open: boolean;
  onClose: () => void;
  onRevealed: (r: Revealed) => void;
}

/** Ask for a reason, then call the audited reveal endpoint. */
export function RevealModal({ residentId, open, onClose, onRevealed }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) => api.post<Revealed>(`/api/residents/${residentId}/reveal`, { reason }),
    onSuccess: (r) => {
      onRevealed(r);
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, ["reason"]),
  });
  const resetMutation = reveal.reset;
  useEffect(() => {
    if (open) {
      form.resetFields();
      resetMutation();
    }
  }, [open, form, resetMutation]);

  return (
    <Modal
      open={open}
      title={t("reveal")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reveal.isPending}
      forceRender
    >
      <Alert type="warning" showIcon title={t("revealHint")} style={{ marginBottom: 16 }} />
      {reveal.error && <ErrorAlert error={reveal.error} />}
      <Form form={form} layout="vertical" onFinish={(v) => reveal.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t("revealReason")}
          rules={[
            { required: true, message: t("requiredField") },
            {
              validator: async (_, v: string | undefined) => {
                if (v && v.trim().length < 2) throw new Error(t("revealReasonMin"));
              },
            },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
