// API shapes of the disclosure endpoints (see server/modules/disclosure/routes.ts).
export type Category = "party" | "residents" | "compound" | "finance";
export const CATEGORIES: Category[] = ["party", "residents", "compound", "finance"];
export type DisclosureStatus = "draft" | "published" | "withdrawn";
export type Disposition = "adopted" | "replied" | "not_adopted";

export interface TemplateField {
  key: string;
  type: "text" | "textarea" | "lines" | "money";
  required: boolean;
  maxLength?: number;
  totalKey?: string;
  label: { zh: string; en: string };
}

export interface DisclosureTemplate {
  code: string;
  category: Category | null;
  label: { zh: string; en: string };
  bodyRequired: boolean;
  fields: TemplateField[];
}

export interface Disclosure {
  id: string;
  areaId: string;
  areaName: string;
  category: Category;
  template: string;
  title: string;
  body: string;
  fields: Record<string, unknown>;
  periodStart: string | null;
  periodEnd: string | null;
  status: DisclosureStatus;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: string;
  updatedAt: string;
  opinionCount: number;
  pendingCount: number;
}

export interface Opinion {
  id: string;
  disclosureId: string;
  kind: "comment" | "question";
  content: string;
  authorName: string | null;
  mine: boolean;
  createdAt: string;
  disposition: Disposition | null;
  dispositionNote: string | null;
  disposedAt: string | null;
  reply: string | null;
  repliedAt: string | null;
}

export interface QueuedOpinion extends Opinion {
  disclosureTitle: string;
  category: Category;
}

export interface DisclosureDetail extends Disclosure {
  attachments: { id: string; name: string; mime: string; size: number; createdAt: string }[];
  opinions: Opinion[];
}

export interface Counts {
  published: number;
  collected: number;
  adopted: number;
  replied: number;
  notAdopted: number;
}

export interface DisclosureStats {
  areaId: string;
  areaName: string;
  from: string;
  to: string;
  total: Counts & { withdrawn: number };
  byArea: (Counts & { areaId: string; areaName: string })[];
  byCategory: (Counts & { category: Category })[];
}

export type ListingKind = "low_income" | "special_hardship" | "subsidy" | "other";
export const LISTING_KINDS: ListingKind[] = ["low_income", "special_hardship", "subsidy", "other"];

export interface Listing {
  id: string;
  areaId: string;
  areaName: string;
  kind: ListingKind;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  status: "draft" | "published";
  phase: "draft" | "scheduled" | "open" | "closed";
  publishedAt: string | null;
  round: number;
  previousId: string | null;
  counts: { entries: number; objections: number; upheld: number; removed: number };
  pendingObjections: number;
}

export interface ListingEntry {
  id: string;
  maskedName: string;
  docMasked: string;
  gridName: string;
  amount: string | null;
  note: string | null;
  status: "listed" | "removed";
  removedAt: string | null;
  removedReason: string | null;
}

export interface ListingObjection {
  id: string;
  entryId: string;
  reason: string;
  authorName: string | null;
  createdAt: string;
  status: "pending" | "upheld" | "dismissed";
  resolution: string | null;
  resolvedAt: string | null;
}

export interface ListingDetail extends Listing {
  canObject: boolean;
  entries: ListingEntry[];
  objections: ListingObjection[];
}
