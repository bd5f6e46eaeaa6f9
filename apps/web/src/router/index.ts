import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import './meta';
import BasicLayout from '@/layouts/BasicLayout.vue';
import { installGuards } from './guards';
import { moduleRoutes } from './modules';

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginPage.vue'),
    meta: { public: true, title: 'login.title' },
  },
  {
    // Where the 签到 QR code leads: public, so a signed-out phone can keep the fresh code first.
    path: '/sessions/:id/check-in',
    name: 'session-check-in',
    component: () => import('@/views/CheckInPage.vue'),
    props: true,
    meta: { public: true, title: 'checkIn.title' },
  },
  {
    path: '/',
    name: 'root',
    // static: the signed-in layout is part of nearly every first screen (scripts of one round trip)
    component: BasicLayout,
    redirect: '/inbox',
    children: [
      ...moduleRoutes,
      {
        path: '/403',
        name: 'forbidden',
        component: () => import('@/views/ForbiddenPage.vue'),
        meta: { hideInMenu: true, title: 'errors.forbidden' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundPage.vue'),
    meta: { public: true, title: 'errors.notFound' },
  },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  installGuards(router);
  return router;
}
