import type { CommandIO } from '../../src/cli/commands/types';
import { runCli } from '../../src/cli/dispatch';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ent-compliance ARGS` in-process, as the executable would, and keeps what it printed. */
export async function cli(args: string[], cwd: string, env: Record<string, string> = {}, isTTY = false): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env, isTTY };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
