import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inScope } from '../../http/scope.js';
import type { Deps } from '../../deps.js';
import { captures } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError, notFound } from '../../http/errors.js';
import { detectFileType } from '../files/detect-file-type.js';
import { pixelsLabel, untrustedImage } from '../files/untrusted-image.js';
import { getStudyRules } from './study-rules.js';

/** A webcam frame is at most 4K (8.3 MP); anything far larger is not a frame from our page. */
const MAX_CAPTURE_PIXELS = 20_000_000;

/**
 * The browser delivers the frame the server asked for. It is re-encoded and
 * stored; the next snapshot is scheduled at a random moment the browser is not told.
 */
export async function submitCapture(deps: Deps, ctx: RequestContext, captureId: string, data: Buffer): Promise<{ ok: true }> {
  const actor = requireActor(ctx);
  const type = detectFileType(data);
  if (type !== 'image/jpeg' && type !== 'image/png') throw new AppError('VALIDATION', '抓拍照片：须为 JPG 或 PNG 图片');
  const image = await untrustedImage(data, MAX_CAPTURE_PIXELS);
  if (image === 'too_large')
    throw new AppError('VALIDATION', `抓拍照片：图片尺寸过大（最多 ${pixelsLabel(MAX_CAPTURE_PIXELS)}），请重试`);
  if (image === 'broken') throw new AppError('VALIDATION', '抓拍照片：图片已损坏，请重试');
  let bytes: Buffer;
  try {
    bytes = await image.rotate().resize({ width: 480, withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  } catch {
    throw new AppError('VALIDATION', '抓拍照片：图片已损坏，请重试');
  }
  const rules = await getStudyRules(deps.db);
  const storageKey = `captures/${randomUUID()}`;
  await deps.storage.put(storageKey, bytes);
  try {
    await deps.db.transaction(async (tx) => {
      const [capture] = await tx
        .select()
        .from(captures)
        .where(inScope(actor, { person: captures.personId }, eq(captures.id, captureId)))
        .for('update');
      if (!capture) throw notFound('抓拍任务');
      const now = deps.now();
      if (capture.status !== 'pending' || capture.dueAt > now) throw new AppError('INVALID_STATE', '当前没有需要提交的抓拍');
      await tx.update(captures).set({ status: 'received', capturedAt: now, storageKey }).where(eq(captures.id, captureId));
      const dueAt = new Date(
        now.getTime() + randomInt(rules.captureMinIntervalSeconds, rules.captureMaxIntervalSeconds + 1) * 1000,
      );
      await tx.insert(captures).values({
        sessionId: capture.sessionId,
        personId: capture.personId,
        lessonId: capture.lessonId,
        dueAt,
        windowEndsAt: new Date(dueAt.getTime() + rules.captureWindowSeconds * 1000),
      });
    });
  } catch (err) {
    await deps.storage.remove(storageKey);
    throw err;
  }
  return { ok: true };
}
