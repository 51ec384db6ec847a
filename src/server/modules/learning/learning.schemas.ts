import { z } from 'zod';
import { CATEGORY_CODES } from '../../../shared/domain/categories.js';
import { INVALID_REASON_LABELS, type InvalidReason } from '../../../shared/domain/study-rules.js';
import { isoDateTime, policiesOf } from '../../http/schemas.js';

const uuid = (label: string) => z.object({ id: z.uuid(`${label}编号格式错误`) });
const seconds = z.number().int();
const INVALID_REASONS = Object.keys(INVALID_REASON_LABELS) as [InvalidReason, ...InvalidReason[]];

/** A lesson as a course lists it (the video and the text are fetched apart). */
const courseLesson = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  title: z.string(),
  kind: z.enum(['video', 'document']),
  durationSeconds: seconds.describe('视频时长或文档最短阅读时间（秒）'),
  sortOrder: z.number().int(),
});

/** A course with its categories and lessons (describeCourses). */
export const managedCourse = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  published: z.boolean(),
  continuing: z.boolean().describe('继续教育课程'),
  categories: z.array(z.string()).describe('适用类别/工种代码'),
  lessons: z.array(courseLesson),
  totalSeconds: seconds.describe('全部课时时长（秒）'),
});

/**
 * The study progress of one registration — or, on the study page, of one certificate's continuing
 * education in the same shape (continuing/continuing-progress.ts).
 */
export const studyProgress = z.object({
  registrationId: z.uuid().describe('报名编号；继续教育为证书编号'),
  category: z.string().describe('类别/工种代码'),
  categoryLabel: z.string(),
  approved: z.boolean(),
  requiredHours: z.number().int().describe('所需学时（1学时=45分钟）'),
  doneHours: z.number().describe('已完成学时（保留一位小数）'),
  doneSeconds: seconds.describe('已计入的有效学习时长（秒）'),
  reached: z.boolean().describe('已达到所需学时'),
  courses: z.array(
    managedCourse.extend({
      lessons: z.array(
        courseLesson.extend({
          creditedSeconds: seconds.describe('本课时已计入（秒）'),
          furthestSeconds: seconds.describe('播放到的最远位置（秒）'),
        }),
      ),
    }),
  ),
});

/** The snapshot the page must take now, and by when. */
const captureDue = z.object({ id: z.uuid(), dueAt: isoDateTime, windowEndsAt: isoDateTime.describe('须在此时间前提交抓拍') });

export const learningSchemas = {
  // —— course authors ——
  managedCourses: { response: { 200: z.array(managedCourse) } },
  createCourse: {
    body: z.object({
      title: z.string().max(60, '不能超过60个字符'),
      description: z.string().max(500, '不能超过500个字符').optional(),
      categories: z.array(z.enum(CATEGORY_CODES)).max(20),
      continuing: z.boolean().optional(),
    }),
    response: { 200: z.object({ id: z.uuid() }) },
  },
  publishCourse: { params: uuid('课程'), body: z.object({ published: z.boolean() }) },
  addDocumentLesson: {
    params: uuid('课程'),
    body: z.object({
      title: z.string().max(60, '不能超过60个字符'),
      body: z.string().max(50_000, '正文过长'),
      minutes: z.number().int('应为整数'),
    }),
    response: { 200: z.object({ id: z.uuid() }) },
  },
  addVideoLesson: {
    params: uuid('课程'),
    querystring: z.object({
      title: z.string().max(60, '不能超过60个字符'),
      durationSeconds: z.coerce.number().int('应为整数'),
    }),
    response: { 200: z.object({ id: z.uuid() }) },
  },

  // —— candidates studying ——
  overview: { response: { 200: z.array(studyProgress) } },
  lesson: {
    params: uuid('课时'),
    response: {
      200: z.object({
        id: z.uuid(),
        title: z.string(),
        kind: z.enum(['video', 'document']),
        durationSeconds: seconds.describe('视频时长或文档最短阅读时间（秒）'),
        body: z.string().nullable().describe('文档正文（段落以空行分隔）；视频为 null'),
        hasVideo: z.boolean(),
      }),
    },
  },
  lessonVideo: { params: uuid('课时') },
  start: {
    params: uuid('课时'),
    response: {
      200: z.object({
        sessionId: z.uuid().describe('学习记录编号，心跳使用'),
        tookOverAnotherDevice: z.boolean().describe('结束了本人在其他设备上的学习'),
        furthestSeconds: seconds.describe('可播放到的最远位置（秒）'),
        durationSeconds: seconds,
        capture: captureDue.describe('开始时立即需要的抓拍'),
      }),
    },
  },
  // The hottest path of the product: small, every field written by the schema.
  heartbeat: {
    params: uuid('学习记录'),
    body: z.object({ position: z.number().min(0).max(100_000), playing: z.boolean(), visible: z.boolean() }),
    response: {
      200: z.object({
        credited: seconds.describe('本次计入（秒）'),
        refused: z.array(z.object({ seconds, reason: z.enum(INVALID_REASONS) })).describe('本次未计入的时长（秒）及原因'),
        positionRefused: z.boolean().describe('上报的播放位置超前过多，未采用'),
        furthestSeconds: z.number().describe('可播放到的最远位置（秒，可含小数）'),
        lessonCreditedSeconds: seconds.describe('本课时累计计入（秒）'),
        todayCreditedSeconds: seconds.describe('今日（北京时间）累计计入（秒）'),
        capture: captureDue.nullable().describe('现在需要提交的抓拍；没有则为 null'),
      }),
    },
  },
  submitCapture: { params: uuid('抓拍') },

  // —— progress and review ——
  progress: { params: uuid('报名'), response: { 200: studyProgress } },
  hoursReached: {
    response: {
      200: z.object({
        rows: z.array(
          z.object({
            category: z.string().describe('类别/工种代码'),
            categoryLabel: z.string(),
            requiredHours: z.number().int(),
            approved: z.number().int().describe('审核通过人数'),
            reached: z.number().int().describe('达到学时人数'),
          }),
        ),
      }),
    },
  },
  captures: {
    params: uuid('报名'),
    response: {
      200: z.object({
        name: z.string(),
        photoFileId: z.uuid().nullable().describe('报名照片'),
        captures: z.array(
          z.object({
            id: z.uuid(),
            status: z.enum(['pending', 'received', 'missed', 'rejected']),
            dueAt: isoDateTime,
            capturedAt: isoDateTime.nullable(),
            rejectReason: z.string().nullable(),
            lessonTitle: z.string(),
            creditedSeconds: seconds.describe('依此抓拍计入的有效时长（秒）'),
            policies: policiesOf('reject'),
          }),
        ),
      }),
    },
  },
  captureImage: { params: uuid('抓拍') },
  rejectCapture: {
    params: uuid('抓拍'),
    body: z.object({ reason: z.string().max(200, '不能超过200个字符') }),
    response: { 200: z.object({ invalidatedSeconds: seconds.describe('因此作废的学习时长（秒）') }) },
  },
};
