// The demo district's community affairs: bodies and proposals, meetings and votes, participatory
// budgets, practical projects and agreements, disclosures and evaluations — each module seeds its
// own part, in the order their tables depend on each other.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import { seedBudgetDemo } from "../modules/budget/demo.js";
import { seedDeliberationDemo } from "../modules/deliberation/demo.js";
import { seedDisclosureDemo } from "../modules/disclosure/demo.js";
import { seedEvaluationDemo } from "../modules/evaluation/demo.js";
import { seedProjectsDemo } from "../modules/projects/demo.js";
import { seedVotesDemo } from "../modules/votes/demo.js";

export async function generateDecideDemo(db: Kysely<DB>, now = new Date()): Promise<number> {
  const started = performance.now();
  await seedDeliberationDemo(db, now);
  await seedVotesDemo(db, now);
  await seedProjectsDemo(db, now);
  await seedBudgetDemo(db, now);
  await seedDisclosureDemo(db, now);
  await seedEvaluationDemo(db, now);
  return Math.round(performance.now() - started);
}
