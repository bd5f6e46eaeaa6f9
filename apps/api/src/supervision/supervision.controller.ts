import { Body, Controller, Get, ParseIntPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AnnualInspectionService } from './annual-inspection.service.js';
import { OnsiteSupervisionService } from './onsite-supervision.service.js';
import { StartInspectionDto, StartOnsiteSupervisionDto } from './supervision.dto.js';
import {
  AnnualInspectionResponse,
  OnsiteSupervisionResponse,
  StartedInstanceResponse,
} from './supervision.response.js';

@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisionController {
  constructor(
    private readonly onsite: OnsiteSupervisionService,
    private readonly inspections: AnnualInspectionService,
  ) {}

  @Get('onsite-supervisions')
  @ApiOperation({ summary: '现场督导 records in my subtree' })
  @ApiOkResponse({ type: [OnsiteSupervisionResponse] })
  listOnsite(@CurrentUser() user: AuthUser) {
    return this.onsite.list(user);
  }

  @Post('onsite-supervisions')
  @ApiOperation({
    summary: 'A committee leader starts an on-site supervision of a branch (session optional)',
  })
  @ApiCreatedResponse({ type: OnsiteSupervisionResponse })
  startOnsite(@CurrentUser() user: AuthUser, @Body() dto: StartOnsiteSupervisionDto) {
    return this.onsite.start(user, dto);
  }

  @Get('inspections')
  @ApiOperation({ summary: '年度调研督查 per committee' })
  @ApiOkResponse({ type: [AnnualInspectionResponse] })
  @ApiQuery({ name: 'year', required: false, type: Number })
  listInspections(
    @CurrentUser() user: AuthUser,
    @Query('year', new ParseIntPipe({ optional: true })) year?: number,
  ) {
    return this.inspections.list(user, year);
  }

  @Post('inspections')
  @ApiOperation({ summary: "OD starts the year's inspection now" })
  @ApiCreatedResponse({ type: StartedInstanceResponse })
  startInspection(@CurrentUser() user: AuthUser, @Body() dto: StartInspectionDto) {
    return this.inspections.start(user, dto);
  }
}
