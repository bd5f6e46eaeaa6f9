import { Injectable } from '@nestjs/common';
import type { Command } from '@orglife/engine';
import { Conflict } from '../../common/errors.js';
import { DefinitionRepository } from '../definitions/definition.repository.js';
import type { CommandContext, FollowUp } from './command-context.js';
import { isStale } from './engine-errors.js';
import { EventCorrelator } from './event.correlator.js';
import { InstanceCommandRunner } from './instance-command.runner.js';
import { WorkflowInstance } from './instance.entity.js';
import { orgUnitOf } from './org-unit-of.js';

/**
 * Carries out, in the same transaction, what one instance's step asks of others: start a
 * called process, hand a child's result back to its parent, route thrown messages/signals.
 */
@Injectable()
export class FollowUpProcessor {
  constructor(
    private readonly runner: InstanceCommandRunner,
    private readonly correlator: EventCorrelator,
    private readonly definitions: DefinitionRepository,
  ) {}

  async drain(ctx: CommandContext): Promise<void> {
    for (let next = ctx.followUps.shift(); next; next = ctx.followUps.shift()) {
      await this.process(ctx, next);
    }
  }

  private async process(ctx: CommandContext, followUp: FollowUp): Promise<void> {
    const now = ctx.now.toISOString();
    switch (followUp.kind) {
      case 'startChild':
        return this.startChild(ctx, followUp);
      case 'childCompleted':
        return this.runOnParent(ctx, followUp.parentId, {
          type: 'completeCallActivity',
          elementInstanceId: followUp.elementInstanceId,
          variables: followUp.variables,
          now,
        });
      case 'childFailed':
        return this.runOnParent(ctx, followUp.parentId, {
          type: 'failCallActivity',
          elementInstanceId: followUp.elementInstanceId,
          errorCode: followUp.errorCode,
          now,
        });
      case 'childEscalated':
        return this.runOnParent(ctx, followUp.parentId, {
          type: 'escalateCallActivity',
          elementInstanceId: followUp.elementInstanceId,
          escalationCode: followUp.escalationCode,
          now,
        });
      case 'cancelChild': {
        const children = await ctx.em.find(WorkflowInstance, {
          select: { id: true },
          where: {
            parentInstanceId: followUp.parentId,
            parentElementInstanceId: followUp.elementInstanceId,
            status: 'active',
          },
        });
        for (const { id } of children) {
          const child = await this.runner.lock(ctx, id);
          if (child.status === 'active') await this.runner.run(ctx, child, { type: 'cancel', now });
        }
        return;
      }
      case 'message':
        await this.correlator.correlateMessage(ctx, followUp);
        return;
      case 'signal':
        await this.correlator.broadcastSignal(ctx, followUp);
        return;
      case 'skipTask':
        return this.runOnParent(ctx, followUp.instanceId, {
          type: 'completeTask',
          taskId: followUp.taskId,
          variables: followUp.variables,
          now,
        });
      default: {
        const unknown: never = followUp;
        throw new Error(`Unhandled follow-up ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async startChild(
    ctx: CommandContext,
    followUp: Extract<FollowUp, { kind: 'startChild' }>,
  ): Promise<void> {
    const { call } = followUp;
    const definition =
      call.version === 'latest'
        ? await this.definitions.latest(ctx.em, call.calledProcessId)
        : await this.definitions.version(ctx.em, call.calledProcessId, call.version);
    if (!definition) {
      const version = call.version === 'latest' ? '' : ` version ${call.version}`;
      throw new Conflict(
        `Call activity ${call.elementId} calls process ${call.calledProcessId}${version}, which is not deployed (被调用的流程未部署).`,
        {
          problems: [
            {
              elementId: call.elementId,
              message: `process ${call.calledProcessId} is not deployed`,
            },
          ],
        },
      );
    }
    const parent = await ctx.em.findOneByOrFail(WorkflowInstance, { id: followUp.parentId });
    await this.runner.start(ctx, {
      definition,
      variables: call.variables,
      orgUnitId: orgUnitOf(call.variables),
      businessKey: parent.businessKey,
      startedBy: ctx.actor,
      parent: {
        instanceId: parent.id,
        elementInstanceId: call.elementInstanceId,
        orgUnitId: parent.orgUnitId,
      },
    });
  }

  /**
   * A parent that moved on (cancelled, call activity interrupted) ignores its child's result;
   * an instance that moved on ignores the completion of a step skipped by rule.
   */
  private async runOnParent(
    ctx: CommandContext,
    parentId: string,
    command: Command,
  ): Promise<void> {
    const parent = await this.runner.lock(ctx, parentId);
    if (parent.status !== 'active') return;
    try {
      await this.runner.run(ctx, parent, command);
    } catch (error) {
      if (!isStale(error)) throw error;
    }
  }
}
