import { hash } from '@node-rs/argon2';
import type { RoleName } from '../access/role-name.js';
import { Account } from '../auth/account.entity.js';
import { OrgUnit } from '../org/org-unit.entity.js';
import { Person } from '../org/person.entity.js';
import { OrgMembership } from '../org/membership/membership.entity.js';
import { localDay } from '../common/time-zone.js';
import { RoleAssignment } from '../org/role-assignment.entity.js';
import {
  DEMO_LOGINS,
  DEMO_OFFICERS,
  DEMO_PASSWORD,
  DEMO_UNITS,
  demoMembers,
} from './demo-university.js';
import type { SeedContext, Seeder } from './seeder.js';
import { newRowId } from '../database/row-id.js';

/** The demo university: 2 committees, 6 branches (one 直属党支部), groups, 60 people, logins. */
export const orgSeeder: Seeder = {
  name: 'org',
  async run(ctx: SeedContext): Promise<void> {
    await seedUnits(ctx);
    await seedPeople(ctx);
  },
};

async function seedUnits({ manager, units, clock }: SeedContext): Promise<void> {
  const paths = new Map<string, string>();
  for (const [index, unit] of DEMO_UNITS.entries()) {
    const parentId = unit.parent ? units.get(unit.parent) : undefined;
    const parentPath = unit.parent ? paths.get(unit.parent) : '/';
    const id = newRowId();
    const path = `${parentPath ?? '/'}${id}/`;
    await manager.getRepository(OrgUnit).insert({
      id,
      code: unit.code,
      name: unit.name,
      type: unit.type,
      direct: unit.type === 'branch' && unit.parent === 'U',
      parentId: parentId ?? null,
      path,
      depth: path.split('/').length - 3,
      sortOrder: index,
      // The ledger counts a unit from the day it was made: the seeding clock's day.
      createdAt: clock.now(),
    });
    units.set(unit.code, id);
    paths.set(unit.code, path);
  }
}

async function seedPeople({ manager, units, people, clock }: SeedContext): Promise<void> {
  // One hash for every demo account: hashing 60 times would add seconds to every test boot.
  const passwordHash = await hash(DEMO_PASSWORD);
  const everyone = [
    ...DEMO_LOGINS.map((p) => ({ ...p, roles: [[p.role, p.on]] as [RoleName, string][] })),
    ...DEMO_OFFICERS,
    ...demoMembers().map((p) => ({ ...p, roles: [] as [RoleName, string][] })),
  ];
  for (const [index, person] of everyone.entries()) {
    const home = unitId(units, person.home);
    const id = newRowId();
    const probationary = person.username.startsWith('m') && index % 9 === 0;
    await manager.getRepository(Person).insert({
      id,
      employeeNo: `T${String(2026001 + index)}`,
      name: person.name,
      gender: index % 3 === 1 ? 'female' : 'male',
      phone: `138${String(10000000 + index * 7919).slice(0, 8)}`,
      orgUnitId: home,
      memberType: probationary ? 'probationary' : 'full',
      joinedPartyOn: `${2000 + (index % 25)}-07-01`,
      createdAt: clock.now(),
    });
    await manager
      .getRepository(OrgMembership)
      .insert({ personId: id, orgUnitId: home, fromOn: localDay(clock.now()), toOn: null });
    await manager
      .getRepository(Account)
      .insert({ personId: id, username: person.username, passwordHash });
    const roles = new Map<string, [RoleName, string]>();
    for (const [role, on] of [['member', person.home] as [RoleName, string], ...person.roles]) {
      roles.set(`${role}@${on}`, [role, on]);
    }
    for (const [role, on] of roles.values()) {
      await manager
        .getRepository(RoleAssignment)
        .insert({ personId: id, role, orgUnitId: unitId(units, on) });
    }
    people.set(person.username, id);
  }
}

function unitId(units: Map<string, string>, code: string): string {
  const id = units.get(code);
  if (!id) throw new Error(`Seed refers to an unknown org unit ${code}`);
  return id;
}
