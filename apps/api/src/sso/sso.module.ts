import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { SsoController } from './sso.controller.js';
import { SsoPeople } from './sso-people.js';
import { SsoService } from './sso.service.js';

/** Campus sign-in through the university's OIDC provider or CAS server. */
@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [SsoPeople, SsoService],
})
export class SsoModule {}
