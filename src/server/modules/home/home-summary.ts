import { and, count, eq, gte, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, auditEvents, enterprises, examClients } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope } from '../../http/scope.js';
import { accountScope } from '../accounts/account-scope.js';
import { examClientScope } from '../exam-clients/exam-client-scope.js';

export type Stat = { label: string; value: number | string; suffix?: string };

async function countAccounts(deps: Deps, actor: Actor, ...conditions: SQL[]) {
  // The system administrator sees how many accounts there are (operations), never whose: no rows, only counts.
  const where = actor.role === 'sysadmin' ? and(...conditions) : inScope(actor, accountScope, ...conditions);
  const [row] = await deps.db.select({ n: count() }).from(accounts).where(where);
  return row.n;
}

/** The figures on each role's home page, every one computed inside the caller's scope. */
export async function homeSummary(deps: Deps, actor: Actor): Promise<Stat[]> {
  const today = sql`date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'`;
  switch (actor.role) {
    case 'province':
    case 'city': {
      const [ent] = await deps.db.select({ n: count() }).from(enterprises).where(inScope(actor, { jurisdiction: enterprises.jurisdictionCode }));
      const stats: Stat[] = [
        { label: '企业数', value: ent.n, suffix: '家' },
        { label: '学员账号', value: await countAccounts(deps, actor, eq(accounts.role, 'candidate')), suffix: '人' },
        { label: '培训机构账号', value: await countAccounts(deps, actor, eq(accounts.role, 'training')), suffix: '个' },
      ];
      if (actor.role === 'province') {
        stats.unshift({ label: '市(州)主管部门账号', value: await countAccounts(deps, actor, eq(accounts.role, 'city')), suffix: '个' });
      } else {
        const [ec] = await deps.db.select({ n: count() }).from(examClients).where(inScope(actor, examClientScope, isNull(examClients.revokedAt)));
        stats.push({ label: '有效考试管理端凭证', value: ec.n, suffix: '个' });
      }
      return stats;
    }
    case 'sysadmin':
      return [
        { label: '账号总数', value: await countAccounts(deps, actor), suffix: '个' },
        { label: '已停用', value: await countAccounts(deps, actor, isNotNull(accounts.disabledAt)), suffix: '个' },
        { label: '当前锁定', value: await countAccounts(deps, actor, sql`${accounts.lockedUntil} > now()`), suffix: '个' },
      ];
    case 'secadmin': {
      const [failed] = await deps.db.select({ n: count() }).from(auditEvents)
        .where(and(eq(auditEvents.action, 'auth.login'), inArray(auditEvents.outcome, ['failure', 'denied']), gte(auditEvents.at, sql`now() - interval '24 hours'`)));
      const [locked] = await deps.db.select({ n: count() }).from(accounts).where(sql`${accounts.lockedUntil} > now()`);
      return [
        { label: '24小时内登录失败', value: failed.n, suffix: '次' },
        { label: '当前锁定账号', value: locked.n, suffix: '个' },
      ];
    }
    case 'auditadmin': {
      const [all] = await deps.db.select({ n: count() }).from(auditEvents).where(gte(auditEvents.at, today));
      const [bad] = await deps.db.select({ n: count() }).from(auditEvents).where(and(gte(auditEvents.at, today), inArray(auditEvents.outcome, ['failure', 'denied'])));
      return [
        { label: '今日审计事件', value: all.n, suffix: '条' },
        { label: '今日失败或拒绝', value: bad.n, suffix: '条' },
      ];
    }
    default:
      return [];
  }
}
