import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../auth/auth-user.js';
import { CurrentUser } from '../../auth/current-user.decorator.js';
import { IncidentDto, IncidentPageDto, IncidentQueryDto, toIncidentDto } from './incident.dto.js';
import { IncidentService } from './incident.service.js';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentController {
  constructor(private readonly incidents: IncidentService) {}

  @Get()
  @ApiOperation({ summary: 'Incidents within my reach (OD all, committee leadership its subtree)' })
  @ApiOkResponse({ type: IncidentPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: IncidentQueryDto,
  ): Promise<IncidentPageDto> {
    const page = await this.incidents.list(user, query);
    return { items: page.items.map(toIncidentDto), total: page.total };
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the incident and run the failed step again' })
  @ApiOkResponse({ type: IncidentDto })
  async retry(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<IncidentDto> {
    return toIncidentDto(await this.incidents.retry(user, id));
  }
}
