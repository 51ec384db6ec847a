import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { describeMe } from '../auth/describe-me.js';
import { homeSummary } from './home-summary.js';

export const homeRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/home', { config: { access: AUTHENTICATED } }, async (request) => {
    const actor = requireActor(requestContext(request));
    return { me: await describeMe(deps, actor), stats: await homeSummary(deps, actor) };
  });
};
