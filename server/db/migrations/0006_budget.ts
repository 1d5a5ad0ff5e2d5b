// Residents decide: participatory budget funds, rounds and project ideas (helper C1).
export const name = "0006_budget";

export const up: string[] = [
  // The yearly public-service special fund (公共服务专项资金) of an area; no row means the default.
  `create table budget_funds (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    year integer not null check (year between 2000 and 2100),
    amount numeric(14,2) not null check (amount >= 0),
    note text,
    updated_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (area_id, year)
  )`,
  `create index budget_funds_path_gist on budget_funds using gist (area_path)`,

  // A round: collect ideas → costing → voting → results → implementation (or cancelled).
  `create table budget_rounds (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    year integer not null check (year between 2000 and 2100),
    title text not null,
    description text,
    phase text not null default 'collect'
      check (phase in ('collect','costing','voting','results','implementation','cancelled')),
    fund numeric(14,2) not null check (fund >= 0),
    ballot_rule text not null default 'knapsack' check (ballot_rule in ('knapsack','up_to_k')),
    max_choices integer check (max_choices is null or max_choices >= 1),
    electorate text not null default 'residents' check (electorate in ('residents','households')),
    vote_id uuid references votes(id),
    outcome jsonb,
    disclosure_id uuid,
    cancel_reason text,
    created_by uuid references users(id),
    phase_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (ballot_rule <> 'up_to_k' or max_choices is not null)
  )`,
  `create index budget_rounds_path_gist on budget_rounds using gist (area_path)`,
  `create index budget_rounds_area_idx on budget_rounds (area_id, year)`,
  // One live round per area and year.
  `create unique index budget_rounds_live_idx on budget_rounds (area_id, year) where phase <> 'cancelled'`,
  `create unique index budget_rounds_vote_idx on budget_rounds (vote_id) where vote_id is not null`,

  // Project ideas: residents submit them in 'collect'; staff cost them in 'costing'.
  `create table budget_ideas (
    id uuid primary key default gen_random_uuid(),
    round_id uuid not null references budget_rounds(id) on delete cascade,
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    title text not null,
    description text,
    location text,
    estimated_cost numeric(14,2) check (estimated_cost is null or estimated_cost >= 0),
    resident_id uuid references residents(id),
    submitted_by uuid references users(id),
    cost numeric(14,2) check (cost is null or cost >= 0),
    feasible boolean,
    feasibility_note text,
    costed_by uuid references users(id),
    costed_at timestamptz,
    project_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (feasible is distinct from true or cost is not null)
  )`,
  `create index budget_ideas_round_idx on budget_ideas (round_id, created_at)`,
  `create index budget_ideas_path_gist on budget_ideas using gist (area_path)`,
  // The same resident cannot submit the same title twice in a round.
  `create unique index budget_ideas_resident_title_idx on budget_ideas (round_id, resident_id, title)
     where resident_id is not null`,
];
