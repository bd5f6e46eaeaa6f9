import { Module } from '@nestjs/common';
import { DemoMonth } from './demo-month.js';
import { SeedService } from './seed.service.js';

@Module({ providers: [SeedService, DemoMonth], exports: [SeedService] })
export class SeedModule {}
