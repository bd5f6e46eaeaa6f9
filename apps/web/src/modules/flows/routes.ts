import { Share } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

// The modeler page pulls bpmn-js in only when it mounts (see FlowModelerPage.vue).
const routes: RouteRecordRaw[] = [
  {
    path: '/flows',
    name: 'flows',
    component: () => import('./FlowListPage.vue'),
    meta: { title: 'menu.flows', roles: ['od_admin'], icon: Share, order: 60 },
  },
  {
    path: '/flows/:processId/versions',
    name: 'flow-versions',
    component: () => import('./FlowVersionsPage.vue'),
    meta: { title: 'menu.flows', roles: ['od_admin'], hideInMenu: true },
  },
  {
    path: '/flows/modeler/:definitionId?',
    name: 'flow-modeler',
    component: () => import('./FlowModelerPage.vue'),
    meta: { title: 'menu.flows', roles: ['od_admin'], hideInMenu: true },
  },
];

export default routes;
