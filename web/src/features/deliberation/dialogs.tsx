// Dialogs on a proposal: submit (deadline and flow), enter a paper signature, record a flow step.
import { UploadOutlined } from "@ant-design/icons";
import { useMutation } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Typography,
  Upload,
  type UploadFile,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { applyServerErrors } from "../../components/formErrors";
import { useI18n } from "../../i18n";
import type { ResidentSummary } from "../../types";
import { uploadFiles, useInvalidateDeliberation, useTemplates } from "./queries";
import type { Outcome, ProposalDetail } from "./types";
import { lbl, ResidentSearch, stepName } from "./ui";

/** Files picked in an antd Upload, kept client-side until the owner exists. */
export function FilePicker({ files, onChange }: { files: UploadFile[]; onChange: (f: UploadFile[]) => void }) {
  const { t } = useI18n();
  return (
    <Upload
      multiple
      accept="image/jpeg,image/png,image/gif,image/webp,application/pdf"
      fileList={files}
      beforeUpload={() => false}
      onChange={({ fileList }) => onChange(fileList)}
    >
      <Button icon={<UploadOutlined />}>{t("dlAddFiles")}</Button>
    </Upload>
  );
}

export const rawFiles = (files: UploadFile[]) => files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);

export function SubmitDialog({ p, open, onClose }: { p: ProposalDetail; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const templates = useTemplates(open);
  const [form] = Form.useForm<{ deadline?: Dayjs; flowCode: string }>();
  const [extra, setExtra] = useState<string[]>([]);
  const submit = useMutation({
    mutationFn: (v: { deadline?: Dayjs; flowCode: string }) =>
      api.post(`/api/decide/proposals/${p.id}/submit`, {
        backingDeadline: v.deadline ? v.deadline.format("YYYY-MM-DD") : null,
        flowCode: v.flowCode,
        version: p.version,
      }),
    onSuccess: () => {
      message.success(t("dlSubmitted"));
      invalidate();
      onClose();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["deadline", "backingDeadline", "flowCode"])),
  });
  return (
    <Modal
      open={open}
      title={t("dlSubmit")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      {submit.error && <ErrorAlert error={submit.error} extra={extra} />}
      <Form form={form} layout="vertical" initialValues={{ flowCode: "statutory" }} onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="deadline" label={t("dlDeadline")} extra={t("dlDeadlineHint")}>
          <DatePicker style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="flowCode" label={t("dlFlow")} extra={t("dlFlowHint")}>
          <Select
            loading={templates.isLoading}
            options={(templates.data ?? []).map((f) => ({ value: f.code, label: lang === "en" ? f.nameEn : f.nameZh }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PaperSignatureDialog({ p, open, onClose }: { p: ProposalDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<{ residentId: string }>();
  const [picked, setPicked] = useState<ResidentSummary | undefined>();
  const [extra, setExtra] = useState<string[]>([]);
  const record = useMutation({
    mutationFn: (v: { residentId: string }) => api.post(`/api/decide/proposals/${p.id}/backings`, v),
    onSuccess: () => {
      message.success(t("dlPaperDone", { name: picked?.name ?? "" }));
      invalidate();
      // Stay open for the next signature on the sheet.
      form.resetFields();
      setPicked(undefined);
      record.reset();
    },
    onError: (e) => setExtra(applyServerErrors(form, e, ["residentId"])),
  });
  return (
    <Modal
      open={open}
      title={t("dlPaperEntry")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "paper-save" } as ButtonProps}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("dlPaperHint")}</Typography.Paragraph>
      {record.error && <ErrorAlert error={record.error} extra={extra} />}
      <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)}>
        <Form.Item name="residentId" label={t("dlResident")} rules={[{ required: true, message: t("requiredField") }]}>
          <ResidentSearch areaId={p.areaId} onPick={setPicked} />
        </Form.Item>
      </Form>
      {picked && (
        <Alert
          type="info"
          title={`${picked.name} · ${picked.address ?? picked.gridName}`}
          description={picked.householdId ? undefined : "-"}
        />
      )}
    </Modal>
  );
}

interface StepValues {
  outcome: Outcome;
  minutes?: string;
  meetingId?: string;
  voteId?: string;
}

export function RecordStepDialog({ p, open, onClose }: { p: ProposalDetail; open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const invalidate = useInvalidateDeliberation();
  const [form] = Form.useForm<StepValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [extra, setExtra] = useState<string[]>([]);
  const step = p.flow && p.currentStep !== null ? p.flow.steps[p.currentStep] : undefined;
  const adopted = p.decision === "adopted";
  const record = useMutation({
    mutationFn: async (v: StepValues) => {
      const out = await api.post<{ stepId: string }>(`/api/decide/proposals/${p.id}/steps`, {
        stepIndex: p.currentStep,
        outcome: v.outcome,
        minutes: v.minutes || null,
        meetingId: v.meetingId?.trim() || null,
        voteId: v.voteId?.trim() || null,
        version: p.version,
      });
      await uploadFiles("proposal_step", out.stepId, rawFiles(files));
      return out;
    },
    onSuccess: () => {
      message.success(t("dlStepRecorded"));
      invalidate();
      setFiles([]);
      onClose();
    },
    onError: (e) => {
      setExtra(applyServerErrors(form, e, ["outcome", "minutes", "meetingId", "voteId"]));
      invalidate();
    },
  });
  if (!step) return null;
  const outcomes: Outcome[] = adopted ? ["pass", "return"] : ["pass", "return", "reject"];
  return (
    <Modal
      open={open}
      title={`${t("dlRecordStep")} · ${stepName(step, lang)}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "step-save" } as ButtonProps}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      {record.error && <ErrorAlert error={record.error} extra={extra} />}
      <Form form={form} layout="vertical" initialValues={{ outcome: "pass" }} onFinish={(v) => record.mutate(v)}>
        <Form.Item name="outcome" label={t("dlOutcome")} rules={[{ required: true, message: t("requiredField") }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={outcomes.map((o) => ({ value: o, label: lbl(t, "dlOutcome_", o) }))}
            data-testid="step-outcome"
          />
        </Form.Item>
        <Form.Item name="minutes" label={t("dlMinutes")}>
          <Input.TextArea rows={4} maxLength={20000} data-testid="step-minutes" />
        </Form.Item>
        <Form.Item name="meetingId" label={t("dlMeetingId")}>
          <Input placeholder="uuid" />
        </Form.Item>
        {step.kind === "vote" && (
          <Form.Item name="voteId" label={t("dlVoteId")} extra={t("dlVoteHint")}>
            <Input placeholder="uuid" data-testid="step-vote-id" />
          </Form.Item>
        )}
        <Form.Item label={t("dlAttachments")}>
          <FilePicker files={files} onChange={setFiles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
