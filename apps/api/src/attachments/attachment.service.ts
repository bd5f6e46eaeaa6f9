import { createHash } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { COMMITTEE_ROLES, ROLE_NAMES, type RoleName } from '../access/role-name.js';
import type { AuthUser } from '../auth/auth-user.js';
import { fieldError } from '../task-forms/field-error.js';
import { Attachment } from './attachment.entity.js';
import { refusalOf } from './attachment.policy.js';

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
    const repository = this.db.getRepository(Attachment);
    const saved = await repository.save({
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

  async meta(user: AuthUser, id: string): Promise<Attachment> {
    const attachment = await this.db.getRepository(Attachment).findOneBy({ id });
    if (!attachment) throw new NotFoundException(`Attachment ${id} does not exist (附件不存在).`);
    await this.assertReadable(user, attachment.orgUnitId);
    return attachment;
  }

  async content(user: AuthUser, id: string): Promise<{ meta: Attachment; content: Buffer }> {
    const meta = await this.meta(user, id);
    const row = await this.db
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.content')
      .where('a.id = :id', { id })
      .getOneOrFail();
    return { meta, content: row.content };
  }

  /**
   * Readable by roles reaching the unit and by everyone inside it (members read OD's materials);
   * a branch's files follow its records' policy, closed to the inspector role.
   */
  private async assertReadable(user: AuthUser, unitId: string): Promise<void> {
    const unitPath = await this.access.pathOf(unitId);
    const readers = await this.access.recordReadRoles(unitId, ROLE_NAMES);
    for (const role of user.roles.filter((r) => readers.includes(r.role))) {
      const rolePath = await this.access.pathOf(role.orgUnitId);
      if (unitPath.startsWith(rolePath) || rolePath.startsWith(unitPath)) return;
    }
    throw new ForbiddenException(`You may not read this attachment (您无权查看该附件).`);
  }
}
