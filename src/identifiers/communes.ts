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
/** Communes déléguées and associées by the INSEE code of the commune they belong to. */
let attached: Map<string, OfficialCommune[]> | undefined;
const byDepartements = new Map<string, Map<string, OfficialCommune>>();
/** The rule sets hand the same array on every call: remember the answer by the array itself. */
const byArray = new WeakMap<readonly string[], Map<string, OfficialCommune>>();

function loadAll(): OfficialCommune[] {
  if (!all) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- 8 MB of JSON, read only when a commune is first looked up
    const raw = require('@etalab/decoupage-administratif/data/communes.json') as Array<OfficialCommune & { type: string; chefLieu?: string }>;
    all = raw.filter((c) => c.type === 'commune-actuelle').map(({ code, nom, departement, siren }) => ({ code, nom, departement, siren }));
    attached = new Map();
    for (const c of raw) {
      if ((c.type !== 'commune-deleguee' && c.type !== 'commune-associee') || !c.chefLieu) continue;
      const list = attached.get(c.chefLieu) ?? [];
      list.push({ code: c.code, nom: c.nom, departement: c.departement });
      attached.set(c.chefLieu, list);
    }
  }
  return all;
}

/**
 * The communes déléguées and associées that belong to the commune of this INSEE code: a school of
 * a commune nouvelle is often listed under the name of its former commune (Valleraugue for
 * Val-d'Aigoual).
 */
export function attachedCommunes(code: string): readonly OfficialCommune[] {
  loadAll();
  return attached!.get(code) ?? [];
}

let departementNames: Map<string, string> | undefined;

/** `034` or `34` → « Hérault »; undefined for a code the official list does not know. */
export function departementName(code: string): string | undefined {
  if (!departementNames) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the official list, read on first use
    const raw = require('@etalab/decoupage-administratif/data/departements.json') as Array<{ code: string; nom: string }>;
    departementNames = new Map(raw.map((d) => [d.code, d.nom]));
  }
  return departementNames.get(officialDepartementCode(code));
}

/** The official list writes départements `34`, `2A`, `971`; UAI and rule sets write `034`. */
export function officialDepartementCode(code: string): string {
  return code.replace(/^0(?=\d\d$)/, '').replace(/^0(?=2[AB]$)/, '');
}

/** `34` → `034`: the département as the first three characters of a UAI (the académie's are all numeric). */
export function uaiDepartementCode(official: string): string {
  return /^\d\d$/.test(official) ? `0${official}` : official;
}

/** Communes of the given départements (`['11', '30', '34', …]` or `['011', …]`), by INSEE code. */
export function communesOf(departements: readonly string[]): Map<string, OfficialCommune> {
  const known = byArray.get(departements);
  if (known) return known;
  const wanted = departements.map(officialDepartementCode);
  const key = [...wanted].sort().join(',');
  let map = byDepartements.get(key);
  if (!map) {
    map = new Map(
      loadAll()
        .filter((c) => wanted.includes(c.departement))
        .map((c) => [c.code, c]),
    );
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

/**
 * A commune's name as a key: « Commune de Saint-Jean-de-Védas », « SAINT JEAN DE VEDAS » and
 * « St-Jean-de-Védas » are one commune.
 */
export function communeNameKey(name: string): string {
  return normaliseName(name).replace(/^(commune|ville|mairie) (de |d )?/, '');
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
