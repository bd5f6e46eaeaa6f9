import type { CallActivityInfo, Variables } from '@orglife/engine';
import type { EntityManager } from 'typeorm';
import type { Journal } from '../history/journal.js';

/** Work one step hands to other instances, done later in the same transaction. */
export type FollowUp =
  | { kind: 'startChild'; parentId: string; call: CallActivityInfo }
  | { kind: 'childCompleted'; parentId: string; elementInstanceId: string; variables: Variables }
  | { kind: 'childFailed'; parentId: string; elementInstanceId: string; errorCode: string }
  | { kind: 'childEscalated'; parentId: string; elementInstanceId: string; escalationCode: string }
  | { kind: 'cancelChild'; parentId: string; elementInstanceId: string }
  | { kind: 'message'; name: string; correlationKey: string | null; variables: Variables }
  | { kind: 'signal'; name: string; variables: Variables }
  /** A step its model's approver rules skipped: completed as approved by rule. */
  | { kind: 'skipTask'; instanceId: string; taskId: string; variables: Variables };

/** One command's transaction: every step in it shares the clock reading and the actor. */
export interface CommandContext {
  em: EntityManager;
  now: Date;
  /** Person id, or `system`. */
  actor: string;
  followUps: FollowUp[];
  /** History and audit rows, written when the command's work is done. */
  journal: Journal;
}
