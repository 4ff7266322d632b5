/**
 * A full garbage collection at the end of a phase that leaves a lot of garbage behind on a long document (the
 * input's bytes once decoded; shingle hashes and signatures once passes are grouped).
 *
 * Why: V8 sizes its next collection from the heap it last found live, and on a machine with plenty of memory it
 * lets the old generation grow for a long while; on a 100 MB dump that was 300 MB of dead pages and buffers at the
 * peak (bench: 710 MB peak RSS without, about 400 MB with). Node has no public call for this without
 * `--expose-gc`, so the flag is set at run time and V8's `gc` is taken from a fresh context (the method of the
 * `expose-gc` package). When that is not possible the call does nothing: memory only stays higher.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined | null = null;
let allowed = false;

/**
 * Lets {@link collectGarbage} work in this process. The CLI calls it; a program that uses the pipeline as a library
 * does not get V8's flags changed under it unless it calls this too.
 */
export function allowCollections(): void {
  allowed = true;
}

function collector(): (() => void) | undefined {
  const own = (globalThis as { gc?: () => void }).gc;
  if (own) return own;
  try {
    v8.setFlagsFromString('--expose-gc');
    const fn = vm.runInNewContext('gc') as unknown;
    return typeof fn === 'function' ? (fn as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a full collection when {@link allowCollections} was called and the JavaScript heap and its buffers hold at
 * least `minBytes` (default 64 MB); else does nothing (a small run does not pay for it: a full collection of a heap that size takes tens of ms).
 */
export function collectGarbage(minBytes = 64 * 2 ** 20): void {
  if (!allowed) return;
  const m = process.memoryUsage();
  if (m.heapUsed + m.arrayBuffers < minBytes) return;
  if (gc === null) gc = collector();
  gc?.();
}
