import type {
  Rectification,
  RectificationEvent,
  RectificationStatus,
  SpotCheckBatch,
  SpotCheckItem,
} from './forms';
import { request } from './request';
import { api, pathOf, type Schemas } from './typed';

export interface SpotCheckDetail extends SpotCheckBatch {
  items: SpotCheckItem[];
}

export interface ReplayView {
  batchId: string;
  seed: number;
  recorded: string[];
  rederived: string[];
  matches: boolean;
}

export interface RectificationBoard {
  items: Rectification[];
  counts: Record<RectificationStatus, number>;
  overdue: number;
}

export function listSpotChecks() {
  return request.get<SpotCheckDetail[]>(pathOf('/spot-checks'));
}

export function getSpotCheck(id: string) {
  return request.get<SpotCheckDetail>(pathOf('/spot-checks/{id}', { id }));
}

/** Re-derives the sample from the recorded seed: the draw is reproducible. */
export function replaySpotCheck(id: string) {
  return request.get<ReplayView>(pathOf('/spot-checks/{id}/replay', { id }));
}

/** Draws a sample now (OD); a known seed replays a draw. */
export function startSpotCheck(body: Schemas['StartSpotCheckDto']) {
  return api.post('/spot-checks', body, { options: { silent: true } });
}

export function listRectifications(query: { status?: RectificationStatus; orgUnitId?: string }) {
  return request.get<RectificationBoard>(pathOf('/rectifications'), { ...query });
}

export function getRectification(id: string) {
  return request.get<{ rectification: Rectification; history: RectificationEvent[] }>(
    pathOf('/rectifications/{id}', { id }),
  );
}
