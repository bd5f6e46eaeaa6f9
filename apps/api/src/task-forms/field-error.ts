import { InvalidInput } from '../common/errors.js';

/** A 400 validation problem naming the fields at fault, like the global validation pipe's. */
export function fieldErrors(errors: { field: string; message: string }[]): InvalidInput {
  return new InvalidInput(errors.map((e) => e.message).join('; '), {
    type: 'urn:orglife:problem:validation',
    errors,
  });
}

export function fieldError(field: string, message: string): InvalidInput {
  return fieldErrors([{ field, message }]);
}
