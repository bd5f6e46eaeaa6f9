import { Notebook } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/sessions',
    name: 'sessions',
    component: () => import('./SessionsPage.vue'),
    meta: {
      title: 'menu.sessions',
      icon: Notebook,
      order: 35,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
        'branch_committee',
        'inspector',
      ],
    },
  },
  {
    path: '/sessions/:id/sign-in',
    name: 'session-sign-in',
    component: () => import('./SignInScreenPage.vue'),
    props: true,
    meta: {
      title: 'signIn.title',
      hideInMenu: true,
      roles: ['branch_secretary', 'branch_committee'],
    },
  },
  {
    path: '/sessions/:id/print',
    name: 'session-print',
    component: () => import('./SessionPrintPage.vue'),
    props: true,
    meta: { title: 'sessions.print', hideInMenu: true },
  },
];

export default routes;
