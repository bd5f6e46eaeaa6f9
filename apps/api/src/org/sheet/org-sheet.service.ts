import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidInput } from '../../common/errors.js';
import { AccessService } from '../../access/access.service.js';
import { bilingual } from '../../common/locale.js';
import { readSheet, type SheetError, sheetError, writeSheet } from '../../common/spreadsheet.js';
import { newRowId } from '../../database/row-id.js';
import { Transactions } from '../../database/transactions.js';
import { OrgUnit } from '../org-unit.entity.js';
import { writeOrgTree } from '../org-tree.writer.js';
import { ORG_SHEET_COLUMNS, ORG_SHEET_NAME, orgTypeLabel } from './org-sheet.columns.js';
import { validateOrgSheet } from './org-sheet.validator.js';

export const MAX_ORG_SHEET_ROWS = 5000;

export interface OrgSheetImportResult {
  imported: number;
  created: number;
  updated: number;
}

/**
 * The university's own org tree as a sheet (组织架构): import writes every row or none, export
 * writes every unit, parents first, so that importing it back changes nothing. Callers check
 * who may do it (the OD, or an operator at the command line).
 */
@Injectable()
export class OrgSheetService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: Transactions,
    private readonly access: AccessService,
  ) {}

  async import(file: Buffer): Promise<OrgSheetImportResult> {
    const parsed = await readSheet(file, ORG_SHEET_COLUMNS, {
      optional: ['sortOrder'],
      maxRows: MAX_ORG_SHEET_ROWS,
    });
    if (parsed.errors.length > 0) throw badOrgSheet(parsed.errors);
    if (parsed.rows.length === 0)
      throw badOrgSheet([sheetError(2, 'file', '没有数据行 (no data rows)')]);
    const result = await this.transactions.run(async (tx) => {
      // Every unit, locked: two imports (or an import and an edit) must not interleave.
      const existing = await tx
        .getRepository(OrgUnit)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .getMany();
      const { units, errors } = validateOrgSheet(parsed.rows, existing, () => newRowId());
      if (errors.length > 0) throw badOrgSheet(errors);
      const { created, updated } = await writeOrgTree(tx, existing, units);
      return { imported: units.length, created, updated };
    });
    this.access.forgetPaths();
    return result;
  }

  async export(): Promise<Buffer> {
    const units = await this.db.query<
      {
        code: string;
        name: string;
        parentCode: string | null;
        type: OrgUnit['type'];
        direct: boolean;
        sortOrder: number;
      }[]
    >(
      `SELECT u.code, u.name, p.code AS "parentCode", u.type, u.direct, u.sort_order AS "sortOrder"
         FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id
        ORDER BY u.depth, u.sort_order, u.code`,
    );
    return writeSheet(
      ORG_SHEET_NAME,
      ORG_SHEET_COLUMNS,
      units.map((u) => ({
        code: u.code,
        name: u.name,
        parentCode: u.parentCode ?? '',
        type: orgTypeLabel(u.type, u.direct),
        sortOrder: String(u.sortOrder),
      })),
    );
  }
}

function badOrgSheet(errors: SheetError[]): InvalidInput {
  return new InvalidInput(
    bilingual(
      `组织架构表有 ${errors.length} 处错误，未导入任何数据`,
      `The org sheet has ${errors.length} problems; nothing was imported`,
    ),
    { type: 'urn:orglife:problem:org-sheet', errors },
  );
}
