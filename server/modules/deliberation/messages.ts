// Error codes and field reasons of the deliberation module, in Chinese and English (merged into lib/i18n.ts).
export const deliberationMessages = {
  deliberation_wrong_status: {
    zh: "提案当前状态({status})不允许此操作",
    en: "The proposal's status ({status}) does not allow this",
  },
  deliberation_wrong_step: {
    zh: "该步骤不是提案当前的审议步骤",
    en: "That step is not the proposal's current step",
  },
  deliberation_reject_after_adoption: {
    zh: "提案已表决通过,后续步骤只能通过或退回修改",
    en: "The proposal has been adopted; later steps can only pass or return it",
  },
  deliberation_deadline_passed: {
    zh: "附议已于 {deadline} 截止",
    en: "Backing closed at {deadline}",
  },
  deliberation_already_backed: {
    zh: "该居民已附议过此提案",
    en: "This resident has already backed the proposal",
  },
  deliberation_not_registered: {
    zh: "您的账号未关联居民档案,无法参与",
    en: "Your account is not linked to a resident record",
  },
  deliberation_member_ended: {
    zh: "该成员已离任",
    en: "The member has already left",
  },
  deliberation_member_exists: {
    zh: "该人员已是本组织的现任成员",
    en: "This person is already a current member of the body",
  },
  deliberation_template_exists: {
    zh: "流程模板代码 {code} 已存在",
    en: "A flow template with code {code} already exists",
  },
} satisfies Record<string, { zh: string; en: string }>;

export const deliberationFieldMessages = {
  deliberation_signer_outside_area: {
    zh: "该居民不住在提案所涉区域内",
    en: "this resident does not live in the proposal's area",
  },
  deliberation_area_not_home: {
    zh: "所选区域不包含您的住址",
    en: "the area must contain your home",
  },
  deliberation_area_level: {
    zh: "提案区域须为社区或网格",
    en: "a proposal's area must be a community or a grid",
  },
  deliberation_not_ratio: {
    zh: "应为 0 到 1 之间、最多四位小数的比例",
    en: "a ratio between 0 and 1 with at most four decimals",
  },
  deliberation_bad_deadline: {
    zh: "截止时间须在今后一年之内(日期或带时区的时间)",
    en: "a date or an instant with time zone, within the coming year",
  },
  deliberation_bad_money: {
    zh: "金额格式不正确(元,最多两位小数)",
    en: "an amount in yuan with at most two decimals",
  },
  deliberation_vote_not_closed: {
    zh: "该表决尚未结束",
    en: "the vote has not closed yet",
  },
  deliberation_vote_disagrees: {
    zh: "表决结果({passed})与所填结论不一致",
    en: "the vote's result ({passed}) disagrees with the outcome",
  },
  deliberation_vote_other_proposal: {
    zh: "该表决属于另一提案",
    en: "the vote belongs to another proposal",
  },
  deliberation_vote_step_only: {
    zh: "只有表决步骤可关联表决",
    en: "only a vote step can refer to a vote",
  },
  deliberation_unknown_template: {
    zh: "未知的流程模板",
    en: "unknown flow template",
  },
  deliberation_duplicate_key: {
    zh: "步骤代码重复",
    en: "duplicate step key",
  },
  deliberation_two_deciding_steps: {
    zh: "最多只能有一个决定性步骤",
    en: "at most one step may decide",
  },
  deliberation_end_before_start: {
    zh: "不能早于任期开始日期",
    en: "cannot be before the term start",
  },
  deliberation_member_person: {
    zh: "须指定居民或用户",
    en: "give a resident or a user",
  },
  deliberation_body_mismatch: {
    zh: "该组织不在提案所涉区域",
    en: "the body is not over the proposal's area",
  },
  deliberation_bad_owner: {
    zh: "未知或不可见的附件归属",
    en: "unknown or invisible owner",
  },
} satisfies Record<string, { zh: string; en: string }>;
