// Small shared pieces of the project and agreement pages: labels, tags, the progress bar.
import { Progress, Tag } from "antd";
import type { MessageKey } from "../../i18n";
import { useI18n } from "../../i18n";
import type { AgreementKind, AgreementStatus, AgreementVersion, ProjectStatus, SourceType } from "./queries";

export const statusKey: Record<ProjectStatus, MessageKey> = {
  planned: "projStatusPlanned",
  in_progress: "projStatusInProgress",
  done: "projStatusDone",
  reopened: "projStatusReopened",
  cancelled: "projStatusCancelled",
};

const statusColor: Record<ProjectStatus, string> = {
  planned: "default",
  in_progress: "processing",
  done: "success",
  reopened: "warning",
  cancelled: "error",
};

export const sourceKey: Record<SourceType, MessageKey> = {
  proposal: "projSourceProposal",
  budget: "projSourceBudget",
  order: "projSourceOrder",
  manual: "projSourceManual",
};

export const kindKey: Record<AgreementKind, MessageKey> = {
  duty: "agrKindDuty",
  org_resident: "agrKindOrgResident",
  convention: "agrKindConvention",
};

export const agreementStatusKey: Record<AgreementStatus, MessageKey> = {
  draft: "agrStatusDraft",
  published: "agrStatusPublished",
  retired: "agrStatusRetired",
};

export const versionStatusKey: Record<AgreementVersion["status"], MessageKey> = {
  draft: "agrVersionDraft",
  published: "agrVersionPublished",
  superseded: "agrVersionSuperseded",
};

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColor[status]} data-testid="project-status">
      {t(statusKey[status])}
    </Tag>
  );
}

export function AgreementStatusTag({ status }: { status: AgreementStatus }) {
  const { t } = useI18n();
  const color = status === "published" ? "success" : status === "retired" ? "default" : "processing";
  return <Tag color={color}>{t(agreementStatusKey[status])}</Tag>;
}

/** The project's progress as a bar; the exact figure is in the title and data attribute. */
export function ProjectProgress({
  value,
  status,
  testId,
  size = "default",
}: {
  value: string;
  status: ProjectStatus;
  testId?: string;
  size?: "small" | "default";
}) {
  const n = Number(value);
  return (
    <div data-testid={testId} data-progress={value} title={`${value}%`}>
      <Progress
        percent={n}
        size={size === "small" ? "small" : undefined}
        status={status === "cancelled" ? "exception" : status === "done" ? "success" : "active"}
        format={() => `${value}%`}
      />
    </div>
  );
}
