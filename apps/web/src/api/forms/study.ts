import type { Schemas } from '../typed';

export interface StudyMaterial {
  title: string;
  url?: string;
  description?: string;
}

export type StudyContent = Schemas['StudyContentResponse'];

/** `orglife:study-content-publish` */
export interface PublishStudyPayload {
  title?: string;
  topics?: string[];
  materials?: StudyMaterial[];
  attachmentIds?: string[];
}

/** `orglife:study-arrangement` */
export interface StudyArrangementPayload {
  committeeId: string;
  theme: string;
  arrangement: string;
  materials: StudyMaterial[];
}

export interface StudyFormContext {
  studyContent: StudyContent;
  committeeId?: string;
}
