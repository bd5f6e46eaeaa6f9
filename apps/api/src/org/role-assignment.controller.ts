import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
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
import {
  CreateRoleAssignmentDto,
  RoleAssignmentDto,
  RoleAssignmentQueryDto,
} from './role-assignment.dto.js';
import { RoleAssignmentService } from './role-assignment.service.js';

@ApiTags('org')
@ApiBearerAuth()
@Controller('role-assignments')
export class RoleAssignmentController {
  constructor(private readonly service: RoleAssignmentService) {}

  @Get()
  @ApiOkResponse({ type: [RoleAssignmentDto] })
  list(
    @CurrentUser() user: AuthUser,
    @Query() query: RoleAssignmentQueryDto,
  ): Promise<RoleAssignmentDto[]> {
    return this.service.list(user, query);
  }

  @Post()
  @ApiCreatedResponse({ type: RoleAssignmentDto })
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateRoleAssignmentDto,
  ): Promise<RoleAssignmentDto> {
    return this.service.create(user, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.service.remove(user, id);
  }
}
