import { EngineCommandError } from '@orglife/engine';
import { InvalidInput, NotFound, Conflict } from '../../common/errors.js';

/** The engine's refusal of a command, said as the API's own refusal. */
export function asDomainError(error: unknown): unknown {
  if (!(error instanceof EngineCommandError)) return error;
  switch (error.code) {
    case 'NOT_FOUND':
      return new NotFound(error.message);
    case 'NOT_ACTIVE':
      return new Conflict(error.message);
    case 'INVALID':
      return new InvalidInput(error.message);
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
