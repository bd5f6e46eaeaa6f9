import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { EngineCommandError } from '@orglife/engine';

/** Maps the engine's refusal of a command to the HTTP error the caller sees. */
export function toHttpError(error: unknown): unknown {
  if (!(error instanceof EngineCommandError)) return error;
  switch (error.code) {
    case 'NOT_FOUND':
      return new NotFoundException(error.message);
    case 'NOT_ACTIVE':
      return new ConflictException(error.message);
    case 'INVALID':
      return new BadRequestException(error.message);
    default:
      return error;
  }
}

/** True when the engine says the element a follow-up targets is already gone or done. */
export function isStale(error: unknown): boolean {
  return (
    error instanceof EngineCommandError &&
    (error.code === 'NOT_FOUND' || error.code === 'NOT_ACTIVE')
  );
}
