import { api, type Schemas } from './typed';

export type StandIn = Schemas['StandInDto'];
export type StandInReason = Schemas['CreateStandInDto']['reason'];

/** 代理 in force or ahead where I am the person or the stand-in. */
export function listStandIns() {
  return api.get('/stand-ins');
}

export function createStandIn(body: Schemas['CreateStandInDto']) {
  return api.post('/stand-ins', body, { options: { silent: true } });
}

export function revokeStandIn(id: string) {
  return api.post('/stand-ins/{id}/revoke', undefined, { path: { id } });
}
