import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  NOTIFICATION_KINDS,
  ROBOT_PROVIDERS,
  type NotificationKind,
  type RobotProvider,
} from './notification.vocabulary.js';

export class NotificationListQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

/** A person's choices: e-mail per kind (none by default), or one daily digest instead. */
export class NotificationSettingsDto {
  @ApiPropertyOptional({
    type: String,
    format: 'email',
    description: 'Where e-mail goes; null = no e-mail',
  })
  @ValidateIf((o: NotificationSettingsDto) => o.email !== null && o.email !== undefined)
  @IsEmail({}, { message: '请填写有效的邮箱地址 (email must be an e-mail address)' })
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, description: 'Kinds sent by e-mail' })
  @IsArray()
  @IsIn(NOTIFICATION_KINDS, { each: true, message: '通知类型无效 (unknown notification kind)' })
  emailKinds: NotificationKind[];

  @ApiProperty({ description: 'One e-mail a day with what is unread, instead of one per notice' })
  @IsBoolean()
  digest: boolean;
}

export class RobotDto {
  @ApiProperty({ enum: ROBOT_PROVIDERS, description: 'wecom 企业微信, dingtalk 钉钉, feishu 飞书' })
  @IsIn(ROBOT_PROVIDERS, {
    message: '请选择机器人类型 (provider must be wecom, dingtalk or feishu)',
  })
  provider: RobotProvider;

  @ApiProperty({ maxLength: 100 })
  @IsString()
  @IsNotEmpty({ message: '请填写名称 (name is required)' })
  @MaxLength(100)
  name: string;

  @ApiProperty({ description: "The group robot's webhook address" })
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: '请填写有效的 Webhook 地址 (webhookUrl must be an http(s) URL)' },
  )
  @MaxLength(1000)
  webhookUrl: string;

  @ApiPropertyOptional({ description: 'The signing secret (DingTalk 加签, Feishu 签名校验)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  secret?: string;

  @ApiProperty({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: 'Kinds posted to the group',
  })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true, message: '通知类型无效 (unknown notification kind)' })
  kinds: NotificationKind[];
}
