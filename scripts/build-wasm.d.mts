// Types of build-wasm.mjs for the Vite configs (TypeScript).
import type { Plugin } from 'vite';

export function buildWasm(options?: { force?: boolean }): Promise<boolean>;
export function wasmKernels(): Plugin;
export default function setup(): Promise<void>;
