// Smart dispatch (智能派单), the pure part: Chinese tokens, the category catalogue with units and time
// limits, a naive Bayes category classifier trained on closed orders, and the dispatch suggestion.
export {
  APPEAL_TYPES,
  AREA_UNITS,
  AREA_UNIT_NAMES,
  CATEGORIES,
  CATEGORY_GROUPS,
  DEPARTMENTS,
  MANUAL_DISPATCH_UNIT,
  categoryOf,
  groupOf,
  isKnownUnit,
  timeLimits,
  unitName,
} from "./catalogue.js";
export type { AppealType, AppealTypeCode, AreaUnit, Category, CategoryGroup, Department, Limit } from "./catalogue.js";
export { deserialize, evaluate, predict, predictTokens, serialize, train, trainTokens } from "./classifier.js";
export type { Model, Prediction, Sample, TokenSample, TrainOptions } from "./classifier.js";
export { labelledAppeals } from "./dataset.js";
export { DEFAULT_THRESHOLD, suggest } from "./suggest.js";
export type { CategorySuggestion, DispatchSuggestion, SuggestOptions } from "./suggest.js";
export { searchTokens, tokens } from "./tokenize.js";
