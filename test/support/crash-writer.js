'use strict';
/**
 * Run by test/security/processes.test.ts from the built program: writes submissions through the
 * dossier service, one after the other, and prints each id on stdout once its transaction has
 * committed (a pipe's writes are synchronous on Linux: an id read by the test was committed).
 * The test kills it with SIGKILL in the middle of the stream.
 *
 *   node test/support/crash-writer.js DATABASE RULES_DIR FIXTURE.json [DOSSIERS]
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '../../dist/src');
const { Store } = require(join(dist, 'store/store.js'));
const { buildRegistry } = require(join(dist, 'rules/registry.js'));
const { createServices } = require(join(dist, 'service/services.js'));

const [dbPath, rulesDir, fixturePath, dossiers = '10'] = process.argv.slice(2);
const services = createServices(Store.open(dbPath), buildRegistry(rulesDir));
const base = JSON.parse(readFileSync(fixturePath, 'utf8'));

async function main() {
  process.stdout.write('prêt\n');
  for (let i = 0; ; i++) {
    const siret = `2134027040${String(i % Number(dossiers)).padStart(4, '0')}`;
    // Each text its own (the sending's number in the contact's name): a text already in its
    // dossier would be answered with the submission there, not written again.
    const contact = { ...base.party.contact, name: `Service scolaire (envoi ${process.pid}-${i})` };
    const doc = { ...base, party: { ...base.party, siret, name: `Commune ${i % Number(dossiers)}`, contact } };
    const text = `${JSON.stringify(doc, null, 2)}\n${' '.repeat(i % 7)}`;
    const outcome = await services.dossiers.submit({ submission: doc, rawText: text, contentType: 'application/json' });
    if (outcome.outcome === 'refused') throw outcome.error;
    process.stdout.write(`${outcome.stored.id}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
