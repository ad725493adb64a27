import type { YAMLError } from 'yaml';

/**
 * The yaml package's errors in French, worded after their real cause. A code alone is too coarse:
 * `MISSING_CHAR` is raised for an unclosed quote as well as for a key without its `:`, and
 * `BAD_INDENT` for a list whose `]` was forgotten. Each case below is recognised by the code and
 * the package's own English sentence (stable across its 2.x releases; an unknown sentence falls
 * back to the code's general meaning), then looks at the text where the parser stopped.
 *
 * Several errors at one place are usually one mistake seen by several steps of the parser (a line
 * without `:` is both « a key on two lines » and « a key without value »): `rank` says which one
 * names the cause, the lowest wins.
 */

export interface YamlProblem {
  message: string;
  /** Where to point the reader: usually the parser's own position, the opening quote for an unclosed one. */
  offset: number;
  /** 0: the cause; 1: a consequence often seen beside the cause; 2: the code's general meaning. */
  rank: number;
}

interface Context {
  error: YAMLError;
  text: string;
  /** The package's message, first line, without its position. */
  english: string;
  match: RegExpExecArray;
}

/** A sentence, or a sentence with another place to point at or a lower certainty. */
type Worded = string | { message: string; offset?: number; rank?: number };

type Case = [code: YAMLError['code'], english: RegExp, word: (c: Context) => Worded];

const FLOW_NAMES = {
  sequence: { close: 'crochet fermant « ] » manquant', opened: 'la liste ouverte par « [ »', e: 'e' },
  map: { close: 'accolade fermante « } » manquante', opened: 'l’objet ouvert par « { »', e: '' },
};

function flowName(english: string) {
  return /map/i.test(english) ? FLOW_NAMES.map : FLOW_NAMES.sequence;
}

/** The line that holds `offset`, without its end. */
function lineAt(text: string, offset: number): string {
  const start = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(start, offset) + restOfLine(text, offset);
}

/** From `offset` to the end of its line. */
function restOfLine(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** A piece of the source quoted in a message: one line, not too long. */
function quoted(s: string): string {
  const one = s.split(/\r?\n/)[0].trim();
  return `« ${one.length > 60 ? `${one.slice(0, 57)}…` : one} »`;
}

/**
 * The quote that opened a string never closed: the last one before `end` that is not escaped
 * (`\"` inside double quotes, `''` inside single quotes).
 */
function openingQuote(text: string, end: number, quote: '"' | "'"): number | undefined {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"') {
      let backslashes = 0;
      for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
      if (backslashes % 2 === 0) return i;
    } else if (text[i - 1] === "'") i--;
    else return i;
  }
  return undefined;
}

/** Whether a line holds a `:` that ends a key (followed by a space or the end of the line). */
function hasKeyColon(line: string): boolean {
  return /:(\s|$)/.test(line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""'));
}

const CASES: readonly Case[] = [
  // ------------------------------------------------------------------------ a character is missing
  [
    'MISSING_CHAR',
    /Missing closing (["'])quote/,
    ({ error, text, match }) => {
      const quote = match[1] as '"' | "'";
      const at = openingQuote(text, error.pos[0], quote);
      const name = quote === '"' ? 'guillemet fermant « " »' : "apostrophe fermante « ' »";
      return { message: `${name} manquant${quote === "'" ? 'e' : ''} : le texte ouvert ici n’est jamais refermé`, offset: at ?? error.pos[0] };
    },
  ],
  [
    'MISSING_CHAR',
    /Implicit map keys need to be followed by map values/,
    ({ error, text }) => `deux-points manquant : ${quoted(text.slice(error.pos[0], error.pos[1]))} devrait être suivi de « : » puis de sa valeur (clé: valeur)`,
  ],
  [
    'MISSING_CHAR',
    /must end with a ([\]}])/,
    ({ english }) => {
      const f = flowName(english);
      return `${f.close} : ${f.opened} n’est pas refermé${f.e}`;
    },
  ],
  [
    'MISSING_CHAR',
    /Missing , or : between/,
    ({ english }) =>
      /map/i.test(english)
        ? 'virgule ou deux-points manquant entre deux éléments d’un objet entre accolades'
        : 'virgule manquante entre deux éléments d’une liste entre crochets',
  ],
  ['MISSING_CHAR', /Missing , between/, () => 'virgule manquante entre deux éléments d’une liste ou d’un objet écrits entre crochets ou accolades'],
  ['MISSING_CHAR', /Missing space after :/, () => 'espace manquante après « : »'],
  ['MISSING_CHAR', /Tags and anchors must be separated/, () => 'espace manquante après une ancre (« &… ») ou une étiquette (« !… »)'],
  ['MISSING_CHAR', /Comments must be separated/, () => 'espace manquante avant « # » : un commentaire doit être séparé de ce qui le précède'],
  ['MISSING_CHAR', /Sequence item without - indicator/, () => 'tiret « - » manquant devant un élément de liste'],
  [
    'MISSING_CHAR',
    /Missing directives-end/,
    () => 'ligne « --- » manquante après une directive : une valeur qui commence par « % » doit être entre guillemets',
  ],
  ['MISSING_CHAR', /cannot start on same line with directives-end/, () => 'une liste ou un objet ne peut pas commencer sur la ligne « --- »'],
  ['MISSING_CHAR', /Missing newline after block sequence props/, () => 'retour à la ligne manquant après l’ancre ou l’étiquette d’une liste'],
  [
    'MISSING_CHAR',
    /Block scalars with more-indented leading empty lines/,
    () => 'texte en bloc (« | » ou « > ») dont les premières lignes sont plus indentées que la suite : indiquez son indentation (par exemple « |2 »)',
  ],
  ['MISSING_CHAR', /./, () => ({ message: 'caractère manquant', rank: 2 })],

  // -------------------------------------------------------------------------------- indentation
  [
    'BAD_INDENT',
    /All mapping items must start at the same column/,
    () => 'indentation incorrecte : les clés d’un même objet doivent commencer à la même colonne',
  ],
  [
    'BAD_INDENT',
    /All sequence items must start at the same column/,
    () => 'indentation incorrecte : les tirets « - » d’une même liste doivent être à la même colonne',
  ],
  [
    'BAD_INDENT',
    /in block collection must be sufficiently indented and end with a/,
    ({ english }) => {
      const f = flowName(english);
      return `${f.close}, ou ligne pas assez indentée : ${f.opened} doit être refermé${f.e} avant la clé suivante`;
    },
  ],
  [
    'BAD_INDENT',
    /Block scalar values in collections must be indented/,
    () => 'indentation incorrecte : les lignes d’un texte en bloc (« | » ou « > ») doivent être plus indentées que sa clé',
  ],
  [
    'BAD_INDENT',
    /Block scalar lines must not be less indented/,
    () => 'indentation incorrecte : une ligne d’un texte en bloc (« | » ou « > ») est moins indentée que sa première ligne',
  ],
  [
    'BAD_INDENT',
    /Flow end indicator should be more indented/,
    () => 'indentation incorrecte : le « ] » ou « } » fermant doit être plus indenté que la clé qu’il termine',
  ],
  ['BAD_INDENT', /./, () => ({ message: 'indentation incorrecte', rank: 2 })],
  ['TAB_AS_INDENT', /./, () => 'tabulation utilisée pour indenter : utilisez des espaces'],

  // ------------------------------------------------------------------------------- keys on a line
  [
    'BLOCK_AS_IMPLICIT_KEY',
    /Nested mappings are not allowed in compact mappings/,
    ({ error, text }) =>
      hasKeyColon(restOfLine(text, error.pos[0]))
        ? 'deux « : » sur une même ligne : une valeur qui contient « : » suivi d’une espace doit être entre guillemets'
        : 'indentation incorrecte : la ligne suivante est plus indentée que cette clé ; alignez-la sur les autres clés, ou mettez la valeur entre guillemets',
  ],
  ['BLOCK_AS_IMPLICIT_KEY', /./, () => 'une liste ou un objet ne peut pas servir de clé'],
  [
    'MULTILINE_IMPLICIT_KEY',
    /./,
    ({ error, text }) => {
      const line = lineAt(text, error.pos[0]);
      return hasKeyColon(line)
        ? { message: 'une clé doit tenir sur une seule ligne', rank: 1 }
        : { message: `deux-points manquant : la ligne ${quoted(line)} n’a pas de « : » entre la clé et la valeur`, rank: 1 };
    },
  ],
  // `{a: 1 b: 2}` reads as a key « 1 b » with a value: on one line, the cause is the missing comma.
  [
    'BLOCK_IN_FLOW',
    /./,
    ({ error, text }) =>
      text.slice(error.pos[0], error.pos[1]).includes('\n')
        ? 'liste ou objet en retrait à l’intérieur de crochets ou d’accolades : écrivez-le lui aussi entre crochets ou accolades'
        : 'virgule manquante entre deux éléments d’un objet ou d’une liste écrits entre accolades ou crochets',
  ],
  ['KEY_OVER_1024_CHARS', /./, () => 'clé trop longue (plus de 1 024 caractères avant son « : »)'],
  [
    'DUPLICATE_KEY',
    /./,
    ({ error, text }) => {
      const line = text.slice(error.pos[0]).split(/\r?\n|\r/)[0];
      const key = (/^(.*?)\s*:(?:\s|$)/.exec(line)?.[1] ?? line).trim();
      return key ? `clé en double : « ${key} »` : 'clé en double';
    },
  ],
  ['NON_STRING_KEY', /./, () => 'une clé doit être un texte'],

  // ---------------------------------------------------------------------------- something extra
  ['UNEXPECTED_TOKEN', /Unexpected flow-seq-end token/, () => 'crochet fermant « ] » en trop : aucune liste entre crochets n’est ouverte ici'],
  ['UNEXPECTED_TOKEN', /Unexpected flow-map-end token/, () => 'accolade fermante « } » en trop : aucun objet entre accolades n’est ouvert ici'],
  [
    'UNEXPECTED_TOKEN',
    /Unexpected block-seq-ind on same line with key/,
    () => 'tiret « - » inattendu : un élément de liste ne peut pas se trouver parmi les clés d’un objet ; indentez la liste sous sa clé',
  ],
  [
    'UNEXPECTED_TOKEN',
    /Unexpected (?:scalar|double-quoted-scalar|single-quoted-scalar) at node end/,
    () => 'texte en trop après la valeur : une valeur entre guillemets ne peut pas être suivie d’autre texte sur la même ligne',
  ],
  [
    'UNEXPECTED_TOKEN',
    /at node end/,
    ({ error, text }) => `${quoted(text.slice(error.pos[0], error.pos[1]) || lineAt(text, error.pos[0]))} en trop après la fin de la valeur`,
  ],
  ['UNEXPECTED_TOKEN', /Unexpected , in/, () => 'virgule en trop'],
  ['UNEXPECTED_TOKEN', /Unexpected empty item in/, () => 'élément vide entre deux virgules'],
  [
    'UNEXPECTED_TOKEN',
    /Block scalar header includes extra characters/,
    () => 'caractères en trop après « | » ou « > » : le texte en bloc commence à la ligne suivante',
  ],
  [
    'UNEXPECTED_TOKEN',
    /./,
    ({ error, text }) => {
      const found = text.slice(error.pos[0], Math.max(error.pos[1], error.pos[0] + 1));
      return { message: found.trim() ? `élément inattendu : ${quoted(found)}` : 'élément inattendu', rank: 2 };
    },
  ],

  // ------------------------------------------------------------------------ a value mis-written
  ['BAD_SCALAR_START', /character (\S+)$/, ({ match }) => `une valeur ne peut pas commencer par « ${match[1]} » : mettez-la entre guillemets`],
  ['BAD_SCALAR_START', /./, () => 'valeur mal commencée : mettez-la entre guillemets'],
  [
    'BAD_DQ_ESCAPE',
    /sequence (.*)$/,
    ({ match }) =>
      `séquence d’échappement « ${match[1]} » invalide dans un texte entre guillemets : écrivez « \\\\ » pour une barre oblique inverse, ou mettez le texte entre apostrophes`,
  ],
  ['BAD_DQ_ESCAPE', /./, () => 'séquence d’échappement invalide dans un texte entre guillemets'],
  [
    'BAD_DIRECTIVE',
    /Unknown directive (\S+)/,
    ({ match }) => `directive inconnue « ${match[1].slice(0, 20)} » : une valeur qui commence par « % » doit être entre guillemets`,
  ],
  ['BAD_DIRECTIVE', /./, () => 'directive YAML invalide'],

  // ------------------------------------------------------------------ anchors, aliases and tags
  ['BAD_ALIAS', /./, () => 'alias (« *nom ») ou ancre (« &nom ») mal écrit'],
  ['ALIAS_PROPS', /./, () => 'un alias (« *nom ») ne peut pas porter d’ancre ni d’étiquette'],
  ['BAD_PROP_ORDER', /./, () => 'ancre ou étiquette mal placée : elle se met après « - », « ? » ou « : »'],
  ['MULTIPLE_ANCHORS', /./, () => 'plusieurs ancres sur une même valeur'],
  ['MULTIPLE_TAGS', /./, () => 'plusieurs étiquettes sur une même valeur'],
  ['BAD_COLLECTION_TYPE', /./, () => 'type de collection inattendu'],
  ['MULTIPLE_DOCS', /./, () => 'plusieurs documents YAML dans un même texte : un seul est attendu'],
  ['IMPOSSIBLE', /./, () => ({ message: 'texte illisible à cet endroit', rank: 2 })],
];

/** The French for one error of the yaml package, where to point at it, and how surely it names the cause. */
export function describeYamlError(error: YAMLError, text: string): YamlProblem {
  const english = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  for (const [code, pattern, word] of CASES) {
    if (code !== error.code) continue;
    const match = pattern.exec(english);
    if (!match) continue;
    const worded = word({ error, text, english, match });
    const problem = typeof worded === 'string' ? { message: worded } : worded;
    return { message: `YAML invalide : ${problem.message}`, offset: problem.offset ?? error.pos[0], rank: problem.rank ?? 0 };
  }
  // A code this table does not know (a newer release of the package): say where, not what it says in English.
  return { message: 'YAML invalide : texte illisible à cet endroit', offset: error.pos[0], rank: 2 };
}
