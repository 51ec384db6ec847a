import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/sessions.js';
import type { Access, Actor, RequestContext } from './actor.js';
import { AppError } from './errors.js';
import { secureCookies } from './origin.js';

export const CSRF_COOKIE = 'agt_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
}

export function requestContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { actor: request.actor, ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the caller from the session cookie and enforces each route's
 * declared access, CSRF double-submit token, forced password change and
 * forced second-factor enrolment.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Double-submit CSRF cookie: readable by our own script, sent back as a header.
    // The public registry only reads, and is called by anyone (and any scanner): it needs none.
    if (!request.cookies[CSRF_COOKIE] && !request.url.startsWith('/api/public/')) {
      const token = randomBytes(24).toString('base64url');
      request.cookies[CSRF_COOKIE] = token;
      reply.setCookie(CSRF_COOKIE, token, { path: '/', sameSite: 'strict', secure: secureCookies(deps.config) });
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token || !request.url.startsWith('/api/')) return;
    const found = await resolveSession(deps, token);
    if (found && 'actor' in found) request.actor = found.actor;
    else {
      // Unknown (logged out elsewhere, account disabled) or expired: either way the person must sign in again.
      request.sessionExpired = true;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  // Answers of the API are about someone: no browser or proxy cache keeps them (files and PDFs say so themselves).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Access is enforced before the body is parsed or validated: a caller outside
  // the policy learns nothing about what the route would have accepted.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access;
    if (!access) {
      // No route matched: the not-found handler answers (404, in Chinese).
      if (request.routeOptions.url === undefined) return;
      if (request.url.startsWith('/api/')) throw new AppError('FORBIDDEN', '接口未声明访问权限');
      return;
    }
    const csrfChecked = !('public' in access) || access.csrf !== false;
    if (csrfChecked && UNSAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      const cookie = request.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !cookie || !safeEqual(header, cookie)) {
        throw new AppError('CSRF', '页面已过期，请刷新页面后重试');
      }
    }
    if ('public' in access) return;
    const actor = request.actor;
    if (!actor) {
      throw request.sessionExpired
        ? new AppError('SESSION_EXPIRED', '登录已过期，请重新登录')
        : new AppError('UNAUTHENTICATED', '请先登录');
    }
    if (actor.mustChangePassword && !access.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码已重置，请先修改密码');
    }
    // After the password change (checked first), a role that must have a second factor enrols before anything else.
    if (actor.mustEnrolTwoFactor && !access.duringTwoFactorEnrolment) {
      throw new AppError('TWO_FACTOR_ENROLMENT_REQUIRED', '安全策略要求启用双因素认证，请先绑定验证器');
    }
    if (access.roles !== 'authenticated' && !access.roles.includes(actor.role)) {
      throw new AppError('FORBIDDEN', '当前账号无权执行此操作');
    }
  });
}
