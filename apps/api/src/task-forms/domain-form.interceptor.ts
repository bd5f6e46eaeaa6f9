import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem.js';
import { TaskController } from '../workflow/tasks/task.controller.js';
import { WorkflowTask } from '../workflow/tasks/task.entity.js';
import { TaskFormRegistry } from './task-form.registry.js';

/**
 * A task with a domain form completes only through POST /api/task-forms/:taskId, which writes
 * the form's rows; the generic POST /api/tasks/:id/complete would skip them, so it is refused.
 */
@Injectable()
export class DomainFormInterceptor implements NestInterceptor {
  constructor(
    private readonly registry: TaskFormRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (
      context.getClass() === TaskController &&
      context.getHandler() === TaskController.prototype.complete
    ) {
      const id = context.switchToHttp().getRequest<Request>().params['id'];
      const task =
        typeof id === 'string' ? await this.db.getRepository(WorkflowTask).findOneBy({ id }) : null;
      if (task && this.registry.has(task.formKey)) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          `Task ${task.id} has the domain form ${task.formKey}: submit it with POST /api/task-forms/${task.id} (请通过业务表单办理).`,
          { type: 'urn:orglife:problem:domain-form' },
        );
      }
    }
    return next.handle();
  }
}
