import { Global, Module } from '@nestjs/common';
import { SecurityEventsController } from './security-events.controller.js';
import { SecurityEvents } from './security-events.service.js';

/** Global: any module records security events without importing this one. */
@Global()
@Module({
  controllers: [SecurityEventsController],
  providers: [SecurityEvents],
  exports: [SecurityEvents],
})
export class SecurityEventsModule {}
