import { Module } from '@nestjs/common';
import { ApprovalController } from './approval.controller.js';
import { TaskCopyController } from './task-copy.controller.js';
import { TaskCopyService } from './task-copy.service.js';
import { TaskCosignService } from './task-cosign.service.js';
import { TaskSequentialService } from './task-sequential.service.js';
import { TaskVoteService } from './task-vote.service.js';

/**
 * Approval verbs over the workflow runtime (issue 19): 会签 / 或签 / 票签 votes, 加签 / 减签 and
 * 抄送; each leaves audit rows, which the instance's trail and the audit log show.
 */
@Module({
  controllers: [ApprovalController, TaskCopyController],
  providers: [TaskVoteService, TaskCosignService, TaskCopyService, TaskSequentialService],
})
export class ApprovalsModule {}
