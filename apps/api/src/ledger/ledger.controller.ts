import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { YearQueryDto } from '../common/year-query.dto.js';
import { LedgerQueryDto, UpdateRequirementDto } from './ledger.dto.js';
import {
  BranchLedgerResponse,
  LecturerLedgerResponse,
  LedgerRequirementResponse,
  MemberLedgerResponse,
  MyLedgerResponse,
} from './ledger.response.js';
import { LedgerService } from './ledger.service.js';
import { ledgerWorkbook } from './ledger.xlsx.js';
import { SecurityEvents } from '../security-events/security-events.service.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly events: SecurityEvents,
  ) {}

  @Get('members')
  @ApiOperation({
    summary:
      'Per member: speeches, micro-lectures, reports, vanguard comments, attendance; a plain member gets only their own row',
  })
  @ApiOkResponse({ type: MemberLedgerResponse })
  members(@CurrentUser() user: AuthUser, @Query() query: LedgerQueryDto) {
    return this.ledger.members(user, query);
  }

  @Get('mine')
  @ApiOperation({
    summary:
      'My own rows (我的台账): as a member, a committee secretary, a school leader — for anyone, whatever else they may read',
  })
  @ApiOkResponse({ type: MyLedgerResponse })
  mine(@CurrentUser() user: AuthUser, @Query() query: YearQueryDto) {
    return this.ledger.mine(user, query.year);
  }

  @Get('branches')
  @ApiOperation({
    summary: 'Per branch: qualified sessions, 三会一课 counts, lectures, shortfalls with due dates',
  })
  @ApiOkResponse({ type: BranchLedgerResponse })
  async branches(@CurrentUser() user: AuthUser, @Query() query: LedgerQueryDto) {
    const { year, asOf, branches } = await this.ledger.full(user, query);
    return { year, asOf, rows: branches };
  }

  @Get('secretaries')
  @ApiOperation({ summary: 'Per committee secretary: special lectures per semester' })
  @ApiOkResponse({ type: LecturerLedgerResponse })
  async secretaries(@CurrentUser() user: AuthUser, @Query() query: LedgerQueryDto) {
    const { year, asOf, committeeSecretaries } = await this.ledger.full(user, query);
    return { year, asOf, rows: committeeSecretaries };
  }

  @Get('leaders')
  @ApiOperation({ summary: 'Per school leader: special lectures per year (OD sees all)' })
  @ApiOkResponse({ type: LecturerLedgerResponse })
  async leaders(@CurrentUser() user: AuthUser, @Query() query: LedgerQueryDto) {
    const { year, asOf, leaders } = await this.ledger.full(user, query);
    return { year, asOf, rows: leaders };
  }

  @Get('export.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The ledger I may see as an .xlsx workbook' })
  @ApiOkResponse({
    description: 'The workbook, as an attachment',
    schema: { type: 'string', format: 'binary' },
  })
  async export(
    @CurrentUser() user: AuthUser,
    @Query() query: LedgerQueryDto,
  ): Promise<StreamableFile> {
    const view = await this.ledger.full(user, query);
    const labels = new Map((await this.ledger.requirements()).map((r) => [r.key, r.label]));
    const body = await ledgerWorkbook(view, labels);
    await this.events.record({ kind: 'data_exported', actor: user, detail: `台账 ${view.year}` });
    return new StreamableFile(body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="ledger-${view.year}.xlsx"`,
    });
  }

  @Get('requirements')
  @ApiOperation({ summary: 'The configurable requirements (三会一课 frequencies etc.)' })
  @ApiOkResponse({ type: [LedgerRequirementResponse] })
  requirements() {
    return this.ledger.requirements();
  }

  @Put('requirements/:key')
  @ApiOperation({ summary: 'OD changes a requirement’s period or minimum count' })
  @ApiOkResponse({ type: LedgerRequirementResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('key') key: string,
    @Body() dto: UpdateRequirementDto,
  ) {
    return this.ledger.updateRequirement(user, key, dto);
  }
}
