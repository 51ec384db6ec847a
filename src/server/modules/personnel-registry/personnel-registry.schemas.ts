import { z } from 'zod';
import { CERTIFICATE_STATUSES } from '../../../shared/domain/certificate.js';
import { calendarDate } from '../../http/schemas.js';

/**
 * What the public sees of a certificate (PublicCertificate): flat and small, since these are the
 * busiest answers (every QR scan on every site). Never the full ID number, never a phone.
 */
export const publicCertificate = z.object({
  number: z.string().describe('证书编号'),
  name: z.string(),
  maskedIdNumber: z.string().describe('脱敏身份证号'),
  categoryLabel: z.string(),
  enterpriseName: z.string().nullable(),
  issuedOn: calendarDate,
  expiresOn: calendarDate,
  status: z.enum(CERTIFICATE_STATUSES).describe('当前状态（有效证书过期即为失效）'),
  statusLabel: z.string(),
});

const publicEnterprise = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string().describe('统一社会信用代码'),
});

export const personnelRegistrySchemas = {
  searchCertificates: {
    querystring: z.object({
      number: z.string().max(40, '不能超过40个字符').optional(),
      name: z.string().max(30, '不能超过30个字符').optional(),
      idNumber: z.string().max(30, '不能超过30个字符').optional(),
    }),
    response: { 200: z.object({ rows: z.array(publicCertificate).describe('最多500条') }) },
  },
  verifyCertificate: {
    params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '核验链接无效') }),
    response: { 200: publicCertificate },
  },
  searchEnterprises: {
    querystring: z.object({ q: z.string().max(60, '不能超过60个字符') }),
    response: {
      200: z.object({
        rows: z.array(publicEnterprise.extend({ certified: z.number().int().describe('有效证书数') })).describe('最多20条'),
      }),
    },
  },
  enterpriseRoster: {
    params: z.object({ id: z.uuid('企业编号格式错误') }),
    response: { 200: z.object({ enterprise: publicEnterprise, certificates: z.array(publicCertificate) }) },
  },
};
