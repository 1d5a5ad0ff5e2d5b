// The three rates (三率) in SQL: one aggregate per group computing exactly the `Sums` of metrics.ts
// (sumUp is the law; the tests hold this SQL to it on hand-made fixtures), plus the map and trend
// figures of the dashboard. Scope is applied twice: on the street (so the (street_id, accepted_at)
// index narrows the scan to the caller's streets and the period) and on the area path (exact).
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Scope } from "../identity/types.js";
import { inScope } from "../registry/scope.js";
import { type Rates, ratesOf, type Sums } from "./metrics.js";

export const GROUP_KEYS = ["street", "community", "grid", "unit", "category", "channel", "day"] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

/** The CST calendar day of an instant as days since 1970-01-01 (cheap per row; no time zone database needed). */
const cstDayNumber = (column: string) => sql<number>`floor((date_part('epoch', ${sql.ref(column)}) + 28800) / 86400)::int`;
const dayOf = (n: number | string) => new Date(Number(n) * 86_400_000).toISOString().slice(0, 10);

const KEY_SQL: Record<GroupKey, Expression<string | null>> = {
  street: sql<string | null>`o.street_id::text`,
  community: sql<string | null>`o.community_id::text`,
  grid: sql<string | null>`o.grid_id::text`,
  unit: sql<string | null>`o.unit_id::text`,
  category: sql<string | null>`o.category_code`,
  channel: sql<string | null>`o.channel`,
  day: sql<string | null>`${cstDayNumber("o.accepted_at")}::text`,
};

export const CHANNEL_NAMES: Record<string, string> = {
  resident: "居民上报",
  patrol: "网格巡查",
  hotline: "12345热线",
  open311: "Open311",
};

/**
 * The filter of orders a scope sees. An order carries its street, community and grid beside its area
 * path (all set together from its grid at intake), so when every area of the scope is a street,
 * community or grid the filter is written on those columns: `street_id` first, which lets PostgreSQL
 * use orders_street_time_idx (street_id, accepted_at), and no per-row ltree test. Wider scopes
 * (district, city) test the path.
 */
export async function scopeFilter(db: Kysely<DB>, scope: Scope): Promise<Expression<SqlBool>> {
  if (scope.paths.length === 0) return sql<SqlBool>`false`;
  const areas = await db
    .selectFrom("areas as a")
    .select((eb) => [
      "a.id",
      "a.level",
      eb
        .selectFrom("areas as s")
        .select("s.id")
        .where("s.level", "=", "street")
        .where(sql<SqlBool>`s.path @> a.path`)
        .limit(1)
        .as("street_id"),
    ])
    .where("a.path", "in", scope.paths)
    .execute();
  const low =
    areas.length === scope.paths.length && areas.every((a) => a.street_id && ["street", "community", "grid"].includes(a.level));
  if (!low) return inScope("o.area_path", scope);
  const streets = [...new Set(areas.map((a) => a.street_id as string))];
  const byStreet = sql<SqlBool>`o.street_id in (${sql.join(streets.map((id) => sql`${id}::uuid`))})`;
  if (areas.every((a) => a.level === "street")) return byStreet;
  const arms = areas.map((a) =>
    a.level === "street"
      ? sql<SqlBool>`o.street_id = ${a.id}::uuid`
      : a.level === "community"
        ? sql<SqlBool>`o.community_id = ${a.id}::uuid`
        : sql<SqlBool>`o.grid_id = ${a.id}::uuid`,
  );
  return sql<SqlBool>`(${byStreet} and (${sql.join(arms, sql` or `)}))`;
}

export type Period = { from: Date; to: Date };

type SumsRow = { key: string | null } & { [K in keyof Sums]: string | number };

/** `Sums` per group over the orders accepted in [from, to) that the scope sees, voided and merged left out. */
export async function sumsBy(
  db: Kysely<DB>,
  scope: Scope,
  by: GroupKey | null,
  p: Period,
  now: Date,
): Promise<{ key: string | null; sums: Sums }[]> {
  const where = await scopeFilter(db, scope);
  const key = by ? KEY_SQL[by] : sql<string | null>`null::text`;
  const rows = await sql<SumsRow>`
    select ${key} as key,
      count(*) as "orders",
      count(*) filter (where o.contacted_at is not null or o.response_due_at <= ${now}) as "responseSettled",
      count(*) filter (where o.contacted_at <= o.response_due_at) as "respondedOnTime",
      count(*) filter (where o.satisfaction is not null) as "callbacks",
      count(*) filter (where o.satisfaction is not null and o.resolved) as "resolved",
      count(*) filter (where o.satisfaction is not null and o.satisfaction <> 'dissatisfied') as "satisfied",
      count(*) filter (where o.answered_at is not null or o.resolve_due_at <= ${now}) as "resolveSettled",
      count(*) filter (where o.answered_at <= o.resolve_due_at) as "answeredOnTime",
      count(o.answered_at) as "answered",
      coalesce(sum(date_part('epoch', o.answered_at - o.accepted_at)), 0) / 3600 as "handlingHoursTotal"
    from orders o
    where o.accepted_at >= ${p.from} and o.accepted_at < ${p.to}
      and o.status not in ('voided', 'merged')
      and ${where}
    group by 1`.execute(db);
  return rows.rows.map((r) => ({
    key: by === "day" && r.key !== null ? dayOf(r.key) : r.key,
    sums: {
      orders: Number(r.orders),
      responseSettled: Number(r.responseSettled),
      respondedOnTime: Number(r.respondedOnTime),
      callbacks: Number(r.callbacks),
      resolved: Number(r.resolved),
      satisfied: Number(r.satisfied),
      resolveSettled: Number(r.resolveSettled),
      answeredOnTime: Number(r.answeredOnTime),
      answered: Number(r.answered),
      handlingHoursTotal: Number(r.handlingHoursTotal),
    },
  }));
}

export function addSums(a: Sums, b: Sums): Sums {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof Sums)[]) out[k] += b[k];
  return out;
}

export const ZERO: Sums = {
  orders: 0,
  responseSettled: 0,
  respondedOnTime: 0,
  callbacks: 0,
  resolved: 0,
  satisfied: 0,
  resolveSettled: 0,
  answeredOnTime: 0,
  answered: 0,
  handlingHoursTotal: 0,
};

/** Display names of group keys. */
export async function namesOf(db: Kysely<DB>, by: GroupKey, keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter(Boolean);
  const out = new Map<string, string>();
  if (by === "day") for (const k of ids) out.set(k, k);
  else if (by === "channel") for (const k of ids) out.set(k, CHANNEL_NAMES[k] ?? k);
  else if (ids.length === 0) return out;
  else if (by === "category") {
    for (const r of await db.selectFrom("categories").select(["code", "name_zh"]).where("code", "in", ids).execute())
      out.set(r.code, r.name_zh);
  } else if (by === "unit") {
    for (const r of await db.selectFrom("units").select(["id", "name"]).where("id", "in", ids).execute()) out.set(r.id, r.name);
  } else {
    for (const r of await db.selectFrom("areas").select(["id", "name"]).where("id", "in", ids).execute()) out.set(r.id, r.name);
  }
  return out;
}

export type StatsRow = { key: string | null; name: string } & Rates;

/** Best first: satisfaction, then on time (a rate with nothing to count ranks last), then volume. */
export function rankRows<T extends Rates & { key: string | null }>(rows: T[], by: GroupKey): T[] {
  if (by === "day") return [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
  const v = (x: number | null) => (x === null ? -1 : x);
  return [...rows].sort(
    (a, b) =>
      v(b.satisfactionRate) - v(a.satisfactionRate) ||
      v(b.onTimeRate) - v(a.onTimeRate) ||
      b.orders - a.orders ||
      String(a.key).localeCompare(String(b.key)),
  );
}

/** The rates per group and in total. */
export async function stats(db: Kysely<DB>, scope: Scope, by: GroupKey, p: Period, now: Date) {
  const groups = await sumsBy(db, scope, by, p, now);
  const total = groups.reduce((acc, g) => addSums(acc, g.sums), ZERO);
  const names = await namesOf(
    db,
    by,
    groups.map((g) => g.key).filter((k): k is string => k !== null),
  );
  const rows: StatsRow[] = groups.map((g) => ({
    key: g.key,
    name: g.key === null ? "(未指定)" : (names.get(g.key) ?? g.key),
    ...ratesOf(g.sums),
  }));
  return { total: { ...total, ...ratesOf(total) }, rows: rankRows(rows, by) };
}

/** Per grid: orders of the period, and of them the open and the overdue ones at `now`. */
export async function mapStats(db: Kysely<DB>, scope: Scope, p: Period, now: Date) {
  const where = await scopeFilter(db, scope);
  const r = await sql<{
    grid_id: string;
    grid_name: string | null;
    orders: string;
    open: string;
    overdue: string;
    lng: number | null;
    lat: number | null;
  }>`
    select s.grid_id, a.name as grid_name, s.orders, s.open, s.overdue,
      (g.min_lng + g.max_lng) / 2 as lng, (g.min_lat + g.max_lat) / 2 as lat
    from (
      select o.grid_id,
        count(*) as orders,
        count(*) filter (where o.status in ('accepted','dispatched','signed','in_progress','returned','suspended')) as open,
        count(*) filter (where o.status in ('accepted','dispatched','signed','in_progress','returned','suspended') and o.resolve_due_at <= ${now}) as overdue
      from orders o
      where o.accepted_at >= ${p.from} and o.accepted_at < ${p.to}
        and o.status not in ('voided', 'merged') and o.grid_id is not null
        and ${where}
      group by o.grid_id
    ) s
    left join areas a on a.id = s.grid_id
    left join grids g on g.area_id = s.grid_id
    order by s.overdue desc, s.open desc, s.orders desc, a.name`.execute(db);
  return r.rows.map((x) => ({
    gridId: x.grid_id,
    gridName: x.grid_name ?? "",
    orders: Number(x.orders),
    open: Number(x.open),
    overdue: Number(x.overdue),
    center: x.lng !== null && x.lat !== null ? ([Number(x.lng), Number(x.lat)] as [number, number]) : null,
  }));
}

/** Per CST day of acceptance: orders accepted, and how many of them have been answered. */
export async function trend(db: Kysely<DB>, scope: Scope, p: Period) {
  const where = await scopeFilter(db, scope);
  const r = await sql<{ day: string; orders: string; answered: string }>`
    select ${cstDayNumber("o.accepted_at")} as day, count(*) as orders, count(o.answered_at) as answered
    from orders o
    where o.accepted_at >= ${p.from} and o.accepted_at < ${p.to}
      and o.status not in ('voided', 'merged')
      and ${where}
    group by 1 order by 1`.execute(db);
  return r.rows.map((x) => ({ day: dayOf(x.day), orders: Number(x.orders), answered: Number(x.answered) }));
}
