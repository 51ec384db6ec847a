import { eq } from 'drizzle-orm';
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
  await notifyAccounts(exec, rows.map((r) => r.id), notice);
}

export async function notifyEnterprise(exec: Executor, enterpriseId: string, notice: Notice): Promise<void> {
  const rows = await exec.select({ id: accounts.id }).from(accounts).where(eq(accounts.enterpriseId, enterpriseId));
  await notifyAccounts(exec, rows.map((r) => r.id), notice);
}
