import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accounts, notifications } from '../../db/schema/index.js';

export type Notice = { title: string; body: string; link?: string };

/** Queues an in-app notice inside the caller's transaction: it exists exactly when the change does. */
export async function notifyAccounts(exec: Executor, accountIds: string[], notice: Notice): Promise<void> {
  if (accountIds.length === 0) return;
  await exec.insert(notifications).values(accountIds.map((accountId) => ({ accountId, ...notice, link: notice.link ?? null })));
}

export async function notifyPerson(exec: Executor, personId: string, notice: Notice): Promise<void> {
  const rows = await exec.select({ id: accounts.id }).from(accounts).where(eq(accounts.personId, personId));
  await notifyAccounts(
    exec,
    rows.map((r) => r.id),
    notice,
  );
}

/**
 * A notice about a person's certificate (number, state, employer): only to an
 * account whose identity was confirmed — an unconfirmed one may not be theirs.
 */
export async function notifyHolder(exec: Executor, personId: string, notice: Notice): Promise<void> {
  const rows = await exec
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.personId, personId), isNotNull(accounts.identityVerifiedAt)));
  await notifyAccounts(
    exec,
    rows.map((r) => r.id),
    notice,
  );
}

export async function notifyEnterprise(exec: Executor, enterpriseId: string, notice: Notice): Promise<void> {
  const rows = await exec.select({ id: accounts.id }).from(accounts).where(eq(accounts.enterpriseId, enterpriseId));
  await notifyAccounts(
    exec,
    rows.map((r) => r.id),
    notice,
  );
}

/**
 * Many notices at once (a confirmed list, the nightly expiry): the accounts of
 * all the people and enterprises in one query, the notices in one insert,
 * instead of two round trips per certificate inside the caller's transaction.
 */
export type Addressed = ({ personId: string } | { enterpriseId: string }) & { notice: Notice };

export async function notifyMany(exec: Executor, items: Addressed[]): Promise<void> {
  if (items.length === 0) return;
  const personIds = [...new Set(items.flatMap((i) => ('personId' in i ? [i.personId] : [])))];
  const enterpriseIds = [...new Set(items.flatMap((i) => ('enterpriseId' in i ? [i.enterpriseId] : [])))];
  const holders = await exec
    .select({ id: accounts.id, personId: accounts.personId, enterpriseId: accounts.enterpriseId })
    .from(accounts)
    // (Person notices here are about certificates: confirmed accounts only, as notifyHolder.)
    .where(
      or(
        personIds.length ? and(inArray(accounts.personId, personIds), isNotNull(accounts.identityVerifiedAt)) : undefined,
        enterpriseIds.length ? inArray(accounts.enterpriseId, enterpriseIds) : undefined,
      ),
    );
  const rows = items.flatMap((i) =>
    holders
      .filter((a) => ('personId' in i ? a.personId === i.personId : a.enterpriseId === i.enterpriseId))
      .map((a) => ({ accountId: a.id, ...i.notice, link: i.notice.link ?? null })),
  );
  if (rows.length) await exec.insert(notifications).values(rows);
}
