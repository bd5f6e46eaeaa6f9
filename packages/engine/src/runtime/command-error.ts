/** A command the state cannot accept: unknown id, finished instance, or wrong element. */
export class EngineCommandError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'NOT_ACTIVE' | 'INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'EngineCommandError';
  }
}
