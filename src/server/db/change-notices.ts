import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** The channel the database's triggers notify (migration 0013): `account:<id>` and `setting:<key>`. */
export const CHANGE_CHANNEL = 'agt_changes';

export type ChangeSubscriber = {
  onNotice(payload: string): void;
  /** Forget everything cached: notices may have been missed (connection lost, or just back). */
  onReset(): void;
};

/**
 * What the database says changed, heard by every server process. Triggers in
 * the database send the notices, so no code path that changes an account, a
 * session or a setting can forget to; PostgreSQL delivers them only when the
 * changing transaction commits. A cache may trust itself only while `live`.
 */
export class ChangeNotices {
  private readonly subscribers = new Set<ChangeSubscriber>();
  private listening = false;
  private stopListening: (() => Promise<void>) | null = null;
  private database: Database | null = null;
  private readonly barriers = new Map<string, () => void>();

  get live(): boolean {
    return this.listening;
  }

  async start(database: Database): Promise<void> {
    this.database = database;
    const { stop } = await database.listen(CHANGE_CHANNEL, {
      onNotice: (payload) => {
        if (payload.startsWith('barrier:')) return this.barriers.get(payload)?.();
        for (const s of this.subscribers) s.onNotice(payload);
      },
      onListening: () => {
        // Anything cached before this moment may have missed a notice.
        this.reset();
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.reset();
      },
    });
    this.stopListening = stop;
  }

  subscribe(subscriber: ChangeSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /**
   * Resolves once every notice of a transaction committed before the call has
   * been heard here: a notice of our own is sent and awaited (PostgreSQL
   * delivers notices in commit order). For tests that change rows behind the
   * application's back, and for anything that must read its own writes.
   */
  async settled(): Promise<void> {
    if (!this.live || !this.database) return;
    const id = `barrier:${randomUUID()}`;
    const heard = new Promise<void>((resolve) => this.barriers.set(id, resolve));
    try {
      await this.database.db.execute(sql`SELECT pg_notify(${CHANGE_CHANNEL}, ${id})`);
      await heard;
    } finally {
      this.barriers.delete(id);
    }
  }

  async stop(): Promise<void> {
    this.listening = false;
    this.reset();
    await this.stopListening?.();
    this.stopListening = null;
  }

  private reset(): void {
    for (const s of this.subscribers) s.onReset();
  }
}
