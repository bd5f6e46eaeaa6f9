import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CreateOrgUnitDto, OrgUnitDto, OrgUnitNodeDto, UpdateOrgUnitDto } from './org-unit.dto.js';
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

  @Patch(':id')
  @ApiOkResponse({
    type: OrgUnitDto,
    description: 'Organization Department only: rename, recode, move (with its subtree) or re-sort',
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrgUnitDto,
  ): Promise<OrgUnitDto> {
    return this.service.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description:
      'Organization Department only; 409 while the unit has sub-units, people, roles or records',
  })
  delete(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.service.delete(user, id);
  }
}
