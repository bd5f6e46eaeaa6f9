import { Body, Controller, ForbiddenException, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController, ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { isOdAdmin } from '../access/od-admin.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { OffsetClock } from './offset.clock.js';

export class AdvanceClockDto {
  @ApiProperty({ description: 'Milliseconds to move the server clock forward' })
  @IsInt({ message: 'advanceMs must be a whole number of milliseconds' })
  @Min(0)
  @Max(366 * 24 * 3600 * 1000)
  advanceMs: number;
}

/**
 * Test-only (ORGLIFE_TEST_CLOCK=1): read and advance the server clock, for OD administrators
 * only (moving time fires every due timer of every unit). Never in OpenAPI.
 */
@ApiExcludeController()
@Controller('test/clock')
export class TestClockController {
  constructor(private readonly clock: OffsetClock) {}

  @Get()
  now(@CurrentUser() user: AuthUser): { now: string } {
    assertOdAdmin(user);
    return { now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(200)
  advance(@CurrentUser() user: AuthUser, @Body() body: AdvanceClockDto): { now: string } {
    assertOdAdmin(user);
    return { now: this.clock.advance(body.advanceMs).toISOString() };
  }
}

function assertOdAdmin(user: AuthUser): void {
  if (!isOdAdmin(user)) {
    throw new ForbiddenException(
      'Only the Organization Department may move the test clock (仅组织部可调整测试时钟).',
    );
  }
}
