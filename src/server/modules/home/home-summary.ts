import { and, count, eq, gte, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps.js';
import { accounts, auditEvents } from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope } from '../../http/scope.js';
import { accountScope } from '../accounts/account-scope.js';

export type Stat = { label: string; value: number | string; suffix?: string };

async function countAccounts(deps: Deps, actor: Actor, ...conditions: SQL[]) {
  // The system administrator sees how many accounts there are (operations), never whose: no rows, only counts.
  const where = actor.role === 'sysadmin' ? and(...conditions) : inScope(actor, accountScope, ...conditions);
  const [row] = await deps.db.select({ n: count() }).from(accounts).where(where);
  return row.n;
}

/**
 * The figures on the operators' home pages. Business roles see what waits for
 * them instead (home-todos.ts): a to-do list, not account counts.
 */
export async function homeSummary(deps: Deps, actor: Actor): Promise<Stat[]> {
  const today = sql`date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'`;
  switch (actor.role) {
    case 'sysadmin':
      return [
        { label: '账号总数', value: await countAccounts(deps, actor), suffix: '个' },
        { label: '已停用', value: await countAccounts(deps, actor, isNotNull(accounts.disabledAt)), suffix: '个' },
        { label: '当前锁定', value: await countAccounts(deps, actor, sql`${accounts.lockedUntil} > now()`), suffix: '个' },
      ];
    case 'secadmin': {
      const [failed] = await deps.db
        .select({ n: count() })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, 'auth.login'),
            inArray(auditEvents.outcome, ['failure', 'denied']),
            gte(auditEvents.at, sql`now() - interval '24 hours'`),
          ),
        );
      const [locked] = await deps.db
        .select({ n: count() })
        .from(accounts)
        .where(sql`${accounts.lockedUntil} > now()`);
      return [
        { label: '24小时内登录失败', value: failed.n, suffix: '次' },
        { label: '当前锁定账号', value: locked.n, suffix: '个' },
      ];
    }
    case 'auditadmin': {
      const [all] = await deps.db.select({ n: count() }).from(auditEvents).where(gte(auditEvents.at, today));
      const [bad] = await deps.db
        .select({ n: count() })
        .from(auditEvents)
        .where(and(gte(auditEvents.at, today), inArray(auditEvents.outcome, ['failure', 'denied'])));
      return [
        { label: '今日审计事件', value: all.n, suffix: '条' },
        { label: '今日失败或拒绝', value: bad.n, suffix: '条' },
      ];
    }
    default:
      return [];
  }
}
