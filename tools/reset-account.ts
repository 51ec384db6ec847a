/**
 * Server-side recovery of the province account and the three operator
 * administrators: `npm run account:reset -- <username>`. Uses the same
 * DATABASE_URL / DATA_DIR as the server (with the embedded database, stop the
 * server first: one process at a time may open it).
 */
import { ROLE_LABELS, type Role } from '../src/shared/domain/roles.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { AppError } from '../src/server/http/errors.js';
import { recoverAccountFromConsole } from '../src/server/modules/accounts/recover-account.js';
import { loadSecrets } from '../src/server/security/secrets.js';

const username = process.argv[2];
if (!username) {
  console.error('用法：npm run account:reset -- <账号>（仅限省厅安全处、系统管理员、安全管理员、审计管理员账号）');
  process.exit(2);
}
const config = loadConfig();
const database = openDatabase(config);
await database.migrate();
const { app, deps } = await buildApp({ config, database, secrets: loadSecrets(config), logger: false });
try {
  const { temporaryPassword, role } = await recoverAccountFromConsole(deps, username);
  console.log(
    `${ROLE_LABELS[role as Role]} ${username} 已重置：临时密码 ${temporaryPassword}（仅显示这一次）。登录后须修改密码并重新绑定双因素认证。`,
  );
} catch (err) {
  console.error(err instanceof AppError ? err.message : err);
  process.exitCode = 1;
} finally {
  await app.close();
  await database.close();
}
