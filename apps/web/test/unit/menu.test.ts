import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import type { Role } from '@/api/roles';
import { buildMenu } from '@/router/menu';

const page = { render: () => null };
const routes: RouteRecordRaw[] = [
  { path: '/inbox', component: page, meta: { title: 'menu.inbox', order: 0 } },
  {
    path: '/flows',
    component: page,
    meta: { title: 'menu.flows', roles: ['od_admin'], order: 20 },
  },
  { path: '/tasks/:id', component: page, meta: { title: 'task.title', hideInMenu: true } },
  {
    path: '/org',
    meta: { title: 'menu.org', order: 30 },
    children: [
      {
        path: 'units',
        component: page,
        meta: { title: 'menu.orgTree', roles: ['od_admin', 'committee_secretary'] },
      },
      { path: 'roster', component: page, meta: { title: 'menu.roster', roles: ['od_admin'] } },
    ],
  },
  {
    path: '/ledger',
    component: page,
    meta: { title: 'menu.ledger', roles: ['od_admin', 'organizer'], order: 10 },
  },
];

function titles(roles: Role[]): string[] {
  return buildMenu(routes, roles).flatMap((item) => [
    item.title,
    ...item.children.map((c) => `  ${c.title}`),
  ]);
}

describe('menu by role', () => {
  it('shows a member only what needs no role', () => {
    expect(titles(['member'])).toEqual(['menu.inbox']);
  });

  it('shows an OD admin every titled route, ordered, with the org children under their parent', () => {
    expect(titles(['od_admin'])).toEqual([
      'menu.inbox',
      'menu.ledger',
      'menu.flows',
      'menu.org',
      '  menu.orgTree',
      '  menu.roster',
    ]);
  });

  it('keeps a parent with only the children the role allows and resolves their paths', () => {
    const menu = buildMenu(routes, ['committee_secretary']);
    const org = menu.find((item) => item.title === 'menu.org');
    expect(org?.children.map((c) => c.path)).toEqual(['/org/units']);
  });

  it('unions the roles a person holds on different units', () => {
    expect(titles(['member', 'organizer'])).toEqual(['menu.inbox', 'menu.ledger']);
  });

  it('never lists hidden routes', () => {
    expect(titles(['od_admin'])).not.toContain('task.title');
  });
});
