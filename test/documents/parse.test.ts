import { detectFormat, locateNearest, MAX_ALIAS_COUNT, parseDocument, type ParsedDocument } from '../../src/documents/parse';
import { MAX_JSON_DEPTH } from '../../src/documents/json-scan';
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
    ['single quotes', "{\"a\": 'x'}", 1, 7, 'guillemets droits doubles'],
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
  const yaml = ['kind: convention', 'party:', '  name: Lattes', '  "a/b": 1', 'schools:', '  - uai: 0341301E', '    type: EM', '  - uai: 0340912G', 'empty:', ''].join('\n');
  const json = ['{', '  "kind": "convention",', '  "party": { "name": "Lattes", "a/b": 1 },', '  "schools": [', '    { "uai": "0341301E", "type": "EM" },', '    {"uai": "0340912G"}', '  ]', '}'].join('\n');

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
