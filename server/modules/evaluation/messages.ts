// Error codes and field reasons of the evaluation module, in Chinese and English (merged into lib/i18n.ts).
export const evaluationMessages = {
  evaluation_wrong_status: {
    zh: "评议当前为“{status}”状态,不能{action}",
    en: "The survey is {status}; it cannot be {action}",
  },
  evaluation_not_open: { zh: "评议尚未开始,暂不能作答", en: "The survey is not open for answers yet" },
  evaluation_closed: { zh: "评议已结束,不能再作答", en: "The survey has closed; answers are no longer accepted" },
  evaluation_already_answered: {
    zh: "已参加过本次评议,每人只能作答一次",
    en: "This resident has already answered the survey; one response per person",
  },
  evaluation_not_resident: {
    zh: "只有居住在评议区域内的居民可以参加评议",
    en: "Only residents living in the survey's area can take part",
  },
  evaluation_results_not_published: {
    zh: "评议结果将在评议结束时公布",
    en: "The results are published when the survey closes",
  },
} satisfies Record<string, { zh: string; en: string }>;

export const evaluationFieldMessages = {
  evaluation_kind_target: {
    zh: "“{kind}”类评议不能包含“{target}”类对象",
    en: "a {kind} survey cannot hold items of type {target}",
  },
  evaluation_threshold: {
    zh: "阈值应为 0 到 1 之间的分数(分母 1–1000)",
    en: "the threshold must be a fraction between 0 and 1 (denominator 1–1000)",
  },
  evaluation_closes_before_opens: { zh: "结束时间应晚于开始时间", en: "must be later than the opening time" },
  evaluation_closes_past: { zh: "结束时间已过", en: "the closing time has already passed" },
  evaluation_target_required: { zh: "请选择评议对象", en: "choose the item being rated" },
  evaluation_target_forbidden: {
    zh: "“{target}”类项目不关联记录,请只填写名称",
    en: "items of type {target} name no record; give a label only",
  },
  evaluation_target_outside: { zh: "评议对象不在评议区域内", en: "the item is outside the survey's area" },
  evaluation_not_cadre: {
    zh: "不是本区域的社区干部或居委会成员",
    en: "not a community cadre or residents' committee member of the area",
  },
  evaluation_item_duplicate: { zh: "评议对象重复", en: "this item is listed twice" },
  evaluation_items_required: { zh: "至少添加一个评议项目", en: "add at least one item" },
  evaluation_rating_missing: { zh: "请为每一项作出评价", en: "rate every item" },
  evaluation_item_unknown: { zh: "不是本次评议的项目", en: "not an item of this survey" },
  evaluation_resident_outside: {
    zh: "该居民不居住在评议区域内",
    en: "the resident does not live in the survey's area",
  },
} satisfies Record<string, { zh: string; en: string }>;
