import { count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Deps } from '../../deps.js';
import {
  certificateFilings,
  certificates,
  employerChangeRequests,
  examApplications,
  extensionRequests,
  personnelChanges,
  qualifiedLists,
  registrations,
} from '../../db/schema/index.js';
import type { Actor } from '../../http/actor.js';
import { inScope, type ScopeColumns } from '../../http/scope.js';
import { beijingDate, certificateScope, qualifiedListScope } from '../certificates/certificate-scope.js';
import { expiringWithin } from '../certificates/list-certificates.js';
import { extensionScope } from '../continuing/extensions.js';
import { examApplicationScope } from '../exams/exam-scope.js';
import { filingScope } from '../filings/filing-scope.js';
import { personnelChangeScope } from '../personnel/decide-personnel-change.js';
import { employerChangeScope } from '../registrations/decide-employer-change.js';
import { registrationScope } from '../registrations/registration-scope.js';

/**
 * One item of a home page's to-do list: how many objects wait for the caller,
 * and the list that shows exactly them (`link` carries the same filter, so the
 * count and the list agree). `menu` is the side-menu entry that gets the badge.
 */
export type Todo = { key: string; label: string; count: number; link: string; menu: string };

/** Certificates still 有效 that expire within this many days are shown as 即将到期 (the first reminder, SPEC §6). */
export const EXPIRING_WITHIN_DAYS = 90;

type Counted = {
  key: string;
  label: string;
  link: string;
  menu: string;
  table: PgTable;
  scope: ScopeColumns;
  where: (SQL | undefined)[];
};

/** Requests of `table` in one state, listed by the page at `path` filtered by that state. */
const inState = (
  key: string,
  label: string,
  path: string,
  table: PgTable,
  column: AnyPgColumn,
  scope: ScopeColumns,
  status = 'pending',
): Counted => ({ key, label, link: `${path}?status=${status}`, menu: path, table, scope, where: [eq(column, status)] });

/** What waits for each role, each count in the caller's scope. */
function todosOf(actor: Actor, today: string): Counted[] {
  const expiring = (menu: string, link: string): Counted => ({
    key: 'expiringCertificates',
    label: `${EXPIRING_WITHIN_DAYS}天内到期证书`,
    link,
    menu,
    table: certificates,
    scope: certificateScope,
    where: [expiringWithin(today, EXPIRING_WITHIN_DAYS)],
  });
  // A certificate has at most one refused report at a time (a refusal holds back the ones after it),
  // so counting certificates with one counts the rows of 全国平台上报 → 上报失败.
  const nationalFailures: Counted = {
    key: 'nationalFailures',
    label: '全国平台上报失败',
    link: '/national-reports?status=failed',
    menu: '/national-reports',
    table: certificates,
    scope: certificateScope,
    where: [sql`EXISTS (SELECT 1 FROM national_reports r WHERE r.certificate_id = ${certificates.id} AND r.status = 'failed')`],
  };
  switch (actor.role) {
    case 'city':
      return [
        {
          key: 'registrations',
          label: '待审核报名',
          link: '/review/registrations?status=awaiting_authority',
          menu: '/review/registrations',
          table: registrations,
          scope: registrationScope,
          where: [eq(registrations.status, 'awaiting_authority'), isNull(registrations.deletedAt)],
        },
        {
          key: 'withdrawals',
          label: '待处理退考申请',
          link: '/exam-sessions',
          menu: '/exam-sessions',
          table: examApplications,
          scope: examApplicationScope,
          where: [eq(examApplications.status, 'withdrawal_requested')],
        },
        inState('filings', '待核验备案', '/filings', certificateFilings, certificateFilings.status, filingScope),
        inState(
          'personnelChanges',
          '待审核人员变更',
          '/personnel-changes',
          personnelChanges,
          personnelChanges.status,
          personnelChangeScope,
        ),
        inState('extensions', '待审核延期', '/extensions', extensionRequests, extensionRequests.status, extensionScope),
        inState(
          'employerChanges',
          '待审核单位变更',
          '/review/employer-changes',
          employerChangeRequests,
          employerChangeRequests.status,
          employerChangeScope,
        ),
        expiring('/certificates', `/certificates?expiringWithinDays=${EXPIRING_WITHIN_DAYS}`),
        nationalFailures,
      ];
    case 'province':
      return [
        inState(
          'qualifiedLists',
          '待确认名单',
          '/qualified-lists',
          qualifiedLists,
          qualifiedLists.status,
          qualifiedListScope,
          'submitted',
        ),
        expiring('/certificates', `/certificates?expiringWithinDays=${EXPIRING_WITHIN_DAYS}`),
        nationalFailures,
      ];
    case 'enterprise':
      return [
        {
          key: 'employerConfirmations',
          label: '待确认报名',
          link: '/employer/registrations?status=awaiting_employer',
          menu: '/employer/registrations',
          table: registrations,
          scope: registrationScope,
          where: [eq(registrations.status, 'awaiting_employer'), isNull(registrations.deletedAt)],
        },
        expiring('/personnel', `/personnel?expiringWithinDays=${EXPIRING_WITHIN_DAYS}`),
      ];
    default:
      return [];
  }
}

/** The caller's to-do list: every item counted in one statement (one round trip). */
export async function homeTodos(deps: Deps, actor: Actor): Promise<Todo[]> {
  const items = todosOf(actor, beijingDate(deps.now()));
  if (!items.length) return [];
  const counts = items.map(
    (item) =>
      sql`(${deps.db
        .select({ n: count() })
        .from(item.table)
        .where(inScope(actor, item.scope, ...item.where))})::int`,
  );
  const [row] = await deps.db.select({ counts: sql<number[]>`array[${sql.join(counts, sql`, `)}]` }).from(sql`(select 1) as one`);
  return items.map((item, i) => ({ key: item.key, label: item.label, count: row!.counts[i]!, link: item.link, menu: item.menu }));
}
