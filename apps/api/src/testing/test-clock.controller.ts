import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController, ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OffsetClock } from './offset.clock.js';

export class AdvanceClockDto {
  @ApiProperty({ description: 'Milliseconds to move the server clock forward' })
  @IsInt({ message: 'advanceMs must be a whole number of milliseconds' })
  @Min(0)
  @Max(366 * 24 * 3600 * 1000)
  advanceMs: number;
}

/** Test-only (ORGLIFE_TEST_CLOCK=1): read and advance the server clock. Never in OpenAPI. */
@ApiExcludeController()
@Controller('test/clock')
export class TestClockController {
  constructor(private readonly clock: OffsetClock) {}

  @Get()
  now(): { now: string } {
    return { now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(200)
  advance(@Body() body: AdvanceClockDto): { now: string } {
    return { now: this.clock.advance(body.advanceMs).toISOString() };
  }
}
