// First start of an embedded installation: an empty database gets the demo district, so a new
// user lands in a working platform and can log in with one of the demo accounts at once.
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.js";
import type { FieldCipher } from "../lib/crypto.js";
import { loadCalendar } from "../modules/appeals/repository.js";
import { DEMO_PASSWORD, type DemoSummary, generateDemo, isDatabaseEmpty } from "./generator.js";
import { generateDecideDemo } from "./decide.js";
import { generateDemoOrders } from "./orders.js";

export async function loadDemoIfEmpty(
  db: Kysely<DB>,
  cipher: FieldCipher,
  log: (line: string) => void = (line) => console.log(line),
): Promise<DemoSummary | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  log("empty database: generating the demo district (锦华区) …");
  let lastStep = "";
  const summary = await generateDemo(db, cipher, {
    onProgress: (step, done, total) => {
      if (step !== lastStep && done === 0) {
        lastStep = step;
        log(`  demo: ${step} (${total})`);
      }
    },
  });
  log(
    `demo district ready in ${summary.seconds}s: ${summary.grids} grids, ${summary.households} households, ` +
      `${summary.residents} residents`,
  );
  const orders = await generateDemoOrders(db, await loadCalendar(db));
  log(`demo work orders: ${orders}`);
  const ms = await generateDecideDemo(db);
  log(`demo community affairs (bodies, proposals, votes, budgets, projects, disclosures, evaluations) in ${ms} ms`);
  log(`demo logins (password ${DEMO_PASSWORD}): ${summary.logins.map((l) => l.username).join(", ")}`);
  return summary;
}
