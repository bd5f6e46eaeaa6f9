import type { StudyContent } from './forms';
import { request } from './request';
import { api, pathOf, type Schemas } from './typed';

export function listStudyContents() {
  return request.get<StudyContent[]>(pathOf('/study-contents'));
}

/** OD drafts the month's content; this starts the study-content flow (publish is its task). */
export function createStudyContent(body: Schemas['CreateStudyContentDto']) {
  return api.post('/study-contents', body, { options: { silent: true } });
}

export function publishStudyContent(id: string, body: Schemas['PublishStudyContentDto']) {
  return api.post('/study-contents/{id}/publish', body, {
    path: { id },
    options: { silent: true },
  });
}
