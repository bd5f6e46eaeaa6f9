import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AllowStreamTicket } from '../auth/stream-ticket.js';
import { NotificationListQuery, NotificationSettingsDto, RobotDto } from './notification.dto.js';
import {
  NotificationListResponse,
  NotificationSettingsResponse,
  RobotResponse,
  UnreadCountResponse,
} from './notification.response.js';
import { NotificationService } from './notification.service.js';
import { NotificationStreams } from './notification.streams.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly streams: NotificationStreams,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationListResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQuery) {
    return this.notifications.list(user, query.page ?? 1, query.pageSize ?? 20);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ type: UnreadCountResponse })
  async unreadCount(@CurrentUser() user: AuthUser): Promise<UnreadCountResponse> {
    return { unread: await this.notifications.unread(user.personId) };
  }

  @Get('stream')
  @AllowStreamTicket()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Server-sent events: `unread` {unread} on connect and on each change',
    description:
      'Opened with the access token, or from a browser EventSource with the stream-ticket cookie of POST /api/auth/stream-ticket.',
  })
  @ApiOkResponse({
    description: 'An event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  async stream(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    reply.hijack();
    await this.streams.attach(user.personId, reply.raw);
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiNoContentResponse()
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read' })
  @ApiNoContentResponse()
  read(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.markRead(user, id);
  }

  @Get('settings')
  @ApiOperation({ summary: 'My channels: e-mail per kind, or a daily digest' })
  @ApiOkResponse({ type: NotificationSettingsResponse })
  settings(@CurrentUser() user: AuthUser) {
    return this.notifications.settings(user);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Choose my channels' })
  @ApiOkResponse({ type: NotificationSettingsResponse })
  saveSettings(@CurrentUser() user: AuthUser, @Body() dto: NotificationSettingsDto) {
    return this.notifications.saveSettings(user, dto);
  }
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class RobotsController {
  constructor(private readonly notifications: NotificationService) {}

  @Get('org-units/:id/robots')
  @ApiOperation({ summary: "A unit's group robots (WeCom, DingTalk, Feishu)" })
  @ApiOkResponse({ type: [RobotResponse] })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.robots(user, id);
  }

  @Post('org-units/:id/robots')
  @ApiOperation({ summary: "Register a unit's group robot webhook (with its signing secret)" })
  @ApiOkResponse({ type: RobotResponse })
  @HttpCode(200)
  add(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RobotDto,
  ) {
    return this.notifications.addRobot(user, id, dto);
  }

  @Delete('robots/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a group robot' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.removeRobot(user, id);
  }
}
