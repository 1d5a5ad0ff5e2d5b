// Error codes and field reasons of the budget module, in Chinese and English (merged into lib/i18n.ts).
export const budgetMessages = {
  budget_bad_transition: {
    zh: "预算轮次不能从“{from}”阶段转到“{to}”阶段",
    en: "A budget round cannot move from {from} to {to}",
  },
  budget_no_ideas: { zh: "还没有收到项目建议,不能进入测算阶段", en: "No project ideas yet; costing cannot start" },
  budget_unassessed_ideas: {
    zh: "还有 {count} 个项目建议未作可行性评估",
    en: "{count} project ideas have no feasibility decision yet",
  },
  budget_no_feasible_idea: {
    zh: "至少需要一个经测算可行的项目才能开始投票",
    en: "Voting needs at least one feasible, costed idea",
  },
  budget_idea_over_fund: {
    zh: "有 {count} 个可行项目的费用超过资金总额",
    en: "{count} feasible ideas cost more than the whole fund",
  },
  budget_max_choices_required: { zh: "“最多选 k 项”的投票须设定 k", en: "An up-to-k ballot needs k" },
  budget_cancel_reason_required: { zh: "取消预算轮次须说明原因", en: "Give a reason for cancelling the round" },
  budget_wrong_phase: {
    zh: "当前为“{phase}”阶段,不能{action}",
    en: "The round is in the {phase} phase: cannot {action}",
  },
  budget_not_resident: {
    zh: "只有居住在本区域的居民才能提交项目建议",
    en: "Only residents living in the area can submit ideas",
  },
  budget_round_exists: {
    zh: "该区域 {year} 年已有一个预算轮次",
    en: "The area already has a budget round for {year}",
  },
  budget_vote_missing: { zh: "该轮次没有关联的投票", en: "The round has no vote" },
  budget_vote_not_closed: { zh: "投票尚未结束计票:{status}", en: "The vote has not been tallied: {status}" },
  budget_idea_exists: { zh: "您已提交过同名的项目建议", en: "You already submitted an idea with this title" },
} satisfies Record<string, { zh: string; en: string }>;

export const budgetFieldMessages = {
  budget_area_level: { zh: "只能为街道或社区设置资金", en: "funds are set for a street or a community" },
  budget_amount: { zh: "金额应为非负数,最多两位小数", en: "an amount of money, not negative, at most 2 decimals" },
  budget_cost_required: { zh: "可行的项目须填写测算费用", en: "a feasible idea needs a cost" },
  budget_cost_over_fund: { zh: "费用超过该轮资金总额 {fund} 元", en: "costs more than the round's fund of {fund} yuan" },
  budget_reason_required: { zh: "不可行须说明理由", en: "give the reason it is not feasible" },
  budget_max_choices: { zh: "最多可选项数须为 1 至 {max}", en: "k must be between 1 and {max}" },
} satisfies Record<string, { zh: string; en: string }>;
