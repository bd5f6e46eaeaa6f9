import type { FollowUp as EngineFollowUp, Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import type { Journal } from '../history/journal.js';

/**
 * Work one step hands to other instances, done later in the same transaction: the engine's
 * orchestration follow-ups, and steps the approver rules skip.
 */
export type FollowUp =
  | EngineFollowUp
  /** A step its model's approver rules skipped: completed as approved by rule. */
  | { kind: 'skipTask'; instanceId: string; taskId: string; variables: Variables };

/** One command's transaction: every step in it shares the clock reading and the actor. */
export interface CommandContext {
  em: EntityManager;
  /** The transaction's held-back writes, sent in the order added with its next read or COMMIT. */
  writes: UnitOfWork;
  now: Date;
  /** Person id, or `system`. */
  actor: string;
  followUps: FollowUp[];
  /** History and audit rows, written when the command's work is done. */
  journal: Journal;
}
