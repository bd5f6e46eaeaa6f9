import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Attachment } from '../attachments/attachment.entity.js';
import { fieldErrors } from '../task-forms/field-error.js';

/** Study materials must be uploads made for the university (OD's own files). */
export async function assertAttachmentsOf(
  em: EntityManager,
  universityId: string,
  ids: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set(
    (await em.findBy(Attachment, { id: In(ids), orgUnitId: universityId })).map((a) => a.id),
  );
  const errors = ids.flatMap((id, i) =>
    found.has(id)
      ? []
      : [
          {
            field: `attachmentIds.${i}`,
            message: '附件不存在或不属于学校党委 (not an upload of the university)',
          },
        ],
  );
  if (errors.length > 0) throw fieldErrors(errors);
}
