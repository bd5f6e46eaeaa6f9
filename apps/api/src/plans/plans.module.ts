import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MonthlyPlan } from './plan.entity.js';
import { PlanReview } from './plan-review.entity.js';
import { WeakBranch } from './weak-branch.entity.js';
import { BranchVisibility } from './branch-visibility.service.js';
import { BranchDirectory } from './branch.directory.js';
import { PlanBatchApprovalController } from './plan-batch-approval.controller.js';
import { PlanBatchApprovalService } from './plan-batch-approval.service.js';
import { PlanForms } from './plan.forms.js';
import { PlanJobs } from './plan.jobs.js';
import { PlanService } from './plan.service.js';
import { PlansController } from './plans.controller.js';

/** Monthly plans: the `monthly-plan` flow's forms and service tasks, plan reads, 批量审批. */
@Module({
  imports: [TypeOrmModule.forFeature([MonthlyPlan, PlanReview, WeakBranch])],
  controllers: [PlansController, PlanBatchApprovalController],
  providers: [
    BranchDirectory,
    BranchVisibility,
    PlanService,
    PlanForms,
    PlanJobs,
    PlanBatchApprovalService,
  ],
  exports: [BranchDirectory, BranchVisibility, PlanService],
})
export class PlansModule {}
