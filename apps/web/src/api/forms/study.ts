import type { Schemas } from '../typed';

export interface StudyMaterial {
  title: string;
  url?: string;
  description?: string;
}

export type StudyContent = Schemas['StudyContentResponse'];

/** `orglife:study-content-publish` */
export type PublishStudyPayload = Schemas['PublishStudyContentDto'];

/** `orglife:study-arrangement` */
export type StudyArrangementPayload = Schemas['StudyArrangementDto'];

/** `orglife:study-content-publish`, `orglife:study-arrangement` */
export type StudyFormContext =
  Schemas['StudyPublishContextResponse'] | Schemas['StudyArrangementContextResponse'];
