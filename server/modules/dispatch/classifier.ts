// Category suggestion: a multinomial naive Bayes text classifier with Laplace (add-α) smoothing over
// the features of tokenize.ts, counted once per document ("binarised" multinomial NB, which does
// better on short texts where a repeated word adds little). Pure; the model is plain JSON.
//
// Why multinomial and not complement NB: complement NB ranks better when classes are very uneven,
// but its scores are not probabilities, and the intake needs a confidence it can put a threshold on.
// Multinomial NB gives a posterior; its known over-confidence (features are far from independent,
// and each word also appears as bigrams) is corrected by one temperature fitted at training time on
// held-out folds of the training set, so "confidence 0.8" means roughly "right 8 times in 10".
// Class imbalance in real closed orders is handled by the prior, which is what dispatch wants: when
// the text says little, the common category is the better guess.
import { tokens } from "./tokenize.js";

export interface ClassStats {
  label: string;
  /** Training documents in the class (the prior is docs / total docs). */
  docs: number;
  /** Sum of the feature counts below. */
  total: number;
  /** Documents of the class containing each feature. */
  counts: Record<string, number>;
}

export interface Model {
  kind: "multinomial-nb";
  version: 1;
  alpha: number;
  /** Distinct features over all classes (|V| in the smoothing denominator). */
  vocabularySize: number;
  /** Softmax temperature applied to the log-posteriors (1 = plain naive Bayes). */
  temperature: number;
  /** Training documents, all classes. */
  docs: number;
  classes: ClassStats[];
}

export interface Sample {
  text: string;
  label: string;
}
export interface TokenSample {
  tokens: string[];
  label: string;
}
export interface Prediction {
  label: string;
  confidence: number;
}
export interface TrainOptions {
  /** Smoothing pseudo-count. */
  alpha?: number;
  /** Fit the temperature on k held-out folds of the training set (default: when ≥ 200 samples). */
  calibrate?: boolean;
}

const DEFAULT_ALPHA = 0.3;

/** Train on texts. Training is counting: 10,000 appeals take well under a second, most of it jieba. */
export function train(samples: readonly Sample[], options: TrainOptions = {}): Model {
  return trainTokens(
    samples.map((s) => ({ tokens: tokens(s.text), label: s.label })),
    options,
  );
}

export function trainTokens(samples: readonly TokenSample[], options: TrainOptions = {}): Model {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const model = count(samples, alpha);
  const calibrate = options.calibrate ?? samples.length >= 200;
  if (calibrate && model.classes.length > 1) model.temperature = fitTemperature(samples, alpha);
  return model;
}

/** Per-feature document counts by class, as dense rows (counting into Maps is much faster than objects). */
interface Dense {
  labels: string[];
  docs: Float64Array;
  totals: Float64Array;
  rows: Map<string, Float64Array>;
}

function dense(samples: readonly TokenSample[], labels: readonly string[]): Dense {
  const index = new Map(labels.map((l, i) => [l, i]));
  const n = labels.length;
  const d: Dense = { labels: [...labels], docs: new Float64Array(n), totals: new Float64Array(n), rows: new Map() };
  for (const s of samples) {
    const c = index.get(s.label);
    if (c === undefined) continue;
    d.docs[c]++;
    for (const t of new Set(s.tokens)) {
      let row = d.rows.get(t);
      if (!row) {
        row = new Float64Array(n);
        d.rows.set(t, row);
      }
      row[c]++;
      d.totals[c]++;
    }
  }
  return d;
}

const labelsOf = (samples: readonly TokenSample[]) => [...new Set(samples.map((s) => s.label))].sort();

function count(samples: readonly TokenSample[], alpha: number): Model {
  const d = dense(samples, labelsOf(samples));
  const classes: ClassStats[] = d.labels.map((label, i) => ({ label, docs: d.docs[i], total: d.totals[i], counts: {} }));
  for (const [feature, row] of d.rows) {
    for (let i = 0; i < row.length; i++) if (row[i] > 0) classes[i].counts[feature] = row[i];
  }
  return {
    kind: "multinomial-nb",
    version: 1,
    alpha,
    vocabularySize: d.rows.size,
    temperature: 1,
    docs: samples.length,
    classes,
  };
}

// ---------------------------------------------------------------------------------------------
// Prediction. A model is compiled once (log-probabilities per feature) and cached by identity.

interface Compiled {
  labels: string[];
  logPrior: Float64Array;
  /** log P(feature | class) for every class, for features seen in training. */
  logLikelihood: Map<string, Float64Array>;
  temperature: number;
}

const compiledCache = new WeakMap<Model, Compiled>();

function compile(model: Model): Compiled {
  const cached = compiledCache.get(model);
  if (cached) return cached;
  const n = model.classes.length;
  const labels = model.classes.map((c) => c.label);
  const logPrior = new Float64Array(n);
  const logUnseen = new Float64Array(n); // a known feature the class never had
  const logDenominator = new Float64Array(n);
  model.classes.forEach((c, i) => {
    logPrior[i] = Math.log(c.docs / model.docs);
    logDenominator[i] = Math.log(c.total + model.alpha * model.vocabularySize);
    logUnseen[i] = Math.log(model.alpha) - logDenominator[i];
  });
  const logLikelihood = new Map<string, Float64Array>();
  model.classes.forEach((c, i) => {
    for (const [feature, k] of Object.entries(c.counts)) {
      let row = logLikelihood.get(feature);
      if (!row) {
        row = Float64Array.from(logUnseen);
        logLikelihood.set(feature, row);
      }
      row[i] = Math.log(k + model.alpha) - logDenominator[i];
    }
  });
  const compiled = { labels, logPrior, logLikelihood, temperature: model.temperature || 1 };
  compiledCache.set(model, compiled);
  return compiled;
}

/** Unnormalised log-posteriors; features never seen in training are ignored (they favour no class). */
function logPosteriors(c: Compiled, features: readonly string[]): Float64Array {
  const scores = Float64Array.from(c.logPrior);
  for (const f of new Set(features)) {
    const row = c.logLikelihood.get(f);
    if (!row) continue;
    for (let i = 0; i < scores.length; i++) scores[i] += row[i];
  }
  return scores;
}

/** Softmax of scores / temperature, subtracting the maximum first so nothing overflows. */
function softmax(scores: Float64Array, temperature: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

function topK(labels: readonly string[], p: Float64Array, k: number): Prediction[] {
  const order = [...p.keys()].sort((a, b) => p[b] - p[a] || (labels[a] < labels[b] ? -1 : 1));
  return order.slice(0, Math.max(0, k)).map((i) => ({ label: labels[i], confidence: p[i] }));
}

/** The k most probable categories with their posterior probabilities (all classes sum to 1). */
export function predict(model: Model, text: string, k = 3): Prediction[] {
  return predictTokens(model, tokens(text), k);
}

export function predictTokens(model: Model, features: readonly string[], k = 3): Prediction[] {
  if (model.classes.length === 0) return [];
  const c = compile(model);
  return topK(c.labels, softmax(logPosteriors(c, features), c.temperature), k);
}

// ---------------------------------------------------------------------------------------------
// Temperature: minimise the negative log-likelihood of held-out labels over T (golden-section search
// on log T), with the held-out scores from k folds of the training set. One parameter, so it cannot
// change the ranking, only how sure the model says it is.

const CALIBRATION_FOLDS = 5;

const CALIBRATION_MAX = 4000; // held-out scores used for the fit; more changes T in the third digit

function fitTemperature(samples: readonly TokenSample[], alpha: number): number {
  // Each fold's model is the full counts minus that fold's own counts, so nothing is counted twice.
  // (|V| stays that of the full set: a slightly larger denominator, no effect worth a recount.)
  const labels = labelsOf(samples);
  const full = dense(samples, labels);
  const n = labels.length;
  const V = full.rows.size;
  const step = Math.max(1, Math.floor(samples.length / CALIBRATION_MAX));
  const held: { scores: Float64Array; truth: number }[] = [];
  const index = new Map(labels.map((l, i) => [l, i]));
  for (let f = 0; f < CALIBRATION_FOLDS; f++) {
    const fold = dense(
      samples.filter((_, i) => i % CALIBRATION_FOLDS === f),
      labels,
    );
    const N = samples.length - fold.docs.reduce((x, y) => x + y, 0);
    const logPrior = new Float64Array(n);
    const logDen = new Float64Array(n);
    for (let c = 0; c < n; c++) {
      const docs = full.docs[c] - fold.docs[c];
      logPrior[c] = docs > 0 ? Math.log(docs / N) : Number.NEGATIVE_INFINITY;
      logDen[c] = Math.log(full.totals[c] - fold.totals[c] + alpha * V);
    }
    const empty = new Float64Array(n);
    for (let i = f; i < samples.length; i += CALIBRATION_FOLDS * step) {
      const truth = index.get(samples[i].label)!;
      if (!Number.isFinite(logPrior[truth])) continue;
      const scores = Float64Array.from(logPrior);
      for (const t of new Set(samples[i].tokens)) {
        const all = full.rows.get(t)!;
        const mine = fold.rows.get(t) ?? empty;
        let seen = false;
        for (let c = 0; c < n; c++) if (all[c] - mine[c] > 0) seen = true;
        if (!seen) continue; // unseen in this fold's training part
        for (let c = 0; c < n; c++) scores[c] += Math.log(all[c] - mine[c] + alpha) - logDen[c];
      }
      held.push({ scores, truth });
    }
  }
  if (held.length === 0) return 1;
  // Negative log-likelihood at temperature t, as log-sum-exp without allocating.
  const nll = (t: number) => {
    let sum = 0;
    for (const { scores, truth } of held) {
      let max = Number.NEGATIVE_INFINITY;
      for (const x of scores) if (x > max) max = x;
      let z = 0;
      for (const x of scores) z += Math.exp((x - max) / t);
      sum += Math.log(z) - (scores[truth] - max) / t;
    }
    return sum;
  };
  // Golden-section search on log T over [0, log 100], i.e. T from 1 to 100.
  let lo = 0;
  let hi = Math.log(100);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = nll(Math.exp(a));
  let fb = nll(Math.exp(b));
  for (let i = 0; i < 30; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = nll(Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = nll(Math.exp(b));
    }
  }
  return Math.round(Math.exp((lo + hi) / 2) * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------

/** Share of samples whose label is the first suggestion, and among the first three. */
export function evaluate(model: Model, samples: readonly Sample[]): { top1: number; top3: number; n: number } {
  let top1 = 0;
  let top3 = 0;
  for (const s of samples) {
    const p = predict(model, s.text, 3);
    if (p[0]?.label === s.label) top1++;
    if (p.some((x) => x.label === s.label)) top3++;
  }
  const n = samples.length;
  return { top1: n ? top1 / n : 0, top3: n ? top3 / n : 0, n };
}

/** JSON text for storage; a Model is already plain data, so storing it in a jsonb column works too. */
export function serialize(model: Model): string {
  return JSON.stringify(model);
}

/** Parse and check a stored model (from JSON text or a jsonb value). */
export function deserialize(stored: string | unknown): Model {
  const m = (typeof stored === "string" ? JSON.parse(stored) : stored) as Model;
  const ok =
    m &&
    m.kind === "multinomial-nb" &&
    m.version === 1 &&
    typeof m.alpha === "number" &&
    m.alpha > 0 &&
    typeof m.vocabularySize === "number" &&
    typeof m.docs === "number" &&
    Array.isArray(m.classes) &&
    m.classes.every((c) => typeof c.label === "string" && typeof c.docs === "number" && c.counts && typeof c.counts === "object");
  if (!ok) throw new Error("not a dispatch classifier model (multinomial-nb v1)");
  return { ...m, temperature: typeof m.temperature === "number" && m.temperature > 0 ? m.temperature : 1 };
}
