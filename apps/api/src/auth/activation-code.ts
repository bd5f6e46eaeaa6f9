import { createHash, randomInt } from 'node:crypto';

/** How long a one-time activation code stays valid. */
export const ACTIVATION_CODE_TTL_DAYS = 14;
/** No 0/O, 1/I: codes are read off paper. 32 symbols × 10 = 50 bits. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 10;

/** A new code as handed out: `ABCDE-FGHJK`. */
export function newActivationCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What is stored: the SHA-256 of the code as typed, without dashes, spaces or case. */
export function activationCodeHash(code: string): string {
  const normalized = code.replace(/[\s-]/g, '').toUpperCase();
  return createHash('sha256').update(normalized).digest('hex');
}
