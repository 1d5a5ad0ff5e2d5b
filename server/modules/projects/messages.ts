// Error codes and field reasons of the projects module, in Chinese and English (merged into lib/i18n.ts).
export const projectsMessages = {
  projects_bad_transition: {
    zh: "项目状态不能从“{from}”变为“{to}”",
    en: "A project cannot go from {from} to {to}",
  },
  projects_closed: {
    zh: "项目已完成或已取消,不能再更新",
    en: "The project is done or cancelled and takes no more updates",
  },
  projects_children_not_done: {
    zh: "还有 {count} 个子项目未完成,父项目不能办结",
    en: "{count} child projects are not done yet; the parent cannot be done",
  },
  projects_already_exists: {
    zh: "该来源已生成实事项目",
    en: "A project already exists for this source",
  },
  agreements_retired: { zh: "该约定已废止", en: "The agreement is retired" },
  agreements_not_published: { zh: "该约定尚未发布,不能签署", en: "The agreement is not published and cannot be signed" },
  agreements_draft_exists: {
    zh: "已有一个待发布的草稿版本,请先修改或发布它",
    en: "A draft version already exists; edit or publish it first",
  },
  agreements_version_not_draft: {
    zh: "只有草稿版本可以修改或发布",
    en: "Only a draft version can be edited or published",
  },
  agreements_already_signed: { zh: "已签署当前版本", en: "This version is already signed by this signer" },
  agreements_not_signer: {
    zh: "您不能以此身份签署该约定",
    en: "You cannot sign this agreement in this capacity",
  },
} satisfies Record<string, { zh: string; en: string }>;

export const projectsFieldMessages = {
  projects_money_format: {
    zh: "金额应为不小于0的数字,最多两位小数",
    en: "an amount of money: a non-negative number with at most two decimals",
  },
  projects_progress_range: {
    zh: "进度应为0到100之间的数字,最多两位小数",
    en: "a percentage from 0 to 100 with at most two decimals",
  },
  projects_progress_from_children: {
    zh: "有子项目的项目,进度由子项目按预算加权自动计算",
    en: "a project with child projects takes its progress from them (weighted by budget)",
  },
  projects_source_not_eligible: {
    zh: "来源记录当前状态不能生成实事项目",
    en: "the source record cannot become a project in its current state",
  },
  projects_parent_area: {
    zh: "子项目的区域须在父项目的区域之内",
    en: "a child project's area must lie within its parent's area",
  },
  projects_parent_closed: {
    zh: "父项目已完成或已取消",
    en: "the parent project is done or cancelled",
  },
  projects_dates_order: { zh: "结束日期不能早于开始日期", en: "the end date cannot be before the start date" },
  projects_owner_required: {
    zh: "请指定负责人或负责单位",
    en: "give an owner: a user or a unit",
  },
  agreements_effective_before: {
    zh: "生效日期不能早于当前版本的生效日期({date})",
    en: "cannot take effect before the current version ({date})",
  },
  agreements_signer_outside: {
    zh: "签署人不在该约定的区域内",
    en: "the signer does not belong to the agreement's area",
  },
  agreements_signer_type: {
    zh: "该类约定不能由此类签署人签署(干部履职承诺由干部签署,其他由居民或住户签署)",
    en: "this kind of agreement is not signed by this kind of signer (cadres sign duty agreements, residents or households the others)",
  },
} satisfies Record<string, { zh: string; en: string }>;
