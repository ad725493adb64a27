import { detectFormat, locateNearest, MAX_ALIAS_COUNT, parseDocument, type ParsedDocument } from '../../src/documents/parse';
import { MAX_JSON_DEPTH } from '../../src/documents/json-scan';
import { notADocument } from '../../src/documents/not-a-document';
import { child, escapeSegment, segments, selfAndAncestors } from '../../src/documents/pointer';

function parsed(text: string, format?: 'json' | 'yaml'): ParsedDocument {
  const r = parseDocument(text, format);
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r;
}

function errorsOf(text: string, format?: 'json' | 'yaml') {
  const r = parseDocument(text, format);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('choosing JSON or YAML', () => {
  it.each([
    ['{"a": 1}', 'json'],
    ['  \n [1, 2]', 'json'],
    ['\uFEFF{"a": 1}', 'json'],
    ['a: 1', 'yaml'],
    ['# commentaire\n{"a": 1}', 'yaml'],
    ['', 'yaml'],
  ])('reads %j as %s', (text, format) => {
    expect(detectFormat(text)).toBe(format);
  });

  it('follows the format it is given', () => {
    expect(parseDocument('a: 1', 'json')).toMatchObject({ ok: false, format: 'json' });
    expect(parseDocument('{"a": 1}', 'yaml')).toMatchObject({ ok: true, format: 'yaml', value: { a: 1 } });
  });

  it('reads the same value from JSON and YAML', () => {
    expect(parsed('{"kind": "invoice", "amount": 50.5, "list": [true, null]}').value).toEqual(
      parsed('kind: invoice\namount: 50.5\nlist:\n  - true\n  - null\n').value,
    );
  });

  it('ignores a byte order mark', () => {
    expect(parsed('\uFEFF{"a": 1}').value).toEqual({ a: 1 });
    expect(parsed('\uFEFFa: 1').value).toEqual({ a: 1 });
  });

  it('reads YAML dates, years and codes as the text written (core schema)', () => {
    expect(parsed('signedOn: 2020-09-20\nschoolYear: 2020-2021\nuai: 0341301E\nn: 034\n').value).toEqual({
      signedOn: '2020-09-20',
      schoolYear: '2020-2021',
      uai: '0341301E',
      n: 34,
    });
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['a trailing comma in an object', '{"a": 1,}', 1, 9, 'virgule en trop'],
    ['a trailing comma in a list', '[1, 2,\n]', 2, 1, 'virgule en trop'],
    ['a missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, '« , » ou « } » attendu'],
    ['an unquoted key', '{a: 1}', 1, 2, 'nom de propriété entre guillemets'],
    ['single quotes', '{"a": \'x\'}', 1, 7, 'guillemets droits doubles'],
    ['an unterminated string', '{"a": "abc\n}', 1, 7, 'chaîne non terminée'],
    ['a missing closing brace', '{"a": 1', 1, 8, '« , » ou « } » attendu'],
    ['text after the document', '{"a": 1} x', 1, 10, 'texte en trop'],
    ['a bad escape', '{"a": "\\x"}', 1, 8, "séquence d'échappement"],
    ['a bad number', '{"a": 01}', 1, 8, 'nombre mal formé'],
    ['a word', '{"a": yes}', 1, 7, 'valeur inattendue'],
    ['a key given twice', '{\n  "a": 1,\n  "a": 2\n}', 3, 3, 'propriété en double : « a »'],
    ['an empty text', '   ', 1, 1, 'document vide'],
  ])('locates %s', (_name, text, line, column, message) => {
    const errors = errorsOf(text, 'json');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '', keyword: 'syntax', line, column });
    expect(errors[0].message).toContain(message);
  });

  it('counts columns after CRLF line ends', () => {
    expect(errorsOf('{\r\n  "a": 1,\r\n}', 'json')[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('bounds the nesting it reads', () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(errorsOf(deep)[0].message).toContain('imbrication trop profonde');
    const fine = '['.repeat(50) + ']'.repeat(50);
    expect(parsed(fine).ok).toBe(true);
    const deepest = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(parsed(deepest).ok).toBe(true);
  });

  // Valid text is read by JSON.parse alone and scanned only when counts disagree: these are the
  // cases where JSON.parse would keep the last of two keys without a word.
  it.each([
    ['deep in the document', '{"a": {"b": [{"c": 1, "d": 2, "c": 3}]}}', 1, 31, '« c »'],
    ['hidden among strings that look like JSON', '{"x": "\\":{,", "y": "a\\"b:", "x": 2}', 1, 30, '« x »'],
    ['named __proto__', '{"__proto__": 1, "__proto__": 2}', 1, 18, '« __proto__ »'],
    ['with the same key written two ways', '{"é": 1, "\\u00e9": 2}', 1, 10, '« é »'],
  ])('refuses a key given twice %s', (_name, text, line, column, message) => {
    const errors = errorsOf(text, 'json');
    expect(errors).toEqual([expect.objectContaining({ line, column, message: expect.stringContaining(`propriété en double : ${message}`) })]);
  });

  it('reads colons, braces and escaped quotes inside strings as text', () => {
    const doc = parsed('{"a": "x:{[\\"]}", "b": {"c": ":"}}');
    expect(doc.value).toEqual({ a: 'x:{["]}', b: { c: ':' } });
    expect(doc.locate('/b/c')).toEqual({ line: 1, column: 30 });
  });
});

describe('YAML errors', () => {
  it.each([
    ['a JavaScript function tag', 'kind: invoice\namount: !!js/function "function () { return 1 }"\n', 2, 9, '« !!js/function »'],
    ['a local tag', 'kind: !foo invoice\n', 1, 7, '« !foo »'],
    ['a YAML 1.1 binary tag', 'a: !!binary aGVsbG8=\n', 1, 4, '« !!binary »'],
    ['a YAML 1.1 timestamp tag', 'a: !!timestamp 2020-01-01\n', 1, 4, '« !!timestamp »'],
    ['a key given twice', 'party:\n  name: A\n  name: B\n', 3, 3, 'clé en double : « name »'],
    ['two documents', 'kind: invoice\n---\nkind: convention\n', 2, 1, 'plusieurs documents'],
    ['bad indentation', 'party:\n  name: A\n type: commune\n', 3, 1, 'indentation'],
    ['a tab as indentation', 'party:\n\tname: A\n', 2, 1, 'YAML invalide'],
    ['an unclosed flow list', 'schools: [a, b\nkind: x\n', 2, 1, 'YAML invalide'],
    ['an empty document', '', 1, 1, 'document vide'],
    ['a document of comments only', '# rien\n', 1, 1, 'document vide'],
  ])('refuses %s, at its line and column', (_name, text, line, column, message) => {
    const errors = errorsOf(text, 'yaml');
    expect(errors[0]).toMatchObject({ path: '', keyword: 'syntax', line, column });
    expect(errors[0].message).toContain(message);
  });

  it('refuses an alias bomb rather than expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const errors = errorsOf(bomb, 'yaml');
    expect(errors).toEqual([expect.objectContaining({ keyword: 'syntax', line: 2, column: 8 })]);
    expect(errors[0].message).toContain(`au plus ${MAX_ALIAS_COUNT}`);
  });

  it('accepts a few aliases', () => {
    expect(parsed('base: &b {name: A}\nother: *b\n').value).toEqual({ base: { name: 'A' }, other: { name: 'A' } });
  });

  it('accepts a single document with its start marker', () => {
    expect(parsed('---\nkind: invoice\n').value).toEqual({ kind: 'invoice' });
  });
});

describe('YAML errors worded after their cause, not after the parser’s step', () => {
  // What a person typed wrong, where the reader is sent, and the words that name that mistake.
  it.each([
    [
      'a key without its colon',
      'kind: convention\nschoolYear "2020-2021"\nparty: x\n',
      2,
      1,
      'deux-points manquant : la ligne « schoolYear "2020-2021" » n’a pas de « : »',
    ],
    ['a nested key without its colon', 'party:\n  name: x\n  siret 123\n', 3, 3, 'deux-points manquant : « siret 123 » devrait être suivi de « : »'],
    ['a last key without its colon', 'kind: convention\nschoolYear 2020\n', 2, 1, 'deux-points manquant : « schoolYear 2020 »'],
    ['an unclosed double quote, shown where it opens', 'kind: "convention\nschoolYear: x\n', 1, 7, 'guillemet fermant « " » manquant'],
    ['an unclosed single quote, past a doubled one', "kind: 'l''école\nschoolYear: x\n", 1, 7, "apostrophe fermante « ' » manquante"],
    ['an unclosed [ in a mapping', 'schools: [a, b\nkind: x\n', 2, 1, 'crochet fermant « ] » manquant'],
    ['an unclosed { in a mapping', 'party: {name: x\nkind: x\n', 2, 1, 'accolade fermante « } » manquante'],
    ['an unclosed [ at the top', '[a, b\n', 2, 1, 'crochet fermant « ] » manquant : la liste ouverte par « [ » n’est pas refermée'],
    ['a ] too many', 'a: [1, 2]]\n', 1, 10, 'crochet fermant « ] » en trop'],
    ['a } too many', 'a: 1\n}\n', 2, 1, 'accolade fermante « } » en trop'],
    ['a missing comma between braces', 'a: {b: 1 c: 2}\n', 1, 8, 'virgule manquante'],
    ['keys not aligned', 'party:\n    name: x\n  siret: 1\n', 3, 1, 'les clés d’un même objet doivent commencer à la même colonne'],
    ['a line indented further than its key', 'party:\n  name: x\n   siret: 1\n', 2, 9, 'la ligne suivante est plus indentée que cette clé'],
    ['a value holding « : »', 'a: b: c\n', 1, 4, 'une valeur qui contient « : » suivi d’une espace doit être entre guillemets'],
    ['a list item among keys', 'a: 1\n- b\n', 2, 1, 'tiret « - » inattendu'],
    ['text after a quoted value', 'a: "x" y\n', 1, 8, 'texte en trop après la valeur'],
    ['a value starting with @', 'a: @x\n', 1, 4, 'une valeur ne peut pas commencer par « @ » : mettez-la entre guillemets'],
    ['a Windows path in double quotes', 'a: "C:\\dossier"\n', 1, 7, 'séquence d’échappement « \\d » invalide'],
    ['an alias without its anchor', 'a: 1\nb: *nope\n', 2, 4, 'alias « *nope » sans ancre « &nope »'],
    ['a tab as indentation', 'party:\n\tname: x\n', 2, 1, 'tabulation utilisée pour indenter'],
    ['an unknown directive', '%foo\na: 1\n', 1, 1, 'directive inconnue « %foo »'],
  ])('%s', (_name, text, line, column, words) => {
    const errors = errorsOf(text, 'yaml');
    expect(errors[0]).toMatchObject({ keyword: 'syntax', line, column });
    expect(errors[0].message).toContain(words);
    expect(errors[0].message).toMatch(/^YAML invalide : /);
  });

  it('gives one message per place, the one that names the cause', () => {
    // Three steps of the parser stop at « - b »: a key on two lines, a token out of place, a key without value.
    expect(errorsOf('a: 1\n- b\n', 'yaml')).toHaveLength(1);
  });

  it('never words a missing colon as a missing quote', () => {
    for (const text of ['party:\n  name: x\n  siret 123\n', 'kind: convention\nschoolYear\nparty: x\n']) {
      for (const e of errorsOf(text, 'yaml')) expect(e.message).not.toMatch(/guillemet|crochet|accolade/);
    }
  });

  it('never lets the parser’s English through', () => {
    const texts = ['a: [1, 2', 'a: {b', '? [a\n: b', 'a: |x\n  b\n', '- a\n b: c\n', 'a: &x\n  - 1\n&y b: 2\n', 'a: !t &x *y\n', '"a\n'];
    for (const text of texts) {
      const r = parseDocument(text, 'yaml');
      if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/\b(the|must|Unexpected|Missing|Implicit|allowed)\b/);
    }
  });
});

describe('files that are neither JSON nor YAML', () => {
  const zip = (entry: string) =>
    Buffer.concat([
      Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'),
      Buffer.alloc(22),
      Buffer.from(entry, 'latin1'),
      Buffer.from([0x8f, 0x00, 0xc3]),
    ]);
  const cases: Array<[string, Buffer, string]> = [
    [
      'a PDF',
      Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
      'c’est un fichier PDF, pas un document JSON ou YAML',
    ],
    ['a Word file', zip('[Content_Types].xml word/document.xml'), 'c’est un document Word (.docx), pas un document JSON ou YAML'],
    ['an Excel file', zip('[Content_Types].xml xl/workbook.xml'), 'c’est un classeur Excel (.xlsx)'],
    ['a ZIP archive', zip('pieces/convention.json'), 'c’est une archive ZIP'],
    ['an old Word file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'c’est un document Word ou Excel (.doc, .xls)'],
    ['a scan', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]), 'c’est une image JPEG'],
    ['a page saved from a browser', Buffer.from('\n<!DOCTYPE html>\n<html lang="fr"><body>Convention</body></html>\n'), 'c’est une page HTML'],
    ['other binary', Buffer.from([0x7b, 0x22, 0x6b, 0x00, 0x01, 0x02]), 'c’est un fichier binaire'],
    ['a text saved in UTF-16', Buffer.from('\ufeffkind: invoice\n', 'utf16le'), 'c’est un texte enregistré en UTF-16 : enregistrez-le en UTF-8'],
  ];

  it.each(cases)('says in one sentence that %s is not a document, from its bytes', (_name, bytes, words) => {
    expect(notADocument(bytes)).toContain(words);
  });

  // Once decoded, a signature of bytes above 0x7F is lost: such a file is still refused in one sentence, as binary.
  const asciiSignature = (bytes: Buffer) => bytes.subarray(0, 4).every((b) => b < 0x80);
  it.each(cases.filter(([name]) => name !== 'a text saved in UTF-16'))('says the same of %s read as text, whatever the format asked', (_name, bytes, words) => {
    for (const format of ['json', 'yaml', undefined] as const) {
      const errors = errorsOf(bytes.toString('utf8'), format);
      const expected = asciiSignature(bytes) ? words : 'c’est un fichier binaire, pas un document JSON ou YAML';
      expect(errors).toEqual([{ path: '', keyword: 'syntax', message: expect.stringContaining(expected) }]);
    }
  });

  it.each([
    ['a JSON document', '{"kind": "invoice"}'],
    ['a YAML document', 'kind: invoice\nparty: {name: "Lattes"}\n'],
    ['a YAML document with a BOM', '\ufeffkind: invoice\n'],
    ['a YAML text quoting « %PDF- »', 'note: "%PDF-1.4"\n'],
    ['a YAML text that starts with a comment', '# <html>\nkind: invoice\n'],
  ])('lets %s through', (_name, text) => {
    expect(notADocument(Buffer.from(text))).toBeUndefined();
    expect(notADocument(text)).toBeUndefined();
  });
});

describe('keys that could pollute prototypes', () => {
  it.each([
    ['JSON', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
    ['YAML', '__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n'],
  ])('keeps them as own keys in %s', (_name, text) => {
    const value = parsed(text).value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('from a JSON Pointer back to the source', () => {
  const yaml = [
    'kind: convention',
    'party:',
    '  name: Lattes',
    '  "a/b": 1',
    'schools:',
    '  - uai: 0341301E',
    '    type: EM',
    '  - uai: 0340912G',
    'empty:',
    '',
  ].join('\n');
  const json = [
    '{',
    '  "kind": "convention",',
    '  "party": { "name": "Lattes", "a/b": 1 },',
    '  "schools": [',
    '    { "uai": "0341301E", "type": "EM" },',
    '    {"uai": "0340912G"}',
    '  ]',
    '}',
  ].join('\n');

  it.each([
    ['', 1, 1],
    ['/kind', 1, 7],
    ['/party', 3, 3],
    ['/party/name', 3, 9],
    ['/party/a~1b', 4, 10],
    ['/schools/0', 6, 5],
    ['/schools/0/type', 7, 11],
    ['/schools/1/uai', 8, 10],
    ['/empty', 9, 7],
  ])('finds %j in YAML at %i:%i', (pointer, line, column) => {
    expect(parsed(yaml).locate(pointer)).toEqual({ line, column });
  });

  it.each([
    ['', 1, 1],
    ['/kind', 2, 11],
    ['/party/name', 3, 22],
    ['/party/a~1b', 3, 39],
    ['/schools', 4, 14],
    ['/schools/0/type', 5, 34],
    ['/schools/1/uai', 6, 13],
  ])('finds %j in JSON at %i:%i', (pointer, line, column) => {
    expect(parsed(json).locate(pointer)).toEqual({ line, column });
  });

  it('finds the key of a member when asked', () => {
    expect(parsed(yaml).locate('/party/name', 'key')).toEqual({ line: 3, column: 3 });
    expect(parsed(json).locate('/party/name', 'key')).toEqual({ line: 3, column: 14 });
    expect(parsed(json).locate('/schools/1', 'key')).toEqual({ line: 6, column: 5 });
  });

  it.each(['/nope', '/schools/2', '/schools/01', '/schools/x', '/kind/0', 'kind'])('finds nothing at %j', (pointer) => {
    expect(parsed(yaml).locate(pointer)).toBeUndefined();
    expect(parsed(json).locate(pointer)).toBeUndefined();
  });

  it('falls back to the nearest ancestor', () => {
    expect(locateNearest(parsed(yaml), '/party/siret')).toEqual({ line: 3, column: 3 });
    expect(locateNearest(parsed(json), '/schools/1/type')).toEqual({ line: 6, column: 5 });
  });

  it('follows YAML aliases', () => {
    const doc = parsed('a: &s\n  x: 1\nb: *s\n');
    expect(doc.locate('/b/x')).toEqual({ line: 2, column: 6 });
  });
});

describe('JSON Pointers', () => {
  it('escapes and reads back keys with / and ~', () => {
    expect(escapeSegment('a/b~c')).toBe('a~1b~0c');
    expect(child('/x', 'a/b~c')).toBe('/x/a~1b~0c');
    expect(segments('/x/a~1b~0c')).toEqual(['x', 'a/b~c']);
    expect(segments('')).toEqual([]);
    expect(segments('x')).toBeUndefined();
  });

  it('lists ancestors nearest first', () => {
    expect(selfAndAncestors('/a/b/0')).toEqual(['/a/b/0', '/a/b', '/a', '']);
    expect(selfAndAncestors('')).toEqual(['']);
  });
});
