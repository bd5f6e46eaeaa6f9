import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { HandoverDto, HandoverPreviewDto, HandoverQueryDto } from './handover.dto.js';
import { HandoverService } from './handover.service.js';

@ApiTags('org')
@ApiBearerAuth()
@Controller('role-assignments/:id/handover')
export class HandoverController {
  constructor(private readonly handovers: HandoverService) {}

  @Get()
  @ApiOperation({
    summary:
      '换届 preview: the open tasks, drafts and records that would follow the role to the new holder',
  })
  @ApiOkResponse({ type: HandoverPreviewDto })
  preview(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HandoverQueryDto,
  ): Promise<HandoverPreviewDto> {
    return this.handovers.preview(user, id, query.toPersonId);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      '换届 / 职务交接: the role passes to the new holder (a person of the unit), with its open tasks, drafts and records; audit rows for each',
  })
  @ApiOkResponse({ type: HandoverPreviewDto })
  handOver(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: HandoverDto,
  ): Promise<HandoverPreviewDto> {
    return this.handovers.handOver(user, id, body.toPersonId, body.note);
  }
}
