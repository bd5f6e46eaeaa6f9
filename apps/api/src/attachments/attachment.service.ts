import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Forbidden, NotFound } from '../common/errors.js';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, ROLE_NAMES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { fieldError } from '../task-forms/field-error.js';
import { isUnderInspection } from '../supervision/inspection.scope.js';
import { Attachment } from './attachment.entity.js';
import { refusalOf } from './attachment.policy.js';
import { MANDATE_ROLES, disclosed } from './photo.disclosure.js';
import { readPhoto, type PhotoFacts } from './photo.reader.js';

/** Who may upload for a unit: the people who record sessions and publish content. */
const UPLOADERS: RoleName[] = [
  'od_admin',
  ...COMMITTEE_ROLES,
  'branch_secretary',
  'branch_committee',
];

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

@Injectable()
export class AttachmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async upload(
    user: AuthUser,
    orgUnitId: string,
    file: UploadedFile | undefined,
  ): Promise<Attachment> {
    await this.access.assertRole(user, orgUnitId, UPLOADERS);
    if (!file) throw fieldError('file', '请选择文件 (a file is required)');
    const refusal = refusalOf(file.mimetype, file.buffer);
    if (refusal) throw fieldError('file', refusal);
    const photo: PhotoFacts | null = file.mimetype.startsWith('image/')
      ? await readPhoto(file.buffer)
      : null;
    const repository = this.db.getRepository(Attachment);
    const saved = await repository.save({
      ...photo,
      orgUnitId,
      fileName: file.originalname.slice(0, 255),
      mimeType: file.mimetype,
      sizeBytes: file.buffer.length,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
      content: file.buffer,
      uploadedBy: user.personId,
    });
    return repository.findOneByOrFail({ id: saved.id });
  }

  /** The metadata; the EXIF position and tags only for those with a mandate over the unit. */
  async meta(user: AuthUser, id: string): Promise<Attachment> {
    const attachment = await this.readable(user, id);
    return disclosed(attachment, await this.hasMandate(user, attachment));
  }

  /** The thumbnail of an image, made now for one stored before thumbnails were. */
  async thumbnail(user: AuthUser, id: string): Promise<Buffer> {
    const meta = await this.readable(user, id);
    if (!meta.mimeType.startsWith('image/')) {
      throw new NotFound(`Attachment ${id} is not an image (该附件不是图片，没有缩略图).`);
    }
    const repository = this.db.getRepository(Attachment);
    const row = await repository
      .createQueryBuilder('a')
      .addSelect(['a.thumbnail', 'a.content'])
      .where('a.id = :id', { id })
      .getOneOrFail();
    if (row.thumbnail) return row.thumbnail;
    const { thumbnail } = await readPhoto(row.content);
    await repository.update({ id }, { thumbnail });
    return thumbnail;
  }

  async content(user: AuthUser, id: string): Promise<{ meta: Attachment; content: Buffer }> {
    const meta = await this.readable(user, id);
    const row = await this.db
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :id', { id })
      .getOneOrFail();
    return { meta, content: row.content };
  }

  private async readable(user: AuthUser, id: string): Promise<Attachment> {
    const attachment = await this.db.getRepository(Attachment).findOneBy({ id });
    if (!attachment) throw new NotFound(`Attachment ${id} does not exist (附件不存在).`);
    await this.assertReadable(user, attachment);
    return attachment;
  }

  /**
   * Readable by roles reaching the unit and by everyone inside it (members read OD's materials);
   * a branch's files follow its records' policy: the inspector role reads only those of a
   * session whose branch is under inspection for its month.
   */
  private async assertReadable(user: AuthUser, attachment: Attachment): Promise<void> {
    const unitPath = await this.access.pathOf(attachment.orgUnitId);
    const readers = await this.access.recordReadRoles(attachment.orgUnitId, ROLE_NAMES);
    for (const role of user.roles.filter((r) => readers.includes(r.role))) {
      const rolePath = await this.access.pathOf(role.orgUnitId);
      if (unitPath.startsWith(rolePath) || rolePath.startsWith(unitPath)) return;
    }
    if (await this.inspecting(user, attachment)) return;
    throw new Forbidden(`You may not read this attachment (您无权查看该附件).`);
  }

  /** A mandate over the unit: OD, its committee, the branch's own leaders; inspectors while inspecting. */
  private async hasMandate(user: AuthUser, attachment: Attachment): Promise<boolean> {
    return (
      (await this.access.hasRole(user, attachment.orgUnitId, MANDATE_ROLES)) ||
      (await this.inspecting(user, attachment))
    );
  }

  /** An inspector over the unit, with the file in a session of a branch under inspection that month. */
  private async inspecting(user: AuthUser, attachment: Attachment): Promise<boolean> {
    if (!(await this.access.hasRole(user, attachment.orgUnitId, ['inspector']))) return false;
    const sessions = await this.db.query<{ branchId: string; month: string }[]>(
      `SELECT DISTINCT s.branch_id AS "branchId", s.month FROM session_attachment t
         JOIN org_session s ON s.id = t.session_id WHERE t.attachment_id = $1`,
      [attachment.id],
    );
    for (const s of sessions) {
      if (await isUnderInspection(this.db, s.branchId, s.month)) return true;
    }
    return false;
  }
}
