import { redactPersonalData } from '../../../shared/domain/personal-data.js';
import type { Executor } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import type { AuditAction } from './audit-actions.js';

/** Who acted and from where; a RequestContext fits, and so does a just-authenticated account. */
export type AuditContext = {
  ip: string;
  actor: Pick<Actor, 'accountId' | 'role' | 'username' | 'displayName' | 'jurisdictionCode'> | null;
};

export type AuditEvent = {
  action: AuditAction;
  outcome: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  jurisdictionCode?: string | null;
  /** Never put passwords here; ID and mobile numbers are masked on the way in. */
  detail?: Record<string, unknown>;
};

/**
 * Appends one audit event. Pass the transaction of the change so the event and
 * the change commit or roll back together.
 */
export async function recordAudit(exec: Executor, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await exec.insert(auditEvents).values({
    actorAccountId: ctx.actor?.accountId ?? null,
    actorRole: ctx.actor?.role ?? null,
    actorName: ctx.actor ? (ctx.actor.username ?? ctx.actor.displayName) : null,
    ip: ctx.ip,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome,
    jurisdictionCode: event.jurisdictionCode ?? ctx.actor?.jurisdictionCode ?? null,
    // Whatever a caller put in (a typed login name, a searched number), an ID or
    // mobile number reaches the append-only log only masked: it can never be erased later.
    detail: redactPersonalData(event.detail ?? {}),
  });
}
