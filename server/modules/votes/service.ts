// Votes: set-up, opening (the electorate is snapshotted), online and paper ballots (one per elector,
// enforced by vote_turnout's primary key), closing (one pure tally, stored with the rule), publishing
// the result and the ballot list, receipts and recounts. A passed recall ends the member's term.
import { randomBytes } from "node:crypto";
import { type Kysely, type Selectable, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { VotesTable } from "../../db/schema.votes.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { type Participant, participantOf } from "../registry/participant.js";
import { dayOf, isResident, managesPath, recordsPath, seesPath, seesSql } from "./access.js";
import { meetingCount } from "./meetings.service.js";
import {
  adultCutoff,
  type BallotInput,
  encodeBallot,
  isCurrentMember,
  nextVoteStatus,
  normalizeReceipt,
  normalizeRule,
  positionsOf,
  receiptFrom,
  type VoteAction,
  type VoteRule,
  type VoteStatus,
} from "./rules.js";
import { describeRule, type TallyOption, tallyVote, type VoteResult } from "./tally.js";

export type { VoteRule } from "./rules.js";

export type VoteSetup = {
  districtId: string;
  areaId: string;
  areaPath: string;
  title: string;
  description?: string | null;
  kind: "yes_no" | "choose" | "budget";
  electorate: "body" | "residents" | "households" | "owners";
  bodyId?: string | null;
  meetingId?: string | null;
  proposalId?: string | null;
  /** A recall (罢免) of this body member: a yes/no vote of the body; passed → the member's term ends. */
  recallMemberId?: string | null;
  /** Only the households (residents, owners) of this building or compound take part. */
  buildingId?: string | null;
  secret: boolean;
  options?: { label: string; cost?: string | null; refId?: string | null }[];
  maxChoices?: number | null;
  fund?: string | null;
  budgetRule?: "knapsack" | "up_to_k";
  rule?: Partial<VoteRule>;
  opensAt?: Date | null;
  closesAt?: Date | null;
  createdBy: string;
};

type VoteRow = Selectable<VotesTable>;

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/** Creates a draft vote with its options. Checks the set-up; bad input → 400 naming the field. */
export async function createVoteTx(trx: Kysely<DB>, actor: Actor, setup: VoteSetup): Promise<string> {
  const title = setup.title?.trim() ?? "";
  if (!title || title.length > 200) throw fieldError("title", "required");
  const recall = !!setup.recallMemberId;
  const normalized = normalizeRule(setup.kind, setup.electorate, recall, setup.rule);
  if ("field" in normalized) {
    throw fieldError(normalized.field, normalized.field === "rule.quorum" ? "votes_bad_ratio" : "invalid_value");
  }
  if (setup.electorate === "owners" && setup.kind !== "yes_no") throw fieldError("kind", "votes_owners_yes_no");
  if (setup.electorate === "body" && !setup.bodyId) throw fieldError("bodyId", "votes_body_required");
  if (setup.bodyId) {
    const body = await trx.selectFrom("bodies").select("district_id").where("id", "=", setup.bodyId).executeTakeFirst();
    if (!body || body.district_id !== setup.districtId) throw fieldError("bodyId", "unknown_reference");
  }
  if (recall) {
    if (setup.electorate !== "body" || setup.kind !== "yes_no") throw fieldError("recallMemberId", "invalid_value");
    const m = await trx
      .selectFrom("body_members")
      .select(["body_id", "term_start", "term_end", "ended_at"])
      .where("id", "=", setup.recallMemberId as string)
      .executeTakeFirst();
    if (!m || m.body_id !== setup.bodyId || !isCurrentMember(m, dayOf(new Date()))) {
      throw fieldError("recallMemberId", "votes_not_current_member");
    }
  }
  if (setup.meetingId) {
    const m = await trx.selectFrom("meetings").select("district_id").where("id", "=", setup.meetingId).executeTakeFirst();
    if (!m || m.district_id !== setup.districtId) throw fieldError("meetingId", "unknown_reference");
  }
  if (setup.proposalId) {
    const p = await trx.selectFrom("proposals").select("district_id").where("id", "=", setup.proposalId).executeTakeFirst();
    if (!p || p.district_id !== setup.districtId) throw fieldError("proposalId", "unknown_reference");
  }
  if (setup.buildingId) {
    const b = await trx.selectFrom("buildings").select("district_id").where("id", "=", setup.buildingId).executeTakeFirst();
    if (!b || b.district_id !== setup.districtId) throw fieldError("buildingId", "unknown_reference");
  }
  const options = (setup.kind === "yes_no" ? [] : (setup.options ?? [])).map((o) => ({ ...o, label: o.label?.trim() ?? "" }));
  const min = setup.kind === "choose" ? 2 : 1;
  if (setup.kind !== "yes_no" && options.length < min) throw fieldError("options", "votes_options_needed", { min });
  options.forEach((o, i) => {
    if (!o.label || o.label.length > 200) throw fieldError(`options.${i}.label`, "required");
    if (setup.kind === "budget" && (o.cost == null || !MONEY.test(String(o.cost)))) {
      throw fieldError(`options.${i}.cost`, "votes_cost_needed");
    }
    if (o.cost != null && !MONEY.test(String(o.cost))) throw fieldError(`options.${i}.cost`, "invalid_value");
  });
  let maxChoices: number | null = null;
  if (setup.kind === "choose" || (setup.kind === "budget" && setup.budgetRule === "up_to_k")) {
    maxChoices = setup.maxChoices ?? 1;
    if (!Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > options.length) {
      throw fieldError("maxChoices", "invalid_value");
    }
  }
  let fund: string | null = null;
  if (setup.kind === "budget") {
    if (setup.budgetRule !== "knapsack" && setup.budgetRule !== "up_to_k") throw fieldError("budgetRule", "required");
    if (setup.fund == null || !MONEY.test(String(setup.fund))) throw fieldError("fund", "invalid_value");
    fund = String(setup.fund);
  }
  if (setup.opensAt && setup.closesAt && setup.closesAt <= setup.opensAt) throw fieldError("closesAt", "votes_time_order");

  const row = await trx
    .insertInto("votes")
    .values({
      district_id: setup.districtId,
      area_id: setup.areaId,
      area_path: setup.areaPath,
      building_id: setup.buildingId ?? null,
      body_id: setup.bodyId ?? null,
      meeting_id: setup.meetingId ?? null,
      proposal_id: setup.proposalId ?? null,
      recall_member_id: setup.recallMemberId ?? null,
      title,
      description: setup.description?.trim() || null,
      kind: setup.kind,
      electorate: setup.electorate,
      secret: setup.secret,
      rule: JSON.stringify(normalized.rule),
      budget_rule: setup.kind === "budget" ? (setup.budgetRule ?? null) : null,
      fund,
      max_choices: maxChoices,
      opens_at: setup.opensAt ?? null,
      closes_at: setup.closesAt ?? null,
      created_by: setup.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.length > 0) {
    await trx
      .insertInto("vote_options")
      .values(
        options.map((o, i) => ({
          vote_id: row.id,
          position: i + 1,
          label: o.label,
          cost: o.cost ?? null,
          ref_id: o.refId ?? null,
        })),
      )
      .execute();
  }
  await appendAudit(trx, actor, {
    action: "vote.create",
    targetType: "vote",
    targetId: row.id,
    summary: {
      title,
      kind: setup.kind,
      electorate: setup.electorate,
      secret: setup.secret,
      rule: normalized.rule,
      options: options.length,
    },
  });
  return row.id;
}

/** The state and stored result of a vote (for the budget and deliberation modules). */
export async function voteOutcome(
  db: Kysely<DB>,
  id: string,
): Promise<{ status: string; passed: boolean | null; result: unknown } | null> {
  const v = await db.selectFrom("votes").select(["status", "passed", "result"]).where("id", "=", id).executeTakeFirst();
  return v ? { status: v.status, passed: v.passed, result: v.result } : null;
}

// ---------- reading ----------

async function loadVote(db: Kysely<DB>, id: string): Promise<VoteRow | undefined> {
  return db.selectFrom("votes").selectAll().where("id", "=", id).executeTakeFirst();
}

type Seen = { vote: VoteRow; participant: Participant | null };

/** The vote if the caller may see it (residents never see drafts); otherwise 404. */
export async function visibleVote(db: Kysely<DB>, user: SessionUser, id: string): Promise<Seen> {
  const vote = await loadVote(db, id);
  const participant = isResident(user) ? await participantOf(db, user) : null;
  if (!vote || !seesPath(vote.area_path, user, participant)) throw new AppError(404, "not_found");
  if (isResident(user) && vote.status === "draft") throw new AppError(404, "not_found");
  return { vote, participant };
}

async function managedVote(db: Kysely<DB>, user: SessionUser, id: string): Promise<VoteRow> {
  const { vote } = await visibleVote(db, user, id);
  if (!managesPath(vote.area_path, user)) throw new AppError(403, "forbidden");
  return vote;
}

async function optionsOf(db: Kysely<DB>, voteId: string) {
  return db
    .selectFrom("vote_options")
    .select(["id", "position", "label", "cost", "ref_id"])
    .where("vote_id", "=", voteId)
    .orderBy("position")
    .execute();
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The result of a vote as the caller may see it: staff once closed, everyone once published. */
function resultVisible(vote: VoteRow, user: SessionUser): boolean {
  if (vote.status === "published") return true;
  return vote.status === "closed" && !isResident(user);
}

export type VoteListQuery = {
  page: number;
  pageSize: number;
  status?: VoteStatus;
  areaId?: string;
  meetingId?: string;
  proposalId?: string;
  /** Residents: only votes I can still cast. */
  toCast?: boolean;
};

function personIds(user: SessionUser): string[] {
  return user.residentId ? [user.residentId, user.id] : [user.id];
}

export async function listVotes(db: Kysely<DB>, user: SessionUser, q: VoteListQuery) {
  const participant = isResident(user) ? await participantOf(db, user) : null;
  const persons = personIds(user);
  let query = db
    .selectFrom("votes as v")
    .innerJoin("areas as a", "a.id", "v.area_id")
    .where(seesSql("v.area_path", user, participant));
  if (isResident(user)) query = query.where("v.status", "!=", "draft");
  if (q.status) query = query.where("v.status", "=", q.status);
  if (q.meetingId) query = query.where("v.meeting_id", "=", q.meetingId);
  if (q.proposalId) query = query.where("v.proposal_id", "=", q.proposalId);
  if (q.areaId) {
    const area = await db.selectFrom("areas").select("path").where("id", "=", q.areaId).executeTakeFirst();
    if (!area) return { items: [], total: 0, totalCapped: false, page: q.page, pageSize: q.pageSize };
    query = query.where(sql<boolean>`v.area_path <@ ${area.path}::ltree`);
  }
  const mineElector = sql<string | null>`(select vv.elector_id from vote_voters vv where vv.vote_id = v.id and (${sql.join(
    persons.map((p) => sql`vv.person_id = ${p}`),
    sql` or `,
  )}) limit 1)`;
  if (q.toCast) {
    query = query
      .where("v.status", "=", "open")
      .where(sql<boolean>`${mineElector} is not null`)
      .where(sql<boolean>`not exists (select 1 from vote_turnout t where t.vote_id = v.id and t.elector_id = ${mineElector})`);
  }
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      "v.id",
      "v.title",
      "v.kind",
      "v.electorate",
      "v.secret",
      "v.status",
      "v.area_id",
      "a.name as area_name",
      "v.meeting_id",
      "v.proposal_id",
      "v.opens_at",
      "v.closes_at",
      "v.opened_at",
      "v.closed_at",
      "v.published_at",
      "v.electorate_count",
      "v.passed",
      "v.created_at",
    ])
    .select(mineElector.as("my_elector"))
    .select(sql<string>`(select count(*) from vote_turnout t where t.vote_id = v.id)`.as("turnout"))
    .select(
      sql<boolean>`exists (select 1 from vote_turnout t where t.vote_id = v.id and t.elector_id = ${mineElector})`.as("voted"),
    )
    .orderBy("v.created_at", "desc")
    .orderBy("v.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => {
      const showPassed = r.status === "published" || (r.status === "closed" && !isResident(user));
      return {
        id: r.id,
        title: r.title,
        kind: r.kind,
        electorate: r.electorate,
        secret: r.secret,
        status: r.status,
        areaId: r.area_id,
        areaName: r.area_name,
        meetingId: r.meeting_id,
        proposalId: r.proposal_id,
        opensAt: iso(r.opens_at),
        closesAt: iso(r.closes_at),
        openedAt: iso(r.opened_at),
        closedAt: iso(r.closed_at),
        publishedAt: iso(r.published_at),
        electorateCount: r.electorate_count,
        turnout: Number(r.turnout),
        passed: showPassed ? r.passed : null,
        me: {
          elector: r.my_elector !== null,
          voted: !!r.voted,
          canCast: r.status === "open" && r.my_elector !== null && !r.voted,
        },
      };
    }),
    total: Number(n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getVote(db: Kysely<DB>, user: SessionUser, id: string) {
  const { vote } = await visibleVote(db, user, id);
  const [options, area, body, meeting, member, turnout, mine] = await Promise.all([
    optionsOf(db, id),
    db.selectFrom("areas").select("name").where("id", "=", vote.area_id).executeTakeFirst(),
    vote.body_id ? db.selectFrom("bodies").select("name").where("id", "=", vote.body_id).executeTakeFirst() : undefined,
    vote.meeting_id ? db.selectFrom("meetings").select("title").where("id", "=", vote.meeting_id).executeTakeFirst() : undefined,
    vote.recall_member_id
      ? db.selectFrom("body_members").select("name").where("id", "=", vote.recall_member_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom("vote_turnout")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("vote_id", "=", id)
      .executeTakeFirstOrThrow(),
    myElector(db, user, id),
  ]);
  const voted = mine
    ? !!(await db
        .selectFrom("vote_turnout")
        .select("elector_id")
        .where("vote_id", "=", id)
        .where("elector_id", "=", mine)
        .executeTakeFirst())
    : false;
  const rule = vote.rule as unknown as VoteRule;
  const show = resultVisible(vote, user);
  return {
    id: vote.id,
    title: vote.title,
    description: vote.description,
    districtId: vote.district_id,
    areaId: vote.area_id,
    areaName: area?.name ?? "",
    buildingId: vote.building_id,
    bodyId: vote.body_id,
    bodyName: body?.name ?? null,
    meetingId: vote.meeting_id,
    meetingTitle: meeting?.title ?? null,
    proposalId: vote.proposal_id,
    recallMemberId: vote.recall_member_id,
    recallMemberName: member?.name ?? null,
    kind: vote.kind,
    electorate: vote.electorate,
    secret: vote.secret,
    status: vote.status,
    rule,
    ruleText: describeRule(vote.kind, vote.electorate, rule),
    budgetRule: vote.budget_rule,
    fund: vote.fund,
    maxChoices: vote.max_choices,
    opensAt: iso(vote.opens_at),
    closesAt: iso(vote.closes_at),
    openedAt: iso(vote.opened_at),
    closedAt: iso(vote.closed_at),
    publishedAt: iso(vote.published_at),
    electorateCount: vote.electorate_count,
    electorateArea: vote.electorate_area,
    turnout: Number(turnout.n),
    passed: show ? vote.passed : null,
    result: show ? (vote.result as unknown as VoteResult) : null,
    options: options.map((o) => ({ id: o.id, position: o.position, label: o.label, cost: o.cost, refId: o.ref_id })),
    me: { elector: mine !== null, voted, canCast: vote.status === "open" && mine !== null && !voted },
    canManage: managesPath(vote.area_path, user),
    canRecord: recordsPath(vote.area_path, user),
  };
}

async function myElector(db: Kysely<DB>, user: SessionUser, voteId: string): Promise<string | null> {
  const row = await db
    .selectFrom("vote_voters")
    .select("elector_id")
    .where("vote_id", "=", voteId)
    .where("person_id", "in", personIds(user))
    .executeTakeFirst();
  return row?.elector_id ?? null;
}

// ---------- life cycle ----------

function transition(vote: VoteRow, action: VoteAction): VoteStatus {
  const to = nextVoteStatus(vote.status, action);
  if (!to) throw new AppError(409, "votes_bad_status", { status: vote.status, action });
  return to;
}

/** Fills vote_electors and vote_voters for the electorate as it stands on `day`. */
async function snapshot(trx: Kysely<DB>, vote: VoteRow, day: string): Promise<void> {
  const v = vote.id;
  const cutoff = adultCutoff(day);
  const path = sql`${vote.area_path}::ltree`;
  const inBuilding = vote.building_id ? sql`and h.building_id = ${vote.building_id}` : sql``;
  const adult = sql`(r.birth_date is null or r.birth_date <= ${cutoff}::date)`;
  switch (vote.electorate) {
    case "body":
      await sql`insert into vote_electors (vote_id, elector_id, district_id, label, area, flats)
        select ${v}, m.id, m.district_id, m.name, 0, 1 from body_members m
        where m.body_id = ${vote.body_id} and m.term_start <= ${day}::date and m.ended_at is null
          and (m.term_end is null or m.term_end >= ${day}::date)`.execute(trx);
      await sql`insert into vote_voters (vote_id, person_id, elector_id)
        select ${v}, p.person_id, p.elector_id from (
          select m.resident_id as person_id, m.id as elector_id from body_members m
            join vote_electors e on e.vote_id = ${v} and e.elector_id = m.id where m.resident_id is not null
          union
          select m.user_id, m.id from body_members m
            join vote_electors e on e.vote_id = ${v} and e.elector_id = m.id where m.user_id is not null
        ) p on conflict do nothing`.execute(trx);
      return;
    case "residents":
      await sql`insert into vote_electors (vote_id, elector_id, district_id, label, area, flats)
        select ${v}, r.id, r.district_id, r.name, 0, 1 from residents r
        ${vote.building_id ? sql`join households h on h.id = r.household_id` : sql``}
        where r.area_path <@ ${path} and ${adult} ${inBuilding}`.execute(trx);
      await sql`insert into vote_voters (vote_id, person_id, elector_id)
        select ${v}, elector_id, elector_id from vote_electors where vote_id = ${v}`.execute(trx);
      return;
    case "households":
      await sql`insert into vote_electors (vote_id, elector_id, district_id, label, area, flats)
        select ${v}, h.id, h.district_id, h.address, coalesce(h.floor_area, 0), 1 from households h
        where h.area_path <@ ${path} ${inBuilding}`.execute(trx);
      await sql`insert into vote_voters (vote_id, person_id, elector_id)
        select ${v}, r.id, r.household_id from residents r
        join vote_electors e on e.vote_id = ${v} and e.elector_id = r.household_id
        where ${adult}`.execute(trx);
      return;
    case "owners":
      // The owner of a flat: household_owners, else the household head. One elector per owner,
      // holding the sum of their flats' floor area.
      await sql`insert into vote_electors (vote_id, elector_id, district_id, label, area, flats)
        select ${v}, r.id, r.district_id, r.name, sum(coalesce(x.floor_area, 0)), count(*)
        from (select coalesce(ho.owner_resident_id, h.head_resident_id) as owner, h.floor_area
              from households h left join household_owners ho on ho.household_id = h.id
              where h.area_path <@ ${path} ${inBuilding}) x
        join residents r on r.id = x.owner
        group by r.id, r.district_id, r.name`.execute(trx);
      await sql`insert into vote_voters (vote_id, person_id, elector_id)
        select ${v}, elector_id, elector_id from vote_electors where vote_id = ${v}`.execute(trx);
      return;
  }
}

export async function openVote(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  const vote = await managedVote(db, user, id);
  transition(vote, "open");
  if (vote.meeting_id) {
    const count = await meetingCount(db, vote.meeting_id, now);
    if (count && !count.reached) {
      throw new AppError(409, "votes_quorum_not_met", {
        expected: count.expected ?? 0,
        present: count.present,
        needed: count.needed ?? 0,
        short: count.short,
      });
    }
  }
  return db.transaction().execute((trx) => openVoteTx(trx, actor, id, now));
}

/** Opens a draft inside the caller's transaction: snapshots the electorate and tells electors with accounts. */
export async function openVoteTx(trx: Kysely<DB>, actor: Actor, id: string, now: Date) {
  const vote = await trx.selectFrom("votes").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
  if (vote.status !== "draft") throw new AppError(409, "votes_bad_status", { status: vote.status, action: "open" });
  await snapshot(trx, vote, dayOf(now));
  const totals = await trx
    .selectFrom("vote_electors")
    .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.sum<string | null>("area").as("area")])
    .where("vote_id", "=", id)
    .executeTakeFirstOrThrow();
  const electorateArea = vote.electorate === "owners" ? (totals.area ?? "0") : null;
  await trx
    .updateTable("votes")
    .set({
      status: "open",
      opened_at: now,
      electorate_count: Number(totals.n),
      electorate_area: electorateArea,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .execute();
  // Tell the electors who have accounts.
  // (Two joins, not one with OR: each can hash-join a large electorate.)
  await sql`insert into notifications (user_id, title, body)
    select x.id, ${`投票开始:${vote.title}`}, ${"请在“居民议事”中投票。"} from (
      select u.id from vote_voters vv join users u on u.resident_id = vv.person_id where vv.vote_id = ${id} and not u.disabled
      union
      select u.id from vote_voters vv join users u on u.id = vv.person_id where vv.vote_id = ${id} and not u.disabled
    ) x`.execute(trx);
  await appendAudit(trx, actor, {
    action: "vote.open",
    targetType: "vote",
    targetId: id,
    summary: { electorate: vote.electorate, electorateCount: Number(totals.n), electorateArea },
  });
  return { id, status: "open" as const, electorateCount: Number(totals.n), electorateArea };
}

/** Runs the tally over the stored ballots (the same function the recount uses). */
async function computeResult(db: Kysely<DB>, vote: VoteRow): Promise<VoteResult> {
  const [options, ballots] = await Promise.all([
    optionsOf(db, vote.id),
    db.selectFrom("vote_ballots").select(["choice", "area"]).where("vote_id", "=", vote.id).execute(),
  ]);
  return tallyVote(tallyInput(vote, options, ballots));
}

function tallyInput(
  vote: VoteRow,
  options: { id: string; position: number; label: string; cost: string | null; ref_id: string | null }[],
  ballots: { choice: string; area: string | null }[],
) {
  return {
    kind: vote.kind,
    electorate: vote.electorate,
    rule: vote.rule as unknown as VoteRule,
    electorateCount: vote.electorate_count ?? 0,
    electorateArea: vote.electorate_area,
    options: options.map((o): TallyOption => ({ id: o.id, position: o.position, label: o.label, cost: o.cost, refId: o.ref_id })),
    maxChoices: vote.max_choices,
    fund: vote.fund,
    ballots,
  };
}

export async function closeVote(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  const vote = await managedVote(db, user, id);
  transition(vote, "close");
  return db.transaction().execute((trx) => closeVoteTx(trx, actor, id, now));
}

/** Closes an open vote inside the caller's transaction: the tally, stored with the rule; a passed recall ends the term. */
export async function closeVoteTx(trx: Kysely<DB>, actor: Actor, id: string, now: Date) {
  // The lock waits for ballots being cast (they hold a key-share lock on the vote).
  const locked = await trx.selectFrom("votes").selectAll().where("id", "=", id).forUpdate().executeTakeFirstOrThrow();
  if (locked.status !== "open") throw new AppError(409, "votes_bad_status", { status: locked.status, action: "close" });
  const result = await computeResult(trx, locked);
  await trx
    .updateTable("votes")
    .set({
      status: "closed",
      closed_at: now,
      passed: result.passed,
      result: JSON.stringify(result),
      updated_at: now,
      version: sql`version + 1`,
    })
    .where("id", "=", id)
    .execute();
  let recalled: string | null = null;
  if (locked.recall_member_id && result.passed) {
    const ended = await trx
      .updateTable("body_members")
      .set({ ended_at: dayOf(now), end_reason: "recalled", updated_at: now })
      .where("id", "=", locked.recall_member_id)
      .where("ended_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    recalled = ended?.id ?? null;
  }
  await appendAudit(trx, actor, {
    action: "vote.close",
    targetType: "vote",
    targetId: id,
    summary: { passed: result.passed, turnout: result.turnout, checks: result.checks, recalledMemberId: recalled },
  });
  return { id, status: "closed" as const, passed: result.passed, result };
}

export async function publishVote(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, now = new Date()) {
  const vote = await managedVote(db, user, id);
  transition(vote, "publish");
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("votes")
      .set({ status: "published", published_at: now, updated_at: now, version: sql`version + 1` })
      .where("id", "=", id)
      .where("status", "=", "closed")
      .returning("id")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, { action: "vote.publish", targetType: "vote", targetId: id, summary: { passed: vote.passed } });
    return { id, status: "published" as const };
  });
}

export async function cancelVote(db: Kysely<DB>, user: SessionUser, actor: Actor, id: string, reason: string, now = new Date()) {
  const vote = await managedVote(db, user, id);
  transition(vote, "cancel");
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("votes")
      .set({ status: "cancelled", cancelled_at: now, updated_at: now, version: sql`version + 1` })
      .where("id", "=", id)
      .where("status", "in", ["draft", "open"])
      .returning("id")
      .executeTakeFirst();
    if (!done) throw new AppError(409, "conflict");
    await appendAudit(trx, actor, {
      action: "vote.cancel",
      targetType: "vote",
      targetId: id,
      summary: { reason, from: vote.status },
    });
    return { id, status: "cancelled" as const };
  });
}

// ---------- ballots ----------

function newReceipt(): string {
  return receiptFrom(randomBytes(12));
}

type VoteForBallot = {
  id: string;
  district_id: string;
  area_path: string;
  kind: VoteRow["kind"];
  electorate: VoteRow["electorate"];
  secret: boolean;
  max_choices: number | null;
  budget_rule: VoteRow["budget_rule"];
  fund: string | null;
};

/** Who casts: a known elector (paper ballots) or the caller's person ids, resolved in the statement. */
type Caster = { electorId: string } | { personIds: string[] };

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "23505";

type Recorded = { receipt: string | null; open: boolean; elector: string | null };

/**
 * Records one ballot in ONE statement (one round trip, one commit): the vote must be open (a
 * key-share lock, so closing waits for it), the elector is looked up, the turnout row is written
 * (its primary key refuses a second ballot), then the ballot, for open votes the ballot–elector
 * link, and the audit entry (as appendAudit writes it; never the choice or the receipt). Secret votes
 * keep turnout and ballot apart.
 */
async function record(
  db: Kysely<DB>,
  actor: Actor,
  vote: VoteForBallot,
  caster: Caster,
  choice: string,
  paper: { serial: string; by: string; elector: string } | null,
  now: Date,
): Promise<Recorded> {
  const channel = paper ? "paper" : "online";
  const summary = JSON.stringify(paper ? { channel, serial: paper.serial, elector: paper.elector } : { channel });
  const action = paper ? "vote.paper_ballot" : "vote.cast";
  const elector =
    "electorId" in caster
      ? sql`select elector_id, area from vote_electors where vote_id = ${vote.id} and elector_id = ${caster.electorId}`
      : sql`select vv.elector_id, el.area from vote_voters vv
            join vote_electors el on el.vote_id = vv.vote_id and el.elector_id = vv.elector_id
            where vv.vote_id = ${vote.id} and vv.person_id in (${sql.join(caster.personIds)}) limit 1`;
  for (let attempt = 0; ; attempt++) {
    const receipt = newReceipt();
    try {
      const { rows } = await sql<{ open: string; elector: string | null; cast: string }>`
        with v as (
          select id from votes
          where id = ${vote.id} and status = 'open' and (closes_at is null or closes_at >= ${now})
          for key share
        ), e as (${elector}), t as (
          insert into vote_turnout (vote_id, elector_id, district_id, channel, paper_serial, recorded_by)
          select v.id, e.elector_id, ${vote.district_id}, ${channel}, ${paper?.serial ?? null}, ${paper?.by ?? null} from v, e
          on conflict do nothing
          returning vote_id, elector_id
        ), b as (
          insert into vote_ballots (vote_id, receipt, choice, area)
          select t.vote_id, ${receipt}, ${choice}, case when ${vote.electorate === "owners"} then e.area end from t, e
          returning id
        ), o as (
          insert into vote_open_ballots (ballot_id, vote_id, elector_id)
          select b.id, t.vote_id, t.elector_id from b, t where ${!vote.secret}
          returning ballot_id
        ), a as (
          -- data-modifying CTEs run to completion whether or not the final select reads them
          insert into audit_log (at, actor_id, actor_name, action, target_type, target_id, summary, ip)
          select ${now}, ${actor.userId}, ${actor.username}, ${action}, 'vote', ${vote.id}, ${summary}::jsonb, ${actor.ip} from b
          returning seq
        )
        select (select count(*) from v) as open, (select elector_id from e) as elector, (select count(*) from b) as cast`.execute(
        db,
      );
      const r = rows[0];
      return { receipt: Number(r.cast) === 1 ? receipt : null, open: Number(r.open) === 1, elector: r.elector };
    } catch (e) {
      // A receipt already drawn in this vote (about 1 in 10^14 per ballot): nothing was written; draw again.
      if (isUniqueViolation(e) && attempt < 3) continue;
      throw e;
    }
  }
}

/** Why a ballot was not recorded: not open, or already cast (or, on paper, a serial used before). */
async function refusal(db: Kysely<DB>, voteId: string, r: Recorded, paperSerial: string | null): Promise<AppError> {
  if (!r.open) return new AppError(409, "votes_not_open");
  if (!paperSerial) return new AppError(409, "votes_already_voted");
  const already = await db
    .selectFrom("vote_turnout")
    .select("elector_id")
    .where("vote_id", "=", voteId)
    .where("elector_id", "=", r.elector as string)
    .executeTakeFirst();
  return already ? new AppError(409, "votes_already_voted") : new AppError(409, "votes_serial_used", { serial: paperSerial });
}

// What a ballot is checked against never changes once a vote is set up (only its status does, and
// the statement checks that), so it is kept in memory.
type BallotStatic = VoteForBallot & { options: { id: string; position: number; cost: string | null }[] };
const staticCache = new Map<string, BallotStatic>();

async function ballotStatic(db: Kysely<DB>, id: string): Promise<BallotStatic | null> {
  const hit = staticCache.get(id);
  if (hit) return hit;
  const v = await db
    .selectFrom("votes")
    .select(["id", "district_id", "area_path", "kind", "electorate", "secret", "max_choices", "budget_rule", "fund"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!v) return null;
  const options =
    v.kind === "yes_no" ? [] : (await optionsOf(db, id)).map((o) => ({ id: o.id, position: o.position, cost: o.cost }));
  const out = { ...v, options };
  if (staticCache.size > 1000) staticCache.clear();
  staticCache.set(id, out);
  return out;
}

function encodeOrThrow(st: BallotStatic, input: BallotInput): string {
  const out = encodeBallot(
    { kind: st.kind, maxChoices: st.max_choices, budgetRule: st.budget_rule, fund: st.fund, options: st.options },
    input,
  );
  if ("problem" in out) throw fieldError(out.problem.path, out.problem.code, out.problem.params);
  return out.choice;
}

/** Why the caller cannot cast: unseen or draft → 404; not open → 409; not in the electorate → 403. */
async function castRefusal(db: Kysely<DB>, user: SessionUser, id: string): Promise<AppError> {
  const v = await db.selectFrom("votes").select(["status", "area_path"]).where("id", "=", id).executeTakeFirst();
  if (!v || v.status === "draft") return new AppError(404, "not_found");
  const participant = isResident(user) ? await participantOf(db, user) : null;
  if (!seesPath(v.area_path, user, participant)) return new AppError(404, "not_found");
  if (v.status !== "open") return new AppError(409, "votes_not_open");
  return new AppError(403, "votes_not_elector");
}

/**
 * A resident (or a member's account) casts their own ballot online. Returns the receipt, once.
 * The common case is two round trips: the session, then one statement.
 */
export async function castOnline(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: BallotInput,
  now = new Date(),
) {
  if (!user.permissions.includes("decide.participate") && !user.permissions.includes("decide.read")) {
    throw new AppError(403, "forbidden");
  }
  const st = await ballotStatic(db, id);
  if (!st) throw new AppError(404, "not_found");
  let choice: string;
  try {
    choice = encodeOrThrow(st, input);
  } catch (e) {
    // Say "no such vote" or "not yours" before "bad choice" to those who cannot cast at all.
    const r = await castRefusal(db, user, id);
    throw r.status === 403 ? e : r;
  }
  const r = await record(db, actor, st, { personIds: personIds(user) }, choice, null, now);
  if (r.receipt) return { receipt: r.receipt };
  if (!r.elector || !r.open) throw await castRefusal(db, user, id);
  throw await refusal(db, id, r, null);
}

export type PaperInput = BallotInput & { serial: string; electorId: string };

/** Staff enter one paper ballot, naming the elector who handed it in; each serial once per vote. */
export async function castPaper(
  db: Kysely<DB>,
  user: SessionUser,
  actor: Actor,
  id: string,
  input: PaperInput,
  now = new Date(),
) {
  const { vote } = await visibleVote(db, user, id);
  if (!recordsPath(vote.area_path, user)) throw new AppError(403, "forbidden");
  if (vote.status !== "open") throw new AppError(409, "votes_not_open");
  const serial = input.serial.trim();
  if (!serial) throw fieldError("serial", "required");
  const elector = await db
    .selectFrom("vote_electors")
    .select(["elector_id", "label"])
    .where("vote_id", "=", id)
    .where("elector_id", "=", input.electorId)
    .executeTakeFirst();
  if (!elector) throw fieldError("electorId", "votes_not_in_electorate");
  const st = (await ballotStatic(db, id)) as BallotStatic;
  const choice = encodeOrThrow(st, input);
  const r = await record(
    db,
    actor,
    st,
    { electorId: elector.elector_id },
    choice,
    { serial, by: user.id, elector: elector.label },
    now,
  );
  if (r.receipt) return { receipt: r.receipt };
  throw await refusal(db, id, r, serial);
}

// ---------- electorate, results, the published ballot list ----------

export async function listElectors(
  db: Kysely<DB>,
  user: SessionUser,
  id: string,
  q: { page: number; pageSize: number; search?: string; voted?: boolean },
) {
  const { vote } = await visibleVote(db, user, id);
  if (isResident(user)) throw new AppError(403, "forbidden");
  let query = db
    .selectFrom("vote_electors as e")
    .leftJoin("vote_turnout as t", (j) => j.onRef("t.vote_id", "=", "e.vote_id").onRef("t.elector_id", "=", "e.elector_id"))
    .where("e.vote_id", "=", vote.id);
  if (q.search) query = query.where("e.label", "like", `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (q.voted !== undefined) query = query.where("t.elector_id", q.voted ? "is not" : "is", null);
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["e.elector_id", "e.label", "e.area", "e.flats", "t.channel", "t.paper_serial"])
    .orderBy("e.label")
    .orderBy("e.elector_id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      electorId: r.elector_id,
      label: r.label,
      area: r.area,
      flats: r.flats,
      voted: r.channel !== null,
      channel: r.channel,
      paperSerial: r.paper_serial,
    })),
    total: Number(n),
    totalCapped: false,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function voteResult(db: Kysely<DB>, user: SessionUser, id: string) {
  const { vote } = await visibleVote(db, user, id);
  if (!resultVisible(vote, user)) throw new AppError(409, "votes_not_published");
  const rule = vote.rule as unknown as VoteRule;
  return {
    id: vote.id,
    status: vote.status,
    passed: vote.passed,
    rule,
    ruleText: describeRule(vote.kind, vote.electorate, rule),
    result: vote.result as unknown as VoteResult,
  };
}

function decodeChoice(kind: VoteRow["kind"], choice: string, labels: Map<number, string>): string[] {
  if (kind === "yes_no") return [choice];
  return positionsOf(choice).map((p) => labels.get(p) ?? String(p));
}

/** The published ballot list: receipt, choice (and floor area in owners' votes), ordered by receipt. */
export async function ballotList(db: Kysely<DB>, user: SessionUser, id: string) {
  const { vote } = await visibleVote(db, user, id);
  if (vote.status !== "published") throw new AppError(409, "votes_not_published");
  const [options, ballots] = await Promise.all([
    optionsOf(db, id),
    db.selectFrom("vote_ballots").select(["receipt", "choice", "area"]).where("vote_id", "=", id).orderBy("receipt").execute(),
  ]);
  const labels = new Map(options.map((o) => [o.position, o.label]));
  return {
    kind: vote.kind,
    options: options.map((o) => ({ id: o.id, position: o.position, label: o.label })),
    items: ballots.map((b) => ({
      receipt: b.receipt,
      choice: b.choice,
      labels: decodeChoice(vote.kind, b.choice, labels),
      area: b.area,
    })),
  };
}

/** Anyone who can see the vote checks a receipt: which choice it recorded. */
export async function checkReceipt(db: Kysely<DB>, user: SessionUser, id: string, code: string) {
  const { vote } = await visibleVote(db, user, id);
  const receipt = normalizeReceipt(code);
  if (!receipt) throw fieldError("receipt", "votes_receipt_format");
  if (vote.status === "draft" || vote.status === "cancelled") return { receipt, found: false, choice: null, labels: [] };
  const b = await db
    .selectFrom("vote_ballots")
    .select(["choice"])
    .where("vote_id", "=", id)
    .where("receipt", "=", receipt)
    .executeTakeFirst();
  if (!b) return { receipt, found: false, choice: null, labels: [] };
  const labels = new Map((await optionsOf(db, id)).map((o) => [o.position, o.label]));
  return { receipt, found: true, choice: b.choice, labels: decodeChoice(vote.kind, b.choice, labels) };
}

/** Recounts the published ballot list with the same tally function and compares with the stored result. */
export async function recount(db: Kysely<DB>, user: SessionUser, id: string) {
  const { vote } = await visibleVote(db, user, id);
  if (vote.status !== "published") throw new AppError(409, "votes_not_published");
  const recounted = await computeResult(db, vote);
  const stored = vote.result as unknown as VoteResult;
  const matches = canonical(comparable(recounted)) === canonical(comparable(stored));
  return { matches, ballots: recounted.turnout, recounted, stored };
}

/** JSON with sorted keys (jsonb does not keep key order). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

const comparable = (r: VoteResult) => ({
  turnout: r.turnout,
  turnoutArea: r.turnoutArea,
  counts: r.counts,
  areas: r.areas,
  options: r.options?.map((o) => [o.id, o.votes]) ?? null,
  winners: r.winners,
  passed: r.passed,
});
