import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { exceljs } from './exceljs.js';
import { bilingual } from './locale.js';
import { BadZip, zipParts, zipStreamOf } from './zip-parts.js';

/** What one part of the file (the sheet, its shared strings, styles) may unpack to. */
export const MAX_PART_BYTES = 16 * 1024 * 1024;

/** A file the reader will not read further; `message` is bilingual. */
export class UnreadableSheet extends Error {}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

type Chunks = AsyncIterable<Buffer>;

/** The parts of exceljs's streaming reader this module wraps to count what they unpack. */
interface ReaderInternals extends AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader> {
  sharedStrings?: unknown[];
  workbookRels?: unknown[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: Chunks, sheetNo: string): Generator<unknown>;
}

type BoundedReaderClass = new (input: Readable) => ReaderInternals;
let boundedReaderClass: Promise<BoundedReaderClass> | undefined;

/**
 * exceljs's streaming reader with every part it unpacks cut off at MAX_PART_BYTES, so a small
 * file that unpacks to gigabytes (a zip bomb) stops there. Shared strings are read before the
 * sheet (the input is ordered so), so the sheet streams straight from the zip, never to disk.
 * The class is made the first time a sheet is read, once exceljs is loaded.
 */
function boundedReader(): Promise<BoundedReaderClass> {
  boundedReaderClass ??= makeBoundedReader();
  return boundedReaderClass;
}

async function makeBoundedReader(): Promise<BoundedReaderClass> {
  const StreamingReader = (await exceljs()).stream.xlsx.WorkbookReader as unknown as new (
    input: Readable,
    options: object,
  ) => ReaderInternals;
  return class BoundedReader extends StreamingReader {
    constructor(input: Readable) {
      super(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
      this.sharedStrings = [];
      this.workbookRels = [];
    }

    override _parseRels(entry: Readable) {
      return super._parseRels(bounded(entry, 'xl/_rels/workbook.xml.rels'));
    }

    override _parseWorkbook(entry: Readable) {
      return super._parseWorkbook(bounded(entry, 'xl/workbook.xml'));
    }

    override _parseStyles(entry: Readable) {
      return super._parseStyles(bounded(entry, 'xl/styles.xml'));
    }

    override _parseSharedStrings(entry: Readable) {
      return super._parseSharedStrings(bounded(entry, 'xl/sharedStrings.xml'));
    }

    override _parseWorksheet(chunks: Chunks, sheetNo: string) {
      return super._parseWorksheet(capped(chunks, `sheet${sheetNo}.xml`), sheetNo);
    }
  };
}

/**
 * The rows of the first sheet of an .xlsx, read as a stream: it stops with UnreadableSheet as
 * soon as the sheet has more than `maxRows` rows after the header, and never holds more of the
 * file unpacked than one part's share of MAX_PART_BYTES.
 */
export async function* xlsxRows(file: Buffer, maxRows: number): AsyncGenerator<ExcelJS.Row> {
  const input = openSheet(file);
  try {
    const BoundedReader = await boundedReader();
    for await (const sheet of new BoundedReader(input)) {
      let seen = 0;
      for await (const row of sheet) {
        seen++;
        if (seen > maxRows + 1 || row.number > maxRows + 1) throw tooManyRows(maxRows);
        yield row;
      }
      return;
    }
  } catch (error) {
    if (error instanceof UnreadableSheet) throw error;
    throw notXlsx();
  } finally {
    input.destroy();
  }
}

/** The parts the reader needs, in the order it needs them; the first sheet only. */
function openSheet(file: Buffer): Readable {
  let names: string[];
  try {
    names = zipParts(file).parts.map((p) => p.name);
  } catch (error) {
    if (error instanceof BadZip) throw notXlsx();
    throw error;
  }
  const sheets = names
    .map((name) => SHEET.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  if (!sheets[0]) throw new UnreadableSheet(bilingual('文件中没有工作表', 'no worksheet'));
  return zipStreamOf(file, [
    'xl/_rels/workbook.xml.rels',
    'xl/workbook.xml',
    'xl/styles.xml',
    'xl/sharedStrings.xml',
    sheets[0][0],
  ]);
}

function bounded(entry: Readable, part: string): Readable {
  return Readable.from(capped(entry, part), { objectMode: false });
}

async function* capped(chunks: Chunks, part: string): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > MAX_PART_BYTES) {
      const mb = MAX_PART_BYTES / 1024 / 1024;
      throw new UnreadableSheet(
        bilingual(
          `文件解压后过大：${part} 超过 ${mb} MB`,
          `the file unpacks to too much: ${part} is over ${mb} MB`,
        ),
      );
    }
    yield chunk;
  }
}

function tooManyRows(maxRows: number): UnreadableSheet {
  return new UnreadableSheet(
    bilingual(
      `超过行数上限：表头之后最多 ${maxRows} 行`,
      `too many rows: at most ${maxRows} rows after the header`,
    ),
  );
}

function notXlsx(): UnreadableSheet {
  return new UnreadableSheet(bilingual('不是有效的 .xlsx 文件', 'not a valid .xlsx file'));
}
