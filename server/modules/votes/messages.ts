// Error codes and field reasons of the votes module, in Chinese and English (merged into lib/i18n.ts).
export const votesMessages = {
  votes_quorum_not_met: {
    zh: "会议未达到法定人数,不能开始表决:应到 {expected} 人,实到 {present} 人,至少需 {needed} 人,还差 {short} 人",
    en: "The meeting has no quorum, so no vote can be opened: {present} of {expected} members present, {needed} needed, {short} short",
  },
  votes_bad_status: {
    zh: "当前状态为“{status}”,不能执行“{action}”",
    en: "This cannot be done ({action}) while the status is {status}",
  },
  votes_not_open: { zh: "投票未开放或已截止", en: "The vote is not open for ballots" },
  votes_already_voted: {
    zh: "已经投过票:每位选民(或每户)只能投一票",
    en: "A ballot was already cast: one ballot per voter (or household)",
  },
  votes_serial_used: { zh: "纸质选票编号 {serial} 已经录入过", en: "Paper ballot serial {serial} was already entered" },
  votes_not_elector: {
    zh: "您不在本次投票开始时确定的选民名单中",
    en: "You are not in this vote's electorate (fixed when it opened)",
  },
  votes_not_published: { zh: "结果尚未公布", en: "The results are not published yet" },
  votes_not_member: {
    zh: "本会议只允许该组织的现任成员签到",
    en: "Only current members of the body can sign in to this meeting",
  },
  votes_meeting_closed: { zh: "会议已结束或已取消,不能签到", en: "The meeting is over or cancelled; sign-in is closed" },
  votes_not_open_space: { zh: "这不是开放空间会议", en: "This is not an open-space meeting" },
  votes_not_participant: { zh: "请先在会议签到", en: "Sign in to the meeting first" },
} satisfies Record<string, { zh: string; en: string }>;

export const votesFieldMessages = {
  votes_bad_choice: { zh: "不是本次投票的有效选项", en: "is not a valid choice in this vote" },
  votes_too_many: { zh: "最多可选 {max} 项", en: "at most {max} may be chosen" },
  votes_over_fund: {
    zh: "所选项目合计 {total} 元,超过资金总额 {fund} 元",
    en: "the chosen projects cost {total} yuan in total, more than the fund of {fund} yuan",
  },
  votes_options_needed: { zh: "至少需要 {min} 个选项", en: "at least {min} options are needed" },
  votes_bad_ratio: {
    zh: "应为 0 到 1 之间的比例,例如 2/3 或 0.5",
    en: "must be a ratio between 0 and 1, such as 2/3 or 0.5",
  },
  votes_owners_yes_no: {
    zh: "业主表决只支持同意/反对/弃权",
    en: "owners' votes are yes / no / abstain votes",
  },
  votes_body_required: { zh: "组织成员表决须指定组织", en: "a body vote needs the body" },
  votes_not_current_member: { zh: "不是该组织的现任成员", en: "is not a current member of the body" },
  votes_not_in_electorate: { zh: "不在本次投票的选民名单中", en: "is not in this vote's electorate" },
  votes_code_wrong: { zh: "签到码不正确", en: "the sign-in code is wrong" },
  votes_receipt_format: { zh: "回执码格式不正确", en: "not a receipt code (12 letters and digits)" },
  votes_cost_needed: { zh: "预算投票的每个选项都须填写费用", en: "every option of a budget vote needs a cost" },
  votes_time_order: { zh: "截止时间须晚于开始时间", en: "must be after the opening time" },
  votes_person_needed: {
    zh: "请指定居民、用户或组织成员之一",
    en: "name one of: a resident, a user or a body member",
  },
} satisfies Record<string, { zh: string; en: string }>;
