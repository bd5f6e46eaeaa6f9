import { api, type Schemas } from './typed';

export function listStudyContents() {
  return api.get('/study-contents');
}

/** A published content with the committees' arrangements. */
export function getStudyContent(id: string) {
  return api.get('/study-contents/{id}', { path: { id } });
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
