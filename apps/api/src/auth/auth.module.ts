import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { EndedSessions } from './ended-sessions.js';
import { JwtGuard } from './jwt.guard.js';
import { LoginLimiter } from './login.limiter.js';
import { PasswordHasher } from './password.hasher.js';
import { PersonRoles } from './person-roles.js';
import { TokenService } from './token.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Account, RefreshToken])],
  controllers: [AuthController],
  providers: [
    AuthService,
    EndedSessions,
    TokenService,
    LoginLimiter,
    PasswordHasher,
    PersonRoles,
    { provide: APP_GUARD, useClass: JwtGuard },
  ],
  exports: [EndedSessions, PasswordHasher, PersonRoles, TokenService],
})
export class AuthModule {}
