import { COMMITTEE_ROLES, type RoleName } from '../access/role-name.js';
import type { Attachment } from './attachment.entity.js';

/**
 * Roles holding a mandate over a unit's records: OD, the committee above it and the branch's own
 * secretary and committee members. (Inspectors hold one only over a branch under inspection.)
 * Where a photo was taken is disclosed to them alone.
 */
export const MANDATE_ROLES: RoleName[] = [
  'od_admin',
  ...COMMITTEE_ROLES,
  'branch_secretary',
  'branch_committee',
];

/** The attachment as the caller may see it: without EXIF position and tags unless `mandate`. */
export function disclosed(attachment: Attachment, mandate: boolean): Attachment {
  if (mandate) return attachment;
  return { ...attachment, gpsLatitude: null, gpsLongitude: null, exif: null };
}
