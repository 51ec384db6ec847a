import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/harness.js';
import { pngBomb } from '../../../../test/hostile-files.js';
import { enterprises, persons, registrations } from '../../db/schema/index.js';
import { DEMO_CANDIDATE } from '../bootstrap/demo-data.js';

/**
 * Images and video from users, read without trusting them: a PNG that claims
 * hundreds of megapixels is refused from its header, and a video is served by
 * the byte range asked for.
 */
let t: TestApp;
let candidate: Client;
let training: Client;
let videoLessonId: string;
const video = Buffer.concat([
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
  Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251)),
]);

beforeAll(async () => {
  t = await createTestApp();
  [candidate, training] = await Promise.all([t.login(DEMO_CANDIDATE.idNumber), t.login('demo-training')]);
  const course = await training.post('/api/courses', { title: '施工现场安全', description: '', categories: ['C2'] });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(video)]), 'l.webm');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/courses/${course.body.id}/lessons/video?title=${encodeURIComponent('危险源')}&durationSeconds=120`,
    payload: form,
    headers: {
      cookie: `agt_sid=${training.cookies.agt_sid}; agt_csrf=${training.cookies.agt_csrf}`,
      'x-csrf-token': training.cookies.agt_csrf,
    },
  });
  expect(res.statusCode).toBe(200);
  videoLessonId = res.json().id;
  expect((await training.post(`/api/courses/${course.body.id}/publish`, { published: true })).status).toBe(200);
  const [person] = await t.deps.db.select().from(persons).where(eq(persons.name, DEMO_CANDIDATE.name));
  const [ent] = await t.deps.db.select().from(enterprises).where(eq(enterprises.jurisdictionCode, '220100'));
  await t.deps.db
    .insert(registrations)
    .values({ personId: person.id, category: 'C2', jurisdictionCode: '220100', enterpriseId: ent.id, status: 'approved' });
});
afterAll(async () => t?.close());

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

describe('decompression-bomb images', () => {
  // 16,000 × 16,000 = 256 megapixels in 31 KB: under sharp's default limit, so only an explicit one stops it.
  const bomb = pngBomb(16_000, 16_000);

  it('a study snapshot is refused from its header, quickly', async () => {
    const start = await candidate.post(`/api/study/lessons/${videoLessonId}/start`);
    expect(start.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bomb)]), 'cap.png');
    const { result, ms } = await timed(() =>
      t.app.inject({
        method: 'POST',
        url: `/api/study/captures/${start.body.capture.id}`,
        payload: form,
        headers: {
          cookie: `agt_sid=${candidate.cookies.agt_sid}; agt_csrf=${candidate.cookies.agt_csrf}`,
          'x-csrf-token': candidate.cookies.agt_csrf,
        },
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.json().error.message).toMatch(/^抓拍照片：图片尺寸过大/);
    expect(ms).toBeLessThan(1000);
  });

  it('a registration scan is refused from its header, quickly', async () => {
    const { result, ms } = await timed(() => candidate.upload('diploma', bomb, 'diploma.png'));
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^毕业证：图片尺寸过大/);
    expect(ms).toBeLessThan(1000);
  });
});

describe('video by range', () => {
  const get = (range?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/study/lessons/${videoLessonId}/video`,
      headers: { cookie: `agt_sid=${training.cookies.agt_sid}`, ...(range ? { range } : {}) },
    });

  it('answers the bytes asked for, the whole file without a range, 416 past the end', async () => {
    const part = await get('bytes=100-199');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${video.length}`);
    expect(part.rawPayload.equals(video.subarray(100, 200))).toBe(true);
    const tail = await get('bytes=-10');
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(video.subarray(video.length - 10))).toBe(true);
    const open = await get('bytes=4000-');
    expect(open.rawPayload.equals(video.subarray(4000))).toBe(true);
    const whole = await get();
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.rawPayload.equals(video)).toBe(true);
    expect((await get(`bytes=${video.length}-`)).statusCode).toBe(416);
  });
});
