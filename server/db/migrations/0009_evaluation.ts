// Residents decide: evaluation surveys (评议) and direct rating of cadres (居民直评社区干部).
// An item whose satisfaction rate (satisfied ÷ all ratings) is below the survey's threshold
// (threshold_num / threshold_den, default 1/3, compared exactly in integers) is reopened at close.
export const name = "0009_evaluation";

export const up: string[] = [
  `create table surveys (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    title text not null,
    description text,
    kind text not null check (kind in ('decisions','projects','units','cadres','mixed')),
    status text not null default 'draft' check (status in ('draft','open','closed')),
    threshold_num integer not null default 1,
    threshold_den integer not null default 3,
    opens_at timestamptz,
    closes_at timestamptz,
    opened_at timestamptz,
    closed_at timestamptz,
    published_at timestamptz,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (threshold_den > 0 and threshold_num >= 0 and threshold_num <= threshold_den),
    check (opens_at is null or closes_at is null or opens_at < closes_at)
  )`,
  `create index surveys_path_gist on surveys using gist (area_path)`,
  `create index surveys_status_idx on surveys (status, closes_at)`,

  `create table survey_items (
    id uuid primary key default gen_random_uuid(),
    survey_id uuid not null references surveys(id) on delete cascade,
    district_id uuid not null,
    position integer not null,
    target_type text not null check (target_type in ('proposal','project','unit','cadre','decision','other')),
    target_id uuid,
    label text not null,
    owner_user_id uuid references users(id),
    status text not null default 'open' check (status in ('open','kept','reopened')),
    satisfied integer,
    basic integer,
    dissatisfied integer,
    comments integer,
    decided_at timestamptz,
    unique (survey_id, position)
  )`,
  `create unique index survey_items_target_idx on survey_items (survey_id, target_type, target_id) where target_id is not null`,
  `create index survey_items_owner_idx on survey_items (owner_user_id)`,

  // One response per resident per survey, online or entered from paper by staff.
  `create table survey_responses (
    id uuid primary key default gen_random_uuid(),
    survey_id uuid not null references surveys(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid not null references residents(id),
    channel text not null check (channel in ('online','paper')),
    user_id uuid references users(id),
    created_at timestamptz not null default now(),
    unique (survey_id, resident_id)
  )`,

  `create table survey_ratings (
    id uuid primary key default gen_random_uuid(),
    response_id uuid not null references survey_responses(id) on delete cascade,
    survey_id uuid not null references surveys(id) on delete cascade,
    item_id uuid not null references survey_items(id) on delete cascade,
    district_id uuid not null,
    rating text not null check (rating in ('satisfied','basic','dissatisfied')),
    comment text,
    created_at timestamptz not null default now(),
    unique (response_id, item_id)
  )`,
  `create index survey_ratings_item_idx on survey_ratings (item_id, rating)`,
];
