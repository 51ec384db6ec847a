import { ABILITY_ROUTES, type Abilities, type Ability, type ListScope } from '../../shared/abilities.js';
import type { Role } from '../../shared/domain/roles.js';
import type { Access } from './actor.js';

export type RegisteredRoute = { method: string; url: string; access: Access | undefined };

/**
 * Every route's access declaration, collected as the app registers them: the
 * authorization-matrix test walks it, and `/api/auth/me` answers the web's
 * abilities from it, so a button and its route can never disagree.
 */
export class RouteAccessTable {
  readonly routes: RegisteredRoute[] = [];
  private byKey = new Map<string, Access | undefined>();

  add(route: RegisteredRoute) {
    this.routes.push(route);
    this.byKey.set(`${route.method} ${route.url}`, route.access);
  }

  allows(role: Role, key: string): boolean {
    if (!this.byKey.has(key)) throw new Error(`ability names an unknown route: ${key}`);
    const access = this.byKey.get(key);
    if (!access) return false;
    if ('public' in access) return true;
    return access.roles === 'authenticated' || access.roles.includes(role);
  }

  abilitiesOf(role: Role): Abilities {
    return Object.fromEntries(
      (Object.keys(ABILITY_ROUTES) as Ability[]).map((a) => [a, this.allows(role, ABILITY_ROUTES[a])]),
    ) as Abilities;
  }
}

/** Mirrors scopeCondition (scope.ts): whose rows a role's lists hold. */
export function listScopeOf(role: Role): ListScope {
  switch (role) {
    case 'province':
      return 'province';
    case 'city':
      return 'jurisdiction';
    case 'enterprise':
      return 'enterprise';
    case 'candidate':
      return 'person';
    default:
      return 'none';
  }
}
