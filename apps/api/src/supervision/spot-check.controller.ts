import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { SpotCheckService } from './spot-check.service.js';
import { RecordsQueryDto, StartSpotCheckDto } from './supervision.dto.js';
import {
  SessionRecordResponse,
  SpotCheckBatchViewResponse,
  SpotCheckReplayResponse,
  StartedInstanceResponse,
} from './supervision.response.js';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SpotCheckController {
  constructor(private readonly service: SpotCheckService) {}

  @Get('spot-checks')
  @ApiOperation({ summary: '月度抽查 batches with seed, rule and sampled items (my part of them)' })
  @ApiOkResponse({ type: [SpotCheckBatchViewResponse] })
  list(@CurrentUser() user: AuthUser) {
    return this.service.list(user);
  }

  @Post('spot-checks')
  @ApiOperation({ summary: 'OD starts a spot check now (optional sampleRate, seed, month)' })
  @ApiCreatedResponse({ type: StartedInstanceResponse })
  start(@CurrentUser() user: AuthUser, @Body() dto: StartSpotCheckDto) {
    return this.service.start(user, dto);
  }

  @Get('spot-checks/:id')
  @ApiOperation({ summary: 'One spot-check batch with the items visible to me' })
  @ApiOkResponse({ type: SpotCheckBatchViewResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.get(user, id);
  }

  @Get('spot-checks/:id/replay')
  @ApiOperation({ summary: 'Re-derive the sample from the recorded seed and compare (audit)' })
  @ApiOkResponse({ type: SpotCheckReplayResponse })
  replay(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.replay(user, id);
  }

  @Get('supervision/branches/:branchId/records')
  @ApiOperation({
    summary: "A branch's session records of a month, for inspectors of sampled branches only",
  })
  @ApiOkResponse({ type: [SessionRecordResponse] })
  records(
    @CurrentUser() user: AuthUser,
    @Param('branchId', ParseUUIDPipe) branchId: string,
    @Query() query: RecordsQueryDto,
  ) {
    return this.service.records(user, branchId, query.month);
  }
}
