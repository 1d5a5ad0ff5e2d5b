// Residents decide: meetings, attendance, votes, electorates and ballots (helper B).
// Secret ballots: no table holds both a voter and a choice. vote_turnout says who took part (no
// choice, no time); vote_ballots holds the choices (random id, receipt, no voter, no time). Only
// open votes link a ballot to its elector, in vote_open_ballots (no choice column either).
export const name = "0005_votes";

export const up: string[] = [
  // Who owns a flat (art. 278 owners' votes); without a row the household head is the owner.
  `create table household_owners (
    household_id uuid primary key references households(id) on delete cascade,
    owner_resident_id uuid not null references residents(id),
    district_id uuid not null,
    updated_by uuid references users(id),
    updated_at timestamptz not null default now()
  )`,
  `create index household_owners_owner_idx on household_owners (owner_resident_id)`,

  `create table meetings (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    body_id uuid references bodies(id),
    kind text not null check (kind in ('public_opinion','hearing','coordination','evaluation',
      'opinion_gathering','consultation','body','open_space')),
    title text not null,
    description text,
    place text,
    starts_at timestamptz not null,
    ends_at timestamptz,
    public boolean not null default true,
    quorum_ratio numeric(5,4) check (quorum_ratio is null or (quorum_ratio > 0 and quorum_ratio <= 1)),
    expected_count integer check (expected_count is null or expected_count >= 0),
    checkin_code text not null,
    status text not null default 'scheduled' check (status in ('scheduled','in_progress','closed','published','cancelled')),
    minutes text,
    decisions text,
    notified_at timestamptz,
    started_at timestamptz,
    closed_at timestamptz,
    published_at timestamptz,
    version integer not null default 0,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (kind <> 'body' or body_id is not null)
  )`,
  `create index meetings_path_gist on meetings using gist (area_path)`,
  `create index meetings_time_idx on meetings (district_id, starts_at)`,
  `create index meetings_body_idx on meetings (body_id) where body_id is not null`,

  // Sign-in: one row per person per meeting.
  `create table meeting_attendance (
    id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null references meetings(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid references residents(id),
    user_id uuid references users(id),
    body_member_id uuid references body_members(id),
    name text not null,
    method text not null check (method in ('staff','code')),
    recorded_by uuid references users(id),
    signed_in_at timestamptz not null default now(),
    check (resident_id is not null or user_id is not null)
  )`,
  `create unique index meeting_attendance_resident_idx on meeting_attendance (meeting_id, resident_id)
     where resident_id is not null`,
  `create unique index meeting_attendance_user_idx on meeting_attendance (meeting_id, user_id)
     where user_id is not null and resident_id is null`,
  `create unique index meeting_attendance_member_idx on meeting_attendance (meeting_id, body_member_id)
     where body_member_id is not null`,

  `create table meeting_agenda_items (
    id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null references meetings(id) on delete cascade,
    district_id uuid not null,
    position integer not null,
    title text not null,
    notes text,
    proposal_id uuid references proposals(id),
    order_id uuid references orders(id),
    vote_id uuid,
    outcome text check (outcome in ('passed','rejected','returned','noted','deferred')),
    decision text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index meeting_agenda_meeting_idx on meeting_agenda_items (meeting_id, position)`,
  `create index meeting_agenda_proposal_idx on meeting_agenda_items (proposal_id) where proposal_id is not null`,

  // Open-space meetings: participants propose topics (groups), join them and keep notes.
  `create table open_space_topics (
    id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null references meetings(id) on delete cascade,
    district_id uuid not null,
    title text not null,
    description text,
    proposer_name text not null,
    proposer_resident_id uuid references residents(id),
    proposer_user_id uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index open_space_topics_meeting_idx on open_space_topics (meeting_id, created_at)`,
  `create table open_space_participants (
    id uuid primary key default gen_random_uuid(),
    topic_id uuid not null references open_space_topics(id) on delete cascade,
    meeting_id uuid not null references meetings(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid references residents(id),
    user_id uuid references users(id),
    name text not null,
    joined_at timestamptz not null default now(),
    check (resident_id is not null or user_id is not null)
  )`,
  `create unique index open_space_participants_resident_idx on open_space_participants (topic_id, resident_id)
     where resident_id is not null`,
  `create unique index open_space_participants_user_idx on open_space_participants (topic_id, user_id)
     where user_id is not null and resident_id is null`,
  `create table open_space_notes (
    id uuid primary key default gen_random_uuid(),
    topic_id uuid not null references open_space_topics(id) on delete cascade,
    meeting_id uuid not null references meetings(id) on delete cascade,
    district_id uuid not null,
    body text not null,
    author_name text not null,
    author_user_id uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index open_space_notes_topic_idx on open_space_notes (topic_id, created_at)`,

  `create table votes (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    building_id uuid references buildings(id),
    body_id uuid references bodies(id),
    meeting_id uuid references meetings(id),
    proposal_id uuid references proposals(id),
    recall_member_id uuid references body_members(id),
    title text not null,
    description text,
    kind text not null check (kind in ('yes_no','choose','budget')),
    electorate text not null check (electorate in ('body','residents','households','owners')),
    secret boolean not null default false,
    status text not null default 'draft' check (status in ('draft','open','closed','published','cancelled')),
    rule jsonb not null,
    budget_rule text check (budget_rule in ('knapsack','up_to_k')),
    fund numeric(14,2) check (fund is null or fund >= 0),
    max_choices integer check (max_choices is null or max_choices >= 1),
    opens_at timestamptz,
    closes_at timestamptz,
    opened_at timestamptz,
    closed_at timestamptz,
    published_at timestamptz,
    cancelled_at timestamptz,
    electorate_count integer,
    electorate_area numeric(16,2),
    passed boolean,
    result jsonb,
    version integer not null default 0,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (electorate <> 'body' or body_id is not null),
    check (recall_member_id is null or (electorate = 'body' and kind = 'yes_no')),
    check (kind <> 'budget' or budget_rule is not null)
  )`,
  `create index votes_path_gist on votes using gist (area_path)`,
  `create index votes_status_idx on votes (district_id, status, created_at)`,
  `create index votes_meeting_idx on votes (meeting_id) where meeting_id is not null`,
  `create index votes_proposal_idx on votes (proposal_id) where proposal_id is not null`,
  `alter table meeting_agenda_items add constraint meeting_agenda_items_vote_fk foreign key (vote_id) references votes(id)`,

  `create table vote_options (
    id uuid primary key default gen_random_uuid(),
    vote_id uuid not null references votes(id) on delete cascade,
    position integer not null check (position >= 1),
    label text not null,
    cost numeric(14,2) check (cost is null or cost >= 0),
    ref_id uuid,
    unique (vote_id, position)
  )`,

  // The electorate, snapshotted when the vote opens. elector_id is a body member, a resident, a
  // household or an owner (a resident); area is the floor area an owner holds (sum of their flats).
  `create table vote_electors (
    vote_id uuid not null references votes(id) on delete cascade,
    elector_id uuid not null,
    district_id uuid not null,
    label text not null,
    area numeric(14,2) not null default 0,
    flats integer not null default 1,
    primary key (vote_id, elector_id)
  )`,
  // Who may cast online for which elector: a resident (or a member's user account) → the elector.
  `create table vote_voters (
    vote_id uuid not null,
    person_id uuid not null,
    elector_id uuid not null,
    primary key (vote_id, person_id),
    foreign key (vote_id, elector_id) references vote_electors (vote_id, elector_id) on delete cascade
  )`,
  `create index vote_voters_elector_idx on vote_voters (vote_id, elector_id)`,

  // Turnout: who took part (once each, by the primary key). No choice and no time.
  `create table vote_turnout (
    vote_id uuid not null,
    elector_id uuid not null,
    district_id uuid not null,
    channel text not null check (channel in ('online','paper')),
    paper_serial text,
    recorded_by uuid references users(id),
    primary key (vote_id, elector_id),
    foreign key (vote_id, elector_id) references vote_electors (vote_id, elector_id) on delete cascade,
    unique (vote_id, paper_serial),
    check ((channel = 'paper') = (paper_serial is not null))
  )`,

  // Ballots: random id, receipt and choice; no voter and no time. area: owners' votes only.
  `create table vote_ballots (
    id uuid primary key default gen_random_uuid(),
    vote_id uuid not null references votes(id) on delete cascade,
    receipt text not null,
    choice text not null,
    area numeric(14,2),
    unique (vote_id, receipt)
  )`,

  // Open (non-secret) votes only: which elector cast which ballot.
  `create table vote_open_ballots (
    ballot_id uuid primary key references vote_ballots(id) on delete cascade,
    vote_id uuid not null references votes(id) on delete cascade,
    elector_id uuid not null,
    unique (vote_id, elector_id)
  )`,
  `create function gz_vote_open_ballot_check() returns trigger language plpgsql as $$
   begin
     if exists (select 1 from votes where id = new.vote_id and secret) then
       raise exception 'vote % is secret: ballots are not linked to electors', new.vote_id;
     end if;
     return new;
   end $$`,
  `create trigger vote_open_ballots_secret_check before insert or update on vote_open_ballots
     for each row execute function gz_vote_open_ballot_check()`,
];
