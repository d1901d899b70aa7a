/**
 * Ctrl-C (SIGINT) or SIGTERM while a command works on infrastructure, handled as Terraform
 * does: the first asks the run to stop (nothing new starts; what is in flight finishes and
 * is saved to state; the lock is released as usual), a second exits at once.
 */
import type { CommandIO } from './io.js';

export interface Interrupts {
  /** Aborted at the first interrupt. */
  readonly signal: AbortSignal;
  /** Gives the signals back to their default handling. */
  dispose(): void;
}

/** Catches interrupts until `dispose()`; only the real command line (not in-process callers) is affected. */
export function catchInterrupts(io: CommandIO): Interrupts {
  const ac = new AbortController();
  const on = () => {
    if (!ac.signal.aborted) {
      io.stdout.write('\nInterrupt received.\nPlease wait for terrane to exit or data loss may occur.\nGracefully shutting down...\n\nStopping operation...\n');
      ac.abort();
      return;
    }
    io.stderr.write('Two interrupts received. Exiting immediately. Note that data loss may have occurred.\n');
    process.exit(1);
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    signal: ac.signal,
    dispose() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}

/**
 * Runs `fn` with the signal that stops it: interrupts of the process while it runs (when
 * `io.interrupts` is true), or the signal `io` carries.
 */
export async function interruptible<T>(io: CommandIO, fn: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (io.interrupts !== true) return fn(io.interrupts || undefined);
  const caught = catchInterrupts(io);
  try {
    return await fn(caught.signal);
  } finally {
    caught.dispose();
  }
}
