// Kysely table types for migration(s) of the disclosure area. Keep in step with server/db/migrations.
import type { ColumnType, Generated } from "kysely";
import type { Json, Timestamp } from "./schema.js";

export type DisclosureCategory = "party" | "residents" | "compound" | "finance";
export type DisclosureStatus = "draft" | "published" | "withdrawn";
export type OpinionDisposition = "adopted" | "replied" | "not_adopted";
export type ListingKind = "low_income" | "special_hardship" | "subsidy" | "other";

type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
type Money = ColumnType<string | null, string | null | undefined, string | null>;

export interface DisclosuresTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  category: DisclosureCategory;
  template: string;
  title: string;
  body: Generated<string>;
  fields: Json<Record<string, unknown>>;
  period_start: DateCol;
  period_end: DateCol;
  status: Generated<DisclosureStatus>;
  published_at: Date | null;
  published_by: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  source_type: string | null;
  source_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisclosureOpinionsTable {
  id: Generated<string>;
  disclosure_id: string;
  district_id: string;
  area_path: string;
  author_user_id: string | null;
  resident_id: string | null;
  kind: "comment" | "question";
  content: string;
  created_at: Timestamp;
  disposition: OpinionDisposition | null;
  disposition_note: string | null;
  disposed_at: Date | null;
  disposed_by: string | null;
  reply: string | null;
  replied_at: Date | null;
  replied_by: string | null;
}

export interface PublicListingsTable {
  id: Generated<string>;
  district_id: string;
  area_id: string;
  area_path: string;
  kind: ListingKind;
  title: string;
  description: Generated<string>;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: Generated<"draft" | "published">;
  published_at: Date | null;
  published_by: string | null;
  round: Generated<number>;
  previous_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ListingEntriesTable {
  id: Generated<string>;
  listing_id: string;
  district_id: string;
  resident_id: string;
  household_id: string | null;
  amount: Money;
  note: string | null;
  status: Generated<"listed" | "removed">;
  removed_at: Date | null;
  removed_by: string | null;
  removed_reason: string | null;
  created_at: Timestamp;
}

export interface ListingObjectionsTable {
  id: Generated<string>;
  listing_id: string;
  entry_id: string;
  district_id: string;
  author_user_id: string | null;
  resident_id: string | null;
  reason: string;
  created_at: Timestamp;
  status: Generated<"pending" | "upheld" | "dismissed">;
  resolution: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface DisclosureTables {
  disclosures: DisclosuresTable;
  disclosure_opinions: DisclosureOpinionsTable;
  public_listings: PublicListingsTable;
  listing_entries: ListingEntriesTable;
  listing_objections: ListingObjectionsTable;
}
