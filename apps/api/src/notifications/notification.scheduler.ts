import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CLOCK, type Clock } from '../clock/clock.js';
import { DeadlineNotices } from './deadline.notices.js';
import { DeliveryDispatcher } from './delivery.dispatcher.js';
import { DigestComposer } from './digest.composer.js';
import { NOTIFICATION_OPTIONS, type NotificationOptions } from './notification.options.js';

const INTERVAL_NAME = 'notification-dispatcher';
/** Deadlines and digests are looked at once a minute at most; deliveries every poll. */
const SCAN_EVERY_MS = 60_000;

/**
 * Every `pollMs` (NOTIFY_POLL_MS; 0 = never, as in tests, which call the parts): gives the
 * deadline notices and daily digests now due (at most once a minute), then sends the outbox.
 */
@Injectable()
export class NotificationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationScheduler.name);
  private busy = false;
  private scannedAt = 0;

  constructor(
    private readonly deadlines: DeadlineNotices,
    private readonly digests: DigestComposer,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly scheduler: SchedulerRegistry,
    @Inject(NOTIFICATION_OPTIONS) private readonly options: NotificationOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.pollMs <= 0) return;
    const handle = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.tick()
        .catch((e: unknown) => this.logger.error(e))
        .finally(() => (this.busy = false));
    }, this.options.pollMs);
    this.scheduler.addInterval(INTERVAL_NAME, handle);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) {
      this.scheduler.deleteInterval(INTERVAL_NAME);
    }
    await this.dispatcher.stop();
  }

  private async tick(): Promise<void> {
    const now = this.clock.now().getTime();
    if (Math.abs(now - this.scannedAt) >= SCAN_EVERY_MS) {
      this.scannedAt = now;
      await this.deadlines.scan();
      await this.digests.compose();
    }
    await this.dispatcher.runDue();
  }
}
