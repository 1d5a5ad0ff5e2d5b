// Labels and tags shared by the disclosure pages.
import { Tag } from "antd";
import type { MessageKey } from "../../i18n";
import { useI18n } from "../../i18n";
import type { Category, Disposition, DisclosureStatus, Listing, ListingKind, ListingObjection } from "./types";

export const CATEGORY_KEYS: Record<Category, MessageKey> = {
  party: "discCatParty",
  residents: "discCatResidents",
  compound: "discCatCompound",
  finance: "discCatFinance",
};
const CATEGORY_COLORS: Record<Category, string> = { party: "red", residents: "blue", compound: "green", finance: "gold" };

export const KIND_KEYS: Record<ListingKind, MessageKey> = {
  low_income: "discKindLowIncome",
  special_hardship: "discKindSpecialHardship",
  subsidy: "discKindSubsidy",
  other: "discKindOther",
};

export function CategoryTag({ category }: { category: Category }) {
  const { t } = useI18n();
  return <Tag color={CATEGORY_COLORS[category]}>{t(CATEGORY_KEYS[category])}</Tag>;
}

export function StatusTag({ status }: { status: DisclosureStatus }) {
  const { t } = useI18n();
  const map: Record<DisclosureStatus, [MessageKey, string]> = {
    draft: ["discStatusDraft", "default"],
    published: ["discStatusPublished", "success"],
    withdrawn: ["discStatusWithdrawn", "warning"],
  };
  const [k, color] = map[status];
  return (
    <Tag color={color} data-testid="disclosure-status">
      {t(k)}
    </Tag>
  );
}

export function DispositionTag({ disposition }: { disposition: Disposition | null }) {
  const { t } = useI18n();
  if (!disposition)
    return (
      <Tag color="processing" data-testid="opinion-disposition">
        {t("discDispPending")}
      </Tag>
    );
  const map: Record<Disposition, [MessageKey, string]> = {
    adopted: ["discDispAdopted", "success"],
    replied: ["discDispReplied", "blue"],
    not_adopted: ["discDispNotAdopted", "default"],
  };
  const [k, color] = map[disposition];
  return (
    <Tag color={color} data-testid="opinion-disposition">
      {t(k)}
    </Tag>
  );
}

export function PhaseTag({ phase }: { phase: Listing["phase"] }) {
  const { t } = useI18n();
  const map: Record<Listing["phase"], [MessageKey, string]> = {
    draft: ["discPhaseDraft", "default"],
    scheduled: ["discPhaseScheduled", "blue"],
    open: ["discPhaseOpen", "success"],
    closed: ["discPhaseClosed", "default"],
  };
  const [k, color] = map[phase];
  return (
    <Tag color={color} data-testid="listing-phase">
      {t(k)}
    </Tag>
  );
}

export function ObjectionTag({ status }: { status: ListingObjection["status"] }) {
  const { t } = useI18n();
  const map: Record<ListingObjection["status"], [MessageKey, string]> = {
    pending: ["discObjPending", "processing"],
    upheld: ["discObjUpheld", "error"],
    dismissed: ["discObjDismissed", "default"],
  };
  const [k, color] = map[status];
  return <Tag color={color}>{t(k)}</Tag>;
}

export function periodText(start: string | null, end: string | null): string {
  if (!start && !end) return "";
  return `${start ?? "…"} ~ ${end ?? "…"}`;
}
