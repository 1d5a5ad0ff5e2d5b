// Error codes and field reasons of the disclosure module, in Chinese and English (merged into lib/i18n.ts).
export const disclosureMessages = {
  disclosure_not_draft: { zh: "只能修改或发布草稿", en: "Only a draft can be edited or published" },
  disclosure_not_published: { zh: "该公开事项未处于公开状态", en: "The disclosure is not published" },
  disclosure_opinion_handled: { zh: "该意见已处理", en: "The opinion has already been handled" },
  disclosure_listing_not_draft: {
    zh: "公示已发布,名单不能再修改",
    en: "The listing is published; its list can no longer change",
  },
  disclosure_listing_not_open: {
    zh: "不在公示期内,不能提出异议(公示期 {opensAt} 至 {closesAt})",
    en: "Objections are accepted only while the listing is open ({opensAt} to {closesAt})",
  },
  disclosure_listing_not_closed: { zh: "公示期结束后才能重新公示", en: "A listing can be republished only after it closes" },
  disclosure_listing_pending: {
    zh: "还有 {count} 条异议未处理",
    en: "{count} objection(s) are still unresolved",
  },
  disclosure_listing_republished: { zh: "该公示已重新公示过", en: "This listing has already been republished" },
  disclosure_listing_empty: { zh: "公示名单为空", en: "The list is empty" },
  disclosure_entry_duplicate: { zh: "该居民已在名单中", en: "This resident is already on the list" },
  disclosure_entry_removed: { zh: "该对象已从名单中移除", en: "This entry has been removed from the list" },
  disclosure_objection_resolved: { zh: "该异议已处理", en: "The objection has already been resolved" },
  disclosure_not_resident: { zh: "只有登记在册的居民可以参与", en: "Only residents in the registry can take part" },
} satisfies Record<string, { zh: string; en: string }>;

export const disclosureFieldMessages = {
  disclosure_template_unknown: { zh: "未知模板", en: "unknown template" },
  disclosure_template_category: { zh: "模板与公开类别不符", en: "the template does not belong to this category" },
  disclosure_field_unknown: { zh: "模板中没有该字段", en: "the template has no such field" },
  disclosure_too_long: { zh: "不能超过 {max} 个字", en: "at most {max} characters" },
  disclosure_too_many_lines: { zh: "不能超过 {max} 行", en: "at most {max} lines" },
  disclosure_amount_invalid: {
    zh: "金额应为非负数,最多两位小数",
    en: "an amount is a non-negative number with at most two decimals",
  },
  disclosure_total_mismatch: {
    zh: "合计 {total} 与明细之和 {sum} 不符",
    en: "the total {total} does not equal the sum of the lines {sum}",
  },
  disclosure_balance_mismatch: {
    zh: "期末余额应为 {expected}(期初余额 + 收入 − 支出)",
    en: "the closing balance should be {expected} (opening + income − expenses)",
  },
  disclosure_period_order: { zh: "结束日期不能早于开始日期", en: "the end date is before the start date" },
  disclosure_adopted_note_required: { zh: "请填写采纳后办理的情况", en: "say what was done when adopting" },
  disclosure_reason_required: { zh: "请填写不采纳的理由", en: "give the reason for not adopting" },
  disclosure_window_order: { zh: "公示结束时间必须晚于开始时间", en: "the listing must close after it opens" },
  disclosure_resident_outside: {
    zh: "该居民不住在公示区域内",
    en: "the resident does not live in the listing's area",
  },
  disclosure_entry_unknown: { zh: "名单中没有该对象", en: "no such entry on this list" },
} satisfies Record<string, { zh: string; en: string }>;
