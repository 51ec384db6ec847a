import { useLocation } from 'react-router';
import type { Role } from '../../shared/domain/roles';
import { useMe } from '../auth';
import { menuFor, type MenuEntry } from '../menus';

/** The menu entry a path belongs to: the deepest one the path starts with; none on the home page. */
export function menuEntryAt(role: Role, pathname: string): MenuEntry | null {
  if (pathname === '/') return null;
  return (
    menuFor(role)
      .filter((m) => m.path !== '/' && pathname.startsWith(m.path))
      .sort((a, b) => b.path.length - a.path.length)[0] ?? null
  );
}

/**
 * A page's title is its menu entry's label for the signed-in role (备案核验 for
 * a city, 原持证人员备案 for an enterprise): the menu is the one place that
 * names a screen, so a page never picks its title by role.
 */
export function usePageTitle(): string {
  const me = useMe().data!.account!;
  return menuEntryAt(me.role, useLocation().pathname)?.label ?? '';
}
