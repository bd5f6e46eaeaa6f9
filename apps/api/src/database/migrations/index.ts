import { CreateOrgAndAuth1764230400000 } from './1764230400000-create-org-and-auth.js';
import { CreateWorkflowRuntime1764300000000 } from './1764300000000-create-workflow-runtime.js';

/** Every migration, oldest first. Append new ones at the end (class refs work in vitest and dist). */
export const migrations = [CreateOrgAndAuth1764230400000, CreateWorkflowRuntime1764300000000];
