import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { WorkflowTaskNotification } from './task-notification.entity.js';

export class EntrustTaskDto {
  @ApiProperty({ description: 'Person id of the delegate (被委派人)' })
  @IsUUID()
  assignee: string;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why (委派说明)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ResolveTaskDto {
  @ApiPropertyOptional({
    maxLength: 4000,
    description: 'The delegate’s opinion, kept as a comment',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  comment?: string;
}

export class UrgeTaskDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'What the holder is told (催办内容)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class TaskNotificationDto {
  id: string;
  taskId: string;
  @ApiProperty({ enum: ['urged'] }) kind: string;
  @ApiProperty({ description: 'Person id of who caused it' }) actor: string;
  actorName: string | null;
  message: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) readAt: string | null;
}

export function toNotificationDto(
  n: WorkflowTaskNotification,
  names: ReadonlyMap<string, string>,
): TaskNotificationDto {
  return {
    id: n.id,
    taskId: n.taskId,
    kind: n.kind,
    actor: n.actor,
    actorName: names.get(n.actor) ?? null,
    message: n.message,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
  };
}
