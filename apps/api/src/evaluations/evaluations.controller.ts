import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import type { VanguardComment, VanguardRound } from './evaluation.entity.js';
import {
  SessionEvaluationsResponse,
  VanguardCommentResponse,
  VanguardRoundResponse,
} from './evaluation.response.js';
import { EvaluationService, type SessionEvaluations } from './evaluation.service.js';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller()
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationService) {}

  @Get('evaluations')
  @ApiQuery({ name: 'sessionId', format: 'uuid' })
  @ApiOperation({
    summary: "A session's member reviews, peer reviews and secretary comments (评议)",
  })
  @ApiOkResponse({ type: SessionEvaluationsResponse })
  ofSession(
    @CurrentUser() user: AuthUser,
    @Query('sessionId', ParseUUIDPipe) sessionId: string,
  ): Promise<SessionEvaluations> {
    return this.evaluations.ofSession(user, sessionId);
  }

  @Get('vanguard-rounds')
  @ApiOperation({ summary: 'Quarterly 先锋创绩 rounds' })
  @ApiOkResponse({ type: [VanguardRoundResponse] })
  rounds(): Promise<VanguardRound[]> {
    return this.evaluations.rounds();
  }

  @Get('vanguard-rounds/:id/comments')
  @ApiOperation({ summary: "A round's comments on members of the branches I can see" })
  @ApiOkResponse({ type: [VanguardCommentResponse] })
  comments(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<VanguardComment[]> {
    return this.evaluations.roundComments(user, id);
  }
}
