import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/tasks/:id',
    name: 'task',
    component: () => import('./TaskPage.vue'),
    props: true,
    meta: { title: 'task.title', hideInMenu: true },
  },
];

export default routes;
