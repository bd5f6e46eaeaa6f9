import { DataAnalysis } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/ledger',
    name: 'ledger',
    component: () => import('./LedgerPage.vue'),
    meta: {
      title: 'menu.ledger',
      icon: DataAnalysis,
      order: 60,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
      ],
    },
  },
];

export default routes;
