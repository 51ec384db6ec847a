import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC, requireActor, type Access } from '../../http/actor.js';
import { requestContext, sessionCookieOptions } from '../../http/auth.js';
import { secureCookies } from '../../http/origin.js';
import { resolveSession, SESSION_COOKIE } from './sessions.js';
import { authSchemas } from './auth.schemas.js';
import { changePassword } from './change-password.js';
import { completeLogin } from './complete-login.js';
import { describeMe } from './describe-me.js';
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment, twoFactorStatus } from './enrol-two-factor.js';
import { login } from './login.js';
import { logout } from './logout.js';
import { registerCandidate } from './register-candidate.js';

const SIGNED_IN_ANY_STATE: Access = { roles: 'authenticated', duringPasswordChange: true, duringTwoFactorEnrolment: true };
/** Enrolment comes after a forced password change, and is what a forced enrolment is for. */
const ENROLLING: Access = { roles: 'authenticated', duringTwoFactorEnrolment: true };

export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/auth/me', { config: { access: PUBLIC }, schema: authSchemas.me }, async (request) => ({
      account: request.actor ? await describeMe(deps, request.actor) : null,
    }));

    const signedIn = async (_request: FastifyRequest, reply: FastifyReply, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secureCookies(deps.config)));
      const session = await resolveSession(deps, token);
      return { account: session && 'actor' in session ? await describeMe(deps, session.actor) : null };
    };

    // Password step: a session, or — with a second factor — only a pending token for the code step.
    app.post(
      '/api/auth/login',
      {
        config: { access: PUBLIC },
        schema: {
          body: z.object({
            username: z.string().trim().min(1, '请输入账号').max(64),
            password: z.string().min(1, '请输入密码').max(128),
          }),
        },
      },
      async (request, reply) => {
        const previous = request.cookies[SESSION_COOKIE];
        const result = await login(
          deps,
          requestContext(request),
          request.body,
          previous ? deps.sessions.hash(previous) : undefined,
        );
        if (result.kind === 'code_required') return { account: null, codeRequired: true, pendingToken: result.pendingToken };
        return signedIn(request, reply, result.token);
      },
    );

    app.post(
      '/api/auth/login/code',
      {
        config: { access: PUBLIC },
        schema: {
          body: z.object({
            pendingToken: z.string().min(1).max(100),
            code: z.string().trim().min(1, '请输入动态验证码').max(32),
          }),
        },
      },
      async (request, reply) => {
        const previous = request.cookies[SESSION_COOKIE];
        const result = await completeLogin(
          deps,
          requestContext(request),
          request.body,
          previous ? deps.sessions.hash(previous) : undefined,
        );
        return signedIn(request, reply, result.token);
      },
    );

    app.get('/api/auth/two-factor', { config: { access: ENROLLING } }, async (request) =>
      twoFactorStatus(deps, requireActor(requestContext(request))),
    );

    app.post('/api/auth/two-factor/enrolment', { config: { access: ENROLLING } }, async (request) =>
      startTwoFactorEnrolment(deps, requestContext(request)),
    );

    app.post(
      '/api/auth/two-factor/enrolment/confirm',
      { config: { access: ENROLLING }, schema: { body: z.object({ code: z.string().trim().min(1, '请输入验证码').max(12) }) } },
      async (request) => confirmTwoFactorEnrolment(deps, requestContext(request), request.body.code),
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
        schema: {
          body: z.object({
            currentPassword: z.string().min(1, '请输入原密码').max(128),
            newPassword: z.string().min(1, '请输入新密码').max(128),
          }),
        },
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
