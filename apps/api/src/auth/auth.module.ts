import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtGuard } from './jwt.guard.js';
import { LoginLimiter } from './login.limiter.js';
import { PasswordHasher } from './password.hasher.js';
import { TokenService } from './token.service.js';

@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    LoginLimiter,
    PasswordHasher,
    { provide: APP_GUARD, useClass: JwtGuard },
  ],
  exports: [PasswordHasher, TokenService],
})
export class AuthModule {}
