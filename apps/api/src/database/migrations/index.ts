import { CreateOrgAndAuth1764230400000 } from './1764230400000-create-org-and-auth.js';

/** Every migration, oldest first. Append new ones at the end (class refs work in vitest and dist). */
export const migrations = [CreateOrgAndAuth1764230400000];
