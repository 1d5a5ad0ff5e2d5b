import { describe, expect, it } from "vitest";
import { labelledAppeals } from "./dataset.js";
import { deserialize, evaluate, predict, predictTokens, serialize, train, trainTokens } from "./classifier.js";

// Three documents, alpha 1, five features: A has 垃圾×2 清运 满溢 (total 4), B has 噪音 夜间 (total 2).
const tiny = trainTokens(
  [
    { tokens: ["垃圾", "清运"], label: "A" },
    { tokens: ["垃圾", "满溢"], label: "A" },
    { tokens: ["噪音", "夜间"], label: "B" },
  ],
  { alpha: 1, calibrate: false },
);

describe("naive Bayes", () => {
  it("counts into a plain JSON model", () => {
    expect(tiny.vocabularySize).toBe(5);
    expect(tiny.classes.map((c) => [c.label, c.docs, c.total])).toEqual([
      ["A", 2, 4],
      ["B", 1, 2],
    ]);
    expect(tiny.classes[0].counts).toEqual({ 垃圾: 2, 清运: 1, 满溢: 1 });
    expect(deserialize(JSON.parse(JSON.stringify(tiny)))).toEqual(tiny);
  });

  it("ranks by posterior with the exact expected confidences", () => {
    // A: 2/3 · (2+1)/(4+5) = 2/9; B: 1/3 · (0+1)/(2+5) = 1/21 → 14/17 and 3/17.
    const p = predictTokens(tiny, ["垃圾"]);
    expect(p.map((x) => x.label)).toEqual(["A", "B"]);
    expect(p[0].confidence).toBeCloseTo(14 / 17, 12);
    expect(p[1].confidence).toBeCloseTo(3 / 17, 12);
    // B: 1/3 · ((1+1)/(2+5))² = 4/147; A: 2/3 · (1/9)² = 2/243 → B wins with 972/(972+294).
    const q = predictTokens(tiny, ["噪音", "夜间"]);
    expect(q[0]).toEqual({ label: "B", confidence: expect.closeTo(972 / 1266, 12) });
    expect(q.reduce((a, x) => a + x.confidence, 0)).toBeCloseTo(1, 12);
  });

  it("ignores unseen words and falls back to the priors", () => {
    const p = predictTokens(tiny, ["从未见过", "完全陌生"]);
    expect(p.map((x) => x.label)).toEqual(["A", "B"]);
    expect(p[0].confidence).toBeCloseTo(2 / 3, 12);
    expect(p[1].confidence).toBeCloseTo(1 / 3, 12);
    expect(predict(tiny, "")).toHaveLength(2);
  });

  it("stays finite on long texts (softmax over log-probabilities)", () => {
    const p = predictTokens(
      tiny,
      Array.from({ length: 5000 }, (_, i) => (i % 2 ? "垃圾" : "噪音")),
    );
    expect(p.every((x) => Number.isFinite(x.confidence))).toBe(true);
    expect(p.reduce((a, x) => a + x.confidence, 0)).toBeCloseTo(1, 12);
  });

  it("returns at most k suggestions and none for an empty model", () => {
    expect(predictTokens(tiny, ["垃圾"], 1)).toHaveLength(1);
    expect(predict(train([]), "井盖没了")).toEqual([]);
  });

  it("rejects something that is not a model", () => {
    expect(() => deserialize({ kind: "svm" })).toThrow();
    expect(() => deserialize("null")).toThrow();
  });
});

describe("on the synthetic appeals", () => {
  const data = labelledAppeals(7);
  // Stratified 80/20: every fifth appeal of each category is held out.
  const seen = new Map<string, number>();
  const fold = data.map((d) => {
    const i = seen.get(d.label) ?? 0;
    seen.set(d.label, i + 1);
    return i % 5 === 0;
  });
  const test = data.filter((_, i) => fold[i]);
  const model = train(data.filter((_, i) => !fold[i]));

  it("reaches top-1 ≥ 0.8 and top-3 ≥ 0.9 on the held-out split", () => {
    const r = evaluate(model, test);
    expect(r.n).toBe(test.length);
    expect(r.top1).toBeGreaterThanOrEqual(0.8);
    expect(r.top3).toBeGreaterThanOrEqual(0.9);
  });

  it("survives a JSON round trip with identical predictions", () => {
    const back = deserialize(serialize(model));
    for (const s of test.slice(0, 20)) expect(predict(back, s.text)).toEqual(predict(model, s.text));
  });

  it("suggests the obvious category for a typical appeal", () => {
    expect(predict(model, "小区门口的井盖被偷了，晚上看不见，很危险")[0].label).toBe("0402");
    expect(predict(model, "楼下烧烤店油烟直排，熏得窗户都不敢开")[0].label).toBe("1202");
  });
});
