import { OfficeBuilding } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/org',
    redirect: '/org/units',
    meta: {
      title: 'menu.org',
      icon: OfficeBuilding,
      order: 40,
      roles: [
        'od_admin',
        'committee_secretary',
        'committee_deputy',
        'organizer',
        'branch_secretary',
      ],
    },
    children: [
      {
        path: 'units',
        name: 'org-units',
        component: () => import('./OrgTreePage.vue'),
        meta: { title: 'menu.orgTree' },
      },
      {
        path: 'people',
        name: 'org-people',
        component: () => import('./PeoplePage.vue'),
        meta: { title: 'menu.people' },
      },
      {
        path: 'roles',
        name: 'org-roles',
        component: () => import('./RolesPage.vue'),
        meta: { title: 'menu.roles', roles: ['od_admin', 'committee_secretary'] },
      },
      {
        path: 'roster',
        name: 'org-roster',
        component: () => import('./RosterPage.vue'),
        meta: { title: 'menu.roster', roles: ['od_admin'] },
      },
      {
        path: 'security-events',
        name: 'org-security-events',
        component: () => import('./SecurityEventsPage.vue'),
        meta: { title: 'menu.securityEvents', roles: ['od_admin'] },
      },
    ],
  },
];

export default routes;
