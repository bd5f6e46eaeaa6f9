import { Memo, Tickets } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/roles';

/** Every party member, whatever else they do, reads their own record. */
const PARTY_MEMBERS: Role[] = [
  'member',
  'leader',
  'branch_secretary',
  'branch_committee',
  'committee_secretary',
  'committee_deputy',
  'organizer',
];

const routes: RouteRecordRaw[] = [
  {
    path: '/my/life',
    name: 'my-life',
    component: () => import('./MyLifePage.vue'),
    meta: { title: 'menu.myLife', icon: Memo, order: 20, roles: PARTY_MEMBERS },
  },
  {
    path: '/my/ledger',
    name: 'my-ledger',
    component: () => import('./MyLedgerPage.vue'),
    meta: { title: 'menu.myLedger', icon: Tickets, order: 62, roles: PARTY_MEMBERS },
  },
];

export default routes;
