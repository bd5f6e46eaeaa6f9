import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInput } from './errors.js';
import { fieldLabel } from './field-labels.js';
import { bilingual } from './locale.js';
import type { FieldError } from './problem.js';

const CJK = /[\u3400-\u9fff]/;

/** Constraints reported first when several fail on one field: the missing value before its form. */
const FIRST = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'arrayNotEmpty'];

type Template = (zh: string, en: string, n: string) => string;

/** Messages for class-validator's constraints, in the users' terms (a DTO's own message wins). */
const TEMPLATES: Record<string, Template> = {
  isUuid: (zh, en) => bilingual(`请从列表中选择${zh}`, `choose the ${en} from the list`),
  isIn: (zh, en) => bilingual(`请从可选项中选择${zh}`, `choose the ${en} from the options`),
  isEnum: (zh, en) => bilingual(`请从可选项中选择${zh}`, `choose the ${en} from the options`),
  isString: (zh, en) => bilingual(`${zh}须为文字`, `${en} must be text`),
  maxLength: (zh, en, n) => bilingual(`${zh}不能超过${n}个字`, `${en}: at most ${n} characters`),
  minLength: (zh, en, n) => bilingual(`${zh}至少${n}个字`, `${en}: at least ${n} characters`),
  arrayMinSize: (zh, en, n) => bilingual(`${zh}至少${n}项`, `${en}: at least ${n}`),
  arrayMaxSize: (zh, en, n) => bilingual(`${zh}最多${n}项`, `${en}: at most ${n}`),
  arrayUnique: (zh, en) => bilingual(`${zh}不能重复`, `${en} must not repeat`),
  isArray: (zh, en) => bilingual(`${zh}须为列表`, `${en} must be a list`),
  isInt: (zh, en) => bilingual(`${zh}须为整数`, `${en} must be a whole number`),
  isNumber: (zh, en) => bilingual(`${zh}须为数字`, `${en} must be a number`),
  min: (zh, en, n) => bilingual(`${zh}不能小于${n}`, `${en} must be at least ${n}`),
  max: (zh, en, n) => bilingual(`${zh}不能大于${n}`, `${en} must be at most ${n}`),
  isBoolean: (zh, en) => bilingual(`请选择${zh}`, `choose the ${en}`),
  isDateString: (zh, en) => bilingual(`${zh}须为有效日期`, `${en} must be a valid date`),
  isIso8601: (zh, en) => bilingual(`${zh}须为有效日期`, `${en} must be a valid date`),
  isDate: (zh, en) => bilingual(`${zh}须为有效日期`, `${en} must be a valid date`),
};
const required: Template = (zh, en) => bilingual(`请填写${zh}`, `${en} is required`);
const invalid: Template = (zh, en) => bilingual(`${zh}格式不正确`, `${en} is not valid`);

const isMissing = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** One message for one field: its own message when the DTO gives one, else a template. */
function messageFor(error: ValidationError, field: string): string | null {
  const constraints = Object.entries(error.constraints ?? {});
  if (constraints.length === 0) return null;
  const [name, message] =
    constraints.find(([n]) => FIRST.includes(n)) ??
    constraints.find(([, m]) => CJK.test(m)) ??
    constraints[0]!;
  if (name === 'whitelistValidation') {
    return bilingual(`不支持的字段：${field}`, `unknown field ${field}`);
  }
  if (CJK.test(message)) return message;
  const zh = fieldLabel(field, 'zh');
  const en = fieldLabel(field, 'en');
  if (isMissing(error.value) && !name.startsWith('arrayM')) return required(zh, en, '');
  const template = TEMPLATES[name] ?? invalid;
  return template(zh, en, /\d+(\.\d+)?/.exec(message)?.[0] ?? '');
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const message = messageFor(error, field);
    const own = message ? [{ field, message }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Secrets are checked as typed (the password rules say what is wrong with them). */
const SECRET = /password$/i;

/** A blank answer is no answer: whitespace-only strings reach the checks as ''. */
function blanked(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? '' : value;
  if (Array.isArray(value)) return value.map(blanked);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? v : blanked(v)]),
    );
  }
  return value;
}

class BlankAwareValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return super.transform(blanked(value), metadata);
  }
}

/** The global pipe: whitelist + transform; a 400 problem with one message per bad field. */
export function createValidationPipe(): ValidationPipe {
  return new BlankAwareValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new InvalidInput(fieldErrors.map((e) => e.message).join('; '), {
        type: 'urn:orglife:problem:validation',
        errors: fieldErrors,
      });
    },
  });
}
