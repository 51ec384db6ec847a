import { generatePlatformKeyPair } from '../../src/server/modules/national/platform-interface.js';
import { buildReferencePlatform } from './reference-platform.js';

/**
 * `npm run national-platform`: the reference national platform on NATIONAL_PLATFORM_PORT
 * (default 3900), with fresh keys and credentials printed as the environment the product needs.
 */
const port = Number(process.env.NATIONAL_PLATFORM_PORT ?? 3900);
const province = generatePlatformKeyPair();
const platform = generatePlatformKeyPair();
const clients = {
  C0317: { id: 'agry-demo', secret: 'agry-demo-secret' },
  C0304: { id: 'tzry-demo', secret: 'tzry-demo-secret' },
};
const { app } = buildReferencePlatform({ clients, provincePublicKey: province.publicKey });
await app.listen({ port, host: '127.0.0.1' });
console.log(`全国平台参考服务已启动：http://127.0.0.1:${port}`);
console.log('用下面的环境变量启动安管通即可对接（PowerShell 请改用 $env:NAME="…"）：\n');
for (const [k, v] of Object.entries({
  NATIONAL_PLATFORM_URL: `http://127.0.0.1:${port}`,
  NATIONAL_C0317_CLIENT_ID: clients.C0317.id,
  NATIONAL_C0317_CLIENT_SECRET: clients.C0317.secret,
  NATIONAL_C0304_CLIENT_ID: clients.C0304.id,
  NATIONAL_C0304_CLIENT_SECRET: clients.C0304.secret,
  NATIONAL_PROVINCE_PRIVATE_KEY: province.privateKey,
  NATIONAL_PLATFORM_PUBLIC_KEY: platform.publicKey,
}))
  console.log(`export ${k}='${v}'`);
console.log(
  '\n控制接口：POST /__control {"mode":"down"|"slow"|"ok","delayMs":…,"refuseNext":n,"throttleNext":n,"downNext":n}；GET /__control/accepted',
);
