#!/usr/bin/env node
'use strict';
/**
 * `npm start` (`exec node src/build/start.js`): the server, built first only when the sources
 * changed since the last build (see freshness.js). Plain JavaScript, run from the sources: it
 * decides whether there is anything to compile, so it cannot itself wait for a compilation. In
 * the same process as the server: a second Node process, or npm's `prestart`, would cost more
 * than the check itself; and the server, being this very process (the shell npm runs `exec`s it in
 * its own place), is npm's child and receives the signals npm passes on (SIGTERM, SIGINT).
 */
const { resolve } = require('node:path');
const { staleness } = require('./freshness');
const { build } = require('./build');

const root = resolve(__dirname, '..', '..');
const why = staleness(root);
if (why) {
  process.stderr.write(`ent-compliance : construction (${why})…\n`);
  const code = build(root);
  if (code !== 0) {
    process.stderr.write('ent-compliance : la construction a échoué, le serveur ne démarre pas\n');
    process.exit(code);
  }
}
require(resolve(root, 'dist', 'src', 'server.js'));
