import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { School, Submission } from '../../src/domain/submission';
import { uaiCheckLetter } from '../../src/identifiers/uai';

/** The documents under test/fixtures/api and temporary database folders for the store and HTTP tests. */

export const API_FIXTURES = resolve(__dirname, '../fixtures/api');
export const RULES_DIR = resolve(__dirname, '../../rules');
export const SIRET = '21340270400018';

export function fixtureText(name: string): string {
  return readFileSync(join(API_FIXTURES, name), 'utf8');
}

export function fixture(name: string): Submission {
  return JSON.parse(fixtureText(`${name}.json`)) as Submission;
}

/** A fresh folder per test file; `cleanup` removes it (call in afterAll, after closing the store). */
export function tempDir(prefix = 'ent-compliance-'): { dir: string; dbPath: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dbPath: join(dir, 'nested', 'ent-compliance.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Other communes of the académie, with SIRETs that pass the Luhn check, for dossiers beside Saint-Jean-de-Védas's. */
export const COMMUNES = {
  montpellier: { siret: '21340172200102', name: 'Montpellier', inseeCode: '34172' },
  beziers: { siret: '21340032800109', name: 'Béziers', inseeCode: '34032' },
  nimes: { siret: '21300189400103', name: 'Nîmes', inseeCode: '30189' },
  mende: { siret: '21480095500103', name: 'Mende', inseeCode: '48095' },
} as const;

/**
 * A fixture as sent by another commune: its schools are in that commune (art. 1), their UAI in its
 * département (annexe 1), with the check letter that goes with the new digits.
 */
export function fixtureFor(name: string, commune: { siret: string; name: string; inseeCode: string }): Submission {
  const doc = fixture(name);
  const departement = `0${commune.inseeCode.slice(0, 2)}`;
  const moved = (s: School): School => {
    const digits = `${departement}${s.uai.slice(3, 7)}`;
    return { ...s, commune: commune.name, uai: `${digits}${uaiCheckLetter(digits)}` };
  };
  const party = { ...doc.party, ...commune };
  return doc.kind === 'convention' || doc.kind === 'amendment' ? { ...doc, party, schools: doc.schools.map(moved) } : { ...doc, party };
}
