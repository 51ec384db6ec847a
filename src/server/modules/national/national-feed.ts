import { and, eq, notExists, sql } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { certificates, nationalReports } from '../../db/schema/index.js';
import { beijingDate } from '../certificates/certificate-scope.js';
import { platformClientOf } from './national-check.js';
import type { NationalPlatformClient } from './platform-client.js';
import { queueNationalReports } from './queue-national-reports.js';
import { sendNationalReports, type SendRound } from './send-national-reports.js';

/**
 * Certificates that existed before the feed (or were written around it) get
 * their first report (新发) here, a batch at a time, so the platform learns of
 * every certificate once.
 */
export async function queueMissingNationalReports(deps: Deps, batch = 500): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const missing = await tx
      .select({ id: certificates.id, source: certificates.source })
      .from(certificates)
      .where(
        and(
          eq(certificates.nationalVersion, 0),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(nationalReports)
              .where(eq(nationalReports.certificateId, certificates.id)),
          ),
        ),
      )
      .limit(batch)
      .for('update', { skipLocked: true });
    await queueNationalReports(
      tx,
      deps.config.nationalIssuer,
      beijingDate(deps.now()),
      missing.map((c) => ({ eventId: null, certificateId: c.id, kind: c.source === 'filing' ? 'filed' : 'issued' })),
    );
    return missing.length;
  });
}

/** Sends rounds until nothing is due (or the platform is down), after queuing what is missing. */
export async function runNationalFeed(
  deps: Deps,
  client: NationalPlatformClient | null,
): Promise<SendRound & { queued: number }> {
  const total = { sent: 0, refused: 0, retrying: 0, queued: 0 };
  for (let n; (n = await queueMissingNationalReports(deps)) > 0;) total.queued += n;
  const cfg = deps.config.nationalPlatform;
  if (!cfg || !client) return total;
  for (;;) {
    const round = await sendNationalReports(deps, cfg, client);
    total.sent += round.sent;
    total.refused += round.refused;
    total.retrying += round.retrying;
    if (round.retrying > 0 || round.sent + round.refused === 0) return total;
  }
}

/**
 * Every process runs the feed every few seconds; rows are claimed with SKIP
 * LOCKED, so processes share the work and never send a report twice at once.
 * Without NATIONAL_PLATFORM_URL the reports wait (待上报).
 */
export function scheduleNationalFeed(deps: Deps, log: (msg: string) => void, everyMs = 10_000): () => void {
  const client = platformClientOf(deps);
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runNationalFeed(deps, client);
      if (r.sent || r.refused || r.queued)
        log(`[national] 上报成功 ${r.sent} 条，被拒 ${r.refused} 条，待重试 ${r.retrying} 条，新排队 ${r.queued} 条`);
    } catch (err) {
      log(`[national] 上报任务失败：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
