import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
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
import { CreateStudyContentDto, PublishStudyContentDto, StudyArrangementDto } from './study.dto.js';
import type { StudyContent } from './study-content.entity.js';
import { StudyContentResponse, StudyContentViewResponse } from './study.response.js';
import { StudyService, type StudyContentView } from './study.service.js';

@ApiTags('study')
@ApiBearerAuth()
@Controller('study-contents')
export class StudyController {
  constructor(private readonly study: StudyService) {}

  @Get()
  @ApiQuery({ name: 'month', required: false, example: '2026-12' })
  @ApiOperation({ summary: 'Monthly study contents (每月学习内容); drafts only for OD' })
  @ApiOkResponse({ type: [StudyContentResponse] })
  list(@CurrentUser() user: AuthUser, @Query('month') month?: string): Promise<StudyContent[]> {
    return this.study.list(user, month);
  }

  @Get(':id')
  @ApiOperation({ summary: "A study content with the committees' arrangements" })
  @ApiOkResponse({ type: StudyContentViewResponse })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyContentView> {
    return this.study.get(user, id);
  }

  @Post()
  @ApiOperation({ summary: "OD drafts the month's content; starts the study-content flow" })
  @ApiCreatedResponse({ type: StudyContentResponse })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateStudyContentDto,
  ): Promise<StudyContent> {
    return this.study.create(user, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish (completes the orglife:study-content-publish task)' })
  @ApiOkResponse({ type: StudyContentViewResponse })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PublishStudyContentDto,
  ): Promise<StudyContentView> {
    return this.study.publish(user, id, body);
  }

  @Post(':id/arrangements')
  @HttpCode(200)
  @ApiOperation({
    summary: "A committee's theme and arrangement (completes its orglife:study-arrangement task)",
  })
  @ApiOkResponse({ type: StudyContentViewResponse })
  arrange(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StudyArrangementDto,
  ): Promise<StudyContentView> {
    return this.study.arrange(user, id, body);
  }
}
