/** A CLI command: pure of process globals, so that tests run it in-process. */
export interface CommandIO {
  // Properties, not methods: commands hand them around as plain functions (`progress(io.stderr, …)`).
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether standard output is a terminal (progress bars, colours). */
  isTTY?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code: 0 success, 1 a negative verdict, 2 a usage or I/O error. */
  run(args: string[], io: CommandIO): Promise<number>;
}
