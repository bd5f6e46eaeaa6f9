import type { ElementProblem } from '@/api/errors';
import { request } from '@/api/request';

/** One deployed version of one process (the list shows the latest per process). */
export interface DefinitionSummary {
  id: string;
  processId: string;
  version: number;
  name: string | null;
  deployedAt: string;
  deployedBy?: string | null;
}

export interface DefinitionDetail extends DefinitionSummary {
  xml: string;
}

export interface ValidationResult {
  ok: boolean;
  problems: ElementProblem[];
}

export function listDefinitions() {
  return request.get<DefinitionSummary[]>('/definitions');
}

export function listVersions(processId: string) {
  return request.get<DefinitionSummary[]>(`/definitions/${encodeURIComponent(processId)}/versions`);
}

export function getDefinition(id: string) {
  return request.get<DefinitionDetail>(`/definitions/by-id/${encodeURIComponent(id)}`);
}

export function validateDefinition(xml: string) {
  return request.post<ValidationResult>('/definitions/validate', { xml });
}

/** Deploys the XML as the next version; rejects with ApiError carrying `problems` when invalid. */
export function deployDefinition(xml: string, name?: string) {
  return request.post<DefinitionSummary | DefinitionSummary[]>(
    '/definitions',
    { xml, name },
    { silent: true },
  );
}
