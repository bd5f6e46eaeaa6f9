import { ApiProperty } from '@nestjs/swagger';
import { type NotificationKind, type RobotProvider } from './notification.vocabulary.js';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  kind: NotificationKind;

  title: string;

  body: string;

  @ApiProperty({ type: String, description: 'App path to open, e.g. /tasks/{id}' })
  link: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  readAt: Date | null;
}

export class NotificationListResponse {
  items: NotificationResponse[];

  total: number;

  unread: number;

  page: number;

  pageSize: number;
}

export class UnreadCountResponse {
  unread: number;
}

export class NotificationSettingsResponse {
  email: string | null;

  emailKinds: NotificationKind[];

  digest: boolean;

  @ApiProperty({ description: 'Whether the server has SMTP configured (e-mail can be sent)' })
  emailAvailable: boolean;
}

export class RobotResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  orgUnitId: string;

  provider: RobotProvider;

  name: string;

  kinds: NotificationKind[];

  @ApiProperty({ description: 'A signing secret is kept (never shown)' })
  signed: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}
