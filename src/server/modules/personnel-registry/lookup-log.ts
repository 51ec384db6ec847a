import type { Db } from '../../db/client.js';
import { publicLookups } from '../../db/schema/index.js';

type Lookup = typeof publicLookups.$inferInsert;

const FLUSH_EVERY_MS = 250;
const MAX_BATCH = 500;

/**
 * Public lookups are written in batches, a quarter of a second at most after
 * they happen: a lookup changes nothing, so it need not pay for a write
 * transaction of its own, and the public page stays as fast as a plain read.
 * The buffer is flushed when the server closes; a crash may lose the last
 * quarter second of the lookup log (never an audit event: those stay in the
 * transaction of their change).
 */
export class LookupLog {
  private buffer: Lookup[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  record(lookup: Omit<Lookup, 'id' | 'at'>): void {
    this.buffer.push({ ...lookup, at: new Date() });
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes what is buffered; resolves once everything recorded so far is in the table. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.db.insert(publicLookups).values(batch);
      } catch (err) {
        console.error('[registry] could not write the lookup log', err instanceof Error ? err.message : err);
      }
    });
    return this.flushing;
  }
}
