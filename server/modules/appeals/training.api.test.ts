import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../test/harness.js";
import { AppealsRuntime, MemoryStorage } from "./runtime.js";
import { retrainIfStale } from "./training.js";

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const models = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from classifier_models`.execute(t.db)).rows[0].n);

describe("daily retraining", () => {
  it("stores one model a day however many server processes tick at once", async () => {
    const before = await models();
    const processes = [new AppealsRuntime(new MemoryStorage()), new AppealsRuntime(new MemoryStorage())];
    const day = 86_400_000;
    const results = await Promise.all(processes.map((rt) => retrainIfStale(t.db, rt, day * 0.9)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await models()).toBe(before + 1);
    // Both processes suggest categories afterwards, from the same model.
    for (const rt of processes) expect(rt.predictor?.("小区门口夜间施工噪音扰民", 1)).toHaveLength(1);
    // A day later the next tick trains again.
    const later = await retrainIfStale(t.db, processes[0], day * 0.9, new Date(Date.now() + day));
    expect(later).not.toBeNull();
    expect(await models()).toBe(before + 2);
  });
});
