import { Reading } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/study',
    name: 'study',
    component: () => import('./StudyContentsPage.vue'),
    meta: {
      title: 'menu.study',
      icon: Reading,
      order: 30,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
        'branch_committee',
        'member',
        'leader',
      ],
    },
  },
];

export default routes;
