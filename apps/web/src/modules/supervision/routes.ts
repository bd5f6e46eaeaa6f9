import { Finished, Search } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/spot-checks',
    name: 'spot-checks',
    component: () => import('./SpotChecksPage.vue'),
    meta: { title: 'menu.spotChecks', icon: Search, order: 50, roles: ['od_admin', 'inspector'] },
  },
  {
    path: '/rectifications',
    name: 'rectifications',
    component: () => import('./RectificationBoardPage.vue'),
    meta: {
      title: 'menu.rectifications',
      icon: Finished,
      order: 55,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
        'inspector',
      ],
    },
  },
];

export default routes;
