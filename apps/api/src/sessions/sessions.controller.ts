import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import type { SessionCorrection } from './session-correction.entity.js';
import { SessionCorrectionService } from './session-correction.service.js';
import { YearQueryDto } from '../common/year-query.dto.js';
import { MySessionsResponse } from './my-sessions.response.js';
import { MySessionsService } from './my-sessions.service.js';
import { CorrectSessionDto, SessionListQuery } from './session.dto.js';
import type { OrgSession } from './session.entity.js';
import { renderSessionRecord } from './session.print.js';
import {
  OrgSessionResponse,
  SessionCorrectionResponse,
  SessionViewResponse,
} from './session.response.js';
import { SessionService, type SessionView } from './session.service.js';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly corrections: SessionCorrectionService,
    private readonly mySessions: MySessionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sessions of the branches I can see (集中组织生活)' })
  @ApiOkResponse({ type: [OrgSessionResponse] })
  list(@CurrentUser() user: AuthUser, @Query() query: SessionListQuery): Promise<OrgSession[]> {
    return this.sessions.list(user, query);
  }

  @Get('mine')
  @ApiOperation({
    summary:
      'My own organizational life of a year (我的组织生活): my attendance, speeches, lectures and reports per session',
  })
  @ApiOkResponse({ type: MySessionsResponse })
  mine(@CurrentUser() user: AuthUser, @Query() query: YearQueryDto) {
    return this.mySessions.mine(user, query.year);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A session with attendance, segments, speeches, lectures, reports, decisions',
  })
  @ApiOkResponse({ type: SessionViewResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<SessionView> {
    return this.sessions.get(user, id);
  }

  @Get(':id/print')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The printable session record (台账)' })
  @ApiOkResponse({
    description: 'An HTML page for printing',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  async print(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<string> {
    return renderSessionRecord(await this.sessions.get(user, id));
  }

  @Post(':id/corrections')
  @ApiOperation({
    summary:
      '更正 a recorded session: the branch secretary within the set days, the committee any time, with a reason',
  })
  @ApiCreatedResponse({ type: SessionCorrectionResponse })
  correct(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CorrectSessionDto,
  ): Promise<SessionCorrection> {
    return this.corrections.correct(user, id, dto);
  }
}
