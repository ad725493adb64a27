import { relative } from 'node:path';
import { fileProblem } from '../wording/file-errors';
import { COMMANDS } from './commands';
import type { Command, CommandIO } from './commands/types';

/**
 * `ent-compliance COMMAND [ARGS]`: finds the command in the table and runs it. Pure of process
 * globals: the entry point gives it the arguments and the I/O, and turns its result into the exit code.
 */

export function usage(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`);
  return `Usage : ent-compliance COMMANDE [OPTIONS]

Contrôle de conformité des pièces de la convention ENT-école (Académie de Montpellier).

Commandes :
${lines.join('\n')}

« ent-compliance COMMANDE --help » décrit une commande.
`;
}

export async function runCli(argv: readonly string[], io: CommandIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage(commands));
    return 2;
  }
  if (name === '-h' || name === '--help') {
    io.stdout(usage(commands));
    return 0;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      io.stdout(usage(commands));
      return 0;
    }
    const wanted = commands.find((c) => c.name === rest[0]);
    if (!wanted) {
      io.stderr(`commande inconnue « ${rest[0]} »\n\n${usage(commands)}`);
      return 2;
    }
    io.stdout(wanted.usage);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`commande inconnue « ${name} »\n\n${usage(commands)}`);
    return 2;
  }
  try {
    return await command.run([...rest], io);
  } catch (e) {
    // A file the command did not expect to miss (a rule file unreadable half-way): in French all the same.
    const fsError = e as NodeJS.ErrnoException;
    if (typeof fsError?.code === 'string' && typeof fsError.path === 'string' && fsError.syscall) {
      const action =
        fsError.syscall === 'scandir' || fsError.syscall === 'opendir'
          ? 'read-dir'
          : fsError.syscall === 'mkdir'
            ? 'create-dir'
            : /write|rename|unlink/.test(fsError.syscall)
              ? 'write'
              : 'read';
      io.stderr(`${command.name} : ${fileProblem(e, relative(io.cwd, fsError.path) || '.', action)}\n`);
      return 2;
    }
    // A fault, not an expected problem: say it in one line; the stack only on demand.
    io.stderr(`${command.name} : erreur interne : ${(e as Error).message}\n`);
    if (io.env.DEBUG) io.stderr(`${(e as Error).stack ?? ''}\n`);
    return 2;
  }
}
