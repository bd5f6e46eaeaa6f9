import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  ParseUUIDPipe,
  Post,
  Query,
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
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { FileUpload, missingXlsx, ReceivedUpload } from '../../http/file-upload.interceptor.js';
import { SecurityEvents } from '../../security-events/security-events.service.js';
import { type RosterImportResult, RosterService } from './roster.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class RosterImportResultDto implements RosterImportResult {
  @ApiProperty({ description: 'Rows written' })
  imported: number;

  @ApiProperty({ description: 'New people' })
  created: number;

  @ApiProperty({ description: 'Existing people (matched by 工号) updated' })
  updated: number;
}

@ApiTags('org')
@ApiBearerAuth()
@Controller('roster')
export class RosterController {
  constructor(
    private readonly service: RosterService,
    private readonly events: SecurityEvents,
  ) {}

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileUpload('file', 5 * 1024 * 1024))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.xlsx roster' } },
    },
  })
  @ApiOkResponse({
    type: RosterImportResultDto,
    description:
      'All rows imported. A 400 problem lists every bad row in `errors` ({row, column, reason}) and nothing is imported.',
  })
  import(
    @CurrentUser() user: AuthUser,
    @ReceivedUpload() file: { buffer: Buffer } | undefined,
  ): Promise<RosterImportResultDto> {
    if (!file) {
      throw missingXlsx('file');
    }
    return this.service.import(user, file.buffer);
  }

  @Get('export')
  @ApiProduces(XLSX)
  @ApiQuery({ name: 'orgUnitId', required: false, description: 'Only this unit’s subtree' })
  @ApiOkResponse({
    description: 'The roster as .xlsx',
    schema: { type: 'string', format: 'binary' },
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query('orgUnitId', new ParseUUIDPipe({ optional: true })) orgUnitId?: string,
  ): Promise<StreamableFile> {
    const file = await this.service.export(user, orgUnitId);
    await this.events.record({
      kind: 'data_exported',
      actor: user,
      detail: `花名册 ${orgUnitId ?? '全部'}`,
    });
    return new StreamableFile(file, {
      type: XLSX,
      disposition: `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent('花名册.xlsx')}`,
    });
  }
}
