import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** The one file of a multipart request, refused with a clear message when missing or too large. */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('VALIDATION', '请选择要上传的文件');
  // A malformed multipart body (no boundary, cut off) is the sender's mistake, not a server error.
  const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 } }).catch(() => {
    throw new AppError('VALIDATION', '上传内容格式错误，请重新选择文件上传');
  });
  if (!part) throw new AppError('VALIDATION', '请选择要上传的文件');
  return part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('VALIDATION', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
    throw err;
  });
}
