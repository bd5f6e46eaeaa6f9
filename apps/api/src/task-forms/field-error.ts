import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem.js';

/** A 400 validation problem naming the fields at fault, like the global validation pipe's. */
export function fieldErrors(errors: { field: string; message: string }[]): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, errors.map((e) => e.message).join('; '), {
    type: 'urn:orglife:problem:validation',
    errors,
  });
}

export function fieldError(field: string, message: string): ProblemException {
  return fieldErrors([{ field, message }]);
}
