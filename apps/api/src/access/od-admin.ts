import type { AuthUser } from '../auth/auth-user.js';

/** Whether the user is an Organization Department administrator (组织部管理员). */
export function isOdAdmin(user: Pick<AuthUser, 'roles'> | null | undefined): boolean {
  return user?.roles.some((r) => r.role === 'od_admin') ?? false;
}
