// Chinese / English labels for API enums.
import type { Lang } from "./i18n/lang";
import type {
  AppealType,
  AreaLevel,
  BuildingKind,
  DocType,
  GridLevel,
  ImportKind,
  ImportStatus,
  OrderChannel,
  OrderLight,
  OrderStatus,
  ResidenceType,
  Role,
  Satisfaction,
  StaffRole,
  Tag,
  Urgency,
} from "./types";

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const roleLabels: Labels<Role> = {
  sysadmin: { zh: "系统管理员", en: "System administrator" },
  secadmin: { zh: "安全管理员", en: "Security administrator" },
  auditor: { zh: "安全审计员", en: "Auditor" },
  district: { zh: "区级", en: "District" },
  street: { zh: "街道", en: "Street office" },
  community: { zh: "社区", en: "Community" },
  grid: { zh: "网格员", en: "Grid worker" },
  department: { zh: "职能部门", en: "Department" },
  operator: { zh: "热线坐席", en: "Hotline operator" },
  resident: { zh: "居民", en: "Resident" },
};

export const residenceTypeLabels: Labels<ResidenceType> = {
  registered: { zh: "户籍", en: "Registered" },
  resident: { zh: "常住", en: "Resident" },
  floating: { zh: "流动", en: "Floating" },
};

export const docTypeLabels: Labels<DocType> = {
  resident_id: { zh: "居民身份证", en: "Resident ID card" },
  passport: { zh: "护照", en: "Passport" },
  hk_macao: { zh: "港澳居民来往内地通行证", en: "HK/Macao Home Return Permit" },
  taiwan: { zh: "台湾居民来往大陆通行证", en: "Taiwan Compatriot Permit" },
  foreign_permanent: { zh: "外国人永久居留身份证", en: "Foreign Permanent Resident ID" },
};

export const gridLevelLabels: Labels<GridLevel> = {
  large: { zh: "大", en: "Large" },
  medium: { zh: "中", en: "Medium" },
  small: { zh: "小", en: "Small" },
};

export const staffRoleLabels: Labels<StaffRole> = {
  leader: { zh: "网格长", en: "Grid leader" },
  assistant: { zh: "网格协理员", en: "Grid assistant" },
  informant: { zh: "网格信息员", en: "Grid informant" },
  officer: { zh: "下沉力量", en: "Attached officer" },
};

export const areaLevelLabels: Labels<AreaLevel> = {
  city: { zh: "市", en: "City" },
  district: { zh: "区/县", en: "District" },
  street: { zh: "街道/乡镇", en: "Street" },
  community: { zh: "社区/村", en: "Community" },
  grid: { zh: "网格", en: "Grid" },
};

export const buildingKindLabels: Labels<BuildingKind> = {
  building: { zh: "楼栋", en: "Building" },
  compound: { zh: "院落", en: "Compound" },
};

export const sexLabels: Labels<"male" | "female"> = {
  male: { zh: "男", en: "Male" },
  female: { zh: "女", en: "Female" },
};

export const importKindLabels: Labels<ImportKind> = {
  residents: { zh: "居民", en: "Residents" },
  households: { zh: "住户", en: "Households" },
  buildings: { zh: "楼栋院落", en: "Buildings" },
  grids: { zh: "网格", en: "Grids" },
};

export const importStatusLabels: Labels<ImportStatus> = {
  validating: { zh: "校验中", en: "Validating" },
  validated: { zh: "校验完成", en: "Validated" },
  importing: { zh: "导入中", en: "Importing" },
  done: { zh: "已完成", en: "Done" },
  failed: { zh: "失败", en: "Failed" },
};

export const appealTypeLabels: Labels<AppealType> = {
  enquiry: { zh: "咨询", en: "Enquiry" },
  help: { zh: "求助", en: "Help" },
  complaint: { zh: "投诉", en: "Complaint" },
  report: { zh: "举报", en: "Report" },
  suggestion: { zh: "建议", en: "Suggestion" },
};

export const channelLabels: Labels<OrderChannel> = {
  resident: { zh: "居民", en: "Resident" },
  patrol: { zh: "巡查", en: "Patrol" },
  hotline: { zh: "热线", en: "Hotline" },
  open311: { zh: "Open311", en: "Open311" },
};

export const orderStatusLabels: Labels<OrderStatus> = {
  accepted: { zh: "受理", en: "Accepted" },
  dispatched: { zh: "已派单", en: "Dispatched" },
  signed: { zh: "已签收", en: "Signed for" },
  in_progress: { zh: "处置中", en: "In progress" },
  answered: { zh: "已办结", en: "Answered" },
  archived: { zh: "已归档", en: "Archived" },
  returned: { zh: "已退单", en: "Returned" },
  suspended: { zh: "已挂起", en: "Suspended" },
  voided: { zh: "已作废", en: "Voided" },
  merged: { zh: "已合并", en: "Merged" },
};

/** Tag colours of order statuses. */
export const orderStatusColors: Record<OrderStatus, string> = {
  accepted: "blue",
  dispatched: "geekblue",
  signed: "cyan",
  in_progress: "processing",
  answered: "green",
  archived: "default",
  returned: "orange",
  suspended: "gold",
  voided: "default",
  merged: "purple",
};

export const lightLabels: Labels<OrderLight> = {
  green: { zh: "正常", en: "On time" },
  yellow: { zh: "即将超期", en: "Due soon" },
  red: { zh: "已超期", en: "Overdue" },
  none: { zh: "—", en: "—" },
};

export const satisfactionLabels: Labels<Satisfaction> = {
  satisfied: { zh: "满意", en: "Satisfied" },
  basic: { zh: "基本满意", en: "Basically satisfied" },
  dissatisfied: { zh: "不满意", en: "Dissatisfied" },
};

export const urgencyLabels: Labels<Urgency> = {
  normal: { zh: "一般", en: "Normal" },
  urgent: { zh: "紧急", en: "Urgent" },
  very_urgent: { zh: "特急", en: "Very urgent" },
};

/** Order actions and the other timeline events (accept, warn, overdue, whistle …). */
export const orderActionLabels: Labels<string> = {
  accept: { zh: "受理", en: "Accepted" },
  dispatch: { zh: "派单", en: "Dispatch" },
  redispatch: { zh: "改派", en: "Re-dispatch" },
  sign: { zh: "签收", en: "Sign for" },
  return: { zh: "退单", en: "Return" },
  contact: { zh: "联系群众", en: "Contact resident" },
  progress: { zh: "处置进展", en: "Progress" },
  answer: { zh: "办结答复", en: "Answer" },
  callback: { zh: "回访评价", en: "Call back / rate" },
  suspend: { zh: "挂起", en: "Suspend" },
  resume: { zh: "恢复", en: "Resume" },
  supervise: { zh: "督办", en: "Supervise" },
  request_extension: { zh: "申请延期", en: "Request extension" },
  decide_extension: { zh: "审批延期", en: "Decide extension" },
  request_void: { zh: "申请作废", en: "Request void" },
  approve_void: { zh: "同意作废", en: "Approve void" },
  refuse_void: { zh: "驳回作废", en: "Refuse void" },
  merge: { zh: "合并", en: "Merge" },
  warn: { zh: "临期预警", en: "Deadline warning" },
  overdue: { zh: "超期", en: "Overdue" },
  whistle: { zh: "吹哨", en: "Whistle" },
  whistle_report: { zh: "报到", en: "Report in" },
  attach: { zh: "上传附件", en: "Attachment" },
};

export const extensionStatusLabels: Labels<string> = {
  pending: { zh: "待审批", en: "Pending" },
  approved: { zh: "已批准", en: "Approved" },
  refused: { zh: "已驳回", en: "Refused" },
};

export function label<K extends string>(table: Labels<K>, key: K | null | undefined, lang: Lang): string {
  if (key === null || key === undefined) return "-";
  return table[key]?.[lang] ?? key;
}

export function options<K extends string>(table: Labels<K>, lang: Lang): Array<{ value: K; label: string }> {
  return (Object.keys(table) as K[]).map((value) => ({ value, label: table[value][lang] }));
}

export function tagName(tag: Pick<Tag, "nameZh" | "nameEn">, lang: Lang): string {
  return lang === "en" ? tag.nameEn || tag.nameZh : tag.nameZh;
}
