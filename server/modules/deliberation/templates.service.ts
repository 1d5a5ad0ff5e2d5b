// Flow templates in the database: the built-ins (seeded idempotently) and each district's own.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { AppError, fieldError } from "../../lib/errors.js";
import { appendAudit } from "../audit/repository.js";
import type { Actor, SessionUser } from "../identity/types.js";
import { BUILTIN_FLOWS, checkFlow, type FlowStep, type FlowTemplate } from "./flows.js";

let seeded = new WeakSet<object>();

/** Inserts or refreshes the three built-in templates. Safe to call any number of times, concurrently. */
export async function ensureFlowTemplates(db: Kysely<DB>): Promise<void> {
  if (seeded.has(db)) return;
  for (const t of BUILTIN_FLOWS) {
    const existing = await db
      .selectFrom("flow_templates")
      .select("id")
      .where("district_id", "is", null)
      .where("code", "=", t.code)
      .executeTakeFirst();
    if (existing) {
      await db
        .updateTable("flow_templates")
        .set({ name_zh: t.nameZh, name_en: t.nameEn, steps: JSON.stringify(t.steps), builtin: true })
        .where("id", "=", existing.id)
        .execute();
      continue;
    }
    await sql`insert into flow_templates (district_id, code, name_zh, name_en, steps, builtin)
      values (null, ${t.code}, ${t.nameZh}, ${t.nameEn}, ${JSON.stringify(t.steps)}::jsonb, true)
      on conflict do nothing`.execute(db);
  }
  seeded.add(db);
}

/** Test hook: forget which databases were seeded. */
export function resetSeededTemplates() {
  seeded = new WeakSet<object>();
}

type Row = {
  id: string;
  district_id: string | null;
  code: string;
  name_zh: string;
  name_en: string;
  steps: unknown;
  builtin: boolean;
};

const present = (r: Row) => ({
  id: r.id,
  districtId: r.district_id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  steps: (typeof r.steps === "string" ? JSON.parse(r.steps) : r.steps) as FlowStep[],
  builtin: r.builtin,
});

/** The districts the user works in (from their scope areas). */
async function districtsOf(db: Kysely<DB>, user: SessionUser): Promise<string[]> {
  const ids = user.areas.map((a) => a.id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("areas").select("district_id").where("id", "in", ids).execute();
  return [...new Set(rows.map((r) => r.district_id).filter((d): d is string => d !== null))];
}

export async function listTemplates(db: Kysely<DB>, districtIds: string[]) {
  await ensureFlowTemplates(db);
  let q = db.selectFrom("flow_templates").selectAll();
  q =
    districtIds.length > 0
      ? q.where((eb) => eb.or([eb("district_id", "is", null), eb("district_id", "in", districtIds)]))
      : q.where("district_id", "is", null);
  const rows = await q.orderBy("builtin", "desc").orderBy("code").execute();
  return rows.map(present);
}

export async function listTemplatesFor(db: Kysely<DB>, user: SessionUser) {
  return listTemplates(db, await districtsOf(db, user));
}

/** The template a proposal of this district may use: the district's own code first, else the built-in. */
export async function findTemplate(db: Kysely<DB>, districtId: string, code: string) {
  await ensureFlowTemplates(db);
  const rows = await db
    .selectFrom("flow_templates")
    .selectAll()
    .where("code", "=", code)
    .where((eb) => eb.or([eb("district_id", "is", null), eb("district_id", "=", districtId)]))
    .execute();
  const own = rows.find((r) => r.district_id === districtId) ?? rows.find((r) => r.district_id === null);
  return own ? present(own) : null;
}

export async function createTemplate(db: Kysely<DB>, user: SessionUser, actor: Actor, input: FlowTemplate) {
  if (!user.permissions.includes("decide.manage") || user.role !== "district") throw new AppError(403, "forbidden");
  const problems = checkFlow(input);
  if (problems.length > 0) {
    const p = problems[0];
    const code =
      p.reason === "duplicate_key"
        ? "deliberation_duplicate_key"
        : p.reason === "two_deciding_steps"
          ? "deliberation_two_deciding_steps"
          : p.reason;
    throw fieldError(p.path, code);
  }
  const [districtId] = await districtsOf(db, user);
  if (!districtId) throw new AppError(403, "forbidden");
  await ensureFlowTemplates(db);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("flow_templates")
      .values({
        district_id: districtId,
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        steps: JSON.stringify(input.steps),
        builtin: false,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError(409, "deliberation_template_exists", { code: input.code });
    await appendAudit(trx, actor, {
      action: "flow_template.create",
      targetType: "flow_template",
      targetId: row.id,
      summary: { code: row.code, steps: input.steps.map((s) => s.key) },
    });
    return present(row);
  });
}
