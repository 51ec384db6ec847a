import { educationRank, isSafetyCategory, titleRank, type CategoryCode, type Education, type Title } from './categories.js';

/**
 * Registration conditions of SPEC §2 in one pure module: the web form runs it
 * as the candidate types (instant feedback) and the server runs it again on
 * submission (authoritative). Labour relation and annual safety training are
 * not here: only the employer can attest them (企业确认).
 */
export type EligibilityInput = {
  category: CategoryCode;
  /**
   * Full years on the day of the check, derived from the ID number (never typed).
   * The age, not the birth date, travels to the browser: the birth date is
   * exactly what a masked ID number hides.
   */
  age: number;
  education?: Education | null;
  title?: Title | null;
  experienceYears?: number | null;
  qualificationNumber?: string | null;
  medicalExamDate?: string | null;
  otherWorkTypeName?: string | null;
  enterpriseId?: string | null;
  photoFileId?: string | null;
  diplomaFileId?: string | null;
  qualificationFileId?: string | null;
  medicalFileId?: string | null;
};

export type EligibilityRules = {
  /** 专职安全生产管理人员: 18 ≤ age < 60. */
  safetyMinAge: number;
  safetyMaxAgeExclusive: number;
  /** 特种作业: age ≥ 18 and below the work type's upper limit. */
  specialMinAge: number;
  specialMaxAgeExclusive: Record<string, number>;
  specialDefaultMaxAgeExclusive: number;
  /** 体检 within this many months before submission. */
  medicalExamMonths: number;
  /** 专职安全员: years of construction management. */
  minExperienceYears: number;
};

export const DEFAULT_ELIGIBILITY_RULES: EligibilityRules = {
  safetyMinAge: 18,
  safetyMaxAgeExclusive: 60,
  specialMinAge: 18,
  specialMaxAgeExclusive: {},
  specialDefaultMaxAgeExclusive: 60,
  medicalExamMonths: 3,
  minExperienceYears: 2,
};

export type EligibilityProblem = { field: keyof EligibilityInput; message: string };

/** Full years between birth and `on` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The date `months` months before `date` (YYYY-MM-DD), clamped to the month's end. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function checkEligibility(
  input: EligibilityInput,
  today: string,
  rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES,
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  const add = (field: keyof EligibilityInput, message: string) => problems.push({ field, message });
  const age = input.age;
  const code = input.category;

  if (!input.photoFileId) add('photoFileId', '一寸照片：请上传或拍摄本人一寸照片');
  if (!input.education) add('education', '文化程度：请选择文化程度');
  if (!input.title) add('title', '专业技术职称：请选择职称（没有请选“无”）');

  if (isSafetyCategory(code)) {
    if (!input.enterpriseId)
      add('enterpriseId', '工作单位：三类人员须选择已在本系统注册的工作单位，由企业确认劳动关系和年度安全培训');
    if (!input.diplomaFileId) add('diplomaFileId', '毕业证：请上传毕业证扫描件');
    if (code === 'A') {
      // 具有相应的文化程度、专业技术职称.
      if (input.education && educationRank(input.education) < 3)
        add('education', '文化程度：企业主要负责人须具有高中或中专及以上文化程度');
      if (input.title && titleRank(input.title) < 1) add('title', '专业技术职称：企业主要负责人须具有初级及以上专业技术职称');
    }
    if (code === 'B') {
      if (!input.qualificationNumber?.trim())
        add('qualificationNumber', '注册执业资格证书编号：项目负责人须取得相应注册执业资格（如注册建造师）');
      if (!input.qualificationFileId) add('qualificationFileId', '注册建造师证：请上传注册执业资格证书扫描件');
    }
    if (code === 'C1' || code === 'C2' || code === 'C3') {
      if (age < rules.safetyMinAge || age >= rules.safetyMaxAgeExclusive) {
        add(
          'age',
          `年龄：专职安全生产管理人员须年满${rules.safetyMinAge}周岁且未满${rules.safetyMaxAgeExclusive}周岁（按身份证号计算为${age}周岁）`,
        );
      }
      const educationOk = input.education ? educationRank(input.education) >= 3 && input.education !== 'senior' : false;
      const titleOk = input.title ? titleRank(input.title) >= 1 : false;
      if (input.education && input.title && !educationOk && !titleOk) {
        add('education', '文化程度：专职安全生产管理人员须具有中专及以上文化程度，或初级及以上技术职称');
      }
      if (input.experienceYears == null) add('experienceYears', '施工管理工作年限：请填写从事施工管理工作的年限');
      else if (input.experienceYears < rules.minExperienceYears) {
        add('experienceYears', `施工管理工作年限：须从事施工管理工作${rules.minExperienceYears}年以上`);
      }
    }
  } else {
    const max = rules.specialMaxAgeExclusive[code] ?? rules.specialDefaultMaxAgeExclusive;
    if (age < rules.specialMinAge || age >= max) {
      add('age', `年龄：特种作业人员须年满${rules.specialMinAge}周岁且未满${max}周岁（按身份证号计算为${age}周岁）`);
    }
    if (input.education && educationRank(input.education) < 2) add('education', '文化程度：特种作业人员须具有初中及以上文化程度');
    if (code === '99' && !input.otherWorkTypeName?.trim()) add('otherWorkTypeName', '工种名称：选择“其他”时请填写工种名称');
    if (!input.medicalExamDate) add('medicalExamDate', '体检日期：请填写县级以上医院体检日期');
    else if (input.medicalExamDate > today) add('medicalExamDate', '体检日期：不能晚于今天');
    else if (input.medicalExamDate < monthsBefore(today, rules.medicalExamMonths)) {
      add(
        'medicalExamDate',
        `体检日期：体检须在报名前${rules.medicalExamMonths}个月内（${monthsBefore(today, rules.medicalExamMonths)} 之后）`,
      );
    }
    if (!input.medicalFileId) add('medicalFileId', '体检表：请上传县级以上医院出具的体检表');
  }
  return problems;
}
