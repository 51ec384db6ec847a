import { ROLE_LABELS } from '../shared/domain/roles.js';
import { twoFactorRequired } from '../shared/domain/security-policy.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoDataIfNeeded } from './modules/bootstrap/demo-data.js';
import { installIfNeeded } from './modules/bootstrap/install.js';
import { DEMO_CERTIFIED_PEOPLE } from './modules/bootstrap/demo-certificates.js';
import { scheduleExpiryJobs } from './modules/certificates/expiry-jobs.js';
import { scheduleNationalFeed } from './modules/national/national-feed.js';
import { DEMO_REGISTRATION_PEOPLE } from './modules/bootstrap/demo-registrations.js';
import { getSecurityPolicy } from './modules/settings/security-policy.js';
import { loadProvinceSeal } from './security/province-seal.js';
import { loadSecrets } from './security/secrets.js';

const config = loadConfig();
const secrets = { ...loadSecrets(config), seal: loadProvinceSeal(config) };
const database = openDatabase(config);
console.log(
  `[db] ${database.kind === 'pglite' ? `嵌入式数据库 PGlite：${config.dataDir}/pglite` : 'PostgreSQL（DATABASE_URL）'}`,
);
await database.migrate();

const { app, deps } = await buildApp({ config, database, secrets });
const installed = await installIfNeeded(deps);
if (installed.length > 0) {
  console.log('\n================ 系统初始化完成：管理员初始密码（仅显示这一次，请立即记录）================');
  for (const c of installed)
    console.log(`  ${ROLE_LABELS[c.role].padEnd(8, '　')} 账号 ${c.username.padEnd(16)} 初始密码 ${c.password}`);
  console.log('  首次登录后必须修改密码，然后按安全策略用手机验证器（TOTP）扫码绑定双因素认证并保存恢复码。\n');
}
if (config.demoData) {
  const loaded = await loadDemoDataIfNeeded(deps);
  if (loaded) console.log('[demo] 已载入演示数据');
}

const shutdown = async (signal: string) => {
  console.log(`[server] 收到 ${signal}，正在停止…`);
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
// Certificates past their date become 失效, and holders are reminded 90 and 30 days ahead: hourly, in every process (safe to overlap).
scheduleExpiryJobs(deps, (msg) => console.log(msg));
// The national feed: every certificate event reaches the 全国工程质量安全监管信息平台, in order, from whichever process claims it.
scheduleNationalFeed(deps, (msg) => console.log(msg));
if (!config.nationalPlatform)
  console.log('[national] 未设置 NATIONAL_PLATFORM_URL：证书事件的全国平台上报将保持“待上报”，连接方法见 README“全国平台对接”。');
const url = `http://localhost:${config.port}`;
if (!config.demoData && !process.env.PUBLIC_BASE_URL) {
  console.warn(
    `[config] 警告：未设置 PUBLIC_BASE_URL，准考证和证书上的二维码将指向 ${config.publicBaseUrl}，Cookie 也不会带 Secure。正式部署请设置为对外访问地址（如 https://agt.example.gov.cn）。`,
  );
}
console.log(`\n安管通已启动：${url}`);
if (config.demoData) {
  // Marked from the policy in force, so the banner stays true after the security administrator changes it.
  const policy = await getSecurityPolicy(deps.db);
  console.log(
    `演示账号（密码均为 ${DEMO_PASSWORD}；标 * 的账号首次登录须用手机验证器扫码绑定双因素认证，此后每次登录输入6位动态验证码）：`,
  );
  for (const a of DEMO_ACCOUNTS)
    console.log(
      `  ${ROLE_LABELS[a.role].padEnd(8, '　')} ${a.login}${twoFactorRequired(policy, a.role) ? ' *' : ''}${a.role === 'candidate' ? '（身份证号登录，也可用手机号 13800000001）' : ''}`,
    );
  console.log(`  已报名的演示学员（手机号登录）：${DEMO_REGISTRATION_PEOPLE.map((p) => `${p.name} ${p.phone}`).join('，')}`);
  console.log(`  已考试的演示学员（手机号登录）：${DEMO_CERTIFIED_PEOPLE.join('，')}`);
  console.log(`诚信平台人员库（无需登录）：${url}/registry`);
  console.log(
    `\n注意：演示账号的密码是公开的，仅供本机试用${config.host === '127.0.0.1' ? '（当前只监听 127.0.0.1）' : `（当前监听 ${config.host}，其他机器也能访问！）`}。`,
  );
  console.log('正式运行请使用 DEMO_DATA=0 npm run serve（见 README“正式部署”）。');
}
