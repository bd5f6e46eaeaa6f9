import { Operation } from '@element-plus/icons-vue';
import type { RouteRecordRaw } from 'vue-router';

// The detail page loads bpmn-js (NavigatedViewer) only when it mounts.
const routes: RouteRecordRaw[] = [
  {
    path: '/instances',
    name: 'instances',
    component: () => import('./InstanceListPage.vue'),
    meta: { title: 'menu.instances', roles: ['od_admin'], icon: Operation, order: 70 },
  },
  {
    path: '/instances/:id',
    name: 'instance-detail',
    component: () => import('./InstanceDetailPage.vue'),
    meta: { title: 'menu.instances', roles: ['od_admin'], hideInMenu: true },
  },
];

export default routes;
