import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardComment,
  VanguardRound,
} from './evaluation.entity.js';
import { PlansModule } from '../plans/plans.module.js';
import { EvaluationForms } from './evaluation.forms.js';
import { EvaluationJobs } from './evaluation.jobs.js';
import { EvaluationService } from './evaluation.service.js';
import { EvaluationsController } from './evaluations.controller.js';

/** Evaluations after each session and the quarterly 先锋创绩 comments. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      BranchReview,
      PeerReview,
      SecretaryComment,
      VanguardComment,
      VanguardRound,
    ]),
    PlansModule,
  ],
  controllers: [EvaluationsController],
  providers: [EvaluationService, EvaluationForms, EvaluationJobs],
})
export class EvaluationsModule {}
