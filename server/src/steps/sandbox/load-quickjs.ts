import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { newQuickJSWASMModule, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';

// The .wasm ships inside quickjs-emscripten's own dependency (no download at run time); pnpm does not
// hoist that package to us, so it is resolved from quickjs-emscripten's location.
function releaseSyncWasmPath(): string {
  const quickjsEntry = createRequire(import.meta.url).resolve('quickjs-emscripten');
  return createRequire(quickjsEntry).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
}

// @types/node leaves the WebAssembly global to the DOM lib; this is the one call made here.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

let compiled: Promise<object> | undefined;

/** Compiles the QuickJS WebAssembly module once per thread; a sandbox worker does it before taking jobs. */
export function compileQuickJS(): Promise<object> {
  compiled ??= readFile(releaseSyncWasmPath()).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

/**
 * A fresh QuickJS WebAssembly instance for one execution. The module is compiled once; each instance
 * has its own linear memory, so nothing a run leaves behind (garbage, a heap left inconsistent by a host
 * stack overflow or an abort) reaches the next run, and the memory a run grew is returned when it ends.
 */
export async function loadQuickJS(): Promise<QuickJSWASMModule> {
  const wasmModule = compileQuickJS();
  return newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmModule: () => wasmModule }));
}
