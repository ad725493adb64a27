'use strict';
/**
 * Run by test/security/processes.test.ts from the built program: files COUNT submissions, prints
 * « prêt », then withdraws them one after the other through the dossier service, printing each id
 * once its withdrawal has committed (a pipe's writes are synchronous on Linux: an id read by the
 * test was committed). The test kills it with SIGKILL in the middle of the withdrawals.
 *
 *   node test/support/crash-withdrawer.js DATABASE RULES_DIR FIXTURE.json [COUNT]
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const dist = join(__dirname, '../../dist/src');
const { Store } = require(join(dist, 'store/store.js'));
const { buildRegistry } = require(join(dist, 'rules/registry.js'));
const { createServices } = require(join(dist, 'service/services.js'));

const [dbPath, rulesDir, fixturePath, count = '200'] = process.argv.slice(2);
const services = createServices(Store.open(dbPath), buildRegistry(rulesDir));
const base = JSON.parse(readFileSync(fixturePath, 'utf8'));

async function main() {
  const ids = [];
  for (let i = 0; i < Number(count); i++) {
    const siret = `2134027040${String(i % 10).padStart(4, '0')}`;
    const contact = { ...base.party.contact, name: `Service scolaire (envoi ${process.pid}-${i})` };
    const doc = { ...base, party: { ...base.party, siret, name: `Commune ${i % 10}`, contact } };
    const text = JSON.stringify(doc, null, 2);
    const outcome = await services.dossiers.submit({ submission: doc, rawText: text, contentType: 'application/json' });
    if (outcome.outcome === 'refused') throw outcome.error;
    ids.push(outcome.stored.id);
  }
  process.stdout.write('prêt\n');
  for (const id of ids) {
    const r = await services.dossiers.withdraw({ submissionId: id, reason: `déposée par erreur (${id})`, author: 'essai de panne', tokenId: null });
    if (!r.ok) throw new Error(`retrait de ${id} refusé : ${r.reason}`);
    process.stdout.write(`${id}\n`);
  }
  process.stdout.write('fini\n');
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
