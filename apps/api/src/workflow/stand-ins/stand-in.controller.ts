import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { CreateStandInDto, StandInCreatedDto, StandInDto } from './stand-in.dto.js';
import { StandInService } from './stand-in.service.js';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('stand-ins')
export class StandInController {
  constructor(private readonly standIns: StandInService) {}

  @Get()
  @ApiOperation({
    summary: '代理: the stand-ins in force or ahead where I am the person or the stand-in',
  })
  @ApiOkResponse({ type: [StandInDto] })
  mine(@CurrentUser() user: AuthUser): Promise<StandInDto[]> {
    return this.standIns.mine(user);
  }

  @Post()
  @ApiOperation({
    summary: '代理: name a stand-in for a period (出差, 请假); new tasks go to them',
  })
  @ApiCreatedResponse({ type: StandInCreatedDto })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateStandInDto,
  ): Promise<StandInCreatedDto> {
    return { id: await this.standIns.create(user, body) };
  }

  @Post(':id/revoke')
  @HttpCode(204)
  @ApiOperation({ summary: '代理: end a stand-in early' })
  async revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.standIns.revoke(user, id);
  }
}
