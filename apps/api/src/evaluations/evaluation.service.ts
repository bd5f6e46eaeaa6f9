import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { NotFound } from '../common/errors.js';
import type { AuthUser } from '../auth/auth-user.js';
import { BranchVisibility } from '../plans/branch-visibility.service.js';
import { SessionReport } from '../sessions/session-parts.entity.js';
import { OrgSession } from '../sessions/session.entity.js';
import {
  BranchReview,
  PeerReview,
  SecretaryComment,
  VanguardComment,
  VanguardRound,
} from './evaluation.entity.js';

export interface SessionEvaluations {
  sessionId: string;
  branchReviews: BranchReview[];
  peerReviews: PeerReview[];
  secretaryComments: SecretaryComment[];
}

/** Reads evaluations and vanguard comments within the branches the caller can see. */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly visibility: BranchVisibility,
  ) {}

  async ofSession(user: AuthUser, sessionId: string): Promise<SessionEvaluations> {
    const em = this.db.manager;
    const session = await em.findOneBy(OrgSession, { id: sessionId });
    if (!session) throw new NotFound(`Session ${sessionId} does not exist (组织生活不存在).`);
    await this.visibility.assertVisible(user, session.branchId);
    const reportIds = (await em.findBy(SessionReport, { sessionId })).map((r) => r.id);
    return {
      sessionId,
      branchReviews: await em.find(BranchReview, {
        where: { sessionId },
        order: { createdAt: 'ASC' },
      }),
      peerReviews: reportIds.length ? await em.findBy(PeerReview, { reportId: In(reportIds) }) : [],
      secretaryComments: await em.find(SecretaryComment, {
        where: { sessionId },
        order: { createdAt: 'ASC' },
      }),
    };
  }

  rounds(): Promise<VanguardRound[]> {
    return this.db.getRepository(VanguardRound).find({ order: { quarter: 'DESC' } });
  }

  async roundComments(user: AuthUser, roundId: string): Promise<VanguardComment[]> {
    const branchIds = await this.visibility.branchIds(user);
    if (branchIds.length === 0) return [];
    return this.db.getRepository(VanguardComment).find({
      where: { roundId, branchId: In(branchIds) },
      order: { createdAt: 'ASC' },
    });
  }
}
