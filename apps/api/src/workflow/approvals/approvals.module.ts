import { Module } from '@nestjs/common';
import { InstanceTrailController } from '../history/instance-trail.controller.js';
import { ApprovalController } from './approval.controller.js';
import { TaskCopyController } from './task-copy.controller.js';
import { TaskCopyService } from './task-copy.service.js';
import { TaskCosignService } from './task-cosign.service.js';
import { TaskVoteService } from './task-vote.service.js';

/**
 * Approval verbs over the workflow runtime (issue 19): 会签 / 或签 / 票签 votes, 加签 / 减签,
 * 抄送, and the instance's audit trail that shows them.
 */
@Module({
  controllers: [ApprovalController, TaskCopyController, InstanceTrailController],
  providers: [TaskVoteService, TaskCosignService, TaskCopyService],
})
export class ApprovalsModule {}
