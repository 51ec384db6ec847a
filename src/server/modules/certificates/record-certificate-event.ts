import { CERTIFICATE_TRANSITIONS, type CertificateAction, type CertificateStatus } from '../../../shared/domain/certificate.js';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../db/client.js';
import { certificateEvents } from '../../db/schema/index.js';
import { queueNationalReports } from '../national/queue-national-reports.js';
import { beijingDate } from './certificate-scope.js';
import type { Actor } from '../../http/actor.js';

/**
 * Every event of a certificate's life (SPEC §5), as one discriminated union:
 * each kind says what its detail holds, so the history screen, the national
 * report (issue 14) and the tests read one shape per kind. 'expired' is written
 * by the hourly job in one SQL statement (expiry-jobs.ts), by 系统, with the
 * detail given here.
 */
export type CertificateEvent =
  | { kind: 'issued'; detail: { number: string; listId: string } }
  | { kind: 'filed'; reason: string; detail: { filingId: string } }
  | { kind: 'extended'; reason: string; detail: { from: string; to: string; requestId: string } }
  | { kind: 'transferred'; reason: string; detail: { from: string | null; to: string; changeId: string } }
  | { kind: 'changed'; reason: string; detail: { job?: string | null; title?: string | null; changeId: string } }
  | { kind: CertificateAction; reason: string; detail: { from: string; to: string } }
  | { kind: 'expired'; reason: string; detail: { expiresOn: string } };

export type CertificateEventKind = CertificateEvent['kind'];

/**
 * Appends events of certificates, in the transaction of the change they record,
 * by whom — and with them their reports to the national platform (the outbox),
 * so no event is ever left unreported and no report exists for a change that
 * rolled back.
 */
export async function recordCertificateEvents(
  deps: Pick<Deps, 'config' | 'now'>,
  tx: Executor,
  actor: Pick<Actor, 'accountId' | 'displayName'>,
  events: (CertificateEvent & { certificateId: string })[],
): Promise<void> {
  if (!events.length) return;
  const recorded: { eventId: number; certificateId: string; kind: string }[] = [];
  // An enterprise rename records an event for every certificate it holds: stay below PostgreSQL's 65 535 parameters.
  for (let i = 0; i < events.length; i += 2000)
    recorded.push(
      ...(await tx
        .insert(certificateEvents)
        .values(
          events.slice(i, i + 2000).map((e) => ({
            certificateId: e.certificateId,
            kind: e.kind,
            actorAccountId: actor.accountId,
            actorName: actor.displayName,
            reason: 'reason' in e ? e.reason : null,
            detail: e.detail,
          })),
        )
        .returning({
          eventId: certificateEvents.id,
          certificateId: certificateEvents.certificateId,
          kind: certificateEvents.kind,
        })),
    );
  await queueNationalReports(
    tx,
    deps.config.nationalIssuer,
    beijingDate(deps.now()),
    recorded.map((e, i) => {
      // Only a state change's `from` is a state (an extension's is a date, a transfer's an enterprise).
      const e0 = events[i]!;
      const before = e0.kind in CERTIFICATE_TRANSITIONS ? ((e0.detail as { from: string }).from as CertificateStatus) : undefined;
      return { ...e, kind: e.kind as CertificateEventKind, before };
    }),
  );
}
