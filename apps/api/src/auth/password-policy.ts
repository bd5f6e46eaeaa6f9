import { dictionary } from '@zxcvbn-ts/language-common';
import { InvalidInput } from '../common/errors.js';

export const MIN_PASSWORD_LENGTH = 10;

/** zxcvbn-ts's list of ~49,000 common passwords (MIT licence), lower-cased. */
const COMMON_PASSWORDS = new Set(
  (dictionary['passwords-common'] as string[]).map((word) => word.toLowerCase()),
);

/** Which rule a new password breaks, in the users' words; null when it keeps them all. */
export function passwordRuleBroken(password: string, username: string): string | null {
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH) {
    return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符（不计首尾空格）。`;
  }
  if (COMMON_PASSWORDS.has(password.trim().toLowerCase())) {
    return '密码过于常见，容易被猜中，请换一个。';
  }
  if (username && password.toLowerCase().includes(username.trim().toLowerCase())) {
    return '密码不能包含用户名。';
  }
  return null;
}

/** 400 naming the field and the rule when a new password breaks one (change, activation, new admin). */
export function assertPasswordAllowed(password: string, username: string, field: string): void {
  const broken = passwordRuleBroken(password, username);
  if (broken) {
    throw new InvalidInput(`${field}: ${broken}`, {
      errors: [{ field, message: broken }],
    });
  }
}
