import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { PlanListQuery, StartPlanDto, WeakBranchDto } from './plan.dto.js';
import type { MonthlyPlan } from './plan.entity.js';
import { MonthlyPlanResponse, PlanViewResponse } from './plan.response.js';
import { PlanService, type PlanView } from './plan.service.js';

@ApiTags('plans')
@ApiBearerAuth()
@Controller()
export class PlansController {
  constructor(private readonly plans: PlanService) {}

  @Get('plans')
  @ApiOperation({ summary: 'Plans of the branches I can see (月度计划)' })
  @ApiOkResponse({ type: [MonthlyPlanResponse] })
  list(@CurrentUser() user: AuthUser, @Query() query: PlanListQuery): Promise<MonthlyPlan[]> {
    return this.plans.list(user, query);
  }

  @Get('plans/:id')
  @ApiOperation({ summary: 'A plan with its reviews (审批记录)' })
  @ApiOkResponse({ type: PlanViewResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<PlanView> {
    return this.plans.get(user, id);
  }

  @Post('plans')
  @ApiOperation({
    summary: "Start a branch's plan flow by hand (without a published study content)",
  })
  @ApiCreatedResponse({ type: MonthlyPlanResponse })
  start(@CurrentUser() user: AuthUser, @Body() body: StartPlanDto): Promise<MonthlyPlan> {
    return this.plans.startByHand(user, body.branchId, body.month);
  }

  @Put('branches/:id/weak')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Mark a branch weak (组织能力较弱): its plans get the second approval level',
  })
  @ApiNoContentResponse({ description: 'Marked (or unmarked)' })
  async markWeak(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: WeakBranchDto,
  ): Promise<void> {
    await this.plans.markWeak(user, id, body.weak, body.note);
  }
}
