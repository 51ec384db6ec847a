import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** The one file of a multipart request, refused with a clear message when missing or too large. */
export async function readSingleFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('VALIDATION', '请选择要上传的文件');
  const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  if (!part) throw new AppError('VALIDATION', '请选择要上传的文件');
  return part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('VALIDATION', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
    throw err;
  });
}
