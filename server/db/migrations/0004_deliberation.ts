// Residents decide: bodies and members, proposals and their backing, decision flows (helper A).
export const name = "0004_deliberation";

export const up: string[] = [
  // Bodies of a community, compound or building (居民代表会议, 居委会, 两委, 党员大会, ...).
  `create table bodies (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    kind text not null check (kind in ('representatives','rep_working_committee','residents_committee',
      'party_committee','two_committees','party_members','consultation','owners_committee',
      'compound_council','supervision')),
    name text not null,
    building_id uuid references buildings(id),
    quorum_ratio numeric(5,4) not null default 0.6667 check (quorum_ratio > 0 and quorum_ratio <= 1),
    backing_rep_ratio numeric(5,4) not null default 0.10 check (backing_rep_ratio >= 0 and backing_rep_ratio <= 1),
    backing_households integer not null default 50 check (backing_households >= 1),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index bodies_path_gist on bodies using gist (area_path)`,
  `create index bodies_area_idx on bodies (area_id, kind)`,

  // Members: residents or users; ended members stay listed (history) with an end reason.
  `create table body_members (
    id uuid primary key default gen_random_uuid(),
    body_id uuid not null references bodies(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid references residents(id),
    user_id uuid references users(id),
    name text not null,
    role text not null default 'member' check (role in ('chair','vice_chair','secretary','member')),
    term_start date not null,
    term_end date,
    ended_at date,
    end_reason text check (end_reason in ('term_end','resigned','recalled','moved')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (resident_id is not null or user_id is not null),
    check ((ended_at is null) = (end_reason is null)),
    check (term_end is null or term_end >= term_start)
  )`,
  `create index body_members_body_idx on body_members (body_id, ended_at)`,
  `create index body_members_resident_idx on body_members (resident_id) where resident_id is not null`,
  `create index body_members_user_idx on body_members (user_id) where user_id is not null`,
  // One open membership per person per body.
  `create unique index body_members_open_resident_idx on body_members (body_id, resident_id)
     where ended_at is null and resident_id is not null`,
  `create unique index body_members_open_user_idx on body_members (body_id, user_id)
     where ended_at is null and user_id is not null and resident_id is null`,

  // Decision flow templates: built-ins (district_id null) and a district's own.
  `create table flow_templates (
    id uuid primary key default gen_random_uuid(),
    district_id uuid,
    code text not null,
    name_zh text not null,
    name_en text not null,
    steps jsonb not null,
    builtin boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create unique index flow_templates_code_idx on flow_templates
     (coalesce(district_id, '00000000-0000-0000-0000-000000000000'::uuid), code)`,

  // Proposals (提案): draft → collecting backing → decision flow.
  `create table proposals (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    body_id uuid references bodies(id),
    author_kind text not null check (author_kind in ('resident','representative','staff')),
    author_resident_id uuid references residents(id),
    author_user_id uuid references users(id),
    author_name text not null,
    title text not null,
    content text not null,
    category text not null,
    estimated_cost numeric(14,2) check (estimated_cost is null or estimated_cost >= 0),
    status text not null default 'draft' check (status in ('draft','collecting','lapsed','in_flow','returned',
      'adopted','completed','rejected','withdrawn')),
    decision text check (decision in ('adopted','rejected')),
    flow_code text not null default 'statutory',
    flow_name_zh text,
    flow_name_en text,
    flow_steps jsonb,
    current_step integer,
    threshold_households integer,
    threshold_rep_ratio numeric(5,4),
    threshold_reps integer,
    rep_count integer,
    backing_households integer not null default 0,
    backing_reps integer not null default 0,
    backing_count integer not null default 0,
    backing_deadline timestamptz,
    submitted_at timestamptz,
    threshold_reached_at timestamptz,
    lapsed_at timestamptz,
    adopted_at timestamptz,
    rejected_at timestamptz,
    completed_at timestamptz,
    version integer not null default 0,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index proposals_path_gist on proposals using gist (area_path)`,
  `create index proposals_status_idx on proposals (status, backing_deadline)`,
  `create index proposals_author_idx on proposals (author_resident_id)`,
  `create index proposals_submitted_idx on proposals (district_id, submitted_at)`,

  // One backing per resident per proposal; the household is taken from the registry.
  `create table proposal_backings (
    id uuid primary key default gen_random_uuid(),
    proposal_id uuid not null references proposals(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid not null references residents(id),
    household_id uuid references households(id),
    representative boolean not null default false,
    channel text not null check (channel in ('online','paper')),
    user_id uuid references users(id),
    recorded_by uuid references users(id),
    backed_at timestamptz not null default now(),
    unique (proposal_id, resident_id)
  )`,
  `create index proposal_backings_household_idx on proposal_backings (proposal_id, household_id)`,

  // Recorded flow steps; a returned step is recorded again in the next round.
  `create table proposal_steps (
    id uuid primary key default gen_random_uuid(),
    proposal_id uuid not null references proposals(id) on delete cascade,
    district_id uuid not null,
    step_index integer not null,
    step_key text not null,
    step_kind text not null,
    round integer not null default 1,
    outcome text not null check (outcome in ('pass','return','reject')),
    minutes text,
    meeting_id uuid,
    vote_id uuid,
    recorded_by uuid references users(id),
    recorded_by_name text,
    recorded_at timestamptz not null default now(),
    unique (proposal_id, step_index, round)
  )`,

  // The proposal's timeline (drafted, submitted, backed to threshold, revised, ...).
  `create table proposal_events (
    id bigint generated always as identity primary key,
    proposal_id uuid not null references proposals(id) on delete cascade,
    district_id uuid not null,
    at timestamptz not null default now(),
    actor_id uuid,
    actor_name text,
    action text not null,
    from_status text,
    to_status text,
    note text,
    data jsonb not null default '{}'
  )`,
  `create index proposal_events_proposal_idx on proposal_events (proposal_id, id)`,

  // Generic attachments of every decision area (owner_type + owner_id; scope through the owner).
  `create table decide_files (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    owner_type text not null,
    owner_id uuid not null,
    name text not null,
    mime text not null,
    size integer not null,
    storage_key text not null,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index decide_files_owner_idx on decide_files (owner_type, owner_id)`,
];
