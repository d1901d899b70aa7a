/** The streams and working directory a command runs with (tests pass their own). */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** The working directory (after `-chdir`). */
  cwd: string;
  /** Environment variables (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  /** `-no-color` appeared among the command's arguments (main.ts takes it out of them). */
  noColor?: boolean;
}

/** A command: parses its own flags from `args` and resolves to an exit code. */
export type CommandRun = (args: string[], io: CommandIO) => Promise<number>;
