import { Controller, ForbiddenException, Get, Ip, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { SecurityEventPageDto, SecurityEventQueryDto } from './security-events.dto.js';
import { SecurityEvents } from './security-events.service.js';
import { securityEventsWorkbook } from './security-events.xlsx.js';

/** At most this many rows go into one export; narrow the period for more. */
const EXPORT_LIMIT = 50_000;

@ApiTags('security-events')
@ApiBearerAuth()
@Controller('security-events')
export class SecurityEventsController {
  constructor(private readonly events: SecurityEvents) {}

  @Get()
  @ApiOperation({ summary: 'The security-event log, newest first (组织部管理员 only)' })
  @ApiOkResponse({ type: SecurityEventPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: SecurityEventQueryDto,
  ): Promise<SecurityEventPageDto> {
    assertOdAdmin(user);
    const { items, total } = await this.events.list(
      query,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    );
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The filtered security events as an .xlsx (组织部管理员 only)' })
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: SecurityEventQueryDto,
    @Ip() ip: string,
  ): Promise<StreamableFile> {
    assertOdAdmin(user);
    const { items } = await this.events.list(query, EXPORT_LIMIT, 0);
    await this.events.record({
      kind: 'data_exported',
      actor: user,
      ip,
      detail: `安全事件 ${items.length} 条`,
    });
    return new StreamableFile(await securityEventsWorkbook(items), {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="security-events.xlsx"',
    });
  }
}

function assertOdAdmin(user: AuthUser): void {
  if (!user.roles.some((r) => r.role === 'od_admin')) {
    throw new ForbiddenException(
      'Only the Organization Department administrator reads security events. 仅组织部管理员可查看安全事件。',
    );
  }
}
