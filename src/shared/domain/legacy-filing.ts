import { CATEGORY_CODES, isWorkType } from './categories.js';
import { normaliseCertificateNumber, parseCertificateNumber } from './certificate.js';
import { parseIdNumber, type IdNumberInfo } from './id-number.js';

/** One certificate filed from before this system (原持证人员信息备案), as typed or as one row of the workbook. */
export type FilingInput = {
  name: string;
  idNumber: string;
  category: string;
  otherWorkTypeName?: string | null;
  number: string;
  issuedOn: string;
  expiresOn: string;
};

export type FilingProblem = { field: keyof FilingInput; message: string };
export type FilingValue = FilingInput & { id: IdNumberInfo };
export type CheckedFiling = { ok: true; value: FilingValue } | { ok: false; problems: FilingProblem[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) => DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/**
 * The rules a filing must meet before an authority looks at it, shared by the
 * form (live) and the server (authoritative): a valid ID number, a category or
 * work type, a number in the official format that matches that category, real
 * dates, issued in the past, expiry after issue. Duplicates need the database
 * and are checked by the server.
 */
export function checkFiling(raw: FilingInput, today: string, provinceAbbreviation = '吉'): CheckedFiling {
  const problems: FilingProblem[] = [];
  const name = raw.name.trim();
  if (name.length < 2 || name.length > 30) problems.push({ field: 'name', message: '姓名应为2至30个字' });
  const id = parseIdNumber(raw.idNumber, today);
  if (!id.ok) problems.push({ field: 'idNumber', message: id.message });
  const category = raw.category.trim().toUpperCase();
  if (!(CATEGORY_CODES as readonly string[]).includes(category))
    problems.push({ field: 'category', message: '类别/工种无效，应为 A、B、C1、C2、C3 或工种代码 01–11、99' });
  if (category === '99' && !raw.otherWorkTypeName?.trim())
    problems.push({ field: 'otherWorkTypeName', message: '工种为“99 其他”时请填写工种名称' });
  const number = normaliseCertificateNumber(raw.number);
  const parts = parseCertificateNumber(number);
  if (!parts) problems.push({ field: 'number', message: '证书编号格式不正确，应如 吉建安C2（2026）0000001 或 吉A012026000001' });
  else if (parts.provinceAbbreviation !== provinceAbbreviation)
    problems.push({ field: 'number', message: `证书编号应以“${provinceAbbreviation}”开头` });
  else if (parts.category !== category)
    problems.push({
      field: 'number',
      message: isWorkType(category) ? '证书编号中的工种代码与所填工种不符' : '证书编号中的类别与所填类别不符',
    });
  if (!realDate(raw.issuedOn)) problems.push({ field: 'issuedOn', message: '发证日期应为存在的日期（YYYY-MM-DD）' });
  else if (raw.issuedOn > today) problems.push({ field: 'issuedOn', message: '发证日期不能晚于今天' });
  else if (parts && Number(raw.issuedOn.slice(0, 4)) !== parts.year)
    problems.push({ field: 'issuedOn', message: '发证年份与证书编号中的年份不符' });
  if (!realDate(raw.expiresOn)) problems.push({ field: 'expiresOn', message: '有效期至应为存在的日期（YYYY-MM-DD）' });
  else if (realDate(raw.issuedOn) && raw.expiresOn <= raw.issuedOn)
    problems.push({ field: 'expiresOn', message: '有效期至不能早于发证日期' });
  if (problems.length || !id.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name,
      idNumber: id.value.idNumber,
      category,
      otherWorkTypeName: category === '99' ? raw.otherWorkTypeName!.trim() : null,
      number,
      issuedOn: raw.issuedOn,
      expiresOn: raw.expiresOn,
      id: id.value,
    },
  };
}
