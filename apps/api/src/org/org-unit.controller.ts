import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CreateOrgUnitDto, OrgUnitDto, OrgUnitNodeDto } from './org-unit.dto.js';
import { OrgUnitService } from './org-unit.service.js';

@ApiTags('org')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitController {
  constructor(private readonly service: OrgUnitService) {}

  @Get()
  @ApiOkResponse({ type: [OrgUnitNodeDto], description: 'The org tree visible to the caller' })
  tree(@CurrentUser() user: AuthUser): Promise<OrgUnitNodeDto[]> {
    return this.service.tree(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrgUnitDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrgUnitDto> {
    return this.service.get(user, id);
  }

  @Post()
  @ApiCreatedResponse({ type: OrgUnitDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitDto> {
    return this.service.create(user, dto);
  }
}
