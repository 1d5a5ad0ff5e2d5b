// Types of the meetings and votes API (server/modules/votes).
export type MeetingKind =
  | "public_opinion"
  | "hearing"
  | "coordination"
  | "evaluation"
  | "opinion_gathering"
  | "consultation"
  | "body"
  | "open_space";
export const MEETING_KINDS: MeetingKind[] = [
  "public_opinion",
  "hearing",
  "coordination",
  "evaluation",
  "opinion_gathering",
  "consultation",
  "body",
  "open_space",
];
export type MeetingStatus = "scheduled" | "in_progress" | "closed" | "published" | "cancelled";
export type AgendaOutcome = "passed" | "rejected" | "returned" | "noted" | "deferred";
export const AGENDA_OUTCOMES: AgendaOutcome[] = ["passed", "rejected", "returned", "noted", "deferred"];

export interface MeetingCount {
  present: number;
  expected: number | null;
  needed: number | null;
  ratio: string;
  reached: boolean;
  short: number;
  observers: number;
}

export interface MeetingItem {
  id: string;
  kind: MeetingKind;
  title: string;
  place: string | null;
  startsAt: string;
  endsAt: string | null;
  status: MeetingStatus;
  public: boolean;
  areaId: string;
  areaName: string;
  bodyId: string | null;
  bodyName: string | null;
  attendance: number;
}

export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  notes: string | null;
  proposalId: string | null;
  proposalTitle: string | null;
  orderId: string | null;
  orderNumber: string | null;
  voteId: string | null;
  outcome: AgendaOutcome | null;
  decision: string | null;
}

export interface Meeting extends Omit<MeetingItem, "attendance"> {
  districtId: string;
  description: string | null;
  quorumRatio: string | null;
  expectedCount: number | null;
  minutes: string | null;
  decisions: string | null;
  notifiedAt: string | null;
  startedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  version: number;
  checkinCode: string | null;
  agenda: AgendaItem[];
  votes: { id: string; title: string; status: VoteStatus }[];
  count: MeetingCount;
  me: { signedIn: boolean };
  canManage: boolean;
  canRecord: boolean;
}

export interface Attendance {
  items: {
    id: string;
    name: string;
    residentId: string | null;
    userId: string | null;
    memberId: string | null;
    method: "staff" | "code";
    signedInAt: string;
  }[];
  members: { memberId: string; name: string; role: string; signedIn: boolean }[];
}

export interface Topic {
  id: string;
  title: string;
  description: string | null;
  proposerName: string;
  createdAt: string;
  members: string[];
  mine: boolean;
  notes: { id: string; body: string; authorName: string; createdAt: string }[];
}

export type VoteKind = "yes_no" | "choose" | "budget";
export type Electorate = "body" | "residents" | "households" | "owners";
export type VoteStatus = "draft" | "open" | "closed" | "published" | "cancelled";
export type Threshold = "none" | "more_than_half" | "two_thirds" | "three_quarters";

export interface VoteRule {
  quorum: string;
  threshold: Threshold;
  base: "participating" | "electorate";
  matter?: "ordinary" | "special";
}

export interface Text2 {
  zh: string;
  en: string;
}

export interface Check {
  key: "quorum" | "threshold" | "area_turnout" | "head_turnout" | "area_yes" | "head_yes";
  value: string;
  base: string;
  ratio: string;
  op: ">" | ">=";
  needed: string;
  met: boolean;
}

export interface OptionCount {
  id: string;
  position: number;
  label: string;
  votes: number;
  cost: string | null;
  refId: string | null;
  approved: boolean;
}

export interface VoteResult {
  kind: VoteKind;
  electorate: Electorate;
  rule: VoteRule;
  electorateCount: number;
  electorateArea: string | null;
  turnout: number;
  turnoutArea: string | null;
  counts: { yes: number; no: number; abstain: number } | null;
  areas: { yes: string; no: string; abstain: string } | null;
  blank: number;
  options: OptionCount[] | null;
  winners: string[];
  tied: string[];
  budget: {
    winners: string[];
    steps: {
      id: string;
      votes: number;
      cost: string;
      remainingBefore: string;
      decision: "funded" | "skipped";
      remainingAfter: string;
      reason?: string;
    }[];
    spent: string;
    remaining: string;
    tieRule: string;
  } | null;
  checks: Check[];
  quorumMet: boolean;
  passed: boolean;
  explanation: Text2;
}

export interface Me3 {
  elector: boolean;
  voted: boolean;
  canCast: boolean;
}

export interface VoteItem {
  id: string;
  title: string;
  kind: VoteKind;
  electorate: Electorate;
  secret: boolean;
  status: VoteStatus;
  areaId: string;
  areaName: string;
  meetingId: string | null;
  proposalId: string | null;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  electorateCount: number | null;
  turnout: number;
  passed: boolean | null;
  me: Me3;
}

export interface VoteOption {
  id: string;
  position: number;
  label: string;
  cost: string | null;
  refId: string | null;
}

export interface Vote {
  id: string;
  title: string;
  description: string | null;
  districtId: string;
  areaId: string;
  areaName: string;
  buildingId: string | null;
  bodyId: string | null;
  bodyName: string | null;
  meetingId: string | null;
  meetingTitle: string | null;
  proposalId: string | null;
  recallMemberId: string | null;
  recallMemberName: string | null;
  kind: VoteKind;
  electorate: Electorate;
  secret: boolean;
  status: VoteStatus;
  rule: VoteRule;
  ruleText: Text2;
  budgetRule: "knapsack" | "up_to_k" | null;
  fund: string | null;
  maxChoices: number | null;
  opensAt: string | null;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  publishedAt: string | null;
  electorateCount: number | null;
  electorateArea: string | null;
  turnout: number;
  passed: boolean | null;
  result: VoteResult | null;
  options: VoteOption[];
  me: Me3;
  canManage: boolean;
  canRecord: boolean;
}

export interface Elector {
  electorId: string;
  label: string;
  area: string;
  flats: number;
  voted: boolean;
  channel: "online" | "paper" | null;
  paperSerial: string | null;
}

export interface BallotList {
  kind: VoteKind;
  options: { id: string; position: number; label: string }[];
  items: { receipt: string; choice: string; labels: string[]; area: string | null }[];
}

export interface ReceiptCheck {
  receipt: string;
  found: boolean;
  choice: string | null;
  labels: string[];
}

export interface Recount {
  matches: boolean;
  ballots: number;
  recounted: VoteResult;
  stored: VoteResult;
}
