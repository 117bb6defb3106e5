// What reading one file may cost, so that a small hostile file cannot make a large amount of work or memory:
//   memory — the elements a reader materialises (decoded tensors, folded ONNX values) and the bytes it inflates are
//            capped by what the file's own bytes can hold plus one bidirectional nn.GRU layer at the explorer's limits
//            (the most the explorer needs from any file, however well it compresses);
//   time   — each step counts the units it will touch before it runs, at the nanoseconds per unit measured by
//            scripts/bench-format-limits.mjs, and the file is refused when the total would pass about one second on a
//            slow laptop beyond one pass over the file's own bytes (which any reader needs and the worker shows).
import { LIMITS } from '../model/model';
import { FORMAT_LIMITS, FormatError, formatBytes } from './types';

/**
 * Nanoseconds per unit of each step: CPU time on the development machine (Node 20, a 2-core EPYC shared with other
 * work) from scripts/bench-format-limits.mjs, median of 5, rounded up. Units: bytes for inflate and crc, elements
 * otherwise.
 */
export const NS_PER_UNIT = {
  /** fflate inflate, per output byte (match copying; measured on zeros). */
  inflate: 2,
  /** fflate inflate, per compressed byte on top (Huffman decoding; measured on float32 weights). */
  inflateIn: 10,
  /** CRC-32 (table, a byte a step), per byte. */
  crc: 3,
  /** Little-endian float32 stored contiguously: a copy, per element. */
  copy: 2,
  /** Decoding a stored element of another dtype to float32 (the slowest, float64 / int64 / bfloat16), contiguous. */
  decode: 18,
  /** A strided gather (odometer over the dims; the slowest dtype), per element. */
  gather: 22,
  /** ONNX constant folding (Concat, Slice, Transpose, Cast), per element written. */
  fold: 5,
  /** Converting a GRU's weights between layouts (ONNX z|r|h → PyTorch), per element. */
  relayout: 7,
} as const;

export type Step = keyof typeof NS_PER_UNIT;

/** A slow laptop runs these loops this many times slower than the development machine (an assumption, not measured). */
export const SLOW_LAPTOP = 3;

/** The work limit, on a slow laptop. */
export const WORK_LIMIT_NS = 1e9;

/** Elements of one bidirectional nn.GRU layer at the explorer's limits: 2 · (3H·I + 3H·H + 6H). */
export const GRU_LAYER_ELEMENTS = 2 * (3 * LIMITS.hiddenSize * (LIMITS.inputSize + LIMITS.hiddenSize) + 6 * LIMITS.hiddenSize);

/** Slow-laptop cost of one pass over a byte of the file: inflated, checked, and decoded at one element a byte. */
const PASS_NS_PER_BYTE = (NS_PER_UNIT.inflateIn + NS_PER_UNIT.inflate + NS_PER_UNIT.crc + NS_PER_UNIT.decode) * SLOW_LAPTOP;

/** Keeps the running totals of one file's reading; every reader makes one and hands it to its helpers. */
export class ReadBudget {
  private elementsUsed = 0;
  private tensors = 0;
  private inflatedBytes = 0;
  private workNs = 0;
  readonly maxElements: number;
  readonly maxInflatedBytes: number;
  readonly maxWorkNs: number;

  constructor(readonly fileBytes: number) {
    this.maxElements = Math.min(FORMAT_LIMITS.maxTotalElements, fileBytes + GRU_LAYER_ELEMENTS);
    // Float32 weights deflate to ~90 %; zeros much further: a well-compressed GRU layer at the limits fits too.
    this.maxInflatedBytes = Math.min(FORMAT_LIMITS.maxFileBytes, 4 * fileBytes + 8 * GRU_LAYER_ELEMENTS);
    this.maxWorkNs = WORK_LIMIT_NS + fileBytes * PASS_NS_PER_BYTE;
  }

  /** Counts `units` of `step` before it runs; throws when the file's reading would pass the work limit. */
  spend(step: Step, units: number, what: string): void {
    this.workNs += units * NS_PER_UNIT[step] * SLOW_LAPTOP;
    if (this.workNs > this.maxWorkNs) {
      throw new FormatError(
        `${what}: reading this file would take about ${seconds(this.workNs)} on a slow laptop ` +
          `(${step} of ${units.toLocaleString('en')} ${step.startsWith('inflate') || step === 'crc' ? 'bytes' : 'elements'}); ` +
          `the limit is ${seconds(WORK_LIMIT_NS)} beyond one pass over its ${formatBytes(this.fileBytes)}`,
      );
    }
  }

  /** Counts a tensor of `count` elements about to be materialised. */
  add(count: number, what: string): void {
    this.tensors += 1;
    if (this.tensors > FORMAT_LIMITS.maxTensors) {
      throw new FormatError(`the file has more than ${FORMAT_LIMITS.maxTensors} tensors`);
    }
    this.elementsUsed += count;
    if (this.elementsUsed > this.maxElements) {
      throw new FormatError(
        `${what} brings the file to ${this.elementsUsed.toLocaleString('en')} elements, more than the limit of ` +
          `${this.maxElements.toLocaleString('en')} for a ${formatBytes(this.fileBytes)} file ` +
          `(one per byte of the file plus one bidirectional GRU layer at the explorer's size limits)`,
      );
    }
  }

  /** Counts `bytes` about to be inflated from `compressed` bytes of a zip entry. */
  inflate(bytes: number, compressed: number, what: string): void {
    this.inflatedBytes += bytes;
    if (this.inflatedBytes > this.maxInflatedBytes) {
      throw new FormatError(
        `${what} would bring the inflated size to ${formatBytes(this.inflatedBytes)}, more than the limit of ` +
          `${formatBytes(this.maxInflatedBytes)} for a ${formatBytes(this.fileBytes)} archive ` +
          `(four times its size plus one bidirectional GRU layer at the explorer's size limits, in float64)`,
      );
    }
    this.spend('inflateIn', compressed, what);
    this.spend('inflate', bytes, what);
  }

  /** Counts decoding `count` elements of `dtype`: a copy, a conversion or (not contiguous) a strided gather. */
  decode(count: number, dtype: string, littleEndian: boolean, contiguous: boolean, what: string): void {
    this.spend(!contiguous ? 'gather' : dtype === 'float32' && littleEndian ? 'copy' : 'decode', count, what);
  }
}

function seconds(ns: number): string {
  const s = ns / 1e9;
  return `${s >= 10 ? Math.round(s) : s.toPrecision(2)} s`;
}
