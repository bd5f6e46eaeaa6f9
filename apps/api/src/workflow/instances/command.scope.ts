import { Inject, Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { Conflict } from '../../common/errors.js';
import { CLOCK, type Clock } from '../../clock/clock.js';
import { Transactions } from '../../database/transactions.js';
import { UnitOfWork } from '../../database/unit-of-work.js';
import { Journal } from '../history/journal.js';
import type { CommandContext } from './command-context.js';
import { asDomainError } from './engine-errors.js';
import { FollowUpProcessor } from './follow-up.processor.js';

const PG_SERIALIZATION_FAILURE = '40001';
const PG_DEADLOCK_DETECTED = '40P01';

/**
 * One command = one transaction: `work` runs the engine on the instances it locks, then
 * every follow-up it caused runs before commit. Pass the caller's EntityManager to join
 * its transaction (a domain module writing its own rows with the same commit).
 */
@Injectable()
export class CommandScope {
  constructor(
    private readonly tx: Transactions,
    private readonly followUps: FollowUpProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<T>(
    em: EntityManager | null | undefined,
    actor: string,
    work: (ctx: CommandContext) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.tx.run(async (txEm) => {
        // A transaction Transactions.run opened is a unit of work; another one is joined.
        const opened = UnitOfWork.of(txEm);
        const writes = opened ?? UnitOfWork.join(txEm);
        const ctx: CommandContext = {
          em: txEm,
          writes,
          now: this.clock.now(),
          actor,
          followUps: [],
          journal: new Journal(),
        };
        try {
          const result = await work(ctx);
          await this.followUps.drain(ctx);
          await ctx.journal.flush(txEm);
          // Its commit sends an opened unit of work's writes; a joined one is sent now.
          if (!opened) await writes.leave();
          return result;
        } finally {
          if (!opened) writes.forget();
        }
      }, em);
    } catch (error) {
      throw asDomainError(asConflict(error));
    }
  }
}

function asConflict(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK_DETECTED
    ? new Conflict('A concurrent change got in the way; please retry (并发冲突，请重试).')
    : error;
}
