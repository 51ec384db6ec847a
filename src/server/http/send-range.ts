import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FileStorage } from '../storage/file-storage.js';

/**
 * Serves a stored file with HTTP Range support, which the browser's video
 * player needs to stream and seek. Only the range asked for is read from
 * storage: a 200 MB lesson is never held in memory for a seek.
 */
export async function sendRange(request: FastifyRequest, reply: FastifyReply, storage: FileStorage, key: string, mime: string) {
  const size = await storage.size(key);
  reply.header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=3600').type(mime);
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range || (!range[1] && !range[2])) return reply.header('content-length', size).send(await storage.openRead(key));
  const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
  const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start >= size || start > end) return reply.status(416).header('content-range', `bytes */${size}`).send();
  return reply
    .status(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', end - start + 1)
    .send(await storage.openRead(key, { start, end }));
}
