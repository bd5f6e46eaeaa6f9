import { Module } from '@nestjs/common';
import { Person } from './person.entity.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { OrgMembership } from './membership/membership.entity.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { AdministratorService } from './administrator.service.js';
import { FirstAdministrator } from './first-administrator.js';
import { OrgUnitController } from './org-unit.controller.js';
import { OrgUnit } from './org-unit.entity.js';
import { OrgUnitService } from './org-unit.service.js';
import { PersonAccountController } from './person-account.controller.js';
import { PersonAccountService } from './person-account.service.js';
import { PersonController } from './person.controller.js';
import { PersonService } from './person.service.js';
import { RoleAssignmentController } from './role-assignment.controller.js';
import { RoleAssignmentService } from './role-assignment.service.js';
import { RosterController } from './roster/roster.controller.js';
import { RosterService } from './roster/roster.service.js';
import { OrgSheetController } from './sheet/org-sheet.controller.js';
import { OrgSheetService } from './sheet/org-sheet.service.js';
import { SsoAutoCreateController } from './sso-auto-create.controller.js';
import { SsoAutoCreateService } from './sso-auto-create.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OrgUnit, Person, RoleAssignment, OrgMembership]), AuthModule],
  controllers: [
    OrgSheetController,
    OrgUnitController,
    PersonController,
    PersonAccountController,
    RoleAssignmentController,
    RosterController,
    SsoAutoCreateController,
  ],
  providers: [
    AdministratorService,
    FirstAdministrator,
    OrgUnitService,
    OrgSheetService,
    PersonService,
    PersonAccountService,
    RoleAssignmentService,
    RosterService,
    SsoAutoCreateService,
  ],
  exports: [AdministratorService, OrgUnitService, OrgSheetService, PersonService],
})
export class OrgModule {}
