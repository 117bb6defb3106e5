// One entry point for checkpoint files: sniff the format by its magic bytes (the file name is only a hint).
import { hexPrefix } from './binary';
import { readJson } from './json';
import { isNpy, readNpy, readNpz } from './npy';
import { looksLikeSafetensors, readSafetensors } from './safetensors';
import { LEGACY_TORCH_MESSAGE, isLegacyTorch, readTorch } from './torch';
import { FormatError, assertFileSize, type ProgressCallback, type TensorFile } from './types';
import { isZip, readZip } from './zip';

export type SniffedFormat = 'pt' | 'npz' | 'npy' | 'safetensors' | 'json' | 'onnx' | 'pickle' | 'unknown';

const EXTENSIONS: Record<string, SniffedFormat> = {
  pt: 'pt',
  pth: 'pt',
  bin: 'pt',
  ckpt: 'pt',
  tar: 'pt',
  npz: 'npz',
  npy: 'npy',
  safetensors: 'safetensors',
  json: 'json',
  onnx: 'onnx',
};

function extension(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // UTF-8 BOM
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i < bytes.length ? bytes[i] : -1;
}

/** The format of `bytes` by magic, falling back to the file name's extension. */
export function sniffFormat(bytes: Uint8Array, fileName = ''): SniffedFormat {
  const hint = EXTENSIONS[extension(fileName)] ?? 'unknown';
  if (isZip(bytes)) {
    if (hint === 'npz') return 'npz';
    try {
      const zip = readZip(bytes, 'zip');
      return zip.entries.some((e) => /^[^/]*\/?data\.pkl$/.test(e.name)) ? 'pt' : 'npz';
    } catch {
      // A damaged zip: let the reader the name suggests report what is wrong.
      return hint === 'pt' ? 'pt' : 'npz';
    }
  }
  if (isNpy(bytes)) return 'npy';
  if (looksLikeSafetensors(bytes)) return 'safetensors';
  const c = firstNonSpace(bytes);
  if (c === 0x7b || c === 0x5b) return 'json';
  if (isLegacyTorch(bytes)) return 'pickle';
  if (hint === 'onnx') return 'onnx';
  return hint === 'unknown' ? 'unknown' : hint;
}

const DESCRIPTION: Record<SniffedFormat, string> = {
  pt: 'PyTorch checkpoint',
  npz: 'NumPy .npz',
  npy: 'NumPy .npy',
  safetensors: 'safetensors',
  json: 'JSON',
  onnx: 'ONNX',
  pickle: 'pickle',
  unknown: 'unknown format',
};

/**
 * Reads a checkpoint: PyTorch zip (.pt/.pth/.bin), safetensors, .npz, .npy or JSON. Throws a FormatError whose
 * message starts with the file name and the format it was read as. ONNX files go to readOnnxGru instead.
 * `onProgress` hears the format found, then (zip formats) the fraction of the tensor data checked.
 */
export function readTensorFile(bytes: Uint8Array, fileName = '', onProgress?: ProgressCallback): TensorFile {
  const label = fileName ? `${fileName}: ` : '';
  try {
    assertFileSize(bytes.length);
  } catch (e) {
    throw new FormatError(`${label}${(e as Error).message}`);
  }
  const format = sniffFormat(bytes, fileName);
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.npy$/i, '') || 'array';
  if (format !== 'unknown') onProgress?.(`Reading ${DESCRIPTION[format]}`);
  try {
    switch (format) {
      case 'pt':
        return readTorch(bytes, onProgress);
      case 'npz':
        return readNpz(bytes, onProgress);
      case 'npy':
        return readNpy(bytes, stem);
      case 'safetensors':
        return readSafetensors(bytes);
      case 'json':
        return readJson(bytes);
      case 'onnx':
        throw new FormatError('ONNX files are read by readOnnxGru (src/formats/onnx.ts), not readTensorFile');
      case 'pickle':
        throw new FormatError(LEGACY_TORCH_MESSAGE);
      default:
        throw new FormatError(
          bytes.length === 0
            ? 'the file is empty'
            : `not a recognised checkpoint (it starts with ${hexPrefix(bytes)}); supported: PyTorch .pt/.pth (zip, torch.save), .safetensors, .npz, .npy, JSON`,
        );
    }
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    throw new FormatError(`${label}${format === 'unknown' ? '' : `(${DESCRIPTION[format]}) `}${e.message}`, { cause: e });
  }
}
