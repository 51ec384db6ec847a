import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { examClients } from '../../db/schema/index.js';
import { requireActor, type RequestContext } from '../../http/actor.js';
import { invalid } from '../../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';

/**
 * 考试管理端 API credential for the caller's jurisdiction. The secret signs
 * every upload (HMAC); it is stored encrypted so the server can verify
 * signatures, and shown to the issuer exactly once.
 */
export async function issueExamClient(deps: Deps, ctx: RequestContext, input: { name: string }) {
  const actor = requireActor(ctx);
  const name = input.name.trim();
  if (name.length < 2 || name.length > 60) throw invalid('name', '应为2至60个字符');
  const keyId = `ec_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(examClients)
      .values({
        name,
        keyId,
        secretEnc: deps.crypto.encrypt(secret),
        jurisdictionCode: actor.jurisdictionCode!,
        createdBy: actor.accountId,
      })
      .returning({ id: examClients.id });
    await recordAudit(tx, ctx, {
      action: 'exam_client.created',
      outcome: 'success',
      targetType: 'exam_client',
      targetId: row.id,
      detail: { keyId, name },
    });
    return { id: row.id, keyId, secret };
  });
}
