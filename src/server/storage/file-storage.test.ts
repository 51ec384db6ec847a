import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStorage } from './file-storage.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agt-storage-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

describe('LocalFileStorage', () => {
  it('reads a byte range as a stream, without reading the rest, and tells the size', async () => {
    const storage = new LocalFileStorage(root);
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 256));
    await storage.put('videos/a', data);
    expect(await storage.size('videos/a')).toBe(100_000);
    expect((await collect(await storage.openRead('videos/a', { start: 10, end: 19 }))).equals(data.subarray(10, 20))).toBe(true);
    expect(
      (await collect(await storage.openRead('videos/a', { start: 99_990, end: 99_999 }))).equals(data.subarray(99_990)),
    ).toBe(true);
    expect((await collect(await storage.openRead('videos/a'))).equals(data)).toBe(true);
    await expect(storage.openRead('videos/missing')).rejects.toThrow();
  });
});
