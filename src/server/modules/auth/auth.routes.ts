import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { PUBLIC, type Access } from '../../http/actor.js';
import { requestContext, sessionCookieOptions } from '../../http/auth.js';
import { resolveSession, SESSION_COOKIE } from './sessions.js';
import { changePassword } from './change-password.js';
import { describeMe } from './describe-me.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { registerCandidate } from './register-candidate.js';

const SIGNED_IN_ANY_STATE: Access = { roles: 'authenticated', duringPasswordChange: true };

export const authRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/auth/me', { config: { access: PUBLIC } }, async (request) => ({
    account: request.actor ? await describeMe(deps, request.actor) : null,
  }));

  app.post(
    '/api/auth/login',
    {
      config: { access: PUBLIC },
      schema: { body: z.object({ username: z.string().trim().min(1, '请输入账号').max(64), password: z.string().min(1, '请输入密码').max(128) }) },
    },
    async (request, reply) => {
      const previous = request.cookies[SESSION_COOKIE];
      const result = await login(deps, requestContext(request), request.body, previous ? deps.sessions.hash(previous) : undefined);
      reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(request.protocol === 'https'));
      const session = await resolveSession(deps.db, deps.sessions, result.token);
      return { account: session && 'actor' in session ? await describeMe(deps, session.actor) : null };
    },
  );

  app.post('/api/auth/logout', { config: { access: SIGNED_IN_ANY_STATE } }, async (request, reply) => {
    await logout(deps, requestContext(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post(
    '/api/auth/change-password',
    {
      config: { access: SIGNED_IN_ANY_STATE },
      schema: { body: z.object({ currentPassword: z.string().min(1, '请输入原密码').max(128), newPassword: z.string().min(1, '请输入新密码').max(128) }) },
    },
    async (request) => {
      await changePassword(deps, requestContext(request), request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/register',
    {
      config: { access: PUBLIC },
      schema: {
        body: z.object({
          name: z.string().max(30, '不能超过30个字符'),
          idNumber: z.string().max(18, '应为18位'),
          phone: z.string().max(11, '应为11位'),
          password: z.string().max(128),
        }),
      },
    },
    async (request) => registerCandidate(deps, requestContext(request), request.body),
  );
};
