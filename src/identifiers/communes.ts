/**
 * The official list of communes (INSEE code, name, département, SIREN), from
 * `@etalab/decoupage-administratif`. The data file is required directly: the package's own
 * index reads its files relative to the working directory. It is 8 MB, so it is read on first
 * use and reduced to the départements asked for.
 */
export interface OfficialCommune {
  code: string;
  nom: string;
  departement: string;
  siren?: string;
}

let all: OfficialCommune[] | undefined;
const byDepartements = new Map<string, Map<string, OfficialCommune>>();
/** The rule sets hand the same array on every call: remember the answer by the array itself. */
const byArray = new WeakMap<readonly string[], Map<string, OfficialCommune>>();

function loadAll(): OfficialCommune[] {
  if (!all) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- 8 MB of JSON, read only when a commune is first looked up
    const raw = require('@etalab/decoupage-administratif/data/communes.json') as Array<OfficialCommune & { type: string }>;
    all = raw.filter((c) => c.type === 'commune-actuelle').map(({ code, nom, departement, siren }) => ({ code, nom, departement, siren }));
  }
  return all;
}

/** Communes of the given départements (`['11', '30', '34', …]` or `['011', …]`), by INSEE code. */
export function communesOf(departements: readonly string[]): Map<string, OfficialCommune> {
  const known = byArray.get(departements);
  if (known) return known;
  const wanted = departements.map((d) => d.replace(/^0(?=\d\d$)/, '').replace(/^0(?=2[AB]$)/, ''));
  const key = [...wanted].sort().join(',');
  let map = byDepartements.get(key);
  if (!map) {
    map = new Map(loadAll().filter((c) => wanted.includes(c.departement)).map((c) => [c.code, c]));
    byDepartements.set(key, map);
  }
  byArray.set(departements, map);
  return map;
}

/** Names already normalised: the same communes' names come back with each of their submissions. */
const normalised = new Map<string, string>();
const MAX_NORMALISED = 50_000;

/** Case, accents, hyphens and apostrophes do not distinguish two names of a commune. */
export function normaliseName(name: string): string {
  let known = normalised.get(name);
  if (known === undefined) {
    if (normalised.size >= MAX_NORMALISED) normalised.clear();
    known = normalise(name);
    normalised.set(name, known);
  }
  return known;
}

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
