import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { Transactions } from '../../database/transactions.js';
import { SecurityEvents } from '../../security-events/security-events.service.js';
import { WorkflowAccess } from '../workflow-access.js';
import { DecisionDeployment } from './decision-deployment.entity.js';
import { DecisionDeployer } from './decision.deployer.js';
import { DeployedDecisionDto, DeployDecisionsDto } from './decision.dto.js';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionController {
  constructor(
    private readonly deployer: DecisionDeployer,
    private readonly access: WorkflowAccess,
    private readonly tx: Transactions,
    private readonly events: SecurityEvents,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every deployed decision at its latest deployment (OD)' })
  @ApiOkResponse({ type: [DeployedDecisionDto] })
  async list(@CurrentUser() user: AuthUser): Promise<DeployedDecisionDto[]> {
    this.access.assertOd(user);
    const rows = await this.tx.reader().find(DecisionDeployment, {
      select: {
        id: true,
        decisionIds: true,
        decisionNames: true,
        sourceName: true,
        deployedAt: true,
      },
      order: { deployedAt: 'ASC', id: 'ASC' },
    });
    const latest = new Map<string, DeployedDecisionDto>();
    for (const row of rows) {
      for (const decision of decisionsOf(row)) latest.set(decision.decisionId, decision);
    }
    return [...latest.values()].sort((a, b) => a.decisionId.localeCompare(b.decisionId));
  }

  @Post()
  @ApiOperation({
    summary:
      'Deploy a DMN file beside the flows (OD): its decisions become the latest for business rule tasks; 400 with problems, nothing stored',
  })
  @ApiCreatedResponse({ type: [DeployedDecisionDto] })
  async deploy(
    @CurrentUser() user: AuthUser,
    @Body() body: DeployDecisionsDto,
  ): Promise<DeployedDecisionDto[]> {
    this.access.assertOd(user);
    const row = await this.deployer.deploy({
      xml: body.xml,
      source: 'upload',
      sourceName: body.sourceName ?? null,
      deployedBy: user.personId,
    });
    await this.events.record({
      kind: 'definition_deployed',
      actor: user,
      detail: `decisions ${row.decisionIds.join(', ')}`,
    });
    return decisionsOf(row);
  }
}

function decisionsOf(
  row: Pick<
    DecisionDeployment,
    'id' | 'decisionIds' | 'decisionNames' | 'sourceName' | 'deployedAt'
  >,
): DeployedDecisionDto[] {
  return row.decisionIds.map((decisionId, i) => ({
    decisionId,
    name: row.decisionNames[i] ?? decisionId,
    deploymentId: row.id,
    sourceName: row.sourceName,
    deployedAt: row.deployedAt.toISOString(),
  }));
}
