// The seeded appeal catalogue: appeal types, handling units (departments and area units) and the
// two-level category catalogue (大类/小类) with each leaf's default unit and time limits.
// Codes are the platform's own: two digits for a group, four for a leaf (group code + two digits).
// The group names follow the digital city-management event groups (数字城管, GB/T 30428) and the
// community matters of the seeds; the numbering is ours, not the standard's.

export type AppealTypeCode = "enquiry" | "help" | "complaint" | "report" | "suggestion";

export interface AppealType {
  code: AppealTypeCode;
  nameZh: string;
  nameEn: string;
  /** Contact the resident within this many working days (urgent categories override in hours). */
  responseDays: number;
  /** Close within this many working days. */
  resolveDays: number;
}

// Guangdong 12345 practice: enquiry 2, help and suggestion 10, complaint and report 15 working days.
export const APPEAL_TYPES: readonly AppealType[] = [
  { code: "enquiry", nameZh: "咨询", nameEn: "Enquiry", responseDays: 1, resolveDays: 2 },
  { code: "help", nameZh: "求助", nameEn: "Request for help", responseDays: 1, resolveDays: 10 },
  { code: "complaint", nameZh: "投诉", nameEn: "Complaint", responseDays: 1, resolveDays: 15 },
  { code: "report", nameZh: "举报", nameEn: "Report of wrongdoing", responseDays: 1, resolveDays: 15 },
  { code: "suggestion", nameZh: "建议", nameEn: "Suggestion", responseDays: 1, resolveDays: 10 },
];

export interface Department {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: "government" | "utility";
}

// Functional departments and public utilities that receive dispatched orders.
export const DEPARTMENTS: readonly Department[] = [
  { code: "cgzf", nameZh: "城管执法局", nameEn: "Urban Management Enforcement Bureau", kind: "government" },
  { code: "cgw", nameZh: "城市管理委员会", nameEn: "City Management Commission (sanitation, lighting)", kind: "government" },
  { code: "scjg", nameZh: "市场监管局", nameEn: "Market Regulation Bureau", kind: "government" },
  { code: "sthj", nameZh: "生态环境局", nameEn: "Ecology and Environment Bureau", kind: "government" },
  { code: "ga", nameZh: "公安分局", nameEn: "Public Security Sub-bureau", kind: "government" },
  { code: "xf", nameZh: "消防救援大队", nameEn: "Fire and Rescue Brigade", kind: "government" },
  { code: "mz", nameZh: "民政局", nameEn: "Civil Affairs Bureau", kind: "government" },
  { code: "zj", nameZh: "住建局", nameEn: "Housing and Urban-Rural Development Bureau", kind: "government" },
  { code: "jt", nameZh: "交通运输局", nameEn: "Transport Bureau", kind: "government" },
  { code: "sw", nameZh: "水务局", nameEn: "Water Authority", kind: "government" },
  { code: "wj", nameZh: "卫健委", nameEn: "Health Commission", kind: "government" },
  { code: "rs", nameZh: "人社局", nameEn: "Human Resources and Social Security Bureau", kind: "government" },
  { code: "yl", nameZh: "园林绿化局", nameEn: "Landscaping and Greening Bureau", kind: "government" },
  { code: "rq", nameZh: "燃气公司", nameEn: "Gas company", kind: "utility" },
  { code: "gd", nameZh: "供电公司", nameEn: "Power supply company", kind: "utility" },
];

export const AREA_UNITS = ["grid", "community", "street"] as const;
export type AreaUnit = (typeof AREA_UNITS)[number];

export const AREA_UNIT_NAMES: Record<AreaUnit, { nameZh: string; nameEn: string }> = {
  grid: { nameZh: "网格", nameEn: "Grid" },
  community: { nameZh: "社区居委会", nameEn: "Community residents' committee" },
  street: { nameZh: "街道网格化管理中心", nameEn: "Street grid management centre" },
};

/** The unit that dispatches by hand when the classifier is unsure: the street's grid centre holds 派单权. */
export const MANUAL_DISPATCH_UNIT: AreaUnit = "street";

export interface CategoryGroup {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: "city" | "community";
}

export const CATEGORY_GROUPS: readonly CategoryGroup[] = [
  { code: "01", nameZh: "市容环境", nameEn: "City appearance and sanitation", kind: "city" },
  { code: "02", nameZh: "宣传广告", nameEn: "Advertising and flyers", kind: "city" },
  { code: "03", nameZh: "施工管理", nameEn: "Construction management", kind: "city" },
  { code: "04", nameZh: "突发事件", nameEn: "Emergencies", kind: "city" },
  { code: "05", nameZh: "街面秩序", nameEn: "Street order", kind: "city" },
  { code: "06", nameZh: "其他", nameEn: "Other city-management events", kind: "city" },
  { code: "07", nameZh: "社区治理", nameEn: "Community governance", kind: "community" },
  { code: "08", nameZh: "物业管理", nameEn: "Property management", kind: "community" },
  { code: "09", nameZh: "邻里关系", nameEn: "Neighbour relations", kind: "community" },
  { code: "10", nameZh: "民生服务", nameEn: "Public services", kind: "community" },
  { code: "11", nameZh: "公共安全", nameEn: "Public safety", kind: "community" },
  { code: "12", nameZh: "环境保护", nameEn: "Environmental protection", kind: "community" },
  { code: "13", nameZh: "交通出行", nameEn: "Transport and roads", kind: "community" },
  { code: "14", nameZh: "市场监管", nameEn: "Market regulation", kind: "community" },
];

export interface Category {
  code: string;
  parentCode: string;
  nameZh: string;
  nameEn: string;
  /** A department code from DEPARTMENTS or an area unit ('grid' | 'community' | 'street'). */
  defaultUnit: string;
  /** The appeal type such matters usually arrive as; the intake may override it. */
  defaultType: AppealTypeCode;
  /** Contact the resident within this many clock hours. */
  responseHours: number;
  /** Close within this many working days … */
  resolveDays?: number;
  /** … or, for urgent and utility matters, within this many clock hours. */
  resolveHours?: number;
  urgent: boolean;
}

type Leaf = Omit<Category, "parentCode">;
const leaf = (
  code: string,
  nameZh: string,
  nameEn: string,
  defaultUnit: string,
  defaultType: AppealTypeCode,
  limits: Pick<Category, "responseHours" | "resolveDays" | "resolveHours" | "urgent">,
): Leaf => ({ code, nameZh, nameEn, defaultUnit, defaultType, ...limits });

// Time limits: ordinary matters are answered within a working day and closed within 5–15 working
// days; enquiries within 2; urgent dangers are answered within the hour and made safe within hours.
const days = (resolveDays: number, responseHours = 24) => ({ responseHours, resolveDays, urgent: false });
const hours = (responseHours: number, resolveHours: number, urgent = true) => ({ responseHours, resolveHours, urgent });

const LEAVES: readonly Leaf[] = [
  leaf("0101", "环境卫生(垃圾清运)", "Sanitation and refuse collection", "cgw", "complaint", days(3, 12)),
  leaf("0102", "背街小巷环境", "Back-lane environment", "street", "complaint", days(10)),
  leaf("0201", "非法小广告", "Illegal flyers and graffiti ads", "cgzf", "report", days(5)),
  leaf("0301", "施工扰民", "Construction disturbance", "cgzf", "complaint", days(5, 12)),
  leaf("0302", "私搭乱建", "Illegal structures", "cgzf", "report", days(15)),
  leaf("0303", "开墙打洞", "Unauthorised wall openings", "cgzf", "report", days(15)),
  leaf("0401", "燃气隐患", "Gas hazard", "rq", "help", hours(1, 12)),
  leaf("0402", "井盖缺失", "Missing or broken manhole cover", "cgw", "report", hours(1, 24)),
  leaf("0403", "污水外溢", "Sewage overflow", "sw", "help", hours(1, 24)),
  leaf("0404", "树木倒伏/绿化", "Fallen trees and greening", "yl", "help", hours(1, 24)),
  leaf("0501", "占道经营", "Street vending on the roadway", "cgzf", "complaint", days(5)),
  leaf("0502", "违章停车", "Illegal parking", "ga", "report", days(3, 12)),
  leaf("0503", "共享单车乱停", "Badly parked shared bikes", "jt", "complaint", days(3)),
  leaf("0601", "路灯故障", "Street light fault", "cgw", "report", days(5)),
  leaf("0701", "私装地锁", "Private parking locks", "community", "complaint", days(10)),
  leaf("0801", "物业服务", "Property management service", "community", "complaint", days(15)),
  leaf("0802", "电梯故障", "Lift fault or people trapped", "scjg", "help", hours(1, 24)),
  leaf("0803", "房屋漏水", "Leaking housing", "community", "help", days(10)),
  leaf("0901", "邻里纠纷", "Neighbour dispute", "community", "help", days(10)),
  leaf("0902", "宠物扰民", "Pet nuisance", "community", "complaint", days(10)),
  leaf("1001", "养老服务", "Elderly care services", "mz", "help", days(10)),
  leaf("1002", "低保救助咨询", "Minimum living allowance and relief enquiry", "mz", "enquiry", days(2)),
  leaf("1003", "医保社保咨询", "Medical and social insurance enquiry", "rs", "enquiry", days(2)),
  leaf("1004", "就业咨询", "Employment enquiry", "rs", "enquiry", days(2)),
  // Water cuts go to the water authority (sw) on dispatch; the default is the power company.
  leaf("1005", "停水停电", "Water or power outage", "gd", "help", hours(2, 48, false)),
  leaf("1006", "供暖问题", "Heating problem", "zj", "complaint", days(3, 12)),
  leaf("1101", "消防通道占用", "Blocked fire lane", "xf", "report", days(2, 4)),
  leaf("1102", "高空抛物", "Objects thrown from height", "ga", "report", days(5, 12)),
  leaf("1201", "噪音扰民", "Noise nuisance", "ga", "complaint", days(5, 12)),
  leaf("1202", "油烟污染", "Cooking-fume pollution", "sthj", "complaint", days(10)),
  leaf("1301", "道路破损", "Damaged road or pavement", "jt", "report", days(10)),
  leaf("1401", "无照经营", "Unlicensed business", "scjg", "report", days(15)),
  leaf("1402", "食品安全", "Food safety", "scjg", "report", days(10, 12)),
  leaf("1403", "价格欺诈", "Price fraud", "scjg", "complaint", days(10)),
];

export const CATEGORIES: readonly Category[] = LEAVES.map((l) => ({ ...l, parentCode: l.code.slice(0, 2) }));

const byCode = new Map(CATEGORIES.map((c) => [c.code, c]));
const groupByCode = new Map(CATEGORY_GROUPS.map((g) => [g.code, g]));
const unitCodes = new Set<string>([...DEPARTMENTS.map((d) => d.code), ...AREA_UNITS]);

export const categoryOf = (code: string): Category | undefined => byCode.get(code);
export const groupOf = (code: string): CategoryGroup | undefined => groupByCode.get(code);
export const isKnownUnit = (unit: string): boolean => unitCodes.has(unit);

export function unitName(unit: string): { nameZh: string; nameEn: string } | undefined {
  const d = DEPARTMENTS.find((x) => x.code === unit);
  if (d) return { nameZh: d.nameZh, nameEn: d.nameEn };
  return (AREA_UNIT_NAMES as Record<string, { nameZh: string; nameEn: string }>)[unit];
}

export type Limit = { hours: number } | { workingDays: number };

/**
 * The limits that apply to an appeal of a type in a category: the tighter of the two. A limit in
 * clock hours counts as tighter than one in working days when it is under 24 h per working day, so a
 * category's 24 h response stays "within one working day".
 */
export function timeLimits(categoryCode: string, type: AppealTypeCode): { response: Limit; resolve: Limit; urgent: boolean } {
  const t = APPEAL_TYPES.find((x) => x.code === type);
  if (!t) throw new Error(`unknown appeal type ${type}`);
  const c = byCode.get(categoryCode);
  if (!c) return { response: { workingDays: t.responseDays }, resolve: { workingDays: t.resolveDays }, urgent: false };
  const tighter = (days: number, h?: number, d?: number): Limit => {
    if (h !== undefined && h < days * 24) return { hours: h };
    if (d !== undefined) return { workingDays: Math.min(d, days) };
    return { workingDays: days };
  };
  return {
    response: tighter(t.responseDays, c.responseHours),
    resolve: tighter(t.resolveDays, c.resolveHours, c.resolveDays),
    urgent: c.urgent,
  };
}
