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
import { RectificationQueryDto, SelfFoundRectificationDto } from './rectification.dto.js';
import {
  RectificationBoardResponse,
  RectificationDetailResponse,
  RectificationResponse,
} from './rectification.response.js';
import { RectificationService } from './rectification.service.js';

@ApiTags('rectification')
@ApiBearerAuth()
@Controller('rectifications')
export class RectificationController {
  constructor(private readonly service: RectificationService) {}

  @Get()
  @ApiOperation({ summary: '整改看板: items visible to me, counts per status, overdue count' })
  @ApiOkResponse({ type: RectificationBoardResponse })
  board(@CurrentUser() user: AuthUser, @Query() query: RectificationQueryDto) {
    return this.service.board(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One rectification item with its full history (returns, reopenings)' })
  @ApiOkResponse({ type: RectificationDetailResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.service.get(user, id);
  }

  @Post()
  @ApiOperation({ summary: 'Record a self-found problem (自查) and start its rectification flow' })
  @ApiCreatedResponse({ type: RectificationResponse })
  open(@CurrentUser() user: AuthUser, @Body() dto: SelfFoundRectificationDto) {
    return this.service.openSelfFound(user, dto);
  }
}
