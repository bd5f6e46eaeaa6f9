import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import {
  CreatePersonDto,
  PeopleQueryDto,
  PersonDetailDto,
  PersonPageDto,
  TransferPersonDto,
} from './person.dto.js';
import { PersonService } from './person.service.js';

@ApiTags('org')
@ApiBearerAuth()
@Controller('people')
export class PersonController {
  constructor(private readonly service: PersonService) {}

  @Get()
  @ApiOkResponse({ type: PersonPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PeopleQueryDto): Promise<PersonPageDto> {
    return this.service.list(user, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonDetailDto })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PersonDetailDto> {
    return this.service.get(user, id);
  }

  @Post()
  @ApiCreatedResponse({ type: PersonDetailDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePersonDto): Promise<PersonDetailDto> {
    return this.service.create(user, dto);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: '组织关系调转: move a person to another branch or group from a date (the ledger splits there)',
  })
  @ApiOkResponse({ type: PersonDetailDto })
  transfer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransferPersonDto,
  ): Promise<PersonDetailDto> {
    return this.service.transfer(user, id, dto);
  }
}
