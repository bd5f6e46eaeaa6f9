import { Global, Module } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../app.options.js';
import { DeadlineNotices } from './deadline.notices.js';
import { DeliveryDispatcher } from './delivery.dispatcher.js';
import { DigestComposer } from './digest.composer.js';
import { NotificationScheduler } from './notification.scheduler.js';
import { NotificationBus } from './notification.bus.js';
import {
  DEFAULT_NOTIFICATION_OPTIONS,
  NOTIFICATION_OPTIONS,
  type NotificationOptions,
} from './notification.options.js';
import { NotificationService } from './notification.service.js';
import { NotificationStreams } from './notification.streams.js';
import { NotificationsController, RobotsController } from './notifications.controller.js';
import { Notifier } from './notifier.js';
import { MailSender, RobotSender } from './senders.js';
import { NotificationTriggers } from './notification.triggers.js';

/**
 * Notifications: the in-app list and bell, the outbox and its dispatcher, e-mail and group robots.
 * Global so domain modules write notifications with `Notifier` in their own transactions.
 */
@Global()
@Module({
  controllers: [NotificationsController, RobotsController],
  providers: [
    {
      provide: NOTIFICATION_OPTIONS,
      inject: [APP_OPTIONS],
      useFactory: (app: AppOptions): NotificationOptions => ({
        ...DEFAULT_NOTIFICATION_OPTIONS,
        ...app.notifications,
      }),
    },
    NotificationBus,
    Notifier,
    NotificationService,
    NotificationStreams,
    MailSender,
    RobotSender,
    DeliveryDispatcher,
    DeadlineNotices,
    DigestComposer,
    NotificationScheduler,
    NotificationTriggers,
  ],
  exports: [Notifier],
})
export class NotificationsModule {}
