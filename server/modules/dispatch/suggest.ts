// From an appeal's text to a dispatch suggestion: the top categories with their confidence, the
// catalogue's unit and time limits for each, and whether the order may go out without a person
// looking at it. Below the threshold (or with no model yet) the order goes to the street grid
// centre, which holds the dispatch right (派单权), for manual dispatch.
import { type Category, MANUAL_DISPATCH_UNIT, categoryOf } from "./catalogue.js";
import { type Model, predict } from "./classifier.js";

export interface CategorySuggestion {
  code: string;
  parentCode: string;
  nameZh: string;
  nameEn: string;
  defaultUnit: string;
  urgent: boolean;
  confidence: number;
}

export interface DispatchSuggestion {
  /** Best first; at most `k`. Empty when there is no model or no text. */
  suggestions: CategorySuggestion[];
  /** True when the first suggestion may be dispatched automatically to `unit`. */
  auto: boolean;
  /** Where the order goes: the first suggestion's default unit, or the grid centre for manual dispatch. */
  unit: string;
  reason: "confident" | "low_confidence" | "no_model" | "empty_text";
  /** An urgent category is among the suggestions with some weight: a person should look at once. */
  possiblyUrgent: boolean;
}

export interface SuggestOptions {
  /** Minimum confidence of the first suggestion for automatic dispatch. */
  threshold?: number;
  k?: number;
  /** Weight at which an urgent category among the suggestions raises possiblyUrgent. */
  urgentAlert?: number;
}

// With the calibrated model, 0.6 dispatches most synthetic appeals automatically at a much higher
// accuracy than the overall top-1 (see bench/dispatch.ts); tune it on real closed orders.
export const DEFAULT_THRESHOLD = 0.6;
const DEFAULT_URGENT_ALERT = 0.15;

export function suggest(model: Model | null | undefined, text: string, options: SuggestOptions = {}): DispatchSuggestion {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const manual = (reason: DispatchSuggestion["reason"], suggestions: CategorySuggestion[] = []): DispatchSuggestion => ({
    suggestions,
    auto: false,
    unit: MANUAL_DISPATCH_UNIT,
    reason,
    possiblyUrgent: suggestions.some((s) => s.urgent && s.confidence >= (options.urgentAlert ?? DEFAULT_URGENT_ALERT)),
  });
  if (!model || model.classes.length === 0) return manual("no_model");
  if (text.trim().length === 0) return manual("empty_text");

  const suggestions = predict(model, text, options.k ?? 3).flatMap((p) => {
    const c: Category | undefined = categoryOf(p.label);
    // A label the catalogue no longer has (a retired category in old orders) is skipped.
    return c
      ? [
          {
            code: c.code,
            parentCode: c.parentCode,
            nameZh: c.nameZh,
            nameEn: c.nameEn,
            defaultUnit: c.defaultUnit,
            urgent: c.urgent,
            confidence: p.confidence,
          },
        ]
      : [];
  });
  const top = suggestions[0];
  if (!top || top.confidence < threshold) return manual("low_confidence", suggestions);
  const result = manual("confident", suggestions);
  return { ...result, auto: true, unit: top.defaultUnit };
}
