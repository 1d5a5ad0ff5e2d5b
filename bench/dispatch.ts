// Dispatch classifier benchmark: accuracy on a held-out split of the synthetic appeals, training and
// prediction time, 5-fold cross-validation, and what the auto-dispatch threshold would do.
//   npm run bench:dispatch    (tsx bench/dispatch.ts [--seed 7] [--per-category 60])
import { parseArgs } from "node:util";
import { CATEGORIES, categoryOf } from "../server/modules/dispatch/catalogue.js";
import { type Model, type Sample, evaluate, predict, serialize, train } from "../server/modules/dispatch/classifier.js";
import { labelledAppeals, seededRandom } from "../server/modules/dispatch/dataset.js";
import { DEFAULT_THRESHOLD } from "../server/modules/dispatch/suggest.js";
import { tokens } from "../server/modules/dispatch/tokenize.js";

const { values } = parseArgs({
  options: { seed: { type: "string", default: "7" }, "per-category": { type: "string", default: "60" } },
});
const seed = Number(values.seed);
const perCategory = Number(values["per-category"]);

function shuffled<T>(xs: readonly T[], rng: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Stratified folds: within each label, the shuffled samples are dealt round-robin to k folds. */
function stratifiedFolds(samples: readonly Sample[], k: number): Sample[][] {
  const folds: Sample[][] = Array.from({ length: k }, () => []);
  const byLabel = new Map<string, Sample[]>();
  for (const s of samples) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s]);
  let offset = 0;
  for (const group of byLabel.values()) {
    for (const [i, s] of group.entries()) folds[(i + offset) % k].push(s);
    offset += group.length;
  }
  return folds;
}

const pct = (x: number) => (100 * x).toFixed(1) + " %";
const ms = (x: number) => x.toFixed(x < 1 ? 3 : 0) + " ms";

tokens("预热"); // load the jieba dictionary outside the timings
const t0 = performance.now();
const data = shuffled(labelledAppeals(seed, perCategory), seededRandom(seed + 1));
const genMs = performance.now() - t0;

const folds5 = stratifiedFolds(data, 5);
const test = folds5[0];
const trainSet = folds5.slice(1).flat();

console.log(
  `data set: ${data.length} appeals, ${new Set(data.map((d) => d.label)).size} categories (catalogue: ${CATEGORIES.length} leaves), generated in ${ms(genMs)}`,
);
console.log(`held-out split (stratified 80/20): train ${trainSet.length}, test ${test.length}`);

let t = performance.now();
const model = train(trainSet);
const trainMs = performance.now() - t;
predict(model, "预热"); // compile the model (log-probability tables) outside the per-prediction timing

t = performance.now();
const results = test.map((s) => ({ s, p: predict(model, s.text, 3) }));
const predictMs = (performance.now() - t) / test.length;
const held = evaluate(model, test);

console.log(`  top-1 accuracy: ${pct(held.top1)}   (target ≥ 85 %)${held.top1 >= 0.85 ? "  ✓" : "  ✗"}`);
console.log(`  top-3 accuracy: ${pct(held.top3)}   (target ≥ 95 %)${held.top3 >= 0.95 ? "  ✓" : "  ✗"}`);
console.log(`  training time: ${ms(trainMs)} (target < 2000 ms; tokenising, counting, temperature fit T = ${model.temperature})`);
console.log(`  mean prediction time: ${ms(predictMs)} (target < 1 ms; tokenising included)`);
console.log(`  model: ${model.vocabularySize} features, ${(serialize(model).length / 1024).toFixed(0)} KiB as JSON`);

// What the threshold does: the share dispatched automatically and how often those are right.
for (const threshold of [0.4, 0.5, DEFAULT_THRESHOLD, 0.7, 0.8, 0.9]) {
  const auto = results.filter((r) => r.p[0].confidence >= threshold);
  const right = auto.filter((r) => r.p[0].label === r.s.label).length;
  const mark = threshold === DEFAULT_THRESHOLD ? "  ← default" : "";
  console.log(
    `  threshold ${threshold.toFixed(2)}: auto-dispatch ${pct(auto.length / results.length)} of appeals, ${pct(auto.length ? right / auto.length : 0)} of them right${mark}`,
  );
}
// Calibration: mean confidence against accuracy, in bands of the first suggestion's confidence.
const bands = [0, 0.4, 0.6, 0.8, 0.9, 1.0001];
const calib: string[] = [];
for (let i = 0; i + 1 < bands.length; i++) {
  const inBand = results.filter((r) => r.p[0].confidence >= bands[i] && r.p[0].confidence < bands[i + 1]);
  if (inBand.length === 0) continue;
  const conf = inBand.reduce((a, r) => a + r.p[0].confidence, 0) / inBand.length;
  const acc = inBand.filter((r) => r.p[0].label === r.s.label).length / inBand.length;
  calib.push(
    `[${bands[i]}, ${Math.min(1, bands[i + 1])}): n ${inBand.length}, confidence ${conf.toFixed(2)}, right ${acc.toFixed(2)}`,
  );
}
console.log(`  calibration: ${calib.join("; ")}`);

// The most frequent confusions, to see which categories a dispatcher will have to watch.
const confusions = new Map<string, number>();
for (const r of results) {
  if (r.p[0].label === r.s.label) continue;
  const key = `${categoryOf(r.s.label)?.nameZh} → ${categoryOf(r.p[0].label)?.nameZh}`;
  confusions.set(key, (confusions.get(key) ?? 0) + 1);
}
const worst = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 6);
console.log(`  most frequent confusions: ${worst.map(([k, n]) => `${k} ×${n}`).join(", ") || "none"}`);

// 5-fold cross-validation over the whole set.
const cv = folds5.map((fold, i) => {
  const m: Model = train(folds5.filter((_, j) => j !== i).flat());
  return evaluate(m, fold);
});
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const top1s = cv.map((r) => r.top1);
const top3s = cv.map((r) => r.top3);
console.log(
  `5-fold cross-validation: top-1 ${pct(mean(top1s))} ± ${pct(sd(top1s))}, top-3 ${pct(mean(top3s))} ± ${pct(sd(top3s))} (folds: ${top1s.map(pct).join(", ")})`,
);

// The harder question: a way of stating a problem that training never saw. Grouped 5-fold: in each
// fold, every category's problem statements with index ≡ fold (mod 5) are held out entirely.
const byPhrasing = [0, 1, 2, 3, 4].map((f) => {
  const m = train(data.filter((d) => d.phrasing % 5 !== f));
  return evaluate(
    m,
    data.filter((d) => d.phrasing % 5 === f),
  );
});
console.log(
  `unseen phrasings (grouped 5-fold): top-1 ${pct(mean(byPhrasing.map((r) => r.top1)))}, top-3 ${pct(mean(byPhrasing.map((r) => r.top3)))}`,
);
