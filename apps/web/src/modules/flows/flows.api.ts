import { api, type Schemas } from '@/api/typed';

/** One deployed version of one process (the list shows the latest per process). */
export type DefinitionSummary = Schemas['DefinitionDto'];
export type DefinitionDetail = Schemas['DefinitionDetailDto'];
/** A version in a process's version list, with the instances still running on it. */
export type DefinitionVersion = Schemas['DefinitionVersionDto'];
export type ValidationResult = Schemas['ValidationResultDto'];

/** The latest version of every process, each with a newer workflows/ default when one waits. */
export function listDefinitions() {
  return api.get('/definitions');
}

export function listVersions(processId: string) {
  return api.get('/definitions/{processId}/versions', { path: { processId } });
}

export function getDefinition(id: string) {
  return api.get('/definitions/by-id/{id}', { path: { id } });
}

export function validateDefinition(xml: string) {
  return api.post('/definitions/validate', { xml });
}

/** Deploys the XML as the next version; rejects with ApiError carrying `problems` when invalid. */
export function deployDefinition(xml: string, note?: string) {
  return api.post('/definitions', { xml, note }, { options: { silent: true } });
}

export type DefinitionListItem = Schemas['DefinitionListItemDto'];
export type DefaultDefinition = Schemas['DefaultDefinitionDto'];

/** The workflows/ default of a process beside the version in use, for the diff. */
export function getDefaultDefinition(processId: string) {
  return api.get('/definitions/{processId}/default', { path: { processId } });
}

/** Deploys the workflows/ default as the next version. */
export function adoptDefaultDefinition(processId: string) {
  return api.post('/definitions/{processId}/default/adopt', undefined, { path: { processId } });
}

export type MigrationPlan = Schemas['MigrationPlanDto'];
export type MigrationReport = Schemas['MigrationReportDto'];
export type MigrationRequest = Schemas['MigrateInstancesDto'];

/** The active elements of a version's running instances (in reach) and the target's elements. */
export function getMigrationPlan(processId: string, fromVersion: number, toVersion: number) {
  return api.get('/definitions/{processId}/migration-plan', {
    path: { processId },
    query: { fromVersion, toVersion },
  });
}

/** Moves (or, with dryRun, checks) running instances; the report says what moved and why not. */
export function migrateInstances(processId: string, body: MigrationRequest) {
  return api.post('/definitions/{processId}/migrations', body, { path: { processId } });
}

export type DecisionSummary = Schemas['DeployedDecisionDto'];

/** Every deployed decision at its latest deployment. */
export function listDecisions() {
  return api.get('/decisions');
}

/** Deploys a DMN file; rejects with ApiError carrying `problems` when it does not compile. */
export function deployDecisions(xml: string, sourceName: string) {
  return api.post('/decisions', { xml, sourceName }, { options: { silent: true } });
}
