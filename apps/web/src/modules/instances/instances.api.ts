import { request } from '@/api/request';

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export interface InstanceSummary {
  id: string;
  definitionId: string;
  processId: string;
  businessKey?: string | null;
  orgUnitId?: string | null;
  status: InstanceStatus;
  parentInstanceId: string | null;
  startedAt: string;
  endedAt?: string | null;
}

export interface InstanceDetail extends InstanceSummary {
  definitionVersion: number;
  variables: Record<string, JsonValue>;
}

export interface HistoryEvent {
  at: string;
  elementId: string;
  elementType: string;
  elementInstanceId: string;
  kind: 'activated' | 'completed' | 'terminated' | 'incident' | 'incidentResolved';
}

export interface Incident {
  id: string;
  instanceId: string | null;
  processId: string;
  elementId: string;
  message: string;
  status: 'open' | 'resolved';
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface InstanceFilter {
  processId?: string;
  status?: InstanceStatus | '';
  orgUnitId?: string;
  page?: number;
  pageSize?: number;
}

export function listInstances(filter: InstanceFilter) {
  return request.get<Page<InstanceSummary>>('/instances', { ...filter });
}

export function getInstance(id: string) {
  return request.get<InstanceDetail>(`/instances/${encodeURIComponent(id)}`);
}

export function getHistory(id: string) {
  return request.get<HistoryEvent[]>(`/instances/${encodeURIComponent(id)}/history`);
}

export function listIncidents(query: { instanceId?: string; status?: 'open' | 'resolved' }) {
  return request.get<Page<Incident> | Incident[]>('/incidents', query);
}

export function retryIncident(id: string) {
  return request.post<void>(`/incidents/${encodeURIComponent(id)}/retry`);
}
