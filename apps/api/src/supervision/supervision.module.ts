import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpotCheckBatch } from './spot-check-batch.entity.js';
import { SpotCheckItem } from './spot-check-item.entity.js';
import { OnsiteSupervision } from './onsite-supervision.entity.js';
import { AnnualInspection } from './annual-inspection.entity.js';
import { AnnualInspectionService } from './annual-inspection.service.js';
import { InspectionScope } from './inspection.scope.js';
import { OnsiteSupervisionService } from './onsite-supervision.service.js';
import { SpotCheckController } from './spot-check.controller.js';
import { SpotCheckForms } from './spot-check.forms.js';
import { SpotCheckJobs } from './spot-check.jobs.js';
import { SpotCheckService } from './spot-check.service.js';
import { SupervisionController } from './supervision.controller.js';

/** 督查指导: monthly spot checks, on-site supervision and the annual inspection. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SpotCheckBatch, SpotCheckItem, OnsiteSupervision, AnnualInspection]),
  ],
  controllers: [SpotCheckController, SupervisionController],
  providers: [
    InspectionScope,
    SpotCheckService,
    SpotCheckForms,
    SpotCheckJobs,
    OnsiteSupervisionService,
    AnnualInspectionService,
  ],
  exports: [InspectionScope],
})
export class SupervisionModule {}
