#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the server, built first only when the sources changed since the last build
 * (see freshness.js). In the same process as the server: a second Node process, or npm's
 * `prestart`, would cost more than the check itself.
 */
const { resolve } = require('node:path');
const { staleness } = require('./freshness');
const { build } = require('./build');

const root = resolve(__dirname, '..');
const why = staleness(root);
if (why) {
  process.stderr.write(`ent-compliance : construction (${why})…\n`);
  const code = build(root);
  if (code !== 0) {
    process.stderr.write('ent-compliance : la construction a échoué, le serveur ne démarre pas\n');
    process.exit(code);
  }
}
require('../dist/src/server.js');
