import { api, type Schemas } from '@/api/typed';

export type InstanceSummary = Schemas['InstanceDto'];
export type InstanceDetail = Schemas['InstanceDetailDto'];
export type InstanceStatus = InstanceSummary['status'];
export type HistoryEvent = Schemas['HistoryEventDto'];
export type Incident = Schemas['IncidentDto'];

export interface InstanceFilter {
  processId?: string;
  status?: InstanceStatus | '';
  orgUnitId?: string;
  page: number;
  pageSize: number;
}

export function listInstances({ status, ...filter }: InstanceFilter) {
  return api.get('/instances', { query: { ...filter, status: status || undefined } });
}

export function getInstance(id: string) {
  return api.get('/instances/{id}', { path: { id } });
}

export function getHistory(id: string) {
  return api.get('/instances/{id}/history', { path: { id } });
}

export function listOpenIncidents(instanceId: string) {
  return api.get('/incidents', { query: { instanceId, status: 'open', pageSize: 100 } });
}

export function retryIncident(id: string) {
  return api.post('/incidents/{id}/retry', undefined as never, { path: { id } });
}
