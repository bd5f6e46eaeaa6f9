import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ORG_ADMIN_ROLES } from '../../access/role-name.js';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { validateVariables } from '../tasks/variables.validator.js';
import { DomainRecordGuard } from './domain-record.guard.js';
import { WorkflowAccess } from '../workflow-access.js';
import { Transactions } from '../../database/transactions.js';
import { WorkflowDefinition } from '../definitions/definition.entity.js';
import { InstanceQueryService } from './instance-query.service.js';
import {
  HistoryEventDto,
  InstanceDetailDto,
  InstanceDto,
  InstancePageDto,
  InstanceQueryDto,
  StartInstanceDto,
  toHistoryDto,
  toInstanceDto,
} from './instance.dto.js';
import { WorkflowRuntimeService } from './workflow-runtime.service.js';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstanceController {
  constructor(
    private readonly queries: InstanceQueryService,
    private readonly runtime: WorkflowRuntimeService,
    private readonly access: WorkflowAccess,
    private readonly tx: Transactions,
    private readonly domainRecords: DomainRecordGuard,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Process instances within my reach, newest first' })
  @ApiOkResponse({ type: InstancePageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: InstanceQueryDto,
  ): Promise<InstancePageDto> {
    const page = await this.queries.list(user, query);
    return { items: page.items.map(toInstanceDto), total: page.total };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One instance with its variables and engine state' })
  @ApiOkResponse({ type: InstanceDetailDto })
  async get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<InstanceDetailDto> {
    const instance = await this.queries.get(user, id);
    const definition = await this.tx
      .reader()
      .findOneByOrFail(WorkflowDefinition, { id: instance.definitionId });
    return {
      ...toInstanceDto(instance),
      definitionVersion: definition.version,
      migrations: await this.queries.migrations(instance.id),
      xmlRef: `/api/definitions/by-id/${definition.id}`,
      variables: instance.state.variables,
      state: instance.state as unknown as Record<string, unknown>,
    };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Element history of an instance, in order' })
  @ApiOkResponse({ type: [HistoryEventDto] })
  async history(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
  ): Promise<HistoryEventDto[]> {
    const { events, actors } = await this.queries.history(user, id);
    return events.map((event) => toHistoryDto(event, actors));
  }

  @Post()
  @ApiOperation({ summary: 'Start the latest version of a process for an org unit' })
  @ApiCreatedResponse({ type: InstanceDto })
  async start(@CurrentUser() user: AuthUser, @Body() body: StartInstanceDto): Promise<InstanceDto> {
    await this.access.assertOnUnit(user, body.orgUnitId, ORG_ADMIN_ROLES);
    const variables = validateVariables(body.variables);
    await this.domainRecords.refuseLinks(variables);
    const instance = await this.runtime.startProcess(null, {
      processId: body.processId,
      variables,
      orgUnitId: body.orgUnitId,
      businessKey: body.businessKey ?? null,
      startedBy: user.personId,
      generic: true,
    });
    return toInstanceDto(instance);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a running instance (and the processes it called)' })
  @ApiOkResponse({ type: InstanceDto })
  async cancel(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<InstanceDto> {
    const instance = await this.queries.get(user, id);
    await this.access.assertOnUnit(user, instance.orgUnitId, ORG_ADMIN_ROLES);
    return toInstanceDto(await this.runtime.cancelInstance(null, id, user.personId));
  }
}
