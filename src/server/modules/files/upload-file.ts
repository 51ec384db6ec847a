import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { files } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { detectFileType, pdfLooksComplete } from './detect-file-type.js';
import { pixelsLabel, untrustedImage } from './untrusted-image.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const FILE_KINDS = ['photo', 'diploma', 'qualification', 'medical', 'certificate'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Record<FileKind, string> = {
  photo: '一寸照片',
  diploma: '毕业证',
  qualification: '注册建造师证',
  medical: '体检表',
  certificate: '证书扫描件',
};

/** A 50 MP phone camera is the largest scan we expect. */
const MAX_SCAN_PIXELS = 60_000_000;

/** 1-inch photo as printed on admission tickets and certificates: 358 × 441 px JPEG. */
const PHOTO_SIZE = { width: 358, height: 441 };

function refuse(kind: FileKind, message: string): AppError {
  return new AppError('VALIDATION', `${FILE_KIND_LABELS[kind]}：${message}`, kind);
}

/**
 * Checks an upload by content, re-encodes images (which drops anything hidden
 * in them and proves they decode completely), and stores it under a generated
 * name. A refused file leaves nothing behind.
 */
async function normalize(kind: FileKind, data: Buffer): Promise<{ bytes: Buffer; mimeType: string }> {
  if (data.length === 0) throw refuse(kind, '文件为空');
  if (data.length > MAX_UPLOAD_BYTES) throw refuse(kind, '文件不能超过10MB');
  const type = detectFileType(data);
  if (!type) throw refuse(kind, '只能上传 PDF、JPG 或 PNG 文件（按文件内容识别，修改扩展名无效）');
  if (kind === 'photo' && type === 'application/pdf') throw refuse(kind, '照片须为 JPG 或 PNG 图片');
  if (type === 'application/pdf') {
    if (!pdfLooksComplete(data)) throw refuse(kind, 'PDF 文件不完整或已损坏，请重新导出后上传');
    return { bytes: data, mimeType: type };
  }
  const decoded = await untrustedImage(data, MAX_SCAN_PIXELS);
  if (decoded === 'too_large') throw refuse(kind, `图片尺寸过大（最多 ${pixelsLabel(MAX_SCAN_PIXELS)}），请缩小后上传`);
  if (decoded === 'broken') throw refuse(kind, '图片文件已损坏或不完整，请重新拍摄或扫描后上传');
  try {
    const image = decoded.rotate();
    const bytes =
      kind === 'photo'
        ? await image
            .resize({ ...PHOTO_SIZE, fit: 'cover', position: 'attention' })
            .jpeg({ quality: 90 })
            .toBuffer()
        : await image
            .resize({ width: 2480, height: 2480, fit: 'inside', withoutEnlargement: true })
            .jpeg({ quality: 85 })
            .toBuffer();
    return { bytes, mimeType: 'image/jpeg' };
  } catch {
    throw refuse(kind, '图片文件已损坏或不完整，请重新拍摄或扫描后上传');
  }
}

export async function uploadFile(
  deps: Deps,
  ctx: RequestContext,
  kind: FileKind,
  data: Buffer,
): Promise<{ id: string; mimeType: string }> {
  const actor = requireActor(ctx);
  // Candidates upload their registration scans; enterprises the certificate scans of their filings.
  if (actor.role === 'enterprise' ? kind !== 'certificate' : !actor.personId || kind === 'certificate') {
    throw new AppError('FORBIDDEN', actor.role === 'enterprise' ? '企业只能上传证书扫描件' : '只有学员可以上传报名材料');
  }
  const { bytes, mimeType } = await normalize(kind, data);
  const now = deps.now();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
  await deps.storage.put(storageKey, bytes);
  try {
    return await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          personId: actor.personId,
          kind,
          mimeType,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          uploadedBy: actor.accountId,
        })
        .returning({ id: files.id });
      await recordAudit(tx, ctx, {
        action: 'file.uploaded',
        outcome: 'success',
        targetType: 'file',
        targetId: row.id,
        detail: { kind, mimeType, sizeBytes: bytes.length },
      });
      return { id: row.id, mimeType };
    });
  } catch (err) {
    await deps.storage.remove(storageKey);
    throw err;
  }
}
