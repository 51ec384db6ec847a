import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { inArray, sql } from 'drizzle-orm';
import { findIdNumbers, findMobiles } from '../src/shared/domain/personal-data.js';
import type { Deps } from '../src/server/deps.js';
import { persons } from '../src/server/db/schema/index.js';
import { rowsOf } from '../src/server/db/client.js';

/**
 * Watches every answer the app gives during an integration test file and every
 * audit row it writes, and reports what no caller may see: a full ID number or
 * mobile number outside the routes whose purpose is to show it to that role,
 * and a masked ID number next to the birth date that completes it.
 */
const ENTITLED: { method: string; url: RegExp; roles: string[] }[] = [
  // The audited reveal of 审核学员信息.
  { method: 'POST', url: /^\/api\/review\/registrations\/[^/]+\/reveal-id-number$/, roles: ['city', 'province'] },
  // The national e-certificate feed carries identityCard by definition (audited).
  { method: 'GET', url: /^\/api\/certificates\/national-export/, roles: ['city', 'province'] },
];

const MASK = /\b(\d{6})\*{8}(\d{3}[\dX])\b/g;

async function textOf(contentType: string, payload: unknown): Promise<string | null> {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return null;
  if (contentType.includes('json') || contentType.startsWith('text/')) return payload.toString();
  if (contentType.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(payload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))));
    return cells.join('\n');
  }
  return null;
}

export class PersonalDataGuard {
  readonly violations: string[] = [];

  constructor(private readonly deps: Deps) {}

  watch(app: FastifyInstance): void {
    app.addHook('onSend', async (request, reply, payload) => {
      const text = await textOf(String(reply.getHeader('content-type') ?? ''), payload);
      if (!text) return payload;
      const path = request.url.split('?')[0];
      const role = request.actor?.role ?? 'anonymous';
      const where = `${request.method} ${path} as ${role}`;
      const entitled = ENTITLED.some((e) => e.method === request.method && e.url.test(path) && e.roles.includes(role));
      if (!entitled) {
        for (const id of findIdNumbers(text)) this.violations.push(`${where}: full ID number ${id.slice(0, 6)}…`);
        for (const phone of findMobiles(text)) this.violations.push(`${where}: full mobile ${phone.slice(0, 3)}…`);
      }
      const masks = [...new Set([...text.matchAll(MASK)].map((m) => m[0]))];
      if (masks.length) {
        const rows = await this.deps.db
          .select({ enc: persons.idNumberEnc })
          .from(persons)
          .where(inArray(persons.idNumberMasked, masks));
        for (const r of rows) {
          const id = this.deps.crypto.decrypt(r.enc);
          const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)];
          const forms = [`${y}-${m}-${d}`, `${y}${m}${d}`, `${y}/${m}/${d}`, `${y}年${Number(m)}月${Number(d)}日`];
          if (forms.some((f) => text.includes(f)))
            this.violations.push(`${where}: mask ${id.slice(0, 6)}******** next to the birth date that completes it`);
        }
      }
      return payload;
    });
  }

  /** Every audit row of the file: no full ID or mobile number in any column. */
  async scanAudit(): Promise<void> {
    const rows = await this.deps.db.execute(
      sql`SELECT id, action, concat_ws(' ', actor_name, target_id, detail::text) AS text FROM audit_events`,
    );
    for (const r of rowsOf<{ id: number; action: string; text: string }>(rows)) {
      if (findIdNumbers(r.text).length || findMobiles(r.text).length)
        this.violations.push(`audit event ${r.id} (${r.action}) holds a full ID or mobile number`);
    }
  }
}
