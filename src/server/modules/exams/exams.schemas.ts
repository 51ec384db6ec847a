import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { EXAM_SESSION_STATUSES } from '../../db/schema/index.js';
import { isoDateTime, policiesOf } from '../../http/schemas.js';

const sessionParams = z.object({ id: z.uuid('考场编号格式错误') });
const applicationParams = z.object({ id: z.uuid('申请编号格式错误') });
const dateTime = z.iso.datetime({ offset: true, message: '时间格式错误' });
const sessionBody = z.object({
  name: z.string().max(100, '不能超过100个字符'),
  address: z.string().max(200, '不能超过200个字符'),
  room: z.string().max(50, '不能超过50个字符'),
  kind: z.enum(['theory', 'practical'], '请选择考试类型'),
  startsAt: dateTime,
  endsAt: dateTime,
  applicationsOpenAt: dateTime,
  applicationsCloseAt: dateTime,
  capacity: z.number().int('应为整数'),
  categories: z.array(z.enum(CATEGORY_CODES)).max(20),
});
const resultsQuery = z.object({
  name: z.string().max(30, '不能超过30个字符').optional(),
  category: z.enum(CATEGORY_CODES, '类别无效').optional(),
  outcome: z.enum(['passed', 'failed'], '结果无效').optional(),
});

const applicationStatus = z.enum(['active', 'withdrawal_requested', 'withdrawn', 'cancelled', 'completed']);
const score = z.number().nullable().describe('分数（最多一位小数）；未录入为 null');

/** 考场 as every list shows it. */
export const examSessionView = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string(),
  room: z.string(),
  kind: z.enum(['theory', 'practical']),
  kindLabel: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  capacity: z.number().int(),
  taken: z.number().int().describe('已占座位数'),
  applicationsOpenAt: isoDateTime,
  applicationsCloseAt: isoDateTime,
  status: z.enum(EXAM_SESSION_STATUSES),
  statusLabel: z.string(),
  categories: z.array(z.string()).describe('适用类别/工种代码'),
  categoryLabels: z.array(z.string()),
});
/** What the authority may do with a 考场 (the city that runs it; the province only looks). */
const sessionPolicies = policiesOf('publish', 'close', 'hold', 'importScores');

/** 成绩: scores in points and the verdict under the current pass marks; null before any score. */
export const examResult = z
  .object({
    theory: score,
    theoryAbsent: z.boolean(),
    practical: score,
    practicalAbsent: z.boolean(),
    passed: z.boolean(),
    label: z.string().describe('合格 / 不合格 / 缺考 / 理论合格，待实操 …'),
    final: z.boolean().describe('本场考试已无后续成绩（理论合格待实操时为 false）'),
  })
  .nullable();

const ticketNumber = z.string().nullable().describe('准考证号（发布考场并占座后才有）');
const seatNumber = z.number().int().nullable().describe('座位号');
const ticketPrintedAt = isoDateTime.nullable().describe('首次打印准考证的时间；打印后不能退考或取消');

const importCell = z
  .union([z.number(), z.literal('absent')])
  .nullable()
  .describe('分数、absent（缺考）或 null（未填写或无效）');
const importRow = z.object({
  row: z.number().int().describe('Excel 行号'),
  ticketNumber: z.string(),
  name: z.string(),
  theory: importCell,
  practical: importCell,
  ok: z.boolean(),
  message: z.string(),
  change: z.enum(['new', 'same', 'changed']).nullable().describe('与已有成绩相比；有错误的行为 null'),
});

export const examsSchemas = {
  // —— authority: 考场 ——
  sessions: {
    response: {
      200: z.array(
        examSessionView.extend({
          withdrawalRequests: z.number().int().describe('待处理的退考申请数'),
          policies: sessionPolicies,
        }),
      ),
    },
  },
  createSession: { body: sessionBody, response: { 200: z.object({ id: z.uuid() }) } },
  updateSession: { params: sessionParams, body: sessionBody, response: { 200: z.object({ id: z.uuid() }) } },
  sessionById: { params: sessionParams },
  applicants: {
    params: sessionParams,
    response: {
      200: z.object({
        session: examSessionView.extend({ policies: sessionPolicies }),
        rows: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            result: examResult,
            maskedIdNumber: z.string().describe('脱敏身份证号'),
            category: z.string().describe('类别/工种代码'),
            categoryLabel: z.string(),
            seatNumber,
            ticketNumber,
            status: applicationStatus,
            statusLabel: z.string(),
            ticketPrintedAt,
            endedReason: z.string().nullable().describe('退考或取消的原因'),
            policies: policiesOf('delete', 'cancel'),
          }),
        ),
      }),
    },
  },
  endApplication: { params: applicationParams, body: z.object({ reason: z.string().max(200, '不能超过200个字符') }) },

  // —— 网页导入: special-operations scores ——
  scoreImportPreview: { params: sessionParams, response: { 200: z.object({ rows: z.array(importRow) }) } },
  scoreImportCommit: {
    params: sessionParams,
    response: {
      200: z.object({
        imported: z.number().int().describe('文件中的成绩行数'),
        changed: z.number().int().describe('新增或更正的行数'),
      }),
    },
  },

  // —— candidate: 申请考场, 退考, 准考证 ——
  available: { response: { 200: z.array(examSessionView.extend({ policies: policiesOf('apply') })) } },
  mine: {
    response: {
      200: z.array(
        z.object({
          id: z.uuid(),
          status: applicationStatus,
          result: examResult,
          statusLabel: z.string(),
          category: z.string().describe('类别/工种代码'),
          categoryLabel: z.string(),
          seatNumber,
          ticketNumber,
          ticketPrintedAt,
          endedReason: z.string().nullable().describe('退考或取消的原因'),
          session: examSessionView.describe('taken 恒为 0，categories 为空'),
          policies: policiesOf('printTicket', 'withdraw'),
        }),
      ),
    },
  },
  apply: {
    params: sessionParams,
    response: { 200: z.object({ id: z.uuid(), seatNumber: z.number().int(), ticketNumber: z.string().describe('准考证号') }) },
  },
  applicationById: { params: applicationParams },

  // —— enterprise: 成绩查询 of its people ——
  employerResults: {
    querystring: resultsQuery,
    response: {
      200: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          maskedIdNumber: z.string().describe('脱敏身份证号'),
          categoryLabel: z.string(),
          ticketNumber,
          sessionName: z.string(),
          examDate: isoDateTime.describe('考试开始时间'),
          theory: score,
          practical: score,
          passed: z.boolean(),
          label: z.string(),
        }),
      ),
    },
  },
  employerResultsExport: { querystring: resultsQuery },

  // —— public: the invigilator scans the QR code ——
  verifyTicket: {
    params: z.object({ id: z.uuid('准考证链接无效') }),
    response: {
      200: z.object({
        valid: z.boolean(),
        statusLabel: z.string(),
        name: z.string(),
        maskedIdNumber: z.string().describe('脱敏身份证号'),
        categoryLabel: z.string(),
        ticketNumber,
        seatNumber,
        sessionName: z.string(),
        time: z.string().describe('考试开始时间（北京时间 YYYY-MM-DD HH:mm）'),
        address: z.string().describe('考试地址与考室'),
      }),
    },
  },

  // —— 考试管理端 (exam-client.routes.ts) ——
  // Documentation only for the request (GET /api/docs): the body is read raw, because the signature covers its exact bytes.
  clientUpload: {
    summary: '考试管理端上传三类人员成绩',
    description: [
      '请求体 JSON：{"rows":[{"ticketNumber","idNumber","score"} 或 {"ticketNumber","idNumber","absent":true}]}，每次 1 至 5000 行，score 为 0–100、最多一位小数。',
      '请求头 Idempotency-Key：8 至 100 位 A-Z a-z 0-9 _ . -，每次新上传使用新值。',
      '请求头 Authorization：AGT-HMAC keyId=<Key ID>,ts=<unix 秒>,sig=<小写 hex(HMAC-SHA256(密钥（按发放时显示的文本，UTF-8，不做 hex/base64 解码）, ts + "\\n" + Idempotency-Key + "\\n" + 小写 hex(SHA-256(请求体原始字节))))>。',
      '应答 200：{"results":[{"row","ticketNumber","ok","message"}],"replayed"}，逐行结果；同一 Idempotency-Key 与相同请求体重复提交返回首次应答且 "replayed": true；同一 Key 用于不同请求体返回 409；时间戳与服务器相差超过 5 分钟、凭证无效或签名错误返回 401。',
    ].join('\n\n'),
    security: [{ examClient: [] }],
    response: {
      200: z.object({
        results: z.array(
          z.object({
            row: z.number().int().describe('请求体 rows 中的序号（从 1 起）'),
            ticketNumber: z.string(),
            ok: z.boolean(),
            message: z.string(),
          }),
        ),
        replayed: z.boolean().describe('重复提交：返回的是首次应答'),
      }),
    },
  },
};
