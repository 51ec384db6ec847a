import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Inclusive byte offsets, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

/**
 * Where uploaded bytes live. The local directory is the default; a cluster
 * plugs in S3-compatible object storage behind the same calls (a ranged GET
 * for openRead, a HEAD for size).
 */
export interface FileStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Size in bytes, without reading the file. */
  size(key: string): Promise<number>;
  /** A stream of the bytes of `range` (the whole file without one): a video is served a range at a time, never read whole. */
  openRead(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
}

/** Files under DATA_DIR/uploads, outside anything the web server serves statically. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[a-z0-9/-]+$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, data, { flag: 'wx', mode: 0o600 });
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async size(key: string): Promise<number> {
    return (await fs.stat(this.pathOf(key))).size;
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable> {
    // Opened before returning, so a missing file is an error here and not in the middle of a response.
    const handle = await fs.open(this.pathOf(key), 'r');
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}
