import { ApiProperty } from '@nestjs/swagger';
import {
  NOTIFICATION_KINDS,
  ROBOT_PROVIDERS,
  type NotificationKind,
  type RobotProvider,
} from './notification.vocabulary.js';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty()
  title: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ nullable: true, type: String, description: 'App path to open, e.g. /tasks/{id}' })
  link: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  readAt: Date | null;
}

export class NotificationListResponse {
  @ApiProperty({ type: [NotificationResponse] })
  items: NotificationResponse[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  unread: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class UnreadCountResponse {
  @ApiProperty()
  unread: number;
}

export class NotificationSettingsResponse {
  @ApiProperty({ nullable: true, type: String })
  email: string | null;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true })
  emailKinds: NotificationKind[];

  @ApiProperty()
  digest: boolean;

  @ApiProperty({ description: 'Whether the server has SMTP configured (e-mail can be sent)' })
  emailAvailable: boolean;
}

export class RobotResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  @ApiProperty({ enum: ROBOT_PROVIDERS })
  provider: RobotProvider;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true })
  kinds: NotificationKind[];

  @ApiProperty({ description: 'A signing secret is kept (never shown)' })
  signed: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}
