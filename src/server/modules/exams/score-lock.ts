import { sql, type SQL } from 'drizzle-orm';
import { examApplications, qualifiedListEntries } from '../../db/schema/index.js';

/**
 * True when the application's result is on a submitted or confirmed 合格名单.
 * Such a result is the province's to decide on: neither the exam client nor the
 * web import may change it. A correction goes through a returned list (the
 * entries of a returned list are no longer active), audited like any upload.
 */
export const onLiveQualifiedList: SQL<boolean> = sql<boolean>`exists (select 1 from ${qualifiedListEntries}
  where ${qualifiedListEntries.applicationId} = ${examApplications.id} and ${qualifiedListEntries.active})`;

export const SCORE_LOCKED = '该成绩已列入合格名单，不能修改；如需更正，请由省厅退回名单后重新上传';
