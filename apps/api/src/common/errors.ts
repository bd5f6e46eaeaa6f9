import type { ElementProblem, FieldError } from './problem.js';

/** What a refusal carries besides its message: field errors, BPMN problems, a type URI, facts. */
export interface ErrorDetails {
  /** A problem type URI, e.g. `urn:orglife:problem:validation`. */
  type?: string;
  errors?: FieldError[];
  problems?: ElementProblem[];
  /** Any other structured detail, e.g. an existing record's id or a row count. */
  [key: string]: unknown;
}

/**
 * A refusal stated in the domain's terms, its message bilingual `中文 (English)`. Services, the
 * workflow runtime and the HTTP adapters throw these; only the problem filter turns the kind
 * into an HTTP status.
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or incomplete: a field's value, a missing file. */
export class InvalidInput extends DomainError {}

/** The caller is not signed in, or their credentials are wrong or ended. */
export class NotAuthenticated extends DomainError {}

/** The caller may not do this, here. */
export class Forbidden extends DomainError {}

/** The record asked for does not exist. */
export class NotFound extends DomainError {}

/** The record's state refuses the change: already done, a duplicate, a concurrent change. */
export class Conflict extends DomainError {}

/** What was valid for a while is no longer: an expired code. */
export class Expired extends DomainError {}

/** The input is larger than allowed. */
export class TooLarge extends DomainError {}

/** Well-formed, but a rule of the domain refuses it: too far from the venue, too many rows. */
export class RuleViolation extends DomainError {}

/** Asked again too soon: try later. */
export class TooSoon extends DomainError {}

/** The server's own stored data no longer holds together (a fault, not the caller's). */
export class Inconsistent extends DomainError {}
