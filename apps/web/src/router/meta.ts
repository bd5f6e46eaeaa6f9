import type { Component } from 'vue';
import type { Role } from '@/api/roles';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page and menu title, e.g. `menu.inbox`. */
    title?: string;
    /** Roles that may open the route and see it in the menu; absent = every signed-in user. */
    roles?: Role[];
    /** Menu icon (from @element-plus/icons-vue). */
    icon?: Component;
    /** Menu position, ascending. */
    order?: number;
    /** Reachable but not listed in the menu (detail pages, task forms). */
    hideInMenu?: boolean;
    /** Reachable without logging in. */
    public?: boolean;
  }
}

export {};
