// The dispatch model's life: trained on the platform's own closed orders (the category a unit
// finally handled them under, after any dispatcher correction) plus the seeded labelled appeals so
// that categories without history still get suggestions; stored in classifier_models; loaded at start.
import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.js";
import { deserialize, predict, serialize, train } from "../dispatch/classifier.js";
import { labelledAppeals } from "../dispatch/dataset.js";
import type { AppealsRuntime } from "./runtime.js";

export async function retrain(db: Kysely<DB>, runtime: AppealsRuntime) {
  const started = performance.now();
  const closed = await db
    .selectFrom("orders")
    .select(["content", "category_code"])
    .where("status", "=", "archived")
    .where("category_code", "!=", "other")
    .orderBy("archived_at", "desc")
    .limit(50_000)
    .execute();
  const samples = [...labelledAppeals(), ...closed.map((o) => ({ text: o.content, label: o.category_code }))];
  const model = train(samples);
  const row = await db
    .insertInto("classifier_models")
    .values({ samples: samples.length, source: closed.length ? "orders+seed" : "seed", model: serialize(model) })
    .returning(["id", "trained_at"])
    .executeTakeFirstOrThrow();
  runtime.predictor = (text, k) => predict(model, text, k);
  return {
    id: String(row.id),
    samples: samples.length,
    fromOrders: closed.length,
    trainedAt: row.trained_at,
    ms: Math.round(performance.now() - started),
  };
}

/** The latest stored model, or a first one trained now. */
export async function loadOrTrain(db: Kysely<DB>, runtime: AppealsRuntime) {
  const latest = await db.selectFrom("classifier_models").select(["model"]).orderBy("id", "desc").limit(1).executeTakeFirst();
  if (!latest) return retrain(db, runtime);
  const model = deserialize(latest.model);
  runtime.predictor = (text, k) => predict(model, text, k);
  return null;
}

const DAY = 86_400_000;

// One retraining at a time across every server process sharing the database.
const RETRAIN_LOCK = 7_270_002;

/**
 * The daily tick: when another process stored a model within `maxAgeMs`, load that one; otherwise
 * train and store a new one. The check and the training hold one lock, so several server processes
 * store one model a day between them, not one each.
 */
export async function retrainIfStale(db: Kysely<DB>, runtime: AppealsRuntime, maxAgeMs: number, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${RETRAIN_LOCK})`.execute(trx);
    const fresh = await trx
      .selectFrom("classifier_models")
      .select(["model"])
      .where("trained_at", ">", new Date(now.getTime() - maxAgeMs))
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (fresh) {
      const model = deserialize(fresh.model);
      runtime.predictor = (text, k) => predict(model, text, k);
      return null;
    }
    return retrain(trx, runtime);
  });
}

/** Retrains once a day (unless another process just did); returns a stop function. */
export function scheduleRetraining(db: Kysely<DB>, runtime: AppealsRuntime, everyMs = DAY) {
  const timer = setInterval(() => {
    retrainIfStale(db, runtime, everyMs * 0.9).catch((e) => console.error("retraining failed:", e));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
