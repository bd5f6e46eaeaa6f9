import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Variables } from '@orglife/engine';
import type { DataSource } from 'typeorm';
import { InvalidInput } from '../../common/errors.js';
import type { FieldError } from '../../common/problem.js';
import { bilingual } from '../../common/locale.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tables of domain records: the rows a domain flow is about, which only the domain commands
 * link to a flow. Org units and people are not among them (generic flows address those).
 */
const DOMAIN_RECORD_TABLES = [
  'monthly_plan',
  'org_session',
  'study_content',
  'vanguard_round',
  'spot_check_batch',
  'spot_check_item',
  'onsite_supervision',
  'annual_inspection',
  'rectification',
] as const;

/**
 * Refuses process variables from a generic route (start, complete, message, signal) that name a
 * domain record: a caller could otherwise point a flow at a plan or session outside its mandate.
 */
@Injectable()
export class DomainRecordGuard {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async refuseLinks(variables: Variables, field = 'variables'): Promise<void> {
    const ids = new Map<string, string>();
    collectUuids(variables, field, ids);
    if (ids.size === 0) return;
    const named = await this.db.query<{ id: string }[]>(
      DOMAIN_RECORD_TABLES.map(
        (table) => `SELECT id::text FROM ${table} WHERE id = ANY($1::uuid[])`,
      ).join(' UNION ALL '),
      [[...ids.keys()]],
    );
    if (named.length === 0) return;
    const errors: FieldError[] = named.map(({ id }) => {
      const path = ids.get(id.toLowerCase()) ?? field;
      return {
        field: path,
        message: bilingual(
          `流程变量 ${path} 不可指向业务记录：业务记录只能由其业务功能关联到流程`,
          `${path} names a domain record (${id}), which only its own command links to a flow`,
        ),
      };
    });
    throw new InvalidInput(errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      type: 'urn:orglife:problem:validation',
      errors,
    });
  }
}

/** Every UUID-shaped string in `value`, with the field path where it sits. */
function collectUuids(value: unknown, path: string, into: Map<string, string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.set(value.toLowerCase(), path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collectUuids(item, `${path}.${i}`, into));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectUuids(item, `${path}.${key}`, into);
  }
}
