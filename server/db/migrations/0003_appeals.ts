// Appeals become work orders (接诉即办): handling units, the category catalogue, routing rules, the
// working calendar, orders with their timeline, attachments, supervision, extensions, whistles,
// the outbox and in-app notifications, Open311 clients and the dispatch classifier's models.
export const name = "0003_appeals";

export const up: string[] = [
  // 块 (grid, community, street: an area) and 条 (departments) handling units.
  `create table units (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    kind text not null check (kind in ('area','department')),
    code text not null,
    name text not null,
    area_id uuid references areas(id),
    created_at timestamptz not null default now(),
    unique (district_id, code)
  )`,
  `create unique index units_area_idx on units (area_id) where area_id is not null`,
  `create table user_units (
    user_id uuid not null references users(id) on delete cascade,
    unit_id uuid not null references units(id) on delete cascade,
    primary key (user_id, unit_id)
  )`,

  `create table categories (
    code text primary key,
    parent_code text references categories(code),
    name_zh text not null,
    name_en text not null,
    default_unit text,
    response_hours integer,
    resolve_days integer,
    resolve_hours integer,
    urgent boolean not null default false,
    sort integer not null default 0,
    active boolean not null default true
  )`,
  `create table routing_rules (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    category_code text not null references categories(code),
    area_id uuid not null references areas(id),
    unit_id uuid not null references units(id),
    created_at timestamptz not null default now(),
    unique (category_code, area_id)
  )`,

  `create table calendar_days (
    day date primary key,
    kind text not null check (kind in ('holiday','workday')),
    name text not null
  )`,

  // Order numbers come from a sequence: no row lock held by every intake until it commits.
  `create sequence order_number_seq`,

  `create table orders (
    id uuid primary key default gen_random_uuid(),
    district_id uuid not null,
    number text not null unique,
    channel text not null check (channel in ('resident','patrol','hotline','open311')),
    appeal_type text not null check (appeal_type in ('enquiry','help','complaint','report','suggestion')),
    category_code text not null references categories(code),
    title text not null,
    content text not null,
    lng double precision,
    lat double precision,
    address text,
    grid_id uuid references areas(id),
    community_id uuid references areas(id),
    street_id uuid references areas(id),
    area_path ltree not null,
    reporter_user_id uuid references users(id),
    reporter_name text,
    reporter_phone_cipher text,
    reporter_phone_blind text,
    reporter_phone_masked text,
    anonymous boolean not null default false,
    status text not null,
    suspended_from text,
    unit_id uuid references units(id),
    first_receiver_id uuid references users(id),
    urgent boolean not null default false,
    suggested_category text,
    suggested_confidence double precision,
    accepted_at timestamptz not null,
    dispatched_at timestamptz,
    signed_at timestamptz,
    contacted_at timestamptz,
    answered_at timestamptz,
    archived_at timestamptz,
    response_due_at timestamptz not null,
    resolve_due_at timestamptz not null,
    warn_at timestamptz not null,
    warned_at timestamptz,
    overdue_fired_at timestamptz,
    answer text,
    resolved boolean,
    satisfaction text check (satisfaction in ('satisfied','basic','dissatisfied')),
    rated_at timestamptz,
    reopen_count integer not null default 0,
    merged_into uuid references orders(id),
    void_requested_by uuid references users(id),
    void_reason text,
    open311_token text unique,
    version integer not null default 0,
    search tsvector,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  `create index orders_path_gist on orders using gist (area_path)`,
  `create index orders_status_idx on orders (status, accepted_at)`,
  `create index orders_unit_idx on orders (unit_id, status)`,
  // Covering: a street's year of three rates is answered from the index alone.
  `create index orders_street_time_idx on orders (street_id, accepted_at) include (status, community_id, grid_id, unit_id,
     category_code, channel, response_due_at, resolve_due_at, contacted_at, answered_at, resolved, satisfaction)`,
  `create index orders_reporter_idx on orders (reporter_user_id)`,
  `create index orders_phone_idx on orders (reporter_phone_blind)`,
  `create index orders_warn_idx on orders (warn_at) where warned_at is null`,
  `create index orders_due_idx on orders (resolve_due_at) where overdue_fired_at is null`,
  `create index orders_search_gin on orders using gin (search)`,
  `create index orders_dup_idx on orders (category_code, accepted_at)`,

  `create table order_events (
    id bigint generated always as identity primary key,
    order_id uuid not null references orders(id) on delete cascade,
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
  `create index order_events_order_idx on order_events (order_id, id)`,

  `create table order_attachments (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references orders(id) on delete cascade,
    district_id uuid not null,
    stage text not null default 'intake',
    file_name text not null,
    mime text not null,
    size integer not null,
    storage_key text not null,
    uploaded_by uuid,
    created_at timestamptz not null default now()
  )`,
  `create index order_attachments_order_idx on order_attachments (order_id)`,

  `create table supervisions (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references orders(id) on delete cascade,
    district_id uuid not null,
    by_user_id uuid,
    automatic boolean not null default false,
    urgency text not null check (urgency in ('normal','urgent','very_urgent')),
    note text,
    reply_due_at timestamptz not null,
    reply text,
    replied_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  `create index supervisions_order_idx on supervisions (order_id)`,

  `create table extensions (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references orders(id) on delete cascade,
    district_id uuid not null,
    requested_by uuid,
    days integer not null,
    reason text not null,
    status text not null default 'pending' check (status in ('pending','approved','refused')),
    decided_by uuid,
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz not null default now()
  )`,

  `create table whistles (
    id uuid primary key default gen_random_uuid(),
    order_id uuid not null references orders(id) on delete cascade,
    district_id uuid not null,
    street_id uuid references areas(id),
    blown_by uuid,
    report_due_at timestamptz not null,
    note text,
    created_at timestamptz not null default now(),
    closed_at timestamptz
  )`,
  `create table whistle_units (
    whistle_id uuid not null references whistles(id) on delete cascade,
    unit_id uuid not null references units(id),
    role text not null check (role in ('lead','co')),
    reported_at timestamptz,
    late boolean,
    part text,
    result text,
    primary key (whistle_id, unit_id)
  )`,

  `create table outbox (
    id bigint generated always as identity primary key,
    topic text not null,
    payload jsonb not null,
    created_at timestamptz not null default now(),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    delivered_at timestamptz,
    last_error text
  )`,
  `create index outbox_pending_idx on outbox (next_attempt_at) where delivered_at is null`,
  `create table notifications (
    id uuid primary key default gen_random_uuid(),
    outbox_id bigint,
    user_id uuid not null references users(id) on delete cascade,
    order_id uuid references orders(id) on delete cascade,
    title text not null,
    body text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (outbox_id, user_id)
  )`,
  `create index notifications_user_idx on notifications (user_id, created_at)`,

  `create table open311_clients (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    key_hash text not null unique,
    created_by uuid,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,

  `create table classifier_models (
    id bigint generated always as identity primary key,
    trained_at timestamptz not null default now(),
    samples integer not null,
    source text not null,
    model jsonb not null
  )`,

  // The 2026 public holidays and make-up working days (editable in the calendar screen).
  `insert into calendar_days (day, kind, name) values ('2026-01-01','holiday','元旦'), ('2026-01-02','holiday','元旦'), ('2026-01-03','holiday','元旦'), ('2026-01-04','workday','元旦调休'), ('2026-02-14','workday','春节调休'), ('2026-02-15','holiday','春节'), ('2026-02-16','holiday','春节'), ('2026-02-17','holiday','春节'), ('2026-02-18','holiday','春节'), ('2026-02-19','holiday','春节'), ('2026-02-20','holiday','春节'), ('2026-02-21','holiday','春节'), ('2026-02-22','holiday','春节'), ('2026-02-23','holiday','春节'), ('2026-02-28','workday','春节调休'), ('2026-04-04','holiday','清明节'), ('2026-04-05','holiday','清明节'), ('2026-04-06','holiday','清明节'), ('2026-05-01','holiday','劳动节'), ('2026-05-02','holiday','劳动节'), ('2026-05-03','holiday','劳动节'), ('2026-05-04','holiday','劳动节'), ('2026-05-05','holiday','劳动节'), ('2026-05-09','workday','劳动节调休'), ('2026-06-19','holiday','端午节'), ('2026-06-20','holiday','端午节'), ('2026-06-21','holiday','端午节'), ('2026-09-20','workday','国庆节调休'), ('2026-09-25','holiday','中秋节'), ('2026-09-26','holiday','中秋节'), ('2026-09-27','holiday','中秋节'), ('2026-10-01','holiday','国庆节'), ('2026-10-02','holiday','国庆节'), ('2026-10-03','holiday','国庆节'), ('2026-10-04','holiday','国庆节'), ('2026-10-05','holiday','国庆节'), ('2026-10-06','holiday','国庆节'), ('2026-10-07','holiday','国庆节'), ('2026-10-10','workday','国庆节调休')`,
];
