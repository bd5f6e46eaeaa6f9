import { Readable } from 'node:stream';

/** One file inside a zip, as its central directory lists it. */
interface ZipPart {
  name: string;
  /** Where its local header starts, and where the next part (or the directory) starts. */
  start: number;
  end: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_PARTS = 10_000;

/** Why a buffer is not a zip this reader accepts. */
export class BadZip extends Error {}

/**
 * The parts of a zip held in memory, from its central directory. Refuses what a plain office
 * file never is: no directory, ZIP64, parts outside the file, or parts sharing bytes (the trick
 * that lets a small zip unpack the same data many times over).
 */
export function zipParts(zip: Buffer): { parts: ZipPart[]; directory: Buffer } {
  const eocd = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new BadZip('ZIP64 is not supported');
  if (count > MAX_PARTS) throw new BadZip('too many parts');
  if (offset + size > eocd) throw new BadZip('the directory lies outside the file');

  const found: { name: string; start: number }[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || zip.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new BadZip('broken central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const start = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (start + 30 > offset || zip.readUInt32LE(start) !== LOCAL_HEADER)
      throw new BadZip(`part ${name} lies outside the file`);
    const localName = zip.toString('utf8', start + 30, start + 30 + zip.readUInt16LE(start + 26));
    if (localName !== name) throw new BadZip(`part ${name} is named ${localName} inside`);
    found.push({ name, start });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  found.sort((a, b) => a.start - b.start);
  const parts = found.map((part, i) => {
    const end = found[i + 1]?.start ?? offset;
    if (end <= part.start) throw new BadZip(`parts share bytes at ${part.start}`);
    return { ...part, end };
  });
  return { parts, directory: zip.subarray(offset) };
}

/**
 * The same zip as a stream holding only the named parts (the first of each name), in the order given: a streaming unzip
 * then meets them in that order (e.g. an .xlsx's shared strings before the sheet that uses them).
 */
export function zipStreamOf(zip: Buffer, names: readonly string[]): Readable {
  const { parts, directory } = zipParts(zip);
  const chosen = names.flatMap((name) => parts.find((p) => p.name === name) ?? []);
  return Readable.from([...chosen.map((p) => zip.subarray(p.start, p.end)), directory], {
    objectMode: false,
  });
}

function findEndOfDirectory(zip: Buffer): number {
  if (zip.length < 22) throw new BadZip('not a zip file');
  // The record is 22 bytes plus a comment of at most 65,535.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new BadZip('not a zip file');
}
