import type { RouteRecordRaw } from 'vue-router';

/** The signed-in person's own account (from the user menu, not the side menu). */
const routes: RouteRecordRaw[] = [
  {
    path: '/account/password',
    name: 'account-password',
    component: () => import('./ChangePasswordPage.vue'),
    meta: { title: 'account.changePassword', hideInMenu: true },
  },
];

export default routes;
