import { ApiProperty } from '@nestjs/swagger';
import { BranchMemberResponse } from '../plans/plan.response.js';
import { OrgSessionResponse, SessionReportResponse } from '../sessions/session.response.js';
import { TaskFormContext } from '../task-forms/task-form-context.js';
import type {
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardComment,
  VanguardRound,
} from './evaluation.entity.js';
import type { SessionEvaluations } from './evaluation.service.js';
import { type VanguardGrade } from './evaluation.vocabulary.js';

/** 党员评议支部. */
export class BranchReviewResponse implements BranchReview {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  reviewerId: string;

  rating: number;

  opinion: string;

  createdAt: Date;
}

/** 党员互评 on a member's report. */
export class PeerReviewResponse implements PeerReview {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  reportId: string;

  @ApiProperty({ format: 'uuid' })
  reviewerId: string;

  comment: string;

  createdAt: Date;
}

/** 书记点评. */
export class SecretaryCommentResponse implements SecretaryComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  comment: string;

  createdAt: Date;
}

/** A session's evaluations (评议). */
export class SessionEvaluationsResponse implements SessionEvaluations {
  @ApiProperty({ format: 'uuid' })
  sessionId: string;

  branchReviews: BranchReviewResponse[];

  peerReviews: PeerReviewResponse[];

  secretaryComments: SecretaryCommentResponse[];
}

/** One quarter's round of 先锋创绩 comments. */
export class VanguardRoundResponse implements VanguardRound {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026Q4' })
  quarter: string;

  @ApiProperty({ type: String, format: 'uuid', description: 'Workflow instance' })
  instanceId: string | null;

  openedAt: Date;
}

export class VanguardCommentResponse implements VanguardComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  roundId: string;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  grade: VanguardGrade;

  comment: string;

  createdAt: Date;
}

/** What the session's evaluation forms show: the members and their reports (三汇报). */
@TaskFormContext('orglife:member-review', 'orglife:secretary-comments')
export class EvaluationContextResponse {
  session: OrgSessionResponse;

  members: BranchMemberResponse[];

  reports: SessionReportResponse[];
}

/** What a branch's 先锋创绩 comments show. */
@TaskFormContext('orglife:vanguard-comments')
export class VanguardContextResponse {
  round: VanguardRoundResponse | null;

  @ApiProperty({ format: 'uuid' })
  branchId: string;

  members: BranchMemberResponse[];
}
