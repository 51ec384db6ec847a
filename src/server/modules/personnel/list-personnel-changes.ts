import { alias } from 'drizzle-orm/pg-core';
import { PERSONNEL_CHANGE_MACHINE } from '../../../shared/domain/machine.js';
import { decisionPolicies } from '../../../shared/policies.js';
import { desc, eq } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import type { Deps } from '../../deps.js';
import { certificates, enterprises, personnelChanges, persons } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope } from '../../http/scope.js';
import { personnelChangeScope } from './decide-personnel-change.js';

const STATUS_LABELS = { pending: '待审核', approved: '已通过', returned: '已退回', cancelled: '已取消' } as const;
const KIND_LABELS = { transfer: '调入（变更单位）', details: '岗位/职称变更', rename: '企业更名' } as const;
const fromEnterprise = alias(enterprises, 'from_enterprise');

/** Changes the enterprise asked for, or the city has to review (its jurisdiction), newest first. */
export async function listPersonnelChanges(deps: Deps, actor: Actor, status?: 'pending' | 'approved' | 'returned' | 'cancelled') {
  const rows = await deps.db
    .select({
      p: personnelChanges,
      number: certificates.number,
      category: certificates.category,
      other: certificates.otherWorkTypeName,
      name: persons.name,
      masked: persons.idNumberMasked,
      to: enterprises.name,
      from: fromEnterprise.name,
    })
    .from(personnelChanges)
    .leftJoin(certificates, eq(certificates.id, personnelChanges.certificateId))
    .leftJoin(persons, eq(persons.id, certificates.personId))
    .innerJoin(enterprises, eq(enterprises.id, personnelChanges.enterpriseId))
    .leftJoin(fromEnterprise, eq(fromEnterprise.id, personnelChanges.fromEnterpriseId))
    .where(inScope(actor, personnelChangeScope, status ? eq(personnelChanges.status, status) : undefined))
    .orderBy(desc(personnelChanges.createdAt))
    .limit(500);
  return rows.map(({ p, number, category, other, name, masked, to, from }) => ({
    id: p.id,
    kind: p.kind,
    kindLabel: KIND_LABELS[p.kind],
    certificateId: p.certificateId,
    number,
    categoryLabel: category ? categoryLabel(category, other) : null,
    name,
    maskedIdNumber: masked,
    enterpriseName: to,
    fromEnterpriseName: from,
    newJob: p.newJob,
    newTitle: p.newTitle,
    newEnterpriseName: p.newEnterpriseName,
    reason: p.reason,
    status: p.status,
    statusLabel: STATUS_LABELS[p.status],
    createdAt: p.createdAt.toISOString(),
    decisionReason: p.decisionReason,
    /** Transfers: the holder agreed in the app (only then may the authority approve). */
    holderConfirmed: p.kind === 'transfer' ? p.holderConfirmedAt !== null : null,
    policies: decisionPolicies(
      PERSONNEL_CHANGE_MACHINE,
      p.status,
      actor.role === 'city',
      p.kind === 'transfer' && !p.holderConfirmedAt ? '持证人尚未在系统中确认同意调入，暂不能审核通过' : null,
    ),
  }));
}
