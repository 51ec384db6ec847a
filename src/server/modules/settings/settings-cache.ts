import { eq } from 'drizzle-orm';
import type { ChangeNotices } from '../../db/change-notices.js';
import type { Executor } from '../../db/client.js';
import { settings } from '../../db/schema/index.js';

// Read on hot paths (every session check, heartbeat, result list). A change made in any process
// reaches this one by a notice at once; the few seconds' expiry covers a process not yet listening.
const CACHE_MS = 5_000;

const registry = new Map<string, () => void>();

/** One province setting (a row of `settings`), parsed with defaults, cached per process. */
export function cachedSetting<T>(key: string, parse: (stored: unknown) => T) {
  let cached: { at: number; value: T } | undefined;
  // A notice that arrives while a read is under way must not be undone by that read's (older) value.
  let version = 0;
  const forget = () => {
    cached = undefined;
    version += 1;
  };
  registry.set(key, forget);
  return {
    async get(exec: Executor): Promise<T> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
      const started = version;
      const [row] = await exec.select().from(settings).where(eq(settings.key, key));
      const value = parse(row?.value);
      if (version === started) cached = { at: Date.now(), value };
      return value;
    },
    async save(exec: Executor, value: unknown, by: string | null): Promise<void> {
      await exec
        .insert(settings)
        .values({ key, value, updatedBy: by })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: by, updatedAt: new Date() } });
      forget();
    },
    forget,
  };
}

/** Settings notices (`setting:<key>`, sent by the database's trigger) empty the matching cache. */
export function forgetSettingsOnNotice(changes: ChangeNotices): void {
  changes.subscribe({
    onNotice: (payload) => {
      if (payload.startsWith('setting:')) registry.get(payload.slice('setting:'.length))?.();
    },
    onReset: () => {
      for (const forget of registry.values()) forget();
    },
  });
}
