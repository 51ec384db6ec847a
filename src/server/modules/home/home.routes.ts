import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { AUTHENTICATED, requireActor } from '../../http/actor.js';
import { requestContext } from '../../http/auth.js';
import { describeMe } from '../auth/describe-me.js';
import { candidateJourney } from './candidate-journey.js';
import { homeSchemas as s } from './home.schemas.js';
import { homeSummary } from './home-summary.js';
import { homeTodos } from './home-todos.js';

export const homeRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/api/home', { config: { access: AUTHENTICATED }, schema: s.home }, async (request) => {
      const actor = requireActor(requestContext(request));
      return {
        me: await describeMe(deps, actor),
        stats: await homeSummary(deps, actor),
        journey: actor.role === 'candidate' ? await candidateJourney(deps, actor) : null,
      };
    });
    // The to-do counts: the home page's list and the side menu's badges read this one answer.
    app.get('/api/home/todos', { config: { access: AUTHENTICATED }, schema: s.todos }, async (request) => ({
      todos: await homeTodos(deps, requireActor(requestContext(request))),
    }));
  };
