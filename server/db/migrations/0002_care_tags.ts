// The care categories of categorised service (分类服务), domain.md §1 and GB/T 31000-2015.
// Sensitive tags are readable only with the registry.sensitive permission.
export const name = "0002_care_tags";

const tags: [string, string, string, boolean][] = [
  ["elderly", "老年人", "Elderly (60+)", false],
  ["elderly_alone", "独居老人", "Elderly living alone", false],
  ["empty_nest", "空巢老人", "Empty-nest elderly", false],
  ["disabled", "残疾人", "Person with disability", false],
  ["difficulty", "困难群众", "Person in difficulty", false],
  ["low_income", "低保户", "Minimum-allowance (低保) household", true],
  ["childbearing_women", "育龄妇女", "Woman of child-bearing age", false],
  ["left_behind_child", "留守儿童", "Left-behind child", false],
  ["veteran", "退役军人", "Veteran", false],
  ["party_member", "党员", "Party member", false],
  ["volunteer", "志愿者", "Volunteer", false],
  ["community_correction", "社区矫正对象", "Under community correction", true],
  ["released_prisoner", "刑满释放人员", "Released prisoner", true],
  ["drug_user", "吸毒人员", "Drug user", true],
  ["mental_disorder", "严重精神障碍患者", "Severe mental disorder", true],
  ["youth_at_risk", "重点青少年", "Youth at risk", true],
];

export const up: string[] = tags.map(
  ([code, zh, en, sensitive], i) =>
    `insert into tags (code, name_zh, name_en, sensitive, sort) values ('${code}', '${zh}', '${en}', ${sensitive}, ${i + 1})`,
);
