import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

import type { ProvinceSeal } from './province-seal.js';

/** `seal` signs certificate PDFs; only a test process that never prints may go without. */
export type Secrets = { sessionSecret: Buffer; fieldEncryptionKey: Buffer; seal?: ProvinceSeal };

type SecretsFile = { sessionSecret: string; fieldEncryptionKey: string };

function decodeKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${name} 必须是 32 字节的 base64 字符串 (openssl rand -base64 32)`);
  return key;
}

/**
 * Secrets come from the environment (required when several machines share one
 * database) or are generated once into DATA_DIR/secrets.json. The file is written
 * with O_EXCL so two processes starting together agree on one set.
 */
export function loadSecrets(config: Config, log: (msg: string) => void = console.log): Secrets {
  let fromFile: SecretsFile | undefined;
  if (!config.sessionSecret || !config.fieldEncryptionKey) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const file = path.join(config.dataDir, 'secrets.json');
    const fresh: SecretsFile = {
      sessionSecret: randomBytes(32).toString('base64'),
      fieldEncryptionKey: randomBytes(32).toString('base64'),
    };
    try {
      fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
      log(`[secrets] 已生成新的会话签名密钥和字段加密密钥，保存在 ${file}（请妥善备份；丢失后已加密的身份证号将无法解密）`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    fromFile = JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
  }
  return {
    sessionSecret: decodeKey('SESSION_SECRET', config.sessionSecret ?? fromFile!.sessionSecret),
    fieldEncryptionKey: decodeKey('FIELD_ENCRYPTION_KEY', config.fieldEncryptionKey ?? fromFile!.fieldEncryptionKey),
  };
}
