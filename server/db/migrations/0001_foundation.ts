// Foundation schema: areas and grids, buildings, households, residents, identity, audit.
// Area-owned tables carry district_id (the future Citus distribution key) and area_path
// (the ltree of the grid they sit in) so data-scope filters are one indexed predicate.
export const name = "0001_foundation";

export const up: string[] = [
  `create extension if not exists ltree`,
  `create extension if not exists pg_trgm`,

  // Search tokens: every character and every pair of adjacent characters, lower-cased, in a
  // 'simple' tsvector. Chinese names and addresses have no spaces and the server's locale may not
  // class CJK as letters, so n-grams make substring search indexable on PostgreSQL and PGlite alike.
  `create function gz_ngrams(t text) returns tsvector language plpgsql immutable as $$
    declare
      grams text[] := '{}';
      n int := coalesce(char_length(t), 0);
      g text;
    begin
      for i in 1..n loop
        g := lower(substr(t, i, 1));
        if g !~ '\\s' then grams := grams || g; end if;
        if i < n then
          g := lower(substr(t, i, 2));
          if g !~ '\\s' then grams := grams || g; end if;
        end if;
      end loop;
      return array_to_tsvector(grams);
    end
  $$`,

  `create table areas (
    id uuid primary key default gen_random_uuid(),
    parent_id uuid references areas(id),
    level text not null check (level in ('city','district','street','community','grid')),
    code text not null unique,
    name text not null,
    path ltree not null unique,
    district_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index areas_path_gist on areas using gist (path)`,
  `create index areas_parent_idx on areas (parent_id)`,
  `create index areas_name_trgm on areas using gin (name gin_trgm_ops)`,

  `create table users (
    id uuid primary key default gen_random_uuid(),
    username text not null unique,
    display_name text not null,
    kind text not null check (kind in ('staff','resident')),
    role text not null,
    password_hash text not null,
    resident_id uuid,
    department text,
    disabled boolean not null default false,
    failed_logins integer not null default 0,
    locked_until timestamptz,
    password_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create table user_scopes (
    user_id uuid not null references users(id) on delete cascade,
    area_id uuid not null references areas(id),
    primary key (user_id, area_id)
  )`,
  `create table sessions (
    token_hash text primary key,
    user_id uuid not null references users(id) on delete cascade,
    csrf_token text not null,
    ip text,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null
  )`,
  `create index sessions_user_idx on sessions (user_id)`,
  `create table settings (
    key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now(),
    updated_by uuid
  )`,

  `create table grids (
    area_id uuid primary key references areas(id) on delete cascade,
    district_id uuid not null,
    grid_level text check (grid_level in ('large','medium','small')),
    polygon jsonb,
    min_lng double precision, min_lat double precision,
    max_lng double precision, max_lat double precision,
    leader_user_id uuid references users(id),
    household_count integer not null default 0
  )`,
  `create table grid_staff (
    id uuid primary key default gen_random_uuid(),
    grid_id uuid not null references grids(area_id) on delete cascade,
    district_id uuid not null,
    role text not null check (role in ('leader','assistant','informant','officer')),
    name text not null,
    title text,
    user_id uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create index grid_staff_grid_idx on grid_staff (grid_id)`,

  `create table buildings (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    grid_id uuid not null references grids(area_id),
    area_path ltree not null,
    kind text not null default 'building' check (kind in ('building','compound')),
    name text not null,
    address text not null,
    lng double precision,
    lat double precision,
    unit_count integer not null default 1,
    floor_count integer,
    search tsvector generated always as (gz_ngrams(name || ' ' || address)) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index buildings_path_gist on buildings using gist (area_path)`,
  `create index buildings_grid_idx on buildings (grid_id)`,
  `create index buildings_search_gin on buildings using gin (search)`,

  `create table households (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    grid_id uuid not null references grids(area_id),
    area_path ltree not null,
    building_id uuid references buildings(id),
    address text not null,
    unit_no text,
    room_no text,
    floor_area numeric(10,2),
    head_resident_id uuid,
    search tsvector generated always as (gz_ngrams(address)) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index households_path_gist on households using gist (area_path)`,
  `create index households_grid_idx on households (grid_id)`,
  `create index households_building_idx on households (building_id)`,
  `create index households_search_gin on households using gin (search)`,

  `create table residents (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    grid_id uuid not null references grids(area_id),
    area_path ltree not null,
    household_id uuid references households(id),
    name text not null,
    doc_type text not null check (doc_type in ('resident_id','passport','hk_macao','taiwan','foreign_permanent')),
    doc_cipher text not null,
    doc_blind text not null unique,
    doc_masked text not null,
    sex text check (sex in ('male','female')),
    birth_date date,
    phone_cipher text,
    phone_blind text,
    phone_masked text,
    residence_type text not null check (residence_type in ('registered','resident','floating')),
    relation text,
    ethnicity text,
    search tsvector generated always as (gz_ngrams(name)) stored,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index residents_path_gist on residents using gist (area_path)`,
  `create index residents_household_idx on residents (household_id)`,
  `create index residents_grid_idx on residents (grid_id)`,
  `create index residents_phone_idx on residents (phone_blind)`,
  `create index residents_search_gin on residents using gin (search)`,
  `create index residents_name_idx on residents (name, id)`,
  `alter table households add constraint households_head_fk foreign key (head_resident_id) references residents(id) on delete set null`,

  `create table tags (
    code text primary key,
    name_zh text not null,
    name_en text not null,
    sensitive boolean not null default false,
    sort integer not null default 0
  )`,
  `create table resident_tags (
    resident_id uuid not null references residents(id) on delete cascade,
    tag_code text not null references tags(code),
    district_id uuid not null,
    primary key (resident_id, tag_code)
  )`,
  `create index resident_tags_tag_idx on resident_tags (tag_code)`,
  `create table residence_history (
    id uuid primary key default gen_random_uuid(),
    resident_id uuid not null references residents(id) on delete cascade,
    district_id uuid not null,
    from_household_id uuid references households(id) on delete set null,
    to_household_id uuid references households(id) on delete set null,
    moved_at timestamptz not null default now(),
    actor_id uuid,
    reason text
  )`,
  `create index residence_history_resident_idx on residence_history (resident_id, moved_at)`,

  // Grid household counts are kept current by the database itself, whatever path writes households.
  // Statement-level triggers with transition tables: one update per grid per statement, so a bulk
  // import of thousands of households costs a handful of updates, not one per row.
  `create function gz_household_count() returns trigger language plpgsql as $$
   begin
     if tg_op in ('UPDATE','DELETE') then
       update grids g set household_count = g.household_count - d.n
         from (select grid_id, count(*) as n from old_rows group by grid_id) d where g.area_id = d.grid_id;
     end if;
     if tg_op in ('UPDATE','INSERT') then
       update grids g set household_count = g.household_count + d.n
         from (select grid_id, count(*) as n from new_rows group by grid_id) d where g.area_id = d.grid_id;
     end if;
     return null;
   end $$`,
  `create trigger households_count_ins after insert on households
     referencing new table as new_rows for each statement execute function gz_household_count()`,
  `create trigger households_count_del after delete on households
     referencing old table as old_rows for each statement execute function gz_household_count()`,
  `create trigger households_count_upd after update on households
     referencing old table as old_rows new table as new_rows for each statement execute function gz_household_count()`,

  `create table audit_log (
    seq bigint generated always as identity primary key,
    at timestamptz not null,
    actor_id uuid,
    actor_name text,
    action text not null,
    target_type text,
    target_id text,
    summary jsonb not null default '{}',
    ip text
  )`,
  // The hash chain over the audit log, linked after commit by a single chainer: writers never wait
  // for each other, and the chain still orders every entry once. pos is the link's place in the
  // chain; seq names the audit_log entry it seals.
  `create table audit_chain (
    pos bigint primary key,
    seq bigint not null unique,
    prev_hash text not null,
    hash text not null,
    linked_at timestamptz not null default now()
  )`,

  `create index audit_log_at_idx on audit_log (at)`,
  `create index audit_log_actor_idx on audit_log (actor_id)`,
  `create index audit_log_action_idx on audit_log (action)`,
  `create index audit_log_target_idx on audit_log (target_type, target_id)`,
  `create function gz_audit_append_only() returns trigger language plpgsql as $$
   begin raise exception 'audit_log is append-only'; end $$`,
  `create trigger audit_log_no_change before update or delete on audit_log
     for each row execute function gz_audit_append_only()`,
  `create trigger audit_chain_no_change before update or delete on audit_chain
     for each row execute function gz_audit_append_only()`,

  `create table idempotency_keys (
    key text not null,
    user_id uuid not null,
    method text not null,
    path text not null,
    status integer not null,
    body jsonb not null,
    created_at timestamptz not null default now(),
    primary key (user_id, key)
  )`,

  `create table import_jobs (
    id uuid primary key default gen_random_uuid(),
    kind text not null,
    file_name text not null,
    status text not null check (status in ('validating','validated','importing','done','failed')),
    mode text not null default 'all_or_nothing',
    total_rows integer not null default 0,
    processed_rows integer not null default 0,
    imported_rows integer not null default 0,
    error_count integer not null default 0,
    errors jsonb not null default '[]',
    created_by uuid,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
];
