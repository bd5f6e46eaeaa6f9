import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import {
  MigrateInstancesDto,
  MigrationPlanDto,
  MigrationPlanQueryDto,
  MigrationReportDto,
} from './migration.dto.js';
import { MigrationService } from './migration.service.js';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions/:processId')
export class MigrationController {
  constructor(private readonly migrations: MigrationService) {}

  @Get('migration-plan')
  @ApiOperation({
    summary:
      'Active elements of the running instances of a version (in reach) and the elements of the target version',
  })
  @ApiOkResponse({ type: MigrationPlanDto })
  plan(
    @CurrentUser() user: AuthUser,
    @Param('processId') processId: string,
    @Query() query: MigrationPlanQueryDto,
  ): Promise<MigrationPlanDto> {
    return this.migrations.plan(user, processId, query.fromVersion, query.toVersion);
  }

  @Post('migrations')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move running instances to another version, each in its own transaction; report moved and skipped',
  })
  @ApiOkResponse({ type: MigrationReportDto })
  migrate(
    @CurrentUser() user: AuthUser,
    @Param('processId') processId: string,
    @Body() body: MigrateInstancesDto,
  ): Promise<MigrationReportDto> {
    return this.migrations.migrate(user, {
      processId,
      fromVersion: body.fromVersion,
      toVersion: body.toVersion,
      ...(body.instanceIds ? { instanceIds: body.instanceIds } : {}),
      mappings: Object.fromEntries((body.mappings ?? []).map((m) => [m.source, m.target])),
      dryRun: body.dryRun ?? false,
      batchSize: body.batchSize ?? 50,
    });
  }
}
