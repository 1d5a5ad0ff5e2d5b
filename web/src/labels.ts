// Chinese / English labels for API enums.
import type { Lang } from "./i18n/lang";
import type {
  AreaLevel,
  BuildingKind,
  DocType,
  GridLevel,
  ImportKind,
  ImportStatus,
  ResidenceType,
  Role,
  StaffRole,
  Tag,
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
