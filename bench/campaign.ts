import { uaiCheckLetter } from '../src/identifiers/uai';
import { luhnValid } from '../src/identifiers/siret';

/**
 * A realistic campaign of submissions for benchmarks and batch tests: many dossiers, each with a
 * convention, then amendments (in time, late, early), invoices, and for some a dispute ending in a
 * termination; a share of them invalid (schema errors, wrong counts, bad UAI keys). Seeded, so that
 * two runs with the same seed check the same documents.
 */

/** mulberry32: small, fast, good enough to pick among cases repeatably. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTEMENTS = ['011', '030', '034', '048', '066'];
const TYPES = ['EM', 'EE', 'EP'] as const;

function siretFor(n: number): string {
  const siren8 = `21${String(340000 + (n % 650000)).padStart(6, '0')}`;
  for (let d = 0; d < 10; d++) {
    const siren = `${siren8}${d}`;
    if (!luhnValid(siren)) continue;
    for (let nic = 10; nic < 100; nic++) {
      const siret = `${siren}000${String(nic).padStart(2, '0')}`;
      if (luhnValid(siret)) return siret;
    }
  }
  throw new Error(`campaign: no SIRET for ${n}`);
}

function uai(rand: () => number): string {
  const dep = DEPARTEMENTS[Math.floor(rand() * DEPARTEMENTS.length)];
  const digits = `${dep}${String(Math.floor(rand() * 10000)).padStart(4, '0')}`;
  return digits + uaiCheckLetter(digits);
}

export interface CampaignOptions {
  submissions: number;
  seed?: number;
  /** Share of documents spoilt on purpose (schema or rule failures). */
  invalidShare?: number;
}

type Doc = Record<string, unknown>;

/** Yields documents in the order a dossier would receive them, dossiers interleaved. */
export function* campaign({ submissions, seed = 42, invalidShare = 0.15 }: CampaignOptions): Generator<Doc> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  let produced = 0;
  let dossier = 0;
  while (produced < submissions) {
    const n = dossier++;
    const siret = siretFor(n);
    const name = `Commune ${n}`;
    const party = { type: 'commune', name, siret };
    const count = 1 + Math.floor(rand() * 6);
    const schools = Array.from({ length: count }, () => ({ uai: uai(rand), type: pick(TYPES), commune: name }));
    const convention: Doc = {
      kind: 'convention',
      schoolYear: '2020-2021',
      party: { ...party, representative: { name: 'Le maire', title: 'maire' } },
      signedOn: `2020-09-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
      signatory: { name: 'Le maire', title: 'maire' },
      schools,
      schoolCount: count,
      amount: count * 50,
    };
    const docs: Doc[] = [convention];
    const more = [...schools, { uai: uai(rand), type: 'EE', commune: name }];
    const signedDay = Number((convention.signedOn as string).slice(8, 10));
    // Most amendments arrive in the window after the signature; some late, after 15 October.
    const day = signedDay + 1 + Math.floor(rand() * (rand() < 0.8 ? 45 - signedDay : 60 - signedDay));
    const transmittedOn = new Date(Date.UTC(2020, 8, day)).toISOString().slice(0, 10);
    docs.push({
      kind: 'amendment',
      schoolYear: '2020-2021',
      party,
      reason: 'school_list',
      transmittedAt: `${transmittedOn}T10:00:00+02:00`,
      signatory: { name: 'Le maire', title: 'maire' },
      schools: more,
      schoolCount: more.length,
    });
    const owed = day <= 45 ? more.length : count;
    docs.push({ kind: 'invoice', schoolYear: '2020-2021', party, issuedOn: '2020-11-16', schoolCount: owed, amount: owed * 50 });
    if (rand() < 0.3) {
      docs.push({
        kind: 'formal_notice',
        schoolYear: '2020-2021',
        party,
        sender: 'academie',
        letter: { method: 'registered_letter_ar', sentOn: '2021-03-01', receivedOn: '2021-03-03' },
        grievances: ['Titre impayé'],
      });
      docs.push({ kind: 'conciliation', schoolYear: '2020-2021', party, heldOn: '2021-03-25', outcome: 'failure' });
      docs.push({
        kind: 'termination',
        schoolYear: '2020-2021',
        party,
        ground: 'breach',
        initiator: 'academie',
        letter: { method: 'registered_letter_ar', sentOn: '2021-04-01' },
        effectiveOn: '2021-04-16',
        reasons: ['Titre impayé'],
        refundRequested: false,
      });
    }
    for (const d of docs) {
      if (produced >= submissions) return;
      produced++;
      yield rand() < invalidShare ? spoil(d, rand) : d;
    }
  }
}

/** Spoils a document the way real ones go wrong: a typo in a key, a count, a key letter, a date. */
function spoil(d: Doc, rand: () => number): Doc {
  const copy = structuredClone(d);
  switch (Math.floor(rand() * 4)) {
    case 0:
      copy.schoolYaer = copy.schoolYear;
      return copy;
    case 1:
      if ('schoolCount' in copy) copy.schoolCount = (copy.schoolCount as number) + 1;
      else copy.schoolYear = '2020-2022';
      return copy;
    case 2:
      if (Array.isArray(copy.schools) && copy.schools.length)
        (copy.schools as Array<{ uai: string }>)[0].uai = `${(copy.schools as Array<{ uai: string }>)[0].uai.slice(0, 7)}I`;
      else (copy.party as Doc).siret = '2134027040001';
      return copy;
    default:
      for (const k of ['signedOn', 'issuedOn', 'heldOn', 'effectiveOn']) if (k in copy) copy[k] = '2021-02-30';
      return copy;
  }
}
