import type { ChangeNotices } from '../../db/change-notices.js';
import type { Db } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../http/actor.js';

/**
 * Activity is written to the sessions table at most this often per process (all
 * sessions in one statement), so the database's idea of "last seen" lags by at
 * most this much. Idle expiry allows the same margin: a session ends between N
 * minutes and N minutes 30 seconds after its last request — late, never early,
 * whichever process served it.
 */
export const ACTIVITY_FLUSH_MS = 30_000;
export const IDLE_GRACE_MS = ACTIVITY_FLUSH_MS;
/** Even with every notice heard, an entry is re-read from the database after this long. */
const TRUST_MS = 60_000;
const MAX_ENTRIES = 100_000;
/**
 * After an account changed, its sessions are not cached for this long: a change made here is
 * forgotten before its transaction commits, and a read in that window would otherwise cache the
 * row as it was. (Reads still go to the database meanwhile, which answers correctly once it commits.)
 */
const CHANGED_HOLD_MS = 10_000;

/** Every cache of this process (one per app; tests build several). */
const cachesOfThisProcess = new Set<SessionCache>();

/**
 * Drops an account's cached sessions in this process at once, without waiting
 * for the database's notice (which the other processes get). Called where
 * sessions are ended, so the very next request here is refused.
 */
export function forgetAccountSessionsHere(accountId: string): void {
  for (const cache of cachesOfThisProcess) cache.forgetAccount(accountId);
}

/** The security policy changed here: every cached session is re-read (expiry, second-factor duty). */
export function forgetAllSessionsHere(): void {
  for (const cache of cachesOfThisProcess) cache.forgetAll();
}

type Entry = { actor: Actor; createdAtMs: number; lastSeenMs: number; loadedAtMs: number };

/**
 * Resolved sessions of this process, keyed by token hash, so a request needs no
 * round trip for its session. The database's triggers notify every change to an
 * account, its second factor, its sessions (deleted, or shortened) and the
 * security policy; each process drops what a notice names at once, and trusts
 * nothing while it is not listening.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byAccount = new Map<string, Set<string>>();
  /** Token hash → when this process last saw it used; written in batches. */
  private readonly activity = new Map<string, number>();
  /** Rises with every change heard; a read remembers where it started. */
  private seq = 0;
  private clearedSeq = 0;
  private readonly changedAccounts = new Map<string, { seq: number; at: number }>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly notices: ChangeNotices,
  ) {
    notices.subscribe({
      onNotice: (payload) => {
        if (payload.startsWith('account:')) this.forgetAccount(payload.slice('account:'.length));
        // The security policy decides expiry and the second-factor duty of every session.
        else if (payload === 'setting:security_policy') this.clear();
      },
      onReset: () => this.clear(),
    });
    this.timer = setInterval(() => void this.flush(), ACTIVITY_FLUSH_MS);
    this.timer.unref();
    cachesOfThisProcess.add(this);
  }

  /** A trusted entry, or undefined when the database must be asked. Marks the session as used. */
  lookup(tokenHash: string, limits: { idleMs: number; absoluteMs: number }): Actor | undefined {
    if (!this.notices.live) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    const now = Date.now();
    if (
      now - entry.loadedAtMs > TRUST_MS ||
      now - entry.createdAtMs >= limits.absoluteMs ||
      now - entry.lastSeenMs >= limits.idleMs + IDLE_GRACE_MS
    ) {
      // Possibly expired (another process may have seen it since): the database decides.
      this.drop(tokenHash);
      return undefined;
    }
    entry.lastSeenMs = now;
    this.activity.set(tokenHash, now);
    return entry.actor;
  }

  /** Call before reading a session (and the policy) from the database; pass the result to `remember`. */
  startRead(): number {
    return this.seq;
  }

  /**
   * Keeps a session just read from the database — unless a notice arrived while
   * it was being read (the row read may already be out of date).
   */
  remember(read: number, actor: Actor, ages: { sinceCreatedMs: number }): void {
    const now = Date.now();
    const tokenHash = actor.sessionTokenHash;
    this.activity.set(tokenHash, now);
    if (!this.notices.live || this.clearedSeq > read) return;
    const changed = this.changedAccounts.get(actor.accountId);
    if (changed && (changed.seq > read || now - changed.at < CHANGED_HOLD_MS)) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
    // Shared by every request of this session from now on: nobody may change it in place.
    this.entries.set(tokenHash, {
      actor: Object.freeze(actor),
      createdAtMs: now - ages.sinceCreatedMs,
      lastSeenMs: now,
      loadedAtMs: now,
    });
    let hashes = this.byAccount.get(actor.accountId);
    if (!hashes) this.byAccount.set(actor.accountId, (hashes = new Set()));
    hashes.add(tokenHash);
  }

  forget(tokenHash: string): void {
    this.activity.delete(tokenHash);
    const entry = this.entries.get(tokenHash);
    if (entry) this.forgetAccount(entry.actor.accountId);
    this.drop(tokenHash);
  }

  forgetAll(): void {
    this.clear();
  }

  forgetAccount(accountId: string): void {
    const now = Date.now();
    this.changedAccounts.set(accountId, { seq: ++this.seq, at: now });
    if (this.changedAccounts.size > 10_000) {
      for (const [id, c] of this.changedAccounts) if (now - c.at > TRUST_MS) this.changedAccounts.delete(id);
    }
    this.dropAccount(accountId);
  }

  /** Writes the recorded activity of every session in one statement (never moves last_seen_at back). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.activity.size === 0) return;
      const now = Date.now();
      const hashes: string[] = [];
      const agoSeconds: number[] = [];
      for (const [hash, at] of this.activity) {
        hashes.push(hash);
        agoSeconds.push(Math.max(0, (now - at) / 1000));
      }
      const written = new Map(this.activity);
      this.activity.clear();
      // Ages, not timestamps: the database's clock decides expiry, whatever this machine's clock says.
      await this.db
        .execute(
          sql`
        UPDATE sessions s SET last_seen_at = greatest(s.last_seen_at, now() - make_interval(secs => v.ago))
        FROM unnest(${sql.param(hashes)}::text[], ${sql.param(agoSeconds)}::float8[]) AS v(h, ago)
        WHERE s.token_hash = v.h`,
        )
        .catch((err: Error) => {
          // Kept for the next flush: lost activity would end active sessions early.
          for (const [hash, at] of written) if ((this.activity.get(hash) ?? 0) < at) this.activity.set(hash, at);
          console.error('[sessions] 记录会话活动失败，稍后重试', err.message);
        });
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    cachesOfThisProcess.delete(this);
    clearInterval(this.timer);
    await this.flush();
    this.clear();
  }

  private clear(): void {
    this.clearedSeq = ++this.seq;
    this.entries.clear();
    this.byAccount.clear();
  }

  private dropAccount(accountId: string): void {
    const hashes = this.byAccount.get(accountId);
    if (!hashes) return;
    for (const h of hashes) this.entries.delete(h);
    this.byAccount.delete(accountId);
  }

  private drop(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const hashes = this.byAccount.get(entry.actor.accountId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byAccount.delete(entry.actor.accountId);
  }
}
