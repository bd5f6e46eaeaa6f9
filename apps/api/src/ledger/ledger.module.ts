import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerRequirement } from './ledger-requirement.entity.js';
import { LedgerController } from './ledger.controller.js';
import { LedgerFactsRepository } from './ledger-facts.repository.js';
import { LedgerService } from './ledger.service.js';

/** 台账: computed from the records, with configurable requirements and an .xlsx export. */
@Module({
  imports: [TypeOrmModule.forFeature([LedgerRequirement])],
  controllers: [LedgerController],
  providers: [LedgerService, LedgerFactsRepository],
})
export class LedgerModule {}
