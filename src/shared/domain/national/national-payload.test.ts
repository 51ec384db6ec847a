import { describe, expect, it } from 'vitest';
import { CERTIFICATE_STATUSES } from '../certificate.js';
import { certificateIdentifier, parseCertificateIdentifier } from './certificate-identifier.js';
import { C0304, C0317 } from './dictionaries.js';
import {
  appointmentOf,
  certStateOf,
  educationDegreeOf,
  effectiveDateOf,
  isReported,
  operateTypeOf,
  toNationalPayload,
  type NationalCertificate,
  type ReportedEventKind,
} from './national-payload.js';

const issuer = { provinceNum: '220000', issuAuth: '吉林省住房和城乡建设厅', issuAuthCode: '11220000013544357T' };
const E = '0123456789abcdef0123456789abcdef';
const v1 = certificateIdentifier({
  typeCode: C0317.typeCode,
  issuerCode: issuer.issuAuthCode,
  serial: '20260000001',
  version: 1,
});
const v2 = certificateIdentifier({
  typeCode: C0317.typeCode,
  issuerCode: issuer.issuAuthCode,
  serial: '20260000001',
  version: 2,
});

const safety: NationalCertificate = {
  number: '吉建安C2（2026）0000001',
  category: 'C2',
  otherWorkTypeName: null,
  status: 'valid',
  firstIssuedOn: '2026-03-10',
  issueDate: '2026-03-10',
  expiresOn: '2029-03-09',
  holder: { name: '张三', gender: 'male', birthDate: '1990-01-02', idNumber: '220102199001020017' },
  employer: { name: '吉林建工集团有限公司', creditCode: '91220101MA00000000' },
  job: '安全员',
  title: 'junior',
  education: 'college',
  identifier: v1,
  previousIdentifier: null,
  photo: 'AAAA',
};
const special: NationalCertificate = { ...safety, number: '吉A012026000001', category: '01', expiresOn: '2028-03-09' };

describe('toNationalPayload: 安管 (C0317)', () => {
  it('a new issue is 赋码 with every field of the standard', () => {
    const r = toNationalPayload(safety, 'issued', E, issuer);
    expect(r).toMatchObject({
      standard: 'C0317',
      call: 'fm',
      operateType: '01',
      certState: '01',
      assignsQr: true,
      newVersion: false,
    });
    expect(r.body).toEqual({
      eCertID: E,
      provinceNum: '220000',
      certNum: '吉建安C2（2026）0000001',
      issuAuth: '吉林省住房和城乡建设厅',
      issuAuthCode: '11220000013544357T',
      issuedDate: '2026-03-10',
      issuDate: '2026-03-10',
      effectiveDate: '2026-03-10',
      expiringDate: '2029-03-09',
      categoryCode: 'C2',
      name: '张三',
      gender: '1',
      birthDate: '1990-01-02',
      identityCard: '220102199001020017',
      identityCardType: '111',
      companyName: '吉林建工集团有限公司',
      creditCode: '91220101MA00000000',
      appointment: '08',
      technicalTitle: '04',
      educationDegree: '04',
      photo: 'AAAA',
      certState: '01',
      certStatusDescription: '有效',
      zzeCertID: v1,
      businessInformation: [],
      operateType: '01',
    });
  });

  it('an extension is a new version naming the previous 证照标识, keeping the first issue date', () => {
    const extended = { ...safety, issueDate: '2029-01-05', expiresOn: '2032-03-09', identifier: v2, previousIdentifier: v1 };
    const r = toNationalPayload(extended, 'extended', E, issuer);
    expect(r).toMatchObject({ call: 'fm', operateType: '02', assignsQr: true, newVersion: true });
    expect(r.body).toMatchObject({
      issuedDate: '2026-03-10',
      issuDate: '2029-01-05',
      effectiveDate: '2029-03-10',
      expiringDate: '2032-03-09',
      zzeCertID: v2,
      associatedZzeCertID: v1,
    });
    expect(parseCertificateIdentifier(r.body.zzeCertID as string)?.version).toBe(2);
  });

  it('a change of employer is 09 变更: a new version without a new QR code', () => {
    const r = toNationalPayload({ ...safety, identifier: v2, previousIdentifier: v1 }, 'transferred', E, issuer);
    expect(r).toMatchObject({ call: 'fm', operateType: '09', assignsQr: false, newVersion: true });
    expect(r.body.associatedZzeCertID).toBe(v1);
  });

  it('state changes go to 状态更新 with only its fields', () => {
    const r = toNationalPayload({ ...safety, status: 'suspended' }, 'suspend', E, issuer);
    expect(r).toMatchObject({ call: 'update', operateType: '03', certState: '02', assignsQr: false });
    expect(r.body).toEqual({
      eCertID: E,
      zzeCertID: v1,
      provinceNum: '220000',
      certNum: '吉建安C2（2026）0000001',
      identityCard: '220102199001020017',
      creditCode: '91220101MA00000000',
      categoryCode: 'C2',
      certState: '02',
      certStatusDescription: '暂扣',
      operateType: '03',
    });
  });

  it.each<[ReportedEventKind, (typeof CERTIFICATE_STATUSES)[number], string, string]>([
    ['restore', 'valid', '06', '01'],
    ['revoke', 'revoked', '05', '03'],
    ['revoke_license', 'license_revoked', '05', '07'],
    ['cancel', 'cancelled', '05', '04'],
    ['expired', 'expired', '04', '05'],
    ['transfer_out', 'transferred_out', '05', '06'],
    ['cancel_transfer_out', 'valid', '10', '01'],
  ])('%s → operateType %s… certState', (kind, status, operateType, certState) => {
    const r = toNationalPayload({ ...safety, status }, kind, E, issuer);
    expect([r.call, r.operateType, r.certState]).toEqual(['update', operateType, certState]);
  });

  it('职务, 职称 and 文化程度 are coded by the standard tables', () => {
    expect(appointmentOf('A', '法定代表人、董事长')).toBe('01');
    expect(appointmentOf('A', '总经理')).toBe('02');
    expect(appointmentOf('A', '分管安全生产副总经理')).toBe('03');
    expect(appointmentOf('A', '分管生产经营副总经理')).toBe('04');
    expect(appointmentOf('A', '技术负责人')).toBe('05');
    expect(appointmentOf('A', '安全总监')).toBe('06');
    expect(appointmentOf('A', '董事')).toBe('99');
    expect(appointmentOf('B', null)).toBe('07');
    expect(appointmentOf('C3', '总经理')).toBe('08');
    expect(educationDegreeOf('doctor')).toBe('01');
    expect(educationDegreeOf('secondary_vocational')).toBe('05');
    expect(educationDegreeOf('primary')).toBe('07');
    expect(educationDegreeOf(null)).toBeUndefined();
    const none = toNationalPayload({ ...safety, title: 'none', education: null }, 'issued', E, issuer).body;
    expect(none).not.toHaveProperty('technicalTitle');
    expect(none).not.toHaveProperty('educationDegree');
    expect(toNationalPayload({ ...safety, title: 'senior' }, 'issued', E, issuer).body.technicalTitle).toBe('01');
  });

  it('every status has a code of the standard', () => {
    for (const s of CERTIFICATE_STATUSES) {
      expect(Object.keys(C0317.certState)).toContain(certStateOf(C0317, s).certState);
      expect(Object.keys(C0304.certState)).toContain(certStateOf(C0304, s).certState);
    }
  });
});

describe('toNationalPayload: 特种 (C0304)', () => {
  it('a new issue is 赋码 with the C0304 fields only', () => {
    const r = toNationalPayload(special, 'issued', E, issuer);
    expect(r).toMatchObject({ standard: 'C0304', call: 'fm', operateType: '01', assignsQr: true });
    expect(r.body).toMatchObject({
      operationCategory: '01',
      categoryDescription: '建筑电工',
      gender: '1',
      identityCardType: '111',
    });
    for (const absent of [
      'categoryCode',
      'birthDate',
      'companyName',
      'creditCode',
      'appointment',
      'technicalTitle',
      'educationDegree',
    ])
      expect(r.body).not.toHaveProperty(absent);
  });

  it('work type 99 carries the fixed description', () => {
    const r = toNationalPayload({ ...special, category: '99', otherWorkTypeName: '桩机操作工' }, 'issued', E, issuer);
    expect(r.body.categoryDescription).toBe('经省级以上住房和城乡建设主管部门认定的其他工种类别（桩机操作工）');
  });

  it('the codes differ from 安管: 失效 is 06, 吊销 03, 撤销 04, 注销 05', () => {
    const at = (kind: ReportedEventKind, status: (typeof CERTIFICATE_STATUSES)[number]) => {
      const r = toNationalPayload({ ...special, status }, kind, E, issuer);
      return [r.operateType, r.certState];
    };
    expect(at('expired', 'expired')).toEqual(['04', '06']);
    expect(at('revoke_license', 'license_revoked')).toEqual(['05', '03']);
    expect(at('revoke', 'revoked')).toEqual(['05', '04']);
    expect(at('cancel', 'cancelled')).toEqual(['05', '05']);
    expect(certStateOf(C0304, 'transferred_out')).toEqual({ certState: '99', certStatusDescription: '办理转出' });
  });

  it('a change of employer, job or title is not reported: C0304 records none of them', () => {
    expect(isReported(C0304, 'transferred')).toBe(false);
    expect(isReported(C0304, 'changed')).toBe(false);
    expect(isReported(C0304, 'extended')).toBe(true);
    expect(isReported(C0317, 'transferred')).toBe(true);
  });

  it('a change (when one is reported) is 08 变更 and gets a new QR code', () => {
    const r = toNationalPayload({ ...special, previousIdentifier: v1, identifier: v2 }, 'changed', E, issuer);
    expect(r).toMatchObject({ call: 'fm', operateType: '08', assignsQr: true, newVersion: true });
    expect(operateTypeOf(C0304, 'transferred')).toBe('08');
  });

  it('female holders are 2, and a bad eCertID is refused', () => {
    const r = toNationalPayload({ ...special, holder: { ...special.holder, gender: 'female' } }, 'issued', E, issuer);
    expect(r.body.gender).toBe('2');
    expect(() => toNationalPayload(special, 'issued', 'not-a-guid', issuer)).toThrow();
  });

  it('effective date is the first issue, or the day after the replaced expiry', () => {
    expect(effectiveDateOf({ firstIssuedOn: '2026-03-10', expiresOn: '2028-03-09', category: '01' })).toBe('2026-03-10');
    expect(effectiveDateOf({ firstIssuedOn: '2026-03-10', expiresOn: '2030-03-09', category: '01' })).toBe('2028-03-10');
  });
});
