import { z } from 'zod';
import { me } from '../auth/auth.schemas.js';

/** One figure on an operator's home page (home-summary.ts). */
export const stat = z.object({
  label: z.string(),
  value: z.union([z.number(), z.string()]),
  suffix: z.string().optional().describe('单位，如 个、次、条'),
});

/** One item of a home page's to-do list (home-todos.ts). */
export const todo = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int().describe('待处理数量'),
  link: z.string().describe('带同样筛选条件的列表页链接'),
  menu: z.string().describe('显示角标的侧边菜单项路径'),
});

/** Where the candidate stands in the manual's flow (candidate-journey.ts). */
export const journey = z.object({
  steps: z.array(z.string()).readonly(),
  current: z.number().int().describe('当前步骤在 steps 中的下标'),
  categoryLabel: z.string().nullable().describe('跟踪的报名类别；尚未报名时为空'),
  status: z.string(),
  next: z.object({ label: z.string(), link: z.string() }).nullable().describe('下一步操作'),
});

export const homeSchemas = {
  home: {
    response: {
      200: z.object({
        me,
        stats: z.array(stat),
        journey: journey.nullable().describe('仅学员有'),
      }),
    },
  },
  todos: { response: { 200: z.object({ todos: z.array(todo) }) } },
};
