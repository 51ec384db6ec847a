import { z } from 'zod';
import { calendarDate, isoDateTime, policiesOf } from '../../http/schemas.js';

const certificateParams = z.object({ id: z.uuid('证书编号格式错误') });
const extensionStatus = z.enum(['pending', 'approved', 'returned']);

export const continuingSchemas = {
  // —— 继续教育报名 (enterprise, for its own holders) ——
  options: {
    params: certificateParams,
    response: {
      200: z.object({
        courses: z.array(z.object({ id: z.uuid(), title: z.string() })).describe('适用于该证书类别的继续教育课程'),
        seconds: z.number().int().describe('本有效期内已完成的继续教育时长（秒）'),
      }),
    },
  },
  enrol: {
    params: certificateParams,
    body: z.object({ courseId: z.uuid('请选择继续教育课程') }),
    response: { 200: z.object({ enrolled: z.boolean(), alreadyEnrolled: z.boolean().describe('此前已报名该课程') }) },
  },

  // —— 延期申请 → 延期审核 ——
  extensions: {
    querystring: z.object({ status: z.enum(['pending', 'approved', 'returned'], '状态无效').optional() }),
    response: {
      200: z.array(
        z.object({
          id: z.uuid(),
          certificateId: z.uuid(),
          number: z.string().describe('证书编号'),
          categoryLabel: z.string(),
          name: z.string(),
          maskedIdNumber: z.string().describe('脱敏身份证号'),
          enterpriseName: z.string(),
          expiresOn: calendarDate.describe('证书当前有效期至'),
          continuingHours: z.number().describe('申请时本有效期内的继续教育学时（保留一位小数）'),
          status: extensionStatus,
          statusLabel: z.string(),
          newExpiresOn: calendarDate.nullable().describe('批准后的新有效期至'),
          decisionReason: z.string().nullable(),
          createdAt: isoDateTime,
          policies: policiesOf('approve', 'return'),
        }),
      ),
    },
  },
  requestExtension: { params: certificateParams, response: { 200: z.object({ id: z.uuid() }) } },
  decideExtension: {
    params: z.object({ id: z.uuid('申请编号格式错误') }),
    body: z.object({ approve: z.boolean('请选择审核结果'), reason: z.string().max(200, '不能超过200个字符').optional() }),
    response: {
      200: z.object({
        status: z.enum(['approved', 'returned']),
        newExpiresOn: calendarDate.nullable().describe('批准后的新有效期至；退回为 null'),
      }),
    },
  },
};
