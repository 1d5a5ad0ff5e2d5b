// Staff: handle an opinion (adopted and handled / replied / not adopted with reason), or add a reply.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, type ButtonProps, Form, Input, Modal, Radio, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useI18n } from "../../i18n";
import { disclosureKeys } from "./queries";
import { applyFieldErrors } from "./TemplateFields";
import type { Disposition, Opinion } from "./types";

type Values = { disposition: Disposition; note?: string; reply?: string };

export function HandleOpinionModal({ opinion, onClose }: { opinion: Opinion | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [extra, setExtra] = useState<string[] | undefined>();
  const disposition = Form.useWatch("disposition", form);
  useEffect(() => {
    if (opinion) {
      form.resetFields();
      setExtra(undefined);
    }
  }, [opinion, form]);
  const handle = useMutation({
    mutationFn: (v: Values) => api.post(`/api/decide/disclosures/opinions/${opinion?.id}/handle`, v),
    onSuccess: () => {
      message.success(t("discSaved"));
      qc.invalidateQueries({ queryKey: disclosureKeys.all });
      onClose();
    },
    onError: (err) => setExtra(applyFieldErrors(form, err, ["note", "reply", "disposition"])),
  });
  return (
    <Modal
      open={!!opinion}
      title={t("discHandleTitle")}
      onCancel={onClose}
      onOk={() =>
        form
          .validateFields()
          .then((v) => handle.mutate(v))
          .catch(() => {})
      }
      confirmLoading={handle.isPending}
      okButtonProps={{ "data-testid": "opinion-handle-ok" } as ButtonProps}
      destroyOnHidden
    >
      {opinion && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap" }}>
          {opinion.content}
        </Typography.Paragraph>
      )}
      {handle.error && extra && extra.length > 0 && <ErrorAlert error={handle.error} extra={extra} />}
      <Form form={form} layout="vertical" initialValues={{ disposition: "adopted" }}>
        <Form.Item name="disposition" label={t("discDisposition")} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "adopted", label: t("discDispAdopted") },
              { value: "replied", label: t("discDispReplied") },
              { value: "not_adopted", label: t("discDispNotAdopted") },
            ]}
            data-testid="opinion-disposition-choice"
          />
        </Form.Item>
        {disposition !== "replied" && (
          <Form.Item
            name="note"
            label={disposition === "not_adopted" ? t("discNoteNotAdopted") : t("discNoteAdopted")}
            rules={[{ required: true, whitespace: true, message: t("discRequired") }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="opinion-note" />
          </Form.Item>
        )}
        <Form.Item
          name="reply"
          label={disposition === "replied" ? t("discReplyRequired") : t("discReplyOptional")}
          rules={disposition === "replied" ? [{ required: true, whitespace: true, message: t("discRequired") }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="opinion-reply" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ReplyOpinionModal({ opinion, onClose }: { opinion: Opinion | null; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [text, setText] = useState("");
  useEffect(() => setText(opinion?.reply ?? ""), [opinion]);
  const reply = useMutation({
    mutationFn: () => api.post(`/api/decide/disclosures/opinions/${opinion?.id}/reply`, { reply: text }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: disclosureKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open={!!opinion}
      title={t("discAddReply")}
      onCancel={onClose}
      onOk={() => reply.mutate()}
      okButtonProps={{ disabled: !text.trim() }}
      confirmLoading={reply.isPending}
      destroyOnHidden
    >
      {reply.error && <ErrorAlert error={reply.error} />}
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3 }} maxLength={5000} />
    </Modal>
  );
}
