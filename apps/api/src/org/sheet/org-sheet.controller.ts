import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { AccessService } from '../../access/access.service.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { FileUpload, missingXlsx, ReceivedUpload } from '../../http/file-upload.interceptor.js';
import { type OrgSheetImportResult, OrgSheetService } from './org-sheet.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class OrgSheetImportResultDto implements OrgSheetImportResult {
  @ApiProperty({ description: 'Rows read (one org unit each)' })
  imported: number;

  @ApiProperty({ description: 'New org units' })
  created: number;

  @ApiProperty({ description: 'Existing org units changed (renamed, moved, re-sorted)' })
  updated: number;
}

@ApiTags('org')
@ApiBearerAuth()
@Controller('org-units')
export class OrgSheetController {
  constructor(
    private readonly service: OrgSheetService,
    private readonly access: AccessService,
  ) {}

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileUpload('file', 5 * 1024 * 1024))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.xlsx org sheet' } },
    },
  })
  @ApiOkResponse({
    type: OrgSheetImportResultDto,
    description:
      'Organization Department only. All rows imported. A 400 problem lists every bad row in `errors` ({row, column, reason}) and nothing is imported.',
  })
  async import(
    @CurrentUser() user: AuthUser,
    @ReceivedUpload() file: { buffer: Buffer } | undefined,
  ): Promise<OrgSheetImportResultDto> {
    await this.access.assertOrgDepartment(user);
    if (!file) {
      throw missingXlsx('file');
    }
    return this.service.import(file.buffer);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: 'Organization Department only. The whole org tree as .xlsx (组织架构)',
    schema: { type: 'string', format: 'binary' },
  })
  async export(@CurrentUser() user: AuthUser): Promise<StreamableFile> {
    await this.access.assertOrgDepartment(user);
    return new StreamableFile(await this.service.export(), {
      type: XLSX,
      disposition: `attachment; filename="org-units.xlsx"; filename*=UTF-8''${encodeURIComponent('组织架构.xlsx')}`,
    });
  }
}
