'use strict';
/**
 * Whether `dist/` was built from the sources as they are now. `npm run build` (build.js, beside this file)
 * writes, once everything is built, a digest of what the build read; `npm start`
 * (start.js) builds again only when that digest no longer matches, so that a start
 * after no change costs a few milliseconds of reading rather than a compilation.
 *
 * A digest of the contents rather than the files' dates: a checkout, a copy or a clock that
 * moves do not fool it. Plain JavaScript, as it runs before anything is compiled.
 */
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/** What the build reads: the compiled code, the schemas and templates turned into code at build time, and the settings. */
const INPUT_DIRS = ['src', 'bench', 'schemas', 'reports'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
/** Without these, there is nothing to start, whatever the digest says. */
const OUTPUTS = [
  'dist/src/server.js',
  'dist/src/cli/main.js',
  'dist/src/validation/submission-schemas.generated.js',
  'dist/src/validation/rule-schemas.generated.js',
];
const STAMP = join('dist', '.build-inputs');

function filesUnder(root, dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p));
    }
  };
  walk(join(root, dir));
  return out;
}

/** SHA-256 over every input, path and content, in a fixed order. */
function inputsDigest(root) {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((d) => filesUnder(root, d)), ...INPUT_FILES.filter((f) => existsSync(join(root, f)))].sort();
  for (const f of files) {
    hash.update(f.split('\\').join('/')).update('\0');
    hash.update(readFileSync(join(root, f))).update('\0');
  }
  return hash.digest('hex');
}

/** Why the build is not up to date, or undefined when it is. */
function staleness(root) {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return `${missing} absent`;
  let stamp;
  try {
    stamp = readFileSync(join(root, STAMP), 'utf8').trim();
  } catch {
    return 'aucune construction complète enregistrée';
  }
  return stamp === inputsDigest(root) ? undefined : 'sources modifiées depuis la dernière construction';
}

function writeStamp(root, digest) {
  writeFileSync(join(root, STAMP), `${digest}\n`);
}

module.exports = { inputsDigest, staleness, writeStamp, STAMP, OUTPUTS };
