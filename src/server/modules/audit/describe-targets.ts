import { eq, sql, type AnyColumn } from 'drizzle-orm';
import { categoryLabel } from '../../../shared/domain/categories.js';
import { ROLE_LABELS } from '../../../shared/domain/roles.js';
import type { Deps } from '../../deps.js';
import {
  accounts,
  certificateFilings,
  certificates,
  courses,
  employerChangeRequests,
  enterprises,
  examApplications,
  examClients,
  examSessions,
  extensionRequests,
  lessons,
  persons,
  personnelChanges,
  qualifiedLists,
  registrations,
} from '../../db/schema/index.js';

/** What the audit log calls each kind of object. */
export const TARGET_TYPE_LABELS: Record<string, string> = {
  account: '账号',
  capture: '抓拍',
  certificate: '证书',
  certificate_filing: '原持证备案',
  course: '课程',
  employer_change: '单位变更申请',
  enterprise: '企业',
  exam_application: '考场申请',
  exam_client: '考试管理端凭证',
  exam_session: '考场',
  extension_request: '延期申请',
  file: '文件',
  filing_batch: '备案批次',
  lesson: '课时',
  person: '人员',
  personnel_change: '人员变更申请',
  qualified_list: '合格名单',
  registration: '报名',
  settings: '设置',
};

/** One array parameter however many rows an export holds (a placeholder per id would pass PostgreSQL's limit). */
const inArray = (column: AnyColumn, list: string[]) => sql`${column} = ANY(${sql.param(list)}::uuid[])`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const joinText = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' · ');

/**
 * Words for the objects of the audit log ("报名 · 李明 · C2 专职安全生产管理人员（土建）",
 * "证书 · 吉建安C2（2026）0000001") instead of a type and a UUID: one query per kind
 * of object on the page. Names, numbers and titles only — never an ID or phone number.
 */
export async function describeTargets(
  deps: Deps,
  targets: { targetType: string | null; targetId: string | null }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, Set<string>>();
  for (const t of targets) {
    if (t.targetType && t.targetId && UUID.test(t.targetId))
      ids.set(t.targetType, (ids.get(t.targetType) ?? new Set()).add(t.targetId));
  }
  const words = new Map<string, string>();
  const lookups: Record<string, (list: string[]) => Promise<{ id: string; text: string }[]>> = {
    account: async (list) =>
      (
        await deps.db
          .select({ id: accounts.id, name: accounts.displayName, username: accounts.username, role: accounts.role })
          .from(accounts)
          .where(inArray(accounts.id, list))
      ).map((a) => ({ id: a.id, text: joinText(ROLE_LABELS[a.role], a.name, a.username) })),
    certificate: async (list) =>
      (
        await deps.db
          .select({ id: certificates.id, number: certificates.number })
          .from(certificates)
          .where(inArray(certificates.id, list))
      ).map((c) => ({ id: c.id, text: c.number })),
    registration: async (list) =>
      (
        await deps.db
          .select({
            id: registrations.id,
            name: persons.name,
            category: registrations.category,
            other: registrations.otherWorkTypeName,
          })
          .from(registrations)
          .innerJoin(persons, eq(persons.id, registrations.personId))
          .where(inArray(registrations.id, list))
      ).map((r) => ({ id: r.id, text: joinText(r.name, categoryLabel(r.category, r.other)) })),
    exam_session: async (list) =>
      (
        await deps.db
          .select({ id: examSessions.id, name: examSessions.name })
          .from(examSessions)
          .where(inArray(examSessions.id, list))
      ).map((s) => ({ id: s.id, text: s.name })),
    exam_application: async (list) =>
      (
        await deps.db
          .select({ id: examApplications.id, name: persons.name, session: examSessions.name })
          .from(examApplications)
          .innerJoin(persons, eq(persons.id, examApplications.personId))
          .innerJoin(examSessions, eq(examSessions.id, examApplications.sessionId))
          .where(inArray(examApplications.id, list))
      ).map((a) => ({ id: a.id, text: joinText(a.name, a.session) })),
    qualified_list: async (list) =>
      (
        await deps.db
          .select({ id: qualifiedLists.id, title: qualifiedLists.title })
          .from(qualifiedLists)
          .where(inArray(qualifiedLists.id, list))
      ).map((l) => ({ id: l.id, text: l.title })),
    certificate_filing: async (list) =>
      (
        await deps.db
          .select({ id: certificateFilings.id, name: certificateFilings.name, number: certificateFilings.number })
          .from(certificateFilings)
          .where(inArray(certificateFilings.id, list))
      ).map((f) => ({ id: f.id, text: joinText(f.name, f.number) })),
    personnel_change: async (list) =>
      (
        await deps.db
          .select({ id: personnelChanges.id, number: certificates.number, enterprise: enterprises.name })
          .from(personnelChanges)
          .leftJoin(certificates, eq(certificates.id, personnelChanges.certificateId))
          .innerJoin(enterprises, eq(enterprises.id, personnelChanges.enterpriseId))
          .where(inArray(personnelChanges.id, list))
      ).map((p) => ({ id: p.id, text: joinText(p.enterprise, p.number) })),
    extension_request: async (list) =>
      (
        await deps.db
          .select({ id: extensionRequests.id, number: certificates.number })
          .from(extensionRequests)
          .innerJoin(certificates, eq(certificates.id, extensionRequests.certificateId))
          .where(inArray(extensionRequests.id, list))
      ).map((r) => ({ id: r.id, text: r.number })),
    employer_change: async (list) =>
      (
        await deps.db
          .select({ id: employerChangeRequests.id, name: persons.name })
          .from(employerChangeRequests)
          .innerJoin(registrations, eq(registrations.id, employerChangeRequests.registrationId))
          .innerJoin(persons, eq(persons.id, registrations.personId))
          .where(inArray(employerChangeRequests.id, list))
      ).map((c) => ({ id: c.id, text: c.name })),
    enterprise: async (list) =>
      (
        await deps.db
          .select({ id: enterprises.id, name: enterprises.name })
          .from(enterprises)
          .where(inArray(enterprises.id, list))
      ).map((e) => ({ id: e.id, text: e.name })),
    exam_client: async (list) =>
      (
        await deps.db
          .select({ id: examClients.id, name: examClients.name })
          .from(examClients)
          .where(inArray(examClients.id, list))
      ).map((c) => ({ id: c.id, text: c.name })),
    course: async (list) =>
      (await deps.db.select({ id: courses.id, title: courses.title }).from(courses).where(inArray(courses.id, list))).map(
        (c) => ({ id: c.id, text: c.title }),
      ),
    lesson: async (list) =>
      (await deps.db.select({ id: lessons.id, title: lessons.title }).from(lessons).where(inArray(lessons.id, list))).map(
        (l) => ({ id: l.id, text: l.title }),
      ),
    person: async (list) =>
      (await deps.db.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, list))).map((p) => ({
        id: p.id,
        text: p.name,
      })),
  };
  await Promise.all(
    [...ids].map(async ([type, set]) => {
      const lookup = lookups[type];
      if (!lookup) return;
      for (const { id, text } of await lookup([...set])) words.set(`${type}:${id}`, text);
    }),
  );
  return words;
}

/** "证书 · 吉建安C2（2026）0000001"; the type alone when the object is gone or has no words; null without a type. */
export function targetText(words: Map<string, string>, targetType: string | null, targetId: string | null): string | null {
  if (!targetType) return null;
  const type = TARGET_TYPE_LABELS[targetType] ?? targetType;
  const text = targetId ? words.get(`${targetType}:${targetId}`) : undefined;
  if (text) return `${type} · ${text}`;
  // Settings are keyed by name, batches by their own id: the id is the only word there is.
  return targetId && !UUID.test(targetId) ? `${type} · ${targetId}` : type;
}
