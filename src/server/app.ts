import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { responseSerializerCompiler } from './http/serializer.js';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Deps } from './deps.js';
import type { Access } from './http/actor.js';
import { registerAuth } from './http/auth.js';
import fastifySwagger from '@fastify/swagger';
import { registerIdempotency } from './http/idempotency.js';
import { AppError, refuseNulBytes, registerErrorHandler } from './http/errors.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { certificatesRoutes } from './modules/certificates/certificates.routes.js';
import { SessionTokens } from './modules/auth/sessions.js';
import { SessionCache } from './modules/auth/session-cache.js';
import { ChangeNotices } from './db/change-notices.js';
import { forgetSettingsOnNotice } from './modules/settings/settings-cache.js';
import { examClientsRoutes } from './modules/exam-clients/exam-clients.routes.js';
import { filesRoutes } from './modules/files/files.routes.js';
import { filingsRoutes } from './modules/filings/filings.routes.js';
import { personnelRoutes } from './modules/personnel/personnel.routes.js';
import { continuingRoutes } from './modules/continuing/continuing.routes.js';
import { examClientRoutes } from './modules/exams/exam-client.routes.js';
import { examsRoutes } from './modules/exams/exams.routes.js';
import { learningRoutes } from './modules/learning/learning.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { nationalRoutes } from './modules/national/national.routes.js';
import { personnelRegistryRoutes } from './modules/personnel-registry/personnel-registry.routes.js';
import { registrationsRoutes } from './modules/registrations/registrations.routes.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { homeRoutes } from './modules/home/home.routes.js';
import { settingsRoutes } from './modules/settings/settings.routes.js';
import { RouteAccessTable, type RegisteredRoute } from './http/route-access.js';
import { FieldCrypto } from './security/field-crypto.js';
import type { Secrets } from './security/secrets.js';
import { LocalFileStorage, type FileStorage } from './storage/file-storage.js';

// Zod's own messages in Chinese; the error handler puts the field's Chinese name in front.
z.config(z.locales.zhCN());
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '不能为空' : undefined) });

export type { RegisteredRoute } from './http/route-access.js';

export type BuildOptions = {
  config: Config;
  database: Database;
  secrets: Secrets;
  storage?: FileStorage;
  now?: () => Date;
  /** false silences request logs (tests). */
  logger?: boolean;
  /** Tests: an answer its response schema does not describe exactly is an error (see http/serializer.ts). */
  strictResponses?: boolean;
};

export type App = { app: FastifyInstance; deps: Deps; routes: RegisteredRoute[] };

export async function buildApp(opts: BuildOptions): Promise<App> {
  const routeAccess = new RouteAccessTable();
  const changes = new ChangeNotices();
  await changes.start(opts.database);
  const deps: Deps = {
    config: opts.config,
    database: opts.database,
    db: opts.database.db,
    crypto: new FieldCrypto(opts.secrets.fieldEncryptionKey),
    sessions: new SessionTokens(opts.secrets.sessionSecret),
    changes,
    sessionCache: new SessionCache(opts.database.db, changes),
    storage: opts.storage ?? new LocalFileStorage(path.join(opts.config.dataDir, 'uploads')),
    now: opts.now ?? (() => new Date()),
    routeAccess,
    seal: opts.secrets.seal ?? null,
  };

  const app = Fastify({
    // Long path parameters reach the route's own validation (a Chinese 400 naming the field)…
    routerOptions: { maxParamLength: 1000 },
    // …and whatever the router itself refuses is answered in Chinese too, never Fastify's English.
    frameworkErrors: (error, _request, reply) => {
      const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '请求路径参数过长' : '请求地址格式错误';
      return (reply as unknown as FastifyReply).status(400).send({ error: { code: 'VALIDATION', message } });
    },
    // A hop count trusts that many proxies in front (this Fastify fails closed on a bare number, so it is
    // spelled as proxy-addr's function); addresses/CIDRs are checked as given. Never `true` (see config.ts).
    trustProxy:
      typeof opts.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(opts.config.trustProxy)
        : opts.config.trustProxy,
    // Request logs carry method, path and status only: no query strings, cookies or addresses (personal data).
    logger:
      opts.logger === false
        ? false
        : {
            level: opts.config.logLevel,
            serializers: {
              req: (req) => ({ method: req.method, path: req.url.split('?')[0] }),
              res: (res) => ({ statusCode: res.statusCode }),
            },
          },
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onClose', async () => {
    await deps.sessionCache.stop();
    await changes.stop();
  });
  forgetSettingsOnNotice(changes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(opts.strictResponses === true));

  // Every /api route must say who may call it; the authorization-matrix test walks this list.
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: Access } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if ((route.url.startsWith('/api/') || route.url === '/healthz') && !access) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no access policy`);
    }
    for (const method of methods) if (method !== 'HEAD') routeAccess.add({ method, url: route.url, access });
  });

  await app.register(fastifyCookie);
  // Per-route limits (10 MB scans, 200 MB lesson videos) are set where each file is read.
  await app.register(fastifyMultipart, { limits: { fileSize: 200 * 1024 * 1024 + 1, files: 1, fields: 5 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Limits are set per route (the public registry); nothing is limited unless it says so.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `查询过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });
  // The OpenAPI document is made from the routes' own zod schemas (GET /api/docs); it must see every route, so it comes first.
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: '安管通 API',
        version: '1',
        description:
          '建设工程安管人员管理系统。浏览器接口使用会话 Cookie 与 x-csrf-token 头；考试管理端接口 POST /api/exam-client/scores 使用 AGT-HMAC 签名（见 README「考试管理端上传」）。所有错误为 {"error":{"code","message"}}，message 为中文。',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'agt_sid' },
          examClient: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description:
              'AGT-HMAC keyId=<Key ID>,ts=<unix 秒>,sig=<hex(HMAC-SHA256(密钥文本, ts + "\\n" + Idempotency-Key + "\\n" + hex(SHA-256(请求体))))>',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  refuseNulBytes(app);
  registerAuth(app, deps);
  registerIdempotency(app, deps);

  await app.register(healthRoutes(deps));
  await app.register(authRoutes(deps));
  await app.register(accountsRoutes(deps));
  await app.register(examClientsRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(homeRoutes(deps));
  await app.register(filesRoutes(deps));
  await app.register(registrationsRoutes(deps));
  await app.register(notificationsRoutes(deps));
  await app.register(nationalRoutes(deps));
  await app.register(learningRoutes(deps));
  await app.register(examsRoutes(deps));
  await app.register(examClientRoutes(deps));
  await app.register(certificatesRoutes(deps));
  await app.register(filingsRoutes(deps));
  await app.register(personnelRoutes(deps));
  await app.register(continuingRoutes(deps));
  await app.register(personnelRegistryRoutes(deps));
  await app.register(identityRoutes(deps));

  registerWebApp(app, opts.config.webDir);
  return { app, deps, routes: routeAccess.routes };
}

/** Serves the built single-page app; unknown non-API paths get index.html so client routes work. */
function registerWebApp(app: FastifyInstance, webDir: string): void {
  const index = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(index);
  if (hasWeb) {
    app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes .br and .gz beside each file: the smallest the browser accepts is sent, nothing compressed per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Files under assets/ carry a hash of their content in the name: cached for a year, never revalidated.
        // Anything else (index.html) is checked on every visit, so a new release is picked up at once.
        const inAssets = path.relative(webDir, filePath).split(path.sep)[0] === 'assets';
        res.header('cache-control', inAssets ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathOnly = request.url.split('?')[0];
    // Client routes get the app; a missing asset (or API path) is a plain 404, never HTML in its place.
    if (
      hasWeb &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      !pathOnly.startsWith('/api/') &&
      !pathOnly.startsWith('/assets/')
    ) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${pathOnly}` } });
  });
}
