import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { languageOf } from '../common/locale.js';
import {
  BatchApprovalItemResponse,
  BatchApprovalResultResponse,
  BatchApproveDto,
  toBatchItem,
  toBatchResult,
} from './plan-batch-approval.dto.js';
import { PlanBatchApprovalService } from './plan-batch-approval.service.js';

/** 批量审批 of monthly plans by their committee. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plan-approvals/batch')
export class PlanBatchApprovalController {
  constructor(private readonly batch: PlanBatchApprovalService) {}

  @Get()
  @ApiOperation({
    summary:
      "The plans awaiting my committee approval, each against its branch's previous month, with the warnings that keep it out of a batch",
  })
  @ApiOkResponse({ type: [BatchApprovalItemResponse] })
  async preview(
    @CurrentUser() user: AuthUser,
    @Headers('accept-language') accept?: string,
  ): Promise<BatchApprovalItemResponse[]> {
    const language = languageOf(accept);
    return (await this.batch.preview(user)).map((c) => toBatchItem(c, language));
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      '批量审批: approve the chosen plans, each in its own transaction; a plan with a warning is refused (handle it one by one)',
  })
  @ApiOkResponse({ type: [BatchApprovalResultResponse] })
  async approve(
    @CurrentUser() user: AuthUser,
    @Body() body: BatchApproveDto,
    @Headers('accept-language') accept?: string,
  ): Promise<BatchApprovalResultResponse[]> {
    const language = languageOf(accept);
    return (await this.batch.approve(user, body.taskIds)).map((r) => toBatchResult(r, language));
  }
}
