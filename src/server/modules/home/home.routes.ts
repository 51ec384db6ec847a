import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { describeMe } from '../auth/describe-me.js';
import { candidateJourney } from './candidate-journey.js';
import { homeSummary } from './home-summary.js';
import { homeTodos } from './home-todos.js';

export const homeRoutes = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/home', { config: { access: AUTHENTICATED } }, async (request) => {
    const actor = requireActor(requestContext(request));
    return {
      me: await describeMe(deps, actor),
      stats: await homeSummary(deps, actor),
      todos: await homeTodos(deps, actor),
      journey: actor.role === 'candidate' ? await candidateJourney(deps, actor) : null,
    };
  });
  // The side menu's badges: the same counts as the home page, on every page.
  app.get('/api/home/todos', { config: { access: AUTHENTICATED } }, async (request) => ({ todos: await homeTodos(deps, requireActor(requestContext(request))) }));
};
