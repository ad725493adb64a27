#!/usr/bin/env node
import { runCli } from './dispatch';

/** The `ent-compliance` executable: the only place that touches the process. */

// Output piped into `head` or `less` and closed early: stop quietly, as other commands do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`ent-compliance : erreur interne : ${(e as Error).message}\n`);
    process.exit(2);
  },
);
