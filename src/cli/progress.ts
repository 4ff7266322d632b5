/**
 * The progress bar of long runs (cli-progress), on stderr. Shown only when a person is watching: stderr is a TTY,
 * no CI environment variable is set, the run is not `--quiet` or `--trace`, and the run is long (many files or a
 * large dump). Never in pipes or CI logs. The bar is erased when the run ends.
 *
 * Progress is counted in input bytes, advanced page by page inside a document, so one large dump moves too.
 */
import { lazyRequire } from '../io/lazy.js';

const cliProgressLib = lazyRequire<typeof import('cli-progress')>('cli-progress');

/** Runs of at least this many files show a bar. */
export const LONG_RUN_FILES = 20;
/** Runs of at least this many input bytes show a bar. */
export const LONG_RUN_BYTES = 1 << 20;

/** True when the environment says this is a CI run (`CI` set to anything but empty, `0` or `false`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Whether a run of `files` inputs and `bytes` input bytes shows a progress bar on `stream`. */
export function wantProgress(stream: { isTTY?: boolean }, files: number, bytes: number, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !isCi(env) && (files >= LONG_RUN_FILES || bytes >= LONG_RUN_BYTES);
}

/** A started bar. `update` takes the bytes done so far and the name of the file being processed. */
export interface Progress {
  update(bytesDone: number, file: string): void;
  stop(): void;
}

/** Starts a bar on `stream` for `totalBytes` bytes over `files` files. */
export function startProgress(stream: NodeJS.WritableStream, totalBytes: number, files: number): Progress {
  const cliProgress = cliProgressLib();
  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WriteStream,
    format: `ocrtidy [{bar}] {percentage}% | {files} file${files === 1 ? '' : 's'} | ETA {eta_formatted} | {file}`,
    clearOnComplete: true,
    hideCursor: false,
    barsize: 30,
    fps: 10,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(1, totalBytes), 0, { file: '', files });
  return {
    update(bytesDone, file) {
      bar.update(Math.min(bytesDone, Math.max(1, totalBytes)), { file: file.length > 40 ? '…' + file.slice(-39) : file });
    },
    stop() {
      bar.stop();
    },
  };
}
