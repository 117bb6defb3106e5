// A bounds-checked zip reader (central directory, zip64, stored and deflated entries with CRC-32 checks) on top
// of fflate's inflate, and a writer on fflate's zipSync. Used by the .pt and .npz readers.
import { inflateSync, zipSync } from 'fflate';
import { crc32, decodeUtf8Loose, hexPrefix } from './binary';
import { ReadBudget } from './budget';
import { FORMAT_LIMITS, FormatError, formatBytes, type ProgressCallback } from './types';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  /** Sum of declared sizes of the entries extracted so far (capped). */
  extracted: number;
  /** The reading's budget: inflated bytes and CRC work are counted before each entry is extracted. */
  budget: ReadBudget;
  /** When set, told the bytes checked so far (extracted entries plus the CRC-checked part of the current one). */
  onBytes?: (doneBytes: number) => void;
}

/** The stage the .pt and .npz readers report while they extract and CRC-check entries. */
export const EXTRACT_STAGE = 'Checking tensor data';

/** Has `onProgress` told the fraction of the archive's declared bytes extracted and checked so far. */
export function reportExtraction(zip: ZipArchive, onProgress?: ProgressCallback): void {
  if (!onProgress) return;
  const total = Math.max(
    1,
    zip.entries.reduce((sum, e) => sum + e.size, 0),
  );
  zip.onBytes = (done) => onProgress(EXTRACT_STAGE, Math.min(1, done / total));
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX_ENTRIES = 100_000;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

/** A u64 as a number; values past 2^53 become Infinity (and then fail size checks). */
function u64(b: Uint8Array, at: number): number {
  const hi = u32(b, at + 4);
  return hi >= 0x200000 ? Infinity : hi * 0x100000000 + u32(b, at);
}

function need(bytes: Uint8Array, at: number, n: number, what: string): void {
  if (at < 0 || at + n > bytes.length) {
    throw new FormatError(`truncated or damaged zip archive: ${what} at byte ${at} needs ${n} bytes but the file has ${bytes.length}`);
  }
}

/**
 * Reads the central directory. `what` names the archive kind in messages ("PyTorch checkpoint", ".npz"); `budget`
 * is the reading's (a new one for this file when not given).
 */
export function readZip(bytes: Uint8Array, what: string, budget = new ReadBudget(bytes.length)): ZipArchive {
  if (!isZip(bytes)) {
    throw new FormatError(
      `not a zip archive (wrong magic: the file starts with ${hexPrefix(bytes, 4)}, not 50 4b 03 04), so not a ${what}`,
    );
  }
  // The end-of-central-directory record sits in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(bytes, at) === SIG_EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw new FormatError(
      `truncated or damaged zip archive: no end-of-central-directory record in its ${bytes.length} bytes (the file was probably cut short)`,
    );
  }
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) {
    throw new FormatError('multi-part (spanned) zip archives are not supported');
  }
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== SIG_ZIP64_LOCATOR) {
      throw new FormatError('damaged zip archive: zip64 sizes are announced but the zip64 locator is missing');
    }
    const z = u64(bytes, locator + 8);
    need(bytes, z, 56, 'the zip64 end-of-central-directory record');
    if (u32(bytes, z) !== SIG_ZIP64_EOCD) {
      throw new FormatError('damaged zip archive: the zip64 end-of-central-directory record has the wrong signature');
    }
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (count > MAX_ENTRIES) throw new FormatError(`zip archive declares ${count} entries (at most ${MAX_ENTRIES} are read)`);
  need(bytes, cdOffset, cdSize, 'the central directory');

  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    need(bytes, at, 46, `central directory entry ${i}`);
    if (u32(bytes, at) !== SIG_CENTRAL) {
      throw new FormatError(`damaged zip archive: central directory entry ${i} at byte ${at} has the wrong signature`);
    }
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc = u32(bytes, at + 16);
    let compressedSize = u32(bytes, at + 20);
    let size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let localHeaderOffset = u32(bytes, at + 42);
    need(bytes, at + 46, nameLength + extraLength + commentLength, `central directory entry ${i}`);
    const name = decodeUtf8Loose(bytes.subarray(at + 46, at + 46 + nameLength));
    // zip64 extended information: only the fields whose 32-bit value is 0xffffffff, in this order.
    let e = at + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (e + 4 + len > extraEnd) break;
      if (id === 0x0001) {
        let f = e + 4;
        const take = (): number => {
          if (f + 8 > e + 4 + len) throw new FormatError(`damaged zip archive: short zip64 field in entry "${name}"`);
          const v = u64(bytes, f);
          f += 8;
          return v;
        };
        if (size === 0xffffffff) size = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    if (flags & 1) throw new FormatError(`zip entry "${name}" is encrypted`);
    const entry: ZipEntry = { name, method, compressedSize, size, crc, localHeaderOffset };
    entries.push(entry);
    if (!byName.has(name)) byName.set(name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes, entries, byName, extracted: 0, budget };
}

/** The bytes of one entry (a view of the file for stored entries), with size and CRC checks. */
export function extractZipEntry(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  const { bytes } = zip;
  if (entry.size > FORMAT_LIMITS.maxFileBytes || zip.extracted + entry.size > FORMAT_LIMITS.maxFileBytes) {
    throw new FormatError(
      `zip entry "${entry.name}": declared size ${formatBytes(zip.extracted + entry.size)} is larger than the ${formatBytes(FORMAT_LIMITS.maxFileBytes)} limit`,
    );
  }
  need(bytes, entry.localHeaderOffset, 30, `the local header of "${entry.name}"`);
  if (u32(bytes, entry.localHeaderOffset) !== SIG_LOCAL) {
    throw new FormatError(`damaged zip archive: the local header of "${entry.name}" has the wrong signature`);
  }
  const start = entry.localHeaderOffset + 30 + u16(bytes, entry.localHeaderOffset + 26) + u16(bytes, entry.localHeaderOffset + 28);
  if (start + entry.compressedSize > bytes.length) {
    throw new FormatError(
      `truncated: zip entry "${entry.name}" says ${start + entry.compressedSize} bytes but the file has ${bytes.length}`,
    );
  }
  const raw = bytes.subarray(start, start + entry.compressedSize);
  // Counted from the declared size before anything is inflated: the output buffer has exactly that size.
  const what = `zip entry "${entry.name}"`;
  if (entry.method === 8) zip.budget.inflate(entry.size, entry.compressedSize, what);
  zip.budget.spend('crc', entry.size, what);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      throw new FormatError(`damaged zip archive: stored entry "${entry.name}" has different compressed and real sizes`);
    }
    data = raw;
  } else if (entry.method === 8) {
    try {
      data = inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch (e) {
      throw new FormatError(`damaged zip archive: cannot inflate "${entry.name}" (${e instanceof Error ? e.message : String(e)})`);
    }
    if (data.length !== entry.size) {
      throw new FormatError(`damaged zip archive: "${entry.name}" inflates to ${data.length} bytes, not the declared ${entry.size}`);
    }
  } else {
    throw new FormatError(`zip entry "${entry.name}" uses compression method ${entry.method} (only stored and deflate are supported)`);
  }
  const onBytes = zip.onBytes;
  const done = zip.extracted;
  if (crc32(data, onBytes && ((checked) => onBytes(done + checked))) !== entry.crc) {
    throw new FormatError(`damaged zip archive: CRC-32 mismatch in "${entry.name}" (the file is corrupted)`);
  }
  zip.extracted += entry.size;
  return data;
}

/** Writes a zip; `compress` deflates entries, otherwise they are stored. */
export function writeZip(files: { name: string; data: Uint8Array }[], compress: boolean): Uint8Array {
  const input = Object.create(null) as Record<string, [Uint8Array, { level: 0 | 6 }]>;
  for (const f of files) {
    if (f.name in input) throw new FormatError(`two zip entries are both named "${f.name}"`);
    if (f.name === '__proto__') throw new FormatError('a zip entry cannot be named "__proto__" here');
    input[f.name] = [f.data, { level: compress ? 6 : 0 }];
  }
  return zipSync(input, { mtime: new Date(1980, 0, 1) });
}
