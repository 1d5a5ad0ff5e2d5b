// Residents decide: disclosure (公开), opinions, and public listings such as 阳光低保.
export const name = "0008_disclosure";

export const up: string[] = [
  // A disclosure of party, residents', compound affairs or finances, filled in on a template.
  `create table disclosures (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    category text not null check (category in ('party','residents','compound','finance')),
    template text not null,
    title text not null,
    body text not null default '',
    fields jsonb not null default '{}',
    period_start date,
    period_end date,
    status text not null default 'draft' check (status in ('draft','published','withdrawn')),
    published_at timestamptz,
    published_by uuid references users(id),
    withdrawn_at timestamptz,
    withdrawn_by uuid references users(id),
    withdraw_reason text,
    source_type text,
    source_id uuid,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (period_start is null or period_end is null or period_end >= period_start),
    check (status = 'draft' or published_at is not null),
    check (status <> 'withdrawn' or (withdrawn_at is not null and length(btrim(withdraw_reason)) > 0))
  )`,
  `create index disclosures_path_gist on disclosures using gist (area_path)`,
  `create index disclosures_published_idx on disclosures (district_id, published_at)`,
  `create index disclosures_category_idx on disclosures (category, status)`,
  // One disclosure per source (e.g. a vote result), so a retried publication is not doubled.
  `create unique index disclosures_source_idx on disclosures (source_type, source_id) where source_id is not null`,

  // Residents' comments and questions on a published disclosure, and how staff handled each.
  // Disposition and reply are separate: an adopted opinion may also have been replied to. An opinion
  // collected offline (opinion box, meeting) has a resident but no author account.
  `create table disclosure_opinions (
    id uuid primary key default gen_random_uuid(),
    disclosure_id uuid not null references disclosures(id) on delete cascade,
    district_id uuid not null,
    area_path ltree not null,
    author_user_id uuid references users(id),
    resident_id uuid references residents(id) on delete set null,
    kind text not null check (kind in ('comment','question')),
    content text not null check (length(btrim(content)) > 0),
    created_at timestamptz not null default now(),
    disposition text check (disposition in ('adopted','replied','not_adopted')),
    disposition_note text,
    disposed_at timestamptz,
    disposed_by uuid references users(id),
    reply text,
    replied_at timestamptz,
    replied_by uuid references users(id),
    check ((disposition is null) = (disposed_at is null)),
    check (disposition is null or disposition = 'replied' or length(btrim(disposition_note)) > 0),
    check ((reply is null) = (replied_at is null)),
    check (disposition is distinct from 'replied' or reply is not null),
    check (author_user_id is not null or resident_id is not null)
  )`,
  `create index disclosure_opinions_disclosure_idx on disclosure_opinions (disclosure_id, created_at)`,
  `create index disclosure_opinions_path_gist on disclosure_opinions using gist (area_path)`,
  `create index disclosure_opinions_created_idx on disclosure_opinions (district_id, created_at)`,
  `create index disclosure_opinions_author_idx on disclosure_opinions (author_user_id)`,

  // A time-limited public list (阳光低保): recipients shown masked, objections while it is open.
  // Republishing creates a new round that points to the previous one.
  `create table public_listings (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    area_id uuid not null references areas(id),
    area_path ltree not null,
    kind text not null check (kind in ('low_income','special_hardship','subsidy','other')),
    title text not null,
    description text not null default '',
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    status text not null default 'draft' check (status in ('draft','published')),
    published_at timestamptz,
    published_by uuid references users(id),
    round integer not null default 1,
    previous_id uuid references public_listings(id),
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (closes_at > opens_at),
    check (status = 'draft' or published_at is not null)
  )`,
  `create index public_listings_path_gist on public_listings using gist (area_path)`,
  `create index public_listings_window_idx on public_listings (district_id, closes_at)`,
  `create unique index public_listings_next_round_idx on public_listings (previous_id) where previous_id is not null`,

  `create table listing_entries (
    id uuid primary key default gen_random_uuid(),
    listing_id uuid not null references public_listings(id) on delete cascade,
    district_id uuid not null,
    resident_id uuid not null references residents(id),
    household_id uuid references households(id) on delete set null,
    amount numeric(14,2) check (amount is null or amount >= 0),
    note text,
    status text not null default 'listed' check (status in ('listed','removed')),
    removed_at timestamptz,
    removed_by uuid references users(id),
    removed_reason text,
    created_at timestamptz not null default now(),
    unique (listing_id, resident_id),
    check (status = 'listed' or (removed_at is not null and length(btrim(removed_reason)) > 0))
  )`,
  `create index listing_entries_resident_idx on listing_entries (resident_id)`,

  // An objection received by letter or phone has a resident but no author account.
  `create table listing_objections (
    id uuid primary key default gen_random_uuid(),
    listing_id uuid not null references public_listings(id) on delete cascade,
    entry_id uuid not null references listing_entries(id) on delete cascade,
    district_id uuid not null,
    author_user_id uuid references users(id),
    resident_id uuid references residents(id) on delete set null,
    reason text not null check (length(btrim(reason)) > 0),
    created_at timestamptz not null default now(),
    status text not null default 'pending' check (status in ('pending','upheld','dismissed')),
    resolution text,
    resolved_at timestamptz,
    resolved_by uuid references users(id),
    check (status = 'pending' or (resolved_at is not null and length(btrim(resolution)) > 0)),
    check (author_user_id is not null or resident_id is not null)
  )`,
  `create index listing_objections_listing_idx on listing_objections (listing_id, created_at)`,
  `create index listing_objections_entry_idx on listing_objections (entry_id)`,
];
