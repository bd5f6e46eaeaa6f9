import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { validateVariables } from '../tasks/variables.validator.js';
import { DomainRecordGuard } from './domain-record.guard.js';
import { WorkflowAccess } from '../workflow-access.js';
import { CorrelationResultDto, MessageDto, SignalDto } from './instance.dto.js';
import { WorkflowRuntimeService } from './workflow-runtime.service.js';

/** Messages and signals from outside: OD only, as they may reach instances of any unit. */
@ApiTags('instances')
@ApiBearerAuth()
@Controller()
export class EventController {
  constructor(
    private readonly runtime: WorkflowRuntimeService,
    private readonly access: WorkflowAccess,
    private readonly domainRecords: DomainRecordGuard,
  ) {}

  @Post('messages')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correlate a message to the waiting instance, or start one (OD)' })
  @ApiOkResponse({ type: CorrelationResultDto })
  async message(
    @CurrentUser() user: AuthUser,
    @Body() body: MessageDto,
  ): Promise<CorrelationResultDto> {
    this.access.assertOd(user);
    const variables = validateVariables(body.variables);
    await this.domainRecords.refuseLinks(variables);
    return this.runtime.correlateMessage(null, {
      name: body.name,
      correlationKey: body.correlationKey ?? null,
      variables,
      actor: user.personId,
    });
  }

  @Post('signals')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Broadcast a signal to every waiting instance and signal start event (OD)',
  })
  @ApiOkResponse({ type: CorrelationResultDto })
  async signal(
    @CurrentUser() user: AuthUser,
    @Body() body: SignalDto,
  ): Promise<CorrelationResultDto> {
    this.access.assertOd(user);
    const variables = validateVariables(body.variables);
    await this.domainRecords.refuseLinks(variables);
    return this.runtime.broadcastSignal(null, {
      name: body.name,
      variables,
      actor: user.personId,
    });
  }
}
