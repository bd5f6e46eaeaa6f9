import type { RectificationStatus } from './forms';
import { api, type Schemas } from './typed';

export type SpotCheckDetail = Schemas['SpotCheckBatchViewResponse'];
export type ReplayView = Schemas['SpotCheckReplayResponse'];
export type RectificationBoard = Schemas['RectificationBoardResponse'];

export function listSpotChecks() {
  return api.get('/spot-checks');
}

export function getSpotCheck(id: string) {
  return api.get('/spot-checks/{id}', { path: { id } });
}

/** Re-derives the sample from the recorded seed: the draw is reproducible. */
export function replaySpotCheck(id: string) {
  return api.get('/spot-checks/{id}/replay', { path: { id } });
}

/** Draws a sample now (OD); a known seed replays a draw. */
export function startSpotCheck(body: Schemas['StartSpotCheckDto']) {
  return api.post('/spot-checks', body, { options: { silent: true } });
}

export function listRectifications(query: { status?: RectificationStatus; orgUnitId?: string }) {
  return api.get('/rectifications', { query });
}

export function getRectification(id: string) {
  return api.get('/rectifications/{id}', { path: { id } });
}
