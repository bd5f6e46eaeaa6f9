import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { WorkflowAccess } from '../workflow-access.js';
import { Transactions } from '../../database/transactions.js';
import { DefaultDefinitions } from './default-definitions.js';
import { DefinitionDeployer } from './definition.deployer.js';
import { SecurityEvents } from '../../security-events/security-events.service.js';
import {
  DefaultDefinitionDto,
  DefinitionDetailDto,
  DefinitionListItemDto,
  DefinitionDto,
  DefinitionVersionDto,
  DeployDefinitionDto,
  toDefinitionDto,
  ValidateDefinitionDto,
  ValidationResultDto,
} from './definition.dto.js';
import { WorkflowDefinition } from './definition.entity.js';
import { type InstanceStatus, WorkflowInstance } from '../instances/instance.entity.js';

const SUMMARY_COLUMNS = {
  id: true,
  processId: true,
  version: true,
  name: true,
  note: true,
  source: true,
  sourceName: true,
  deployedBy: true,
  deployedAt: true,
  contentHash: true,
} as const;

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionController {
  constructor(
    private readonly deployer: DefinitionDeployer,
    private readonly access: WorkflowAccess,
    private readonly tx: Transactions,
    private readonly defaults: DefaultDefinitions,
    private readonly events: SecurityEvents,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The latest version of every deployed process, with a newer workflows/ default if any',
  })
  @ApiOkResponse({ type: [DefinitionListItemDto] })
  async latest(): Promise<DefinitionListItemDto[]> {
    const reader = this.tx.reader();
    const rows = await reader
      .createQueryBuilder(WorkflowDefinition, 'd')
      .select(Object.keys(SUMMARY_COLUMNS).map((c) => `d.${c}`))
      .distinctOn(['d.processId'])
      .orderBy('d.processId')
      .addOrderBy('d.version', 'DESC')
      .getMany();
    const deployed = new Set(
      (
        await reader.find(WorkflowDefinition, { select: { processId: true, contentHash: true } })
      ).map((d) => `${d.processId} ${d.contentHash}`),
    );
    return rows.map((row) => {
      const file = this.defaults.of(row.processId);
      const newer = file && !deployed.has(`${row.processId} ${file.contentHash}`);
      return {
        ...toDefinitionDto(row),
        newerDefault: newer ? { sourceName: file.sourceName, contentHash: file.contentHash } : null,
      };
    });
  }

  @Get(':processId/default')
  @ApiOperation({ summary: 'The workflows/ default of a process beside the version in use (OD)' })
  @ApiOkResponse({ type: DefaultDefinitionDto })
  async defaultOf(
    @CurrentUser() user: AuthUser,
    @Param('processId') processId: string,
  ): Promise<DefaultDefinitionDto> {
    this.access.assertOd(user);
    const file = this.defaults.of(processId);
    const inUse = await this.tx.reader().findOne(WorkflowDefinition, {
      where: { processId },
      order: { version: 'DESC' },
    });
    if (!file || !inUse) {
      throw new NotFoundException(
        `Process ${processId} has no default in workflows/ (无默认流程).`,
      );
    }
    const deployed = await this.tx
      .reader()
      .existsBy(WorkflowDefinition, { processId, contentHash: file.contentHash });
    return {
      ...file,
      deployed,
      inUse: { ...toDefinitionDto(inUse), xml: inUse.xml },
    };
  }

  @Post(':processId/default/adopt')
  @ApiOperation({
    summary: 'Deploy the workflows/ default as the next version (OD); 409 when already deployed',
  })
  @ApiCreatedResponse({ type: [DefinitionDto] })
  async adoptDefault(
    @CurrentUser() user: AuthUser,
    @Param('processId') processId: string,
  ): Promise<DefinitionDto[]> {
    const current = await this.defaultOf(user, processId);
    if (current.deployed) {
      throw new ConflictException(
        `The default of ${processId} (${current.sourceName}) was already deployed (该默认版本已部署过).`,
      );
    }
    const rows = await this.deployer.deploy({
      xml: current.xml,
      source: 'file',
      sourceName: current.sourceName,
      deployedBy: user.personId,
    });
    await this.events.record({
      kind: 'definition_deployed',
      actor: user,
      detail: rows
        .map((row) => `${row.processId} v${row.version} (${current.sourceName})`)
        .join(', '),
    });
    return rows.map(toDefinitionDto);
  }

  @Get('by-id/:id')
  @ApiOperation({ summary: 'One deployed version with its XML' })
  @ApiOkResponse({ type: DefinitionDetailDto })
  async byId(@Param('id') id: string): Promise<DefinitionDetailDto> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.tx.reader().findOneBy(WorkflowDefinition, { id })
      : null;
    if (!row) throw new NotFoundException(`Definition ${id} does not exist.`);
    return { ...toDefinitionDto(row), xml: row.xml };
  }

  @Get(':processId/versions')
  @ApiOperation({
    summary: 'Every deployed version of one process, newest first, with its running instances',
  })
  @ApiOkResponse({ type: [DefinitionVersionDto] })
  async versions(@Param('processId') processId: string): Promise<DefinitionVersionDto[]> {
    const reader = this.tx.reader();
    const rows = await reader.find(WorkflowDefinition, {
      select: SUMMARY_COLUMNS,
      where: { processId },
      order: { version: 'DESC' },
    });
    if (rows.length === 0) throw new NotFoundException(`Process ${processId} is not deployed.`);
    const running = await reader
      .createQueryBuilder(WorkflowInstance, 'i')
      .select('i.definitionId', 'definitionId')
      .addSelect('COUNT(*)::int', 'count')
      .where('i.processId = :processId', { processId })
      .andWhere('i.status = :status', { status: 'active' satisfies InstanceStatus })
      .groupBy('i.definitionId')
      .getRawMany<{ definitionId: string; count: number }>();
    const counts = new Map(running.map((r) => [r.definitionId, Number(r.count)]));
    return rows.map((row) => ({
      ...toDefinitionDto(row),
      runningInstances: counts.get(row.id) ?? 0,
    }));
  }

  @Post('validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Compile without deploying: the problems a deployment would report (OD)',
  })
  @ApiOkResponse({ type: ValidationResultDto })
  async validate(
    @CurrentUser() user: AuthUser,
    @Body() body: ValidateDefinitionDto,
  ): Promise<ValidationResultDto> {
    this.access.assertOd(user);
    const problems = await this.deployer.validate(body.xml);
    return {
      ok: problems.length === 0,
      problems: problems.map((p) => ({ ...p, elementId: p.elementId ?? undefined })),
    };
  }

  @Post()
  @ApiOperation({
    summary: 'Deploy a new version of each executable process in the XML (OD); 400 with problems',
  })
  @ApiCreatedResponse({ type: [DefinitionDto] })
  async deploy(
    @CurrentUser() user: AuthUser,
    @Body() body: DeployDefinitionDto,
  ): Promise<DefinitionDto[]> {
    this.access.assertOd(user);
    const rows = await this.deployer.deploy({
      xml: body.xml,
      name: body.name ?? null,
      note: body.note ?? null,
      source: 'upload',
      deployedBy: user.personId,
    });
    await this.events.record({
      kind: 'definition_deployed',
      actor: user,
      detail: rows.map((row) => `${row.processId} v${row.version}`).join(', '),
    });
    return rows.map(toDefinitionDto);
  }
}
