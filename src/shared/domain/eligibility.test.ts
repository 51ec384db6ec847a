import { describe, expect, it } from 'vitest';
import { ageOn, checkEligibility, monthsBefore, type EligibilityInput } from './eligibility.js';

const TODAY = '2026-11-25';
const files = { photoFileId: 'p', diplomaFileId: 'd', qualificationFileId: 'q', medicalFileId: 'm' };
const c2: EligibilityInput = {
  category: 'C2',
  age: ageOn('1990-03-07', TODAY),
  education: 'secondary_vocational',
  title: 'none',
  experienceYears: 3,
  enterpriseId: 'e',
  ...files,
};
const fields = (input: EligibilityInput) => checkEligibility(input, TODAY).map((p) => p.field);

describe('age and dates', () => {
  it('counts full years at the submission date', () => {
    expect(ageOn('1966-11-25', TODAY)).toBe(60);
    expect(ageOn('1966-11-26', TODAY)).toBe(59);
    expect(ageOn('2008-11-26', TODAY)).toBe(17);
  });
  it('goes back whole months, clamped to the month end', () => {
    expect(monthsBefore('2026-11-25', 3)).toBe('2026-08-25');
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
  });
});

describe('三类人员', () => {
  it('accepts a qualified C2 candidate', () => {
    expect(checkEligibility(c2, TODAY)).toEqual([]);
  });

  it('C: 18 ≤ age < 60 at the submission date', () => {
    expect(fields({ ...c2, age: ageOn('1966-11-25', TODAY) })).toEqual(['age']);
    expect(fields({ ...c2, age: ageOn('1966-11-26', TODAY) })).toEqual([]);
    expect(fields({ ...c2, age: ageOn('2008-11-26', TODAY) })).toEqual(['age']);
    expect(checkEligibility({ ...c2, age: ageOn('1960-01-01', TODAY) }, TODAY)[0].message).toMatch(/^年龄：.*未满60周岁.*66周岁/);
  });

  it('C: 中专 or above, or a 初级 title or above', () => {
    expect(fields({ ...c2, education: 'junior', title: 'none' })).toEqual(['education']);
    expect(fields({ ...c2, education: 'senior', title: 'none' })).toEqual(['education']);
    expect(fields({ ...c2, education: 'junior', title: 'junior' })).toEqual([]);
    expect(fields({ ...c2, education: 'bachelor', title: 'none' })).toEqual([]);
  });

  it('C: at least 2 years of construction management', () => {
    expect(fields({ ...c2, experienceYears: 1 })).toEqual(['experienceYears']);
    expect(fields({ ...c2, experienceYears: null })).toEqual(['experienceYears']);
  });

  it('B: a registered qualification number and its scan', () => {
    const b = {
      ...c2,
      category: 'B' as const,
      age: ageOn('1950-01-01', TODAY),
      experienceYears: 0,
      qualificationNumber: '吉222141512345',
    };
    expect(fields(b)).toEqual([]);
    expect(fields({ ...b, qualificationNumber: ' ', qualificationFileId: null })).toEqual([
      'qualificationNumber',
      'qualificationFileId',
    ]);
  });

  it('A: education and a professional title', () => {
    const a = { ...c2, category: 'A' as const, title: 'intermediate' as const };
    expect(fields(a)).toEqual([]);
    expect(fields({ ...a, title: 'none' })).toEqual(['title']);
    expect(fields({ ...a, education: 'junior' })).toEqual(['education']);
  });

  it('needs an employer, a diploma and a photo', () => {
    expect(fields({ ...c2, enterpriseId: null, diplomaFileId: null, photoFileId: null })).toEqual([
      'photoFileId',
      'enterpriseId',
      'diplomaFileId',
    ]);
  });
});

describe('特种作业人员', () => {
  const electrician: EligibilityInput = {
    category: '01',
    age: ageOn('1995-06-01', TODAY),
    education: 'junior',
    title: 'none',
    medicalExamDate: '2026-10-01',
    ...files,
  };

  it('accepts a qualified electrician without an employer', () => {
    expect(checkEligibility(electrician, TODAY)).toEqual([]);
  });

  it('needs 初中 or above', () => {
    expect(fields({ ...electrician, education: 'primary' })).toEqual(['education']);
  });

  it('needs a medical examination within 3 months, not in the future', () => {
    expect(fields({ ...electrician, medicalExamDate: '2026-08-25' })).toEqual([]);
    expect(fields({ ...electrician, medicalExamDate: '2026-08-24' })).toEqual(['medicalExamDate']);
    expect(fields({ ...electrician, medicalExamDate: '2026-11-26' })).toEqual(['medicalExamDate']);
    expect(fields({ ...electrician, medicalExamDate: null, medicalFileId: null })).toEqual(['medicalExamDate', 'medicalFileId']);
  });

  it('age 18 up to the work type limit', () => {
    expect(fields({ ...electrician, age: ageOn('2008-11-26', TODAY) })).toEqual(['age']);
    expect(
      checkEligibility({ ...electrician, age: ageOn('1970-01-01', TODAY) }, TODAY, {
        safetyMinAge: 18,
        safetyMaxAgeExclusive: 60,
        specialMinAge: 18,
        specialDefaultMaxAgeExclusive: 60,
        specialMaxAgeExclusive: { '01': 55 },
        medicalExamMonths: 3,
        minExperienceYears: 2,
      })[0].message,
    ).toMatch(/未满55周岁/);
  });

  it('99 needs the free-text work type name', () => {
    expect(fields({ ...electrician, category: '99' })).toEqual(['otherWorkTypeName']);
    expect(fields({ ...electrician, category: '99', otherWorkTypeName: '桩工机械司机' })).toEqual([]);
  });
});
