#!/usr/bin/env node
'use strict';
/**
 * `npm run build`: everything, every time — the TypeScript (incremental: tsc reuses what did not
 * change), then the validators and templates turned into code, then the record of what was built
 * from (see freshness.js), which lets `npm start` skip all this when nothing changed. Plain
 * JavaScript beside write-generated.ts, as `npm start` may need it before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const { join, resolve } = require('node:path');
const { inputsDigest, writeStamp } = require('./freshness');

function build(root = resolve(__dirname, '..', '..')) {
  // Taken before compiling: a file edited during the build leaves the record stale, as it should.
  const digest = inputsDigest(root);
  const steps = [
    [require.resolve('typescript/bin/tsc', { paths: [root] }), '-p', join(root, 'tsconfig.build.json')],
    [join(root, 'dist/src/build/write-generated.js')],
  ];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  writeStamp(root, digest);
  return 0;
}

module.exports = { build };

if (require.main === module) process.exitCode = build();
