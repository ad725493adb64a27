import type { Command } from './types';
import { validateCommand } from './validate';
import { checkCommand } from './check';
import { rulesCommand } from './rules';
import { batchCommand } from './batch';
import { tokenCommand } from './token';
import { withdrawCommand } from './withdraw';
import { verifyCommand } from './verify';
import { backupCommand } from './backup';

/**
 * Every command of `ent-compliance`, in the order `--help` lists them. To add one, write
 * `src/cli/commands/NAME.ts` exporting a `Command` and add it here: nothing else dispatches.
 */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  checkCommand,
  rulesCommand,
  batchCommand,
  tokenCommand,
  withdrawCommand,
  verifyCommand,
  backupCommand,
];

export type { Command, CommandIO } from './types';
