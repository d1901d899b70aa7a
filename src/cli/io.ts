/** The streams and working directory a command runs with (tests pass their own). */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** The working directory (after `-chdir`). */
  cwd: string;
  /** Environment variables (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * Interrupts of the process (Ctrl-C, SIGTERM) stop a plan or apply gracefully: set for the
   * real command line. Tests may pass a signal of their own instead.
   */
  interrupts?: boolean | AbortSignal;
  /** `-no-color` appeared among the command's arguments (main.ts takes it out of them). */
  noColor?: boolean;
}

/** A command: parses its own flags from `args` and resolves to an exit code. */
export type CommandRun = (args: string[], io: CommandIO) => Promise<number>;
