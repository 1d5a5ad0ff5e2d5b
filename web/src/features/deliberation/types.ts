// Shapes of the deliberation API (server/modules/deliberation/schemas.ts).
export type BodyKind =
  | "representatives"
  | "rep_working_committee"
  | "residents_committee"
  | "party_committee"
  | "two_committees"
  | "party_members"
  | "consultation"
  | "owners_committee"
  | "compound_council"
  | "supervision";
export type MemberRole = "chair" | "vice_chair" | "secretary" | "member";
export type EndReason = "term_end" | "resigned" | "recalled" | "moved";
export type ProposalStatus =
  | "draft"
  | "collecting"
  | "lapsed"
  | "in_flow"
  | "returned"
  | "adopted"
  | "completed"
  | "rejected"
  | "withdrawn";
export type Outcome = "pass" | "return" | "reject";

export const BODY_KINDS: BodyKind[] = [
  "representatives",
  "rep_working_committee",
  "residents_committee",
  "party_committee",
  "two_committees",
  "party_members",
  "consultation",
  "owners_committee",
  "compound_council",
  "supervision",
];
export const MEMBER_ROLES: MemberRole[] = ["chair", "vice_chair", "secretary", "member"];
export const END_REASONS: EndReason[] = ["term_end", "resigned", "recalled", "moved"];
export const CATEGORIES = ["environment", "facilities", "safety", "services", "property", "traffic", "culture", "other"] as const;
export const STATUSES: ProposalStatus[] = [
  "draft",
  "collecting",
  "in_flow",
  "returned",
  "adopted",
  "completed",
  "rejected",
  "lapsed",
  "withdrawn",
];

export interface Body {
  id: string;
  areaId: string;
  areaName: string | null;
  kind: BodyKind;
  name: string;
  buildingId: string | null;
  quorumRatio: string;
  backingRepRatio: string;
  backingHouseholds: number;
  currentMembers: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  id: string;
  bodyId: string;
  residentId: string | null;
  userId: string | null;
  name: string;
  role: MemberRole;
  termStart: string;
  termEnd: string | null;
  endedAt: string | null;
  endReason: EndReason | null;
  current: boolean;
}

export interface BodyDetail extends Body {
  members: Member[];
  history: Member[];
  canManage: boolean;
}

export interface FlowStep {
  key: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  bodyKind?: BodyKind | null;
  decides?: boolean;
}

export interface FlowTemplate {
  id: string;
  districtId: string | null;
  code: string;
  nameZh: string;
  nameEn: string;
  steps: FlowStep[];
  builtin: boolean;
}

export interface Proposal {
  id: string;
  areaId: string;
  areaName: string | null;
  bodyId: string | null;
  bodyName: string | null;
  authorKind: "resident" | "representative" | "staff";
  authorName: string;
  title: string;
  content: string;
  category: string;
  estimatedCost: string | null;
  status: ProposalStatus;
  decision: "adopted" | "rejected" | null;
  flow: { code: string; nameZh: string; nameEn: string; steps: FlowStep[] } | null;
  currentStep: number | null;
  threshold: { households: number; reps: number | null; repRatio: string; repCount: number } | null;
  backing: { households: number; reps: number; signers: number };
  backingDeadline: string | null;
  submittedAt: string | null;
  thresholdReachedAt: string | null;
  lapsedAt: string | null;
  adoptedAt: string | null;
  rejectedAt: string | null;
  completedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  backedByMe?: boolean;
}

export interface FileInfo {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
  createdAt: string;
}

export interface StepRecord {
  id: string;
  stepIndex: number;
  stepKey: string;
  stepKind: string;
  round: number;
  outcome: Outcome;
  minutes: string | null;
  meetingId: string | null;
  voteId: string | null;
  recordedBy: string | null;
  recordedAt: string;
  files: FileInfo[];
}

export interface ProposalDetail extends Proposal {
  steps: StepRecord[];
  files: FileInfo[];
  events: { at: string; actor: string | null; action: string; from: string | null; to: string | null; note: string | null }[];
  viewer: {
    isAuthor: boolean;
    isRepresentative: boolean;
    backed: boolean;
    canBack: boolean;
    canEdit: boolean;
    canSubmit: boolean;
    canResubmit: boolean;
    canWithdraw: boolean;
    canRecordPaper: boolean;
    canRecordStep: boolean;
  };
}

export interface ProposalPage {
  items: Proposal[];
  total: number;
  page: number;
  pageSize: number;
  viewer: { residentId: string | null; isRepresentative: boolean };
}

export interface Backing {
  id: string;
  residentId: string;
  name: string;
  householdId: string | null;
  address: string | null;
  representative: boolean;
  channel: "online" | "paper";
  recordedBy: string | null;
  backedAt: string;
}

export interface Standing {
  residentId: string | null;
  isRepresentative: boolean;
  memberships: { memberId: string; bodyId: string; bodyName: string; kind: BodyKind; areaName: string; role: MemberRole }[];
}

export interface StatRow {
  submitted: number;
  backed: number;
  adopted: number;
  rejected: number;
  lapsed: number;
  completed: number;
}

export interface ProposalStats {
  from: string;
  to: string;
  total: StatRow;
  items: (StatRow & { areaId: string; areaName: string })[];
}
