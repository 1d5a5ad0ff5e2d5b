// Residents decide: practical projects (实事项目) and agreements (三约).
export const name = "0007_projects";

export const up: string[] = [
  // Practical projects: from proposals, budget winners, work orders or manual; a tree (parent → children).
  `create table practical_projects (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    parent_id uuid references practical_projects(id),
    title text not null,
    description text not null default '',
    owner_user_id uuid references users(id),
    owner_unit_id uuid references units(id),
    budget numeric(14,2) not null default 0 check (budget >= 0),
    source_type text not null check (source_type in ('proposal','budget','order','manual')),
    source_id uuid,
    status text not null default 'planned' check (status in ('planned','in_progress','done','reopened','cancelled')),
    progress numeric(5,2) not null default 0 check (progress >= 0 and progress <= 100),
    planned_start date,
    planned_end date,
    started_at timestamptz,
    done_at timestamptz,
    cancelled_at timestamptz,
    reopened_at timestamptz,
    reopen_count integer not null default 0,
    created_by uuid references users(id),
    version integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (parent_id is null or parent_id <> id),
    check (source_type = 'manual' or source_id is not null),
    check (planned_end is null or planned_start is null or planned_end >= planned_start)
  )`,
  `create index practical_projects_path_gist on practical_projects using gist (area_path)`,
  `create index practical_projects_parent_idx on practical_projects (parent_id)`,
  `create index practical_projects_status_idx on practical_projects (district_id, status)`,
  `create index practical_projects_owner_idx on practical_projects (owner_user_id) where owner_user_id is not null`,
  // One top-level project per source (a budget idea, a proposal, a work order): creation is idempotent.
  `create unique index practical_projects_source_idx on practical_projects (source_type, source_id)
     where source_id is not null and parent_id is null`,

  `create table project_milestones (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references practical_projects(id) on delete cascade,
    district_id uuid not null,
    position integer not null default 0,
    title text not null,
    due_on date,
    done_on date,
    weight numeric(7,2) check (weight is null or weight > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index project_milestones_project_idx on project_milestones (project_id, position)`,

  // Timeline entries; photos are decide_files with owner_type 'project_update'.
  `create table project_updates (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references practical_projects(id) on delete cascade,
    district_id uuid not null,
    area_path ltree not null,
    kind text not null default 'update' check (kind in ('update','status','reopen','milestone','created')),
    body text not null default '',
    progress numeric(5,2) check (progress is null or (progress >= 0 and progress <= 100)),
    status_from text,
    status_to text,
    author_id uuid references users(id),
    author_name text,
    created_at timestamptz not null default now()
  )`,
  `create index project_updates_project_idx on project_updates (project_id, created_at)`,
  `create index project_updates_path_gist on project_updates using gist (area_path)`,

  `create table project_follows (
    project_id uuid not null references practical_projects(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    district_id uuid not null,
    created_at timestamptz not null default now(),
    primary key (project_id, user_id)
  )`,
  `create index project_follows_user_idx on project_follows (user_id)`,

  `create table project_comments (
    id uuid primary key default gen_random_uuid(),
    project_id uuid not null references practical_projects(id) on delete cascade,
    district_id uuid not null,
    user_id uuid references users(id),
    resident_id uuid references residents(id),
    author_name text not null,
    body text not null,
    created_at timestamptz not null default now()
  )`,
  `create index project_comments_project_idx on project_comments (project_id, created_at)`,

  // Agreements (三约): cadres' duty agreements, organisation–resident agreements, residents' conventions.
  `create table agreements (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    kind text not null check (kind in ('duty','org_resident','convention')),
    title text not null,
    summary text not null default '',
    status text not null default 'draft' check (status in ('draft','published','retired')),
    current_version_id uuid,
    published_at timestamptz,
    retired_at timestamptz,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index agreements_path_gist on agreements using gist (area_path)`,
  `create index agreements_status_idx on agreements (district_id, kind, status)`,

  // Versions: a published version supersedes the previous one; history is kept.
  `create table agreement_versions (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid not null references agreements(id) on delete cascade,
    district_id uuid not null,
    number integer not null check (number >= 1),
    body text not null,
    effective_on date not null,
    note text,
    status text not null default 'draft' check (status in ('draft','published','superseded')),
    published_at timestamptz,
    superseded_at timestamptz,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (agreement_id, number)
  )`,
  `create unique index agreement_versions_published_idx on agreement_versions (agreement_id) where status = 'published'`,
  `create unique index agreement_versions_draft_idx on agreement_versions (agreement_id) where status = 'draft'`,
  `alter table agreements add constraint agreements_current_version_fk
     foreign key (current_version_id) references agreement_versions(id)`,

  // Signatures of a version: one per signer (resident, user or household) per version.
  `create table agreement_signatures (
    id uuid primary key default gen_random_uuid(),
    agreement_id uuid not null references agreements(id) on delete cascade,
    version_id uuid not null references agreement_versions(id) on delete cascade,
    district_id uuid not null,
    signer_type text not null check (signer_type in ('resident','user','household')),
    signer_id uuid not null,
    signer_name text not null,
    channel text not null check (channel in ('online','paper')),
    recorded_by uuid references users(id),
    signed_at timestamptz not null default now(),
    unique (version_id, signer_type, signer_id)
  )`,
  `create index agreement_signatures_agreement_idx on agreement_signatures (agreement_id, version_id)`,
];
