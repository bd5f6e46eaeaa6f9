import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** argon2id password hashing (the library's defaults: argon2id, 19 MiB, t=2). */
@Injectable()
export class PasswordHasher {
  private standInHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password);
  }

  /** A hash of a random secret, to spend the same time verifying for unknown accounts. */
  standIn(): Promise<string> {
    this.standInHash ??= hash(randomBytes(16).toString('hex'));
    return this.standInHash;
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}
