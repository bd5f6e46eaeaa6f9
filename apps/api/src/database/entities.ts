import { Account } from '../auth/account.entity.js';
import { RefreshToken } from '../auth/refresh-token.entity.js';
import { OrgUnit } from '../org/org-unit.entity.js';
import { Person } from '../org/person.entity.js';
import { RoleAssignment } from '../org/role-assignment.entity.js';

/** Every TypeORM entity. Append new ones here. */
export const entities = [OrgUnit, Person, RoleAssignment, Account, RefreshToken];
