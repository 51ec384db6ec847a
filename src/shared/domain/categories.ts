/** 三类人员 categories (SPEC §2.1): certificate valid 3 years. */
export const SAFETY_CATEGORIES = {
  A: '企业主要负责人',
  B: '项目负责人',
  C1: '专职安全生产管理人员（机械）',
  C2: '专职安全生产管理人员（土建）',
  C3: '专职安全生产管理人员（综合）',
} as const;
export type SafetyCategory = keyof typeof SAFETY_CATEGORIES;

/** 建筑施工特种作业 work types with their national codes (SPEC §2.2): certificate valid 2 years. */
export const WORK_TYPES = {
  '01': '建筑电工',
  '02': '建筑架子工（普通脚手架）',
  '03': '建筑架子工（附着升降脚手架）',
  '04': '建筑起重信号司索工',
  '05': '建筑起重机械司机（塔式起重机）',
  '06': '建筑起重机械司机（施工升降机）',
  '07': '建筑起重机械司机（物料提升机）',
  '08': '建筑起重机械安装拆卸工（塔式起重机）',
  '09': '建筑起重机械安装拆卸工（施工升降机）',
  '10': '建筑起重机械安装拆卸工（物料提升机）',
  '11': '高处作业吊篮安装拆卸工',
  '99': '其他',
} as const;
export type WorkType = keyof typeof WORK_TYPES;

/** One code space for both: 'A' … 'C3' are 三类, '01' … '99' special operations. */
export type CategoryCode = SafetyCategory | WorkType;
// Work types sorted by code: JavaScript lists the integer-like keys '10', '11', '99' before '01'.
export const CATEGORY_CODES = [...Object.keys(SAFETY_CATEGORIES), ...Object.keys(WORK_TYPES).sort()] as [
  CategoryCode,
  ...CategoryCode[],
];

export function isSafetyCategory(code: string): code is SafetyCategory {
  return code in SAFETY_CATEGORIES;
}

export function isWorkType(code: string): code is WorkType {
  return code in WORK_TYPES && !isSafetyCategory(code);
}

/** Display name; 99 carries its own free-text name. */
export function categoryLabel(code: string, otherName?: string | null): string {
  if (isSafetyCategory(code)) return `${code} ${SAFETY_CATEGORIES[code]}`;
  if (isWorkType(code)) return code === '99' && otherName ? `99 其他（${otherName}）` : `${code} ${WORK_TYPES[code]}`;
  return code;
}

/** Education levels in rank order; 高中 and 中专 stand on the same rung. */
export const EDUCATION_LEVELS = [
  { value: 'primary', label: '小学', rank: 1 },
  { value: 'junior', label: '初中', rank: 2 },
  { value: 'senior', label: '高中', rank: 3 },
  { value: 'secondary_vocational', label: '中专', rank: 3 },
  { value: 'college', label: '大专', rank: 4 },
  { value: 'bachelor', label: '本科', rank: 5 },
  { value: 'master', label: '硕士研究生', rank: 6 },
  { value: 'doctor', label: '博士研究生', rank: 7 },
] as const;
export type Education = (typeof EDUCATION_LEVELS)[number]['value'];
export const EDUCATION_VALUES = EDUCATION_LEVELS.map((e) => e.value) as [Education, ...Education[]];

export const TITLE_LEVELS = [
  { value: 'none', label: '无', rank: 0 },
  { value: 'junior', label: '初级', rank: 1 },
  { value: 'intermediate', label: '中级', rank: 2 },
  { value: 'associate_senior', label: '副高级', rank: 3 },
  { value: 'senior', label: '正高级', rank: 4 },
] as const;
export type Title = (typeof TITLE_LEVELS)[number]['value'];
export const TITLE_VALUES = TITLE_LEVELS.map((t) => t.value) as [Title, ...Title[]];

export const educationRank = (e: Education) => EDUCATION_LEVELS.find((l) => l.value === e)!.rank;
export const titleRank = (t: Title) => TITLE_LEVELS.find((l) => l.value === t)!.rank;
export const educationLabel = (e: string) => EDUCATION_LEVELS.find((l) => l.value === e)?.label ?? e;
export const titleLabel = (t: string) => TITLE_LEVELS.find((l) => l.value === t)?.label ?? t;
