import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studiedCandidates } from '../../../test/factories.js';
import { createTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { xlsxBomb } from '../../../test/hostile-files.js';
import { FILING_HEADERS } from '../modules/filings/import-filings.js';

/**
 * Zip bombs dressed as workbooks, sent to both imports. Each must be refused with
 * a Chinese 400 while /healthz keeps answering: the server's event loop is never
 * handed the decompression.
 */
let t: TestApp;
let ent: Client;
let city: Client;
let sessionId: string;
const SCORE_HEADERS = ['准考证号', '姓名', '身份证号', '工种', '理论成绩', '实操成绩'];
const FILING_ROW = ['张三', '220102198001011234', 'C2', '', '吉建安C2（2023）0001234', '2023-05-10', '2026-05-09'];

beforeAll(async () => {
  t = await createTestApp();
  [ent, city] = await Promise.all([t.login('demo-ent-a'), t.login('demo-city-cc')]);
  const soon = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  sessionId = (
    await city.post('/api/exam-sessions', {
      name: '建筑电工实操考场',
      address: '长春市南关区人民大街100号',
      room: '实训楼1',
      kind: 'practical',
      capacity: 5,
      categories: ['01'],
      startsAt: soon(72),
      endsAt: soon(74),
      applicationsOpenAt: soon(-1),
      applicationsCloseAt: soon(48),
    })
  ).body.id;
  await city.post(`/api/exam-sessions/${sessionId}/publish`);
  for (const c of await studiedCandidates(t, 1, { category: '01', hours: 20 }))
    expect((await c.client.post(`/api/exam-sessions/${sessionId}/apply`)).status).toBe(200);
  expect((await city.post(`/api/exam-sessions/${sessionId}/close`)).status).toBe(200);
}, 180_000);
afterAll(async () => t?.close());

/** Runs `work` while asking /healthz every 100 ms; answers the work's result and the slowest /healthz answer. */
async function whileProbing<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; probes: number }> {
  let slowestMs = 0;
  let probes = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const sent = performance.now();
    // A timer that fires late is the event loop stalling, as much as a slow answer is.
    slowestMs = Math.max(slowestMs, sent - last - 100);
    last = sent;
    void t.app.inject({ method: 'GET', url: '/healthz' }).then((res) => {
      expect(res.statusCode).toBe(200);
      probes += 1;
      slowestMs = Math.max(slowestMs, performance.now() - sent);
    });
  }, 100);
  try {
    const result = await work();
    return { result, slowestMs, probes };
  } finally {
    clearInterval(timer);
  }
}

describe('zip bombs dressed as workbooks', () => {
  it('a bomb of 100 MB of sheet XML is refused by its central directory, quickly, and /healthz answers', async () => {
    const bomb = await xlsxBomb({ headers: FILING_HEADERS, rows: 300_000, row: FILING_ROW });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { result, slowestMs } = await whileProbing(() => ent.postFile('/api/filings/import/preview', bomb));
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^备案文件：.*(解压|过大)/);
    expect(slowestMs).toBeLessThan(1000);
    const scores = await whileProbing(() => city.postFile(`/api/exam-sessions/${sessionId}/score-import/preview`, bomb));
    expect(scores.result.status).toBe(400);
    expect(scores.result.body.error.message).toMatch(/^成绩文件：.*(解压|过大)/);
    expect(scores.slowestMs).toBeLessThan(1000);
  });

  it('a bomb whose central directory lies about its sizes is stopped while it is read, and /healthz answers', async () => {
    // Blank rows: no row limit stops it, only the bytes actually inflated do.
    const liar = await xlsxBomb({ headers: FILING_HEADERS, rows: 1_000_000, lie: true });
    const { result, slowestMs } = await whileProbing(() => ent.postFile('/api/filings/import/preview', liar));
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^备案文件：/);
    expect(slowestMs).toBeLessThan(1000);
  });

  it('a workbook of more rows than an import takes is stopped at the limit, not read to its end', async () => {
    const many = await xlsxBomb({ headers: SCORE_HEADERS, rows: 30_000, row: ['T001', '张三', '', '', '80', '80'] });
    const res = await city.postFile(`/api/exam-sessions/${sessionId}/score-import/preview`, many);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^成绩文件：一次最多导入 \d+ 行/);
  });

  it('a file that only starts like a zip gets a Chinese 400, not a 500', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    const res = await ent.postFile('/api/filings/import/preview', broken);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('备案文件：无法读取该 Excel 文件，请用备案模板填写后上传');
  });
});
