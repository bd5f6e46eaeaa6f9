import { request } from './request';
import type { Page } from './tasks';

export type OrgUnitType = 'university' | 'committee' | 'branch' | 'group';

export interface OrgUnitNode {
  id: string;
  name: string;
  type: OrgUnitType;
  parentId: string | null;
  direct?: boolean;
  weak?: boolean;
  children?: OrgUnitNode[];
}

export interface Person {
  id: string;
  name: string;
  username?: string | null;
  orgUnitId: string;
  orgUnitName?: string | null;
  phone?: string | null;
  joinedAt?: string | null;
}

export interface RoleAssignment {
  id: string;
  personId: string;
  personName?: string;
  role: string;
  orgUnitId: string;
  orgUnitName?: string;
}

export function listOrgUnits() {
  return request.get<OrgUnitNode[]>('/org-units');
}

export function listPeople(query: {
  orgUnitId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}) {
  return request.get<Page<Person>>('/people', query);
}
