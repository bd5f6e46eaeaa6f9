import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { isUuid } from '../instances/org-unit-of.js';

/** Names of people by id (ids that are not people, such as `system`, are left out). */
@Injectable()
export class PersonNames {
  constructor(private readonly tx: Transactions) {}

  async of(ids: readonly string[]): Promise<Map<string, string>> {
    const personIds = [...new Set(ids.filter(isUuid))];
    if (personIds.length === 0) return new Map();
    const rows = await this.tx
      .reader()
      .query<{ id: string; name: string }[]>(`SELECT id, name FROM person WHERE id = ANY($1)`, [
        personIds,
      ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
