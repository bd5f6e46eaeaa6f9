import { Switch } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import { ROLES } from '@/api/roles';

/** Whoever holds an office (not a plain member: their work has no one to stand in). */
const OFFICE_HOLDERS = ROLES.filter((role) => role !== 'member');

const routes: RouteRecordRaw[] = [
  {
    path: '/my/stand-ins',
    name: 'my-stand-ins',
    component: () => import('./StandInsPage.vue'),
    meta: { title: 'menu.standIns', icon: Switch, order: 64, roles: OFFICE_HOLDERS },
  },
];

export default routes;
