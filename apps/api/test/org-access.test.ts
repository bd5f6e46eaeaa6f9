import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../src/access/access.service.js';
import { ROLES_FRESH_MS } from '../src/auth/person-roles.js';
import type { AuthUser } from '../src/auth/auth-user.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

interface Node {
  id: string;
  code: string;
  children: Node[];
}
interface Page {
  items: { id: string; orgUnitId: string; name: string }[];
  total: number;
}

const codesOf = (nodes: Node[]): string[] => nodes.flatMap((n) => [n.code, ...codesOf(n.children)]);

describe('org units, people and role assignments, by role and org subtree', () => {
  let t: TestApp;
  let od: Client;
  let c1Secretary: Client;
  let b1Secretary: Client;
  let member: Client;
  let subtreeIds: (code: string) => Promise<Set<string>>;

  beforeAll(async () => {
    t = await createTestApp();
    [od, c1Secretary, b1Secretary, member] = await t.loginAll(
      'od_admin',
      'committee_secretary',
      'branch_secretary',
      'member',
    );
    subtreeIds = async (code) => {
      const rows = await t.db.query<{ id: string }[]>(
        `SELECT id FROM org_unit WHERE path LIKE (SELECT path FROM org_unit WHERE code = $1) || '%'`,
        [code],
      );
      return new Set(rows.map((r) => r.id));
    };
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /org-units', () => {
    it('shows OD the whole university: 2 committees and the 直属党支部 under the root', async () => {
      const [root] = (await od.get('/api/org-units').expect(200)).body as Node[];
      expect(root?.code).toBe('U');
      expect(root?.children.map((c) => c.code)).toEqual(['C1', 'C2', 'D1']);
      const d1 = root?.children.find((c) => c.code === 'D1') as unknown as {
        type: string;
        direct: boolean;
      };
      expect(d1).toMatchObject({ type: 'branch', direct: true });
    });

    it('shows a committee secretary only their committee and its branches', async () => {
      const tree = (await c1Secretary.get('/api/org-units').expect(200)).body as Node[];
      expect(tree.map((n) => n.code)).toEqual(['C1']);
      expect(codesOf(tree)).toEqual(['C1', 'C1-B1', 'C1-B1-G1', 'C1-B1-G2', 'C1-B2', 'C1-B3']);
    });

    it('shows a branch secretary only their branch and its groups', async () => {
      const tree = (await b1Secretary.get('/api/org-units').expect(200)).body as Node[];
      expect(codesOf(tree)).toEqual(['C1-B1', 'C1-B1-G1', 'C1-B1-G2']);
    });

    it('refuses a branch secretary another committee’s unit (403), an unknown id (404), a malformed id (400)', async () => {
      await b1Secretary.get(`/api/org-units/${t.units['C1-B1-G2']}`).expect(200);
      const refused = await b1Secretary.get(`/api/org-units/${t.units['C2-B1']}`).expect(403);
      expect(refused.body).toMatchObject({ status: 403, title: 'Forbidden' });
      await b1Secretary.get('/api/org-units/00000000-0000-4000-8000-000000000000').expect(404);
      await b1Secretary.get('/api/org-units/not-a-uuid').expect(400);
    });
  });

  describe('POST /org-units', () => {
    it('lets a branch secretary add a group to their own branch, but nothing elsewhere', async () => {
      const res = await b1Secretary
        .post('/api/org-units')
        .send({ code: 'C1-B1-G3', name: '第三党小组', type: 'group', parentId: t.units['C1-B1'] })
        .expect(201);
      expect(res.body).toMatchObject({ type: 'group', parentId: t.units['C1-B1'], depth: 3 });
      await b1Secretary
        .post('/api/org-units')
        .send({ code: 'C2-B1-G9', name: '越权党小组', type: 'group', parentId: t.units['C2-B1'] })
        .expect(403);
    });

    it('lets a committee add a branch under itself; a group under a committee is a 400 naming parentId', async () => {
      await c1Secretary
        .post('/api/org-units')
        .send({ code: 'C1-B4', name: '博士生党支部', type: 'branch', parentId: t.units.C1 })
        .expect(201);
      const bad = await c1Secretary
        .post('/api/org-units')
        .send({ code: 'C1-G9', name: '错放的党小组', type: 'group', parentId: t.units.C1 })
        .expect(400);
      expect(bad.body).toMatchObject({ errors: [expect.objectContaining({ field: 'parentId' })] });
    });

    it('lets only OD add a committee or a 直属党支部 (marked direct), and a taken code is a 409', async () => {
      await c1Secretary
        .post('/api/org-units')
        .send({ code: 'C3', name: '外国语学院党委', type: 'committee', parentId: t.units.U })
        .expect(403);
      const direct = await od
        .post('/api/org-units')
        .send({ code: 'D2', name: '图书馆直属党支部', type: 'branch', parentId: t.units.U })
        .expect(201);
      expect(direct.body).toMatchObject({ type: 'branch', direct: true });
      const taken = await od
        .post('/api/org-units')
        .send({ code: 'D2', name: '重复', type: 'branch', parentId: t.units.U })
        .expect(409);
      expect(taken.body).toMatchObject({ status: 409, title: 'Conflict' });
    });

    it('names every bad field in a 400', async () => {
      const res = await od
        .post('/api/org-units')
        .send({ code: 'bad code!', type: 'planet' })
        .expect(400);
      const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(new Set(fields)).toEqual(new Set(['code', 'name', 'type', 'parentId']));
    });
  });

  describe('GET /people', () => {
    it('lists for OD everyone (60 seeded people)', async () => {
      const page = (await od.get('/api/people?pageSize=200').expect(200)).body as Page;
      expect(page.total).toBe(60);
      expect(page.items).toHaveLength(60);
    });

    it('lists for a committee secretary exactly the people of their committee’s subtree', async () => {
      const c1 = await subtreeIds('C1');
      const page = (await c1Secretary.get('/api/people?pageSize=200').expect(200)).body as Page;
      const [{ count }] = (await t.db.query(
        `SELECT count(*)::int AS count FROM person WHERE org_unit_id = ANY($1::uuid[])`,
        [[...c1]],
      )) as [{ count: number }];
      expect(page.total).toBe(count);
      expect(page.items.every((p) => c1.has(p.orgUnitId))).toBe(true);
    });

    it('lists for a branch secretary only their branch, and refuses another committee’s branch', async () => {
      const b1 = await subtreeIds('C1-B1');
      const page = (await b1Secretary.get('/api/people?pageSize=200').expect(200)).body as Page;
      expect(page.total).toBeGreaterThan(10);
      expect(page.items.every((p) => b1.has(p.orgUnitId))).toBe(true);
      await b1Secretary.get(`/api/people?orgUnitId=${t.units['C2-B1']}`).expect(403);
      await b1Secretary.get(`/api/people?orgUnitId=${t.units['C1-B2']}`).expect(403);
    });

    it('filters by text and pages', async () => {
      const found = (await od.get(`/api/people?q=${encodeURIComponent('陈晓东')}`).expect(200))
        .body as Page;
      expect(found.items.map((p) => p.name)).toEqual(['陈晓东']);
      const second = (await od.get('/api/people?page=2&pageSize=25').expect(200)).body as Page;
      expect(second.items).toHaveLength(25);
      await od.get('/api/people?pageSize=1000').expect(400);
    });

    it('refuses a plain member the list but shows them their own record', async () => {
      await member.get('/api/people').expect(403);
      const self = await member.get(`/api/people/${t.people.member}`).expect(200);
      expect(self.body).toMatchObject({
        username: 'member',
        roles: [expect.objectContaining({ role: 'member' })],
      });
      await member.get(`/api/people/${t.people.m001}`).expect(403);
    });

    it('refuses a branch secretary a person of another branch', async () => {
      await b1Secretary.get(`/api/people/${t.people.m001}`).expect(200);
      await b1Secretary.get(`/api/people/${t.people.c2_secretary}`).expect(403);
    });
  });

  describe('POST /people', () => {
    const newcomer = (orgUnitId: string | undefined, employeeNo: string, username?: string) => ({
      employeeNo,
      name: '马晓峰',
      gender: 'male',
      orgUnitId,
      memberType: 'probationary',
      joinedPartyOn: '2025-06-30',
      username: username ?? `u${employeeNo.toLowerCase()}`,
      password: 'first-pass-1',
    });

    it('lets a branch secretary add a party member to their branch, who then can log in as a member', async () => {
      const res = await b1Secretary
        .post('/api/people')
        .send(newcomer(t.units['C1-B1-G2'], 'N0001'))
        .expect(201);
      expect(res.body).toMatchObject({
        employeeNo: 'N0001',
        roles: [expect.objectContaining({ role: 'member', orgUnitId: t.units['C1-B1-G2'] })],
      });
      await t.login('un0001', 'first-pass-1');
    });

    it('refuses a branch secretary adding someone to another branch', async () => {
      await b1Secretary.post('/api/people').send(newcomer(t.units['C2-B2'], 'N0002')).expect(403);
      await member.post('/api/people').send(newcomer(t.units['C1-B1-G1'], 'N0003')).expect(403);
    });

    it('answers a taken 工号 with 409 and a malformed one with 400 naming employeeNo', async () => {
      await od
        .post('/api/people')
        .send(newcomer(t.units.D1, 'N0001', 'fresh-name'))
        .expect(409);
      const bad = await od
        .post('/api/people')
        .send(newcomer(t.units.D1, 'N 0001', 'fresh-name'))
        .expect(400);
      expect(bad.body).toMatchObject({
        errors: [expect.objectContaining({ field: 'employeeNo' })],
      });
    });
  });

  describe('role assignments', () => {
    it('lets a branch secretary appoint a branch committee member in their branch, not a secretary', async () => {
      const res = await b1Secretary
        .post('/api/role-assignments')
        .send({ personId: t.people.m001, role: 'branch_committee', orgUnitId: t.units['C1-B1'] })
        .expect(201);
      expect(res.body).toMatchObject({ role: 'branch_committee', personId: t.people.m001 });
      await b1Secretary
        .post('/api/role-assignments')
        .send({ personId: t.people.m001, role: 'branch_secretary', orgUnitId: t.units['C1-B1'] })
        .expect(403);
      await b1Secretary
        .delete(`/api/role-assignments/${(res.body as { id: string }).id}`)
        .expect(204);
    });

    it('lets a committee secretary appoint branch secretaries in its own branches only', async () => {
      await c1Secretary
        .post('/api/role-assignments')
        .send({ personId: t.people.m010, role: 'branch_secretary', orgUnitId: t.units['C1-B2'] })
        .expect(201);
      await c1Secretary
        .post('/api/role-assignments')
        .send({ personId: t.people.m010, role: 'branch_secretary', orgUnitId: t.units['C2-B2'] })
        .expect(403);
    });

    it('refuses a role on a unit of the wrong type with 400 naming role', async () => {
      const res = await od
        .post('/api/role-assignments')
        .send({ personId: t.people.m001, role: 'branch_secretary', orgUnitId: t.units.C1 })
        .expect(400);
      expect(res.body).toMatchObject({ errors: [expect.objectContaining({ field: 'role' })] });
    });

    it('lists only assignments in the caller’s subtree and refuses members', async () => {
      const rows = (await b1Secretary.get('/api/role-assignments').expect(200)).body as {
        orgUnitId: string;
      }[];
      const b1 = await subtreeIds('C1-B1');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => b1.has(r.orgUnitId))).toBe(true);
      await member.get('/api/role-assignments').expect(403);
    });

    it('refuses to remove the last 组织部管理员 (409)', async () => {
      const [assignment] = (
        (await od.get(`/api/role-assignments?personId=${t.people.od_admin}`).expect(200)).body as {
          id: string;
          role: string;
        }[]
      ).filter((r) => r.role === 'od_admin');
      await od.delete(`/api/role-assignments/${assignment?.id}`).expect(409);
      await od.get('/api/org-units').expect(200);
    });

    it('takes a role revoked through this process away at once, even from a token issued before', async () => {
      const organizer = await t.login('c2_organizer');
      await organizer.get(`/api/people?orgUnitId=${t.units.C2}`).expect(200);
      const [assignment] = (
        (await od.get(`/api/role-assignments?personId=${t.people.c2_organizer}`).expect(200))
          .body as {
          id: string;
          role: string;
        }[]
      ).filter((r) => r.role === 'organizer');
      await od.delete(`/api/role-assignments/${assignment?.id}`).expect(204);
      await organizer.get(`/api/people?orgUnitId=${t.units.C2}`).expect(403);
    });

    it('takes a role revoked by another API process away within ROLES_FRESH_MS', async () => {
      const deputy = await t.login('committee_deputy');
      await deputy.get(`/api/people?orgUnitId=${t.units.C1}`).expect(200);
      // Another process sharing the database deletes the row: this process has not heard of it.
      await t.db.query(
        `DELETE FROM role_assignment WHERE person_id = $1 AND role = 'committee_deputy'`,
        [t.people.committee_deputy],
      );
      await new Promise((resolve) => setTimeout(resolve, ROLES_FRESH_MS + 100));
      await deputy.get(`/api/people?orgUnitId=${t.units.C1}`).expect(403);
    });
  });

  describe('AccessService candidate groups', () => {
    const userOf = async (username: string): Promise<AuthUser> => {
      const roles = await t.db.query<AuthUser['roles']>(
        `SELECT role, org_unit_id AS "orgUnitId" FROM role_assignment WHERE person_id = $1`,
        [t.people[username]],
      );
      return { personId: t.people[username] ?? '', username, roles };
    };

    it('holds <role>@<unit> for the role on the unit or any ancestor, not on a sibling', async () => {
      const access = t.app.get(AccessService);
      const secretary = await userOf('committee_secretary');
      expect(
        await access.userHoldsGroup(secretary, `committee_secretary@${t.units['C1-B1']}`),
      ).toBe(true);
      expect(
        await access.userHoldsGroup(secretary, `committee_secretary@${t.units['C2-B1']}`),
      ).toBe(false);
      expect(await access.userHoldsGroup(secretary, `branch_secretary@${t.units['C1-B1']}`)).toBe(
        false,
      );
      expect(await access.userHoldsGroup(secretary, 'nonsense')).toBe(false);
      const groups = await access.groupsOf(secretary);
      expect(groups).toContain(`committee_secretary@${t.units['C1-B3']}`);
      expect(groups).not.toContain(`committee_secretary@${t.units['C2']}`);
    });

    it('finds the holders of a group above the unit', async () => {
      const access = t.app.get(AccessService);
      const holders = await access.holdersOf(`branch_secretary@${t.units['C1-B1-G1']}`);
      expect(holders).toEqual([t.people.branch_secretary]);
      const od = await access.holdersOf(`od_admin@${t.units['C2-B2']}`);
      expect(od).toEqual([t.people.od_admin]);
    });
  });
});
