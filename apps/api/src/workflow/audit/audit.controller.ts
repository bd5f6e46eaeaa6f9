import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { InstanceQueryService } from '../instances/instance-query.service.js';
import { auditWorkbook } from './audit-export.js';
import { AuditQueryService, AUDIT_EXPORT_MAX } from './audit-query.service.js';
import { AuditEntryDto, AuditFilterDto, AuditPageDto, AuditQueryDto } from './audit.dto.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly instances: InstanceQueryService,
  ) {}

  @Get('audit')
  @ApiOperation({
    summary:
      'The workflow audit log within my reach (OD all; committees and branch secretaries their subtree), newest first',
  })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentUser() user: AuthUser, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.page(user, query, query.page, query.pageSize);
  }

  @Get('audit/export')
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: `The filtered audit log as .xlsx (审计日志), oldest first; more than ${AUDIT_EXPORT_MAX} rows is refused (422) with the count`,
    schema: { type: 'string', format: 'binary' },
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() filter: AuditFilterDto,
  ): Promise<StreamableFile> {
    const rows = await this.audit.all(user, filter);
    return new StreamableFile(await auditWorkbook(rows), {
      type: XLSX,
      disposition: `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`,
    });
  }

  @Get('instances/:id/trail')
  @ApiOperation({
    summary:
      'What people did to an instance (who did what to whom, when, why): its audit rows, oldest first',
  })
  @ApiOkResponse({ type: [AuditEntryDto] })
  async trail(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AuditEntryDto[]> {
    const instance = await this.instances.get(user, id);
    return this.audit.ofInstance(instance.id);
  }
}
