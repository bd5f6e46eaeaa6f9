import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/roles';

export interface MenuItem {
  path: string;
  title: string;
  icon?: Component;
  children: MenuItem[];
}

function joinPath(parent: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`;
}

function allowed(route: RouteRecordRaw, roles: readonly Role[]): boolean {
  const wanted = route.meta?.roles;
  return !wanted || wanted.length === 0 || wanted.some((role) => roles.includes(role));
}

/**
 * The menu a user sees: routes with a title, not hidden, whose `meta.roles` share a role with
 * the user. A parent whose children are all filtered away disappears too.
 */
export function buildMenu(
  routes: readonly RouteRecordRaw[],
  roles: readonly Role[],
  parentPath = '',
): MenuItem[] {
  const items: { item: MenuItem; order: number }[] = [];
  for (const route of routes) {
    if (!route.meta?.title || route.meta.hideInMenu || !allowed(route, roles)) continue;
    const path = joinPath(parentPath, route.path);
    const children = buildMenu(route.children ?? [], roles, path);
    if (
      route.children?.some((child) => child.meta?.title && !child.meta.hideInMenu) &&
      !children.length
    ) {
      continue;
    }
    const item: MenuItem = { path, title: route.meta.title, children };
    if (route.meta.icon) item.icon = route.meta.icon;
    items.push({ item, order: route.meta.order ?? 100 });
  }
  return items.sort((a, b) => a.order - b.order).map(({ item }) => item);
}
