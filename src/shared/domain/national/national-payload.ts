import { isSafetyCategory, type Education, type Title } from '../categories.js';
import { validityPeriodStart, type CertificateStatus } from '../certificate.js';
import {
  C0304,
  C0317,
  IDENTITY_CARD_TYPE_RESIDENT,
  otherWorkTypeDescription,
  type SafetyCertState,
  type SafetyOperateType,
  type SpecialCertState,
  type SpecialOperateType,
  type Standard,
} from './dictionaries.js';

/**
 * What the national platform is told about one event of one certificate
 * (赋码 for a new issue, extension or change; 状态更新 otherwise), built from our
 * certificate and the event alone — pure, so every field rule is unit-tested.
 */

/** The certificate events of our history (record-certificate-event.ts) that are reported. */
export type ReportedEventKind =
  | 'issued'
  | 'filed'
  | 'extended'
  | 'transferred'
  | 'changed'
  | 'suspend'
  | 'restore'
  | 'revoke'
  | 'revoke_license'
  | 'cancel'
  | 'transfer_out'
  | 'cancel_transfer_out'
  | 'expired';

export type NationalCertificate = {
  number: string;
  category: string;
  otherWorkTypeName: string | null;
  /** The state after the event. */
  status: CertificateStatus;
  /** 初次领证日期: the first issue, kept through extensions. */
  firstIssuedOn: string;
  /** 发证日期 of this issue (the extension's or change's date). */
  issueDate: string;
  expiresOn: string;
  holder: { name: string; gender: 'male' | 'female'; birthDate: string; idNumber: string };
  employer: { name: string; creditCode: string } | null;
  job: string | null;
  title: Title | string | null;
  education: Education | string | null;
  /** 证照标识 of this version, and of the previous one when this event made a new version. */
  identifier: string;
  previousIdentifier: string | null;
  /** Base64 JPEG or PNG, ≤ 50 KB decoded; attached when sending. */
  photo?: string;
};

export type Issuer = { provinceNum: string; issuAuth: string; issuAuthCode: string };

export type NationalReport = {
  standard: Standard['standard'];
  /** 'fm' is the 赋码 interface (full data, photo); 'update' the 状态更新 interface. */
  call: 'fm' | 'update';
  operateType: string;
  certState: string;
  /** True when the platform assigns a national QR code for this operation. */
  assignsQr: boolean;
  /** True when this event starts a new version (a new 证照标识). */
  newVersion: boolean;
  body: Record<string, unknown>;
};

export const standardOf = (category: string): Standard => (isSafetyCategory(category) ? C0317 : C0304);

const SAFETY_OPERATE: Record<ReportedEventKind, SafetyOperateType> = {
  issued: '01',
  filed: '01',
  extended: '02',
  suspend: '03',
  expired: '04',
  revoke: '05',
  revoke_license: '05',
  cancel: '05',
  transfer_out: '05',
  restore: '06',
  transferred: '09',
  changed: '09',
  cancel_transfer_out: '10',
};

// C0304 has no 转出/转入: handing a special-operations holder to another province is 其他业务.
const SPECIAL_OPERATE: Record<ReportedEventKind, SpecialOperateType> = {
  issued: '01',
  filed: '01',
  extended: '02',
  suspend: '03',
  expired: '04',
  revoke: '05',
  revoke_license: '05',
  cancel: '05',
  restore: '06',
  transfer_out: '07',
  cancel_transfer_out: '07',
  transferred: '08',
  changed: '08',
};

const SAFETY_STATE: Record<CertificateStatus, SafetyCertState> = {
  valid: '01',
  suspended: '02',
  revoked: '03',
  cancelled: '04',
  expired: '05',
  transferred_out: '06',
  license_revoked: '07',
};

const SPECIAL_STATE: Record<CertificateStatus, SpecialCertState> = {
  valid: '01',
  suspended: '02',
  license_revoked: '03',
  revoked: '04',
  cancelled: '05',
  expired: '06',
  transferred_out: '99',
};

/**
 * C0304 records neither employer, job nor title: a change of those is nothing the
 * national record of a special-operations certificate holds, and reporting it would
 * issue a new version and a new national QR code for identical data.
 */
export function isReported(standard: Standard, kind: ReportedEventKind): boolean {
  return standard === C0317 || (kind !== 'transferred' && kind !== 'changed');
}

export function operateTypeOf(standard: Standard, kind: ReportedEventKind): string {
  return standard === C0317 ? SAFETY_OPERATE[kind] : SPECIAL_OPERATE[kind];
}

/** certState with its description; 99 其他 says what it stands for, as the standards require. */
export function certStateOf(standard: Standard, status: CertificateStatus): { certState: string; certStatusDescription: string } {
  if (standard === C0317) {
    const code = SAFETY_STATE[status];
    return { certState: code, certStatusDescription: C0317.certState[code] };
  }
  const code = SPECIAL_STATE[status];
  return { certState: code, certStatusDescription: code === '99' ? '办理转出' : C0304.certState[code] };
}

/** 职务 from the category and the job the holder entered (B and C are fixed by the category). */
export function appointmentOf(category: string, job: string | null): keyof typeof C0317.appointment {
  if (category === 'B') return '07';
  if (category.startsWith('C')) return '08';
  const j = job ?? '';
  if (j.includes('法定代表人') || j.includes('法人')) return '01';
  if (j.includes('副总')) return j.includes('生产') && !j.includes('安全') ? '04' : '03';
  if (j.includes('总经理') || j.includes('总裁')) return '02';
  if (j.includes('技术负责人') || j.includes('总工')) return '05';
  if (j.includes('安全总监')) return '06';
  return '99';
}

const TITLE_CODES: Record<string, keyof typeof C0317.technicalTitle> = {
  senior: '01',
  associate_senior: '02',
  intermediate: '03',
  junior: '04',
};

/** 技术职称 code; none when the holder has no title (the standard has no code for 无). */
export const technicalTitleOf = (title: string | null) => (title ? TITLE_CODES[title] : undefined);

const EDUCATION_CODES: Record<string, keyof typeof C0317.educationDegree> = {
  doctor: '01',
  master: '02',
  bachelor: '03',
  college: '04',
  secondary_vocational: '05',
  senior: '06',
  junior: '07',
  primary: '07',
};

export const educationDegreeOf = (education: string | null) => (education ? (EDUCATION_CODES[education] ?? '99') : undefined);

/**
 * The first day of the current validity period: the first issue, or the day after
 * the expiry an extension replaced.
 */
export function effectiveDateOf(c: Pick<NationalCertificate, 'firstIssuedOn' | 'expiresOn' | 'category'>): string {
  const start = validityPeriodStart(c.expiresOn, c.category);
  return start > c.firstIssuedOn ? start : c.firstIssuedOn;
}

/** The payload of one report. `eCertID` identifies this report (32 hex digits), stable across retries. */
export function toNationalPayload(
  c: NationalCertificate,
  kind: ReportedEventKind,
  eCertID: string,
  issuer: Issuer,
): NationalReport {
  if (!/^[0-9a-f]{32}$/i.test(eCertID)) throw new Error('eCertID must be 32 hex digits');
  const standard = standardOf(c.category);
  const operateType = operateTypeOf(standard, kind);
  const state = certStateOf(standard, c.status);
  const assignsQr = (standard.assignsQr as readonly string[]).includes(operateType);
  const newVersion = (standard.newVersion as readonly string[]).includes(operateType);
  const safety = standard === C0317;
  // A new issue or a new version carries the whole certificate (赋码); everything else is a state update.
  const call: NationalReport['call'] = operateType === '01' || newVersion ? 'fm' : 'update';
  const categoryFields = safety
    ? { categoryCode: c.category }
    : {
        operationCategory: c.category,
        categoryDescription:
          c.category === '99' ? otherWorkTypeDescription(c.otherWorkTypeName ?? '') : C0304.operationCategory[c.category as '01'],
      };
  let body: Record<string, unknown>;
  if (call === 'update') {
    body = {
      eCertID,
      zzeCertID: c.identifier,
      provinceNum: issuer.provinceNum,
      certNum: c.number,
      identityCard: c.holder.idNumber,
      ...(safety ? { creditCode: c.employer?.creditCode } : {}),
      ...categoryFields,
      ...state,
      operateType,
    };
  } else {
    body = {
      eCertID,
      provinceNum: issuer.provinceNum,
      certNum: c.number,
      issuAuth: issuer.issuAuth,
      issuAuthCode: issuer.issuAuthCode,
      issuedDate: c.firstIssuedOn,
      issuDate: c.issueDate,
      effectiveDate: effectiveDateOf(c),
      expiringDate: c.expiresOn,
      ...categoryFields,
      name: c.holder.name,
      gender: c.holder.gender === 'male' ? '1' : '2',
      identityCard: c.holder.idNumber,
      identityCardType: IDENTITY_CARD_TYPE_RESIDENT,
      ...(safety
        ? {
            birthDate: c.holder.birthDate,
            companyName: c.employer?.name,
            creditCode: c.employer?.creditCode,
            appointment: appointmentOf(c.category, c.job),
            technicalTitle: technicalTitleOf(c.title),
            educationDegree: educationDegreeOf(c.education),
          }
        : {}),
      photo: c.photo,
      ...state,
      associatedZzeCertID: newVersion ? (c.previousIdentifier ?? undefined) : undefined,
      zzeCertID: c.identifier,
      businessInformation: [],
      operateType,
    };
  }
  // Absent means absent: the platform refuses empty strings for optional codes.
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return { standard: standard.standard, call, operateType, certState: state.certState, assignsQr, newVersion, body };
}
