import { Worker } from 'node:worker_threads';
import type { OutputStream } from './cliIo.js';

/**
 * @internal What a command says of its progress — the phase it is in (`loading big.json`, `linting big.json`). On
 * a terminal, once the run has lasted `afterMs` (2 s), one line on stderr shows the phase and the time so far,
 * redrawn in place and cleared before anything else is written to stderr and when the command ends; elsewhere
 * (a pipe, a file, CI) nothing is written.
 */
export interface Progress {
  /** The command enters a phase. */
  phase(text: string): void;
  /** The command is done: clear the line for good. */
  stop(): void;
}

/** @internal Options of {@link startProgress}. */
export interface ProgressOptions {
  /** The clock, in milliseconds. */
  readonly now: () => number;
  /** How long a run lasts before its progress shows. Default 2000. */
  readonly afterMs?: number;
  /**
   * A file descriptor that is the terminal `stream` writes to (2 for the process's own stderr): a worker thread
   * then redraws the line every quarter second while the command computes — loading a 100 000-account directory
   * blocks the main thread for seconds. Without it, the line is drawn only when a phase begins.
   */
  readonly fd?: number;
}

/** The line as the user sees it: `doublehop: linting big.json … 4 s`, at most 79 characters. */
export function progressLine(text: string, elapsedMs: number): string {
  const line = `doublehop: ${text} … ${Math.floor(elapsedMs / 1000)} s`;
  return line.length <= 79 ? line : `${line.slice(0, 78)}…`;
}

const CLEAR = '\r\u001b[K';
const NONE: Progress = { phase: () => {}, stop: () => {} };

/**
 * @internal Starts the progress of a command writing to `stream`; returns it with the stream to write diagnostics
 * to (which clears a drawn line first). A stream that is not a terminal gets no progress and is returned as is.
 */
export function startProgress(
  stream: OutputStream,
  options: ProgressOptions,
): { readonly progress: Progress; readonly stderr: OutputStream } {
  if (stream.isTTY !== true) return { progress: NONE, stderr: stream };
  const start = options.now();
  const afterMs = options.afterMs ?? 2000;
  const shared = new SharedState();
  let ticker: Worker | undefined;
  let stopped = false;
  const draw = (): void => {
    if (stopped || options.now() - start < afterMs) return;
    shared.locked(() => {
      stream.write(`${CLEAR}${progressLine(shared.text(), options.now() - start)}`);
      shared.setDrawn(true);
    });
  };
  const clear = (): void => {
    if (!shared.drawn()) return;
    stream.write(CLEAR);
    shared.setDrawn(false);
  };
  const progress: Progress = {
    phase(text) {
      if (stopped) return;
      shared.setText(text);
      if (ticker === undefined && options.fd !== undefined) {
        ticker = startTicker(shared, options.fd, afterMs - (options.now() - start));
      }
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      shared.stop();
      shared.locked(clear, true);
      void ticker?.terminate();
    },
  };
  const stderr: OutputStream = {
    isTTY: true,
    write(text) {
      shared.locked(clear, true);
      return stream.write(text);
    },
  };
  return { progress, stderr };
}

// The state the main thread and the ticker share: [0] running (1) or stopped (0), [1] the lock, [2] whether a
// line is drawn, [3] the text's length in bytes; then the text, UTF-8.
const RUNNING = 0;
const LOCK = 1;
const DRAWN = 2;
const LENGTH = 3;
const TEXT_BYTES = 512;

class SharedState {
  readonly buffer = new SharedArrayBuffer(16 + TEXT_BYTES);
  private readonly control = new Int32Array(this.buffer, 0, 4);
  private readonly bytes = new Uint8Array(this.buffer, 16, TEXT_BYTES);

  constructor() {
    Atomics.store(this.control, RUNNING, 1);
  }

  setText(text: string): void {
    this.locked(() => {
      const { written } = new TextEncoder().encodeInto(text, this.bytes);
      Atomics.store(this.control, LENGTH, written);
    }, true);
  }

  text(): string {
    return new TextDecoder().decode(this.bytes.slice(0, Atomics.load(this.control, LENGTH)));
  }

  drawn(): boolean {
    return Atomics.load(this.control, DRAWN) === 1;
  }

  setDrawn(value: boolean): void {
    Atomics.store(this.control, DRAWN, value ? 1 : 0);
  }

  stop(): void {
    Atomics.store(this.control, RUNNING, 0);
  }

  /** Runs `f` holding the lock; waits for it when `wait`, else skips `f` if the ticker holds it. */
  locked(f: () => void, wait = false): void {
    while (Atomics.compareExchange(this.control, LOCK, 0, 1) !== 0) {
      if (!wait) return;
      Atomics.wait(this.control, LOCK, 1, 5);
    }
    try {
      f();
    } finally {
      Atomics.store(this.control, LOCK, 0);
      Atomics.notify(this.control, LOCK);
    }
  }
}

/**
 * The ticker: a worker thread that redraws the line on `fd` while the main thread computes (the main thread's own
 * timers cannot fire then). It writes with writeSync on the descriptor, under the shared lock, and only while the
 * command runs; it never keeps the process alive.
 */
function startTicker(shared: SharedState, fd: number, afterMs: number): Worker | undefined {
  // afterMs: what is left of the delay, on the worker's own clock.
  const code = `
    const { workerData } = require('node:worker_threads');
    const { writeSync } = require('node:fs');
    const { buffer, fd, afterMs, start } = workerData;
    const control = new Int32Array(buffer, 0, 4);
    const bytes = new Uint8Array(buffer, 16, ${TEXT_BYTES});
    const line = ${progressLine.toString()};
    setInterval(() => {
      const elapsed = Date.now() - start;
      if (elapsed < afterMs || Atomics.load(control, ${RUNNING}) !== 1) return;
      if (Atomics.compareExchange(control, ${LOCK}, 0, 1) !== 0) return;
      try {
        if (Atomics.load(control, ${RUNNING}) !== 1) return;
        const text = new TextDecoder().decode(bytes.slice(0, Atomics.load(control, ${LENGTH})));
        writeSync(fd, '\\r\\u001b[K' + line(text, elapsed));
        Atomics.store(control, ${DRAWN}, 1);
      } finally {
        Atomics.store(control, ${LOCK}, 0);
        Atomics.notify(control, ${LOCK});
      }
    }, 250);
  `;
  try {
    const worker = new Worker(code, {
      eval: true,
      workerData: { buffer: shared.buffer, fd, afterMs, start: Date.now() },
    });
    worker.unref();
    // A ticker that cannot run only costs the in-between redraws.
    worker.on('error', () => {});
    return worker;
  } catch {
    return undefined;
  }
}
