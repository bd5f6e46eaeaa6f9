import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemException } from './problem.js';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The global pipe: whitelist + transform; a 400 problem naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const detail = fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return new ProblemException(HttpStatus.BAD_REQUEST, detail, {
        type: 'urn:orglife:problem:validation',
        errors: fieldErrors,
      });
    },
  });
}
