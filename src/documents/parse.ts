import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { SchemaError } from '../domain/finding';
import { jsonShape, MAX_JSON_DEPTH, memberCount, scanJson, type JsonScan } from './json-scan';
import { segments, selfAndAncestors } from './pointer';
import { LineIndex, type SourcePosition } from './source-position';

/**
 * Reads a JSON or YAML document written by a person and keeps the way back from a JSON Pointer to
 * the line and column where that value was written. Knows nothing of what the document is for:
 * submissions and rule files both go through it.
 */

export type DocumentFormat = 'json' | 'yaml';
export type { SourcePosition } from './source-position';

/** `value`: where the value starts (the default); `key`: where the key naming it starts, for an object member. */
export type LocateTarget = 'value' | 'key';

export interface ParsedDocument {
  ok: true;
  format: DocumentFormat;
  value: unknown;
  /** 1-based position of the node at `pointer`, or `undefined` when the document has no such node. */
  locate(pointer: string, target?: LocateTarget): SourcePosition | undefined;
}

export interface UnparsableDocument {
  ok: false;
  format: DocumentFormat;
  /** Keyword `syntax`, path `""`, each with its line and column. */
  errors: SchemaError[];
}

export type ParseResult = ParsedDocument | UnparsableDocument;

/** Bound on the values an alias may bring in (YAML "billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

/** JSON when the text starts with `{` or `[`, YAML otherwise (every JSON document is also YAML 1.2). */
export function detectFormat(text: string): DocumentFormat {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''));
  return first && (first[0] === '{' || first[0] === '[') ? 'json' : 'yaml';
}

export function parseDocument(text: string, format?: DocumentFormat): ParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const chosen = format ?? detectFormat(source);
  return chosen === 'json' ? parseJson(source) : parseYaml(source);
}

/** The position of `pointer`, or of its nearest ancestor the document has (a missing key: its object). */
export function locateNearest(doc: ParsedDocument, pointer: string, target: LocateTarget = 'value'): SourcePosition | undefined {
  for (const p of selfAndAncestors(pointer)) {
    const at = doc.locate(p, p === pointer ? target : 'value');
    if (at) return at;
  }
  return undefined;
}

function syntaxError(message: string, at: SourcePosition): SchemaError {
  return { path: '', message, keyword: 'syntax', line: at.line, column: at.column };
}

// ---------------------------------------------------------------------------------------------- JSON

function parseJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return unparsableJson(text, scanJson(text), e);
  }
  // JSON.parse lets through what the scan refuses (a key given twice, nesting beyond the bound);
  // a count of the text's members and depth tells, without the scan's cost, when to ask it.
  let scan: JsonScan | undefined;
  const shape = jsonShape(text);
  if (shape.depth > MAX_JSON_DEPTH || shape.members !== memberCount(value)) {
    scan = scanJson(text);
    if (scan.error) return unparsableJson(text, scan);
  }
  // Where each value was written is needed only to point at an error: scanned on first use.
  let lines: LineIndex | undefined;
  return {
    ok: true,
    format: 'json',
    value,
    locate(pointer, target = 'value') {
      scan ??= scanJson(text);
      const node = scan.nodes.get(pointer);
      if (!node) return undefined;
      lines ??= new LineIndex(text);
      return lines.position(target === 'key' && node.key !== undefined ? node.key : node.value);
    },
  };
}

function unparsableJson(text: string, scan: JsonScan, parseError?: unknown): UnparsableDocument {
  const lines = new LineIndex(text);
  if (scan.error) return { ok: false, format: 'json', errors: [syntaxError(`JSON invalide : ${scan.error.message}`, lines.position(scan.error.offset))] };
  // The scan accepts exactly JSON; should JSON.parse still disagree, say what it says.
  const m = /position (\d+)/.exec(String(parseError));
  return { ok: false, format: 'json', errors: [syntaxError(`JSON invalide : ${parseError instanceof Error ? parseError.message : String(parseError)}`, lines.position(m ? Number(m[1]) : 0))] };
}

// ---------------------------------------------------------------------------------------------- YAML

const YAML_CODES: Partial<Record<YAMLError['code'], string>> = {
  ALIAS_PROPS: "un alias ne peut pas porter d'ancre ni d'étiquette",
  BAD_ALIAS: 'alias invalide',
  BAD_DIRECTIVE: 'directive YAML invalide',
  BAD_DQ_ESCAPE: "séquence d'échappement invalide dans une chaîne entre guillemets",
  BAD_INDENT: 'indentation incorrecte',
  BAD_PROP_ORDER: "ancre et étiquette mal placées",
  BAD_SCALAR_START: 'valeur mal commencée (un texte commençant par ce caractère doit être entre guillemets)',
  BLOCK_AS_IMPLICIT_KEY: 'une clé ne peut pas être un bloc',
  BLOCK_IN_FLOW: 'bloc à l’intérieur d’une collection entre crochets ou accolades',
  DUPLICATE_KEY: 'clé en double',
  KEY_OVER_1024_CHARS: 'clé trop longue (plus de 1024 caractères)',
  MISSING_CHAR: 'caractère manquant (guillemet, crochet ou accolade fermant ?)',
  MULTILINE_IMPLICIT_KEY: 'une clé implicite doit tenir sur une ligne (deux-points manquant ?)',
  MULTIPLE_ANCHORS: 'plusieurs ancres sur un même nœud',
  MULTIPLE_DOCS: 'plusieurs documents YAML dans un même texte : un seul est attendu',
  MULTIPLE_TAGS: 'plusieurs étiquettes sur un même nœud',
  NON_STRING_KEY: 'une clé doit être un texte',
  RESOURCE_EXHAUSTION: 'trop d’alias : le document se développerait démesurément',
  TAB_AS_INDENT: 'tabulation utilisée pour indenter : utilisez des espaces',
  UNEXPECTED_TOKEN: 'élément inattendu',
  BAD_COLLECTION_TYPE: 'type de collection inattendu',
};

function yamlMessage(e: YAMLError, text: string): string {
  // The yaml package turns a stack overflow on deep nesting into RESOURCE_EXHAUSTION too.
  if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) return `YAML invalide : imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)`;
  if (e.code === 'TAG_RESOLVE_FAILED') {
    const written = /^!\S*/.exec(text.slice(e.pos[0], e.pos[1] + 256))?.[0];
    const tag = written ?? /tag:?\s*(\S+)/i.exec(e.message)?.[1] ?? '?';
    return `étiquette YAML non autorisée : « ${tag} » (seuls les textes, nombres, booléens, listes et objets sont admis)`;
  }
  if (e.code === 'DUPLICATE_KEY') {
    const line = text.slice(e.pos[0]).split(/\r?\n|\r/)[0];
    const key = (/^(.*?)\s*:(?:\s|$)/.exec(line)?.[1] ?? line).trim();
    return key ? `clé en double : « ${key} »` : 'clé en double';
  }
  const fr = YAML_CODES[e.code];
  const detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return fr ? `YAML invalide : ${fr}` : `YAML invalide : ${detail}`;
}

function parseYaml(text: string): ParseResult {
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.position(Math.max(0, Math.min(offset, text.length)));
  const fail = (errors: SchemaError[]): UnparsableDocument => ({ ok: false, format: 'yaml', errors });

  let docs: Document[];
  try {
    const all = parseAllDocuments(text, { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: true, strict: true, resolveKnownTags: false });
    docs = Array.isArray(all) ? all : [];
  } catch (e) {
    return fail([syntaxError(`YAML illisible : ${(e as Error).message}`, at(0))]);
  }
  if (docs.length === 0) return fail([syntaxError('document vide', at(0))]);
  if (docs.length > 1) {
    return fail([syntaxError('plusieurs documents YAML dans un même texte (séparés par « --- ») : un seul est attendu', at(docs[1].range?.[0] ?? 0))]);
  }
  const doc = docs[0];
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const seen = new Set<string>();
    const errors: SchemaError[] = [];
    for (const p of problems.sort((a, b) => a.pos[0] - b.pos[0])) {
      const e = syntaxError(yamlMessage(p, text), at(p.pos[0]));
      const key = `${e.line}:${e.column}:${e.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        errors.push(e);
      }
    }
    return fail(errors);
  }
  if (doc.contents === null) return fail([syntaxError('document vide', at(0))]);
  const tooDeep = deeperThan(doc.contents, MAX_JSON_DEPTH);
  if (tooDeep) return fail([syntaxError(`YAML invalide : imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)`, at(tooDeep.range?.[0] ?? 0))]);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const message = /alias count/i.test(String(e))
      ? `trop d'alias : le document se développerait démesurément (au plus ${MAX_ALIAS_COUNT} valeurs par alias)`
      : `YAML invalide : ${(e as Error).message}`;
    return fail([syntaxError(message, at(offset))]);
  }

  return {
    ok: true,
    format: 'yaml',
    value,
    locate(pointer, target = 'value') {
      const found = yamlNode(doc, pointer);
      if (!found) return undefined;
      const node = target === 'key' && found.key ? found.key : (found.value ?? found.key);
      const offset = node?.range?.[0];
      return offset === undefined ? undefined : at(offset);
    },
  };
}

/**
 * The first collection nested deeper than `max`, walked without recursion: the same bound as for
 * JSON, so that what comes after the parser (validation, storage, reports) never meets a document
 * deeper than a person writes. Aliases are not followed: their target is walked where it stands.
 */
function deeperThan(root: unknown, max: number): Node | undefined {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= max) return node;
      for (const item of node.items as unknown[]) {
        if (isMap(node)) {
          const pair = item as { key: unknown; value: unknown };
          stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
        } else stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return key.value === null ? '' : typeof key.value === 'string' ? key.value : JSON.stringify(key.value);
  return undefined;
}

function yamlNode(doc: Document, pointer: string): { value: Node | null; key?: Node } | undefined {
  const segs = segments(pointer);
  if (!segs) return undefined;
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const seg of segs) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === seg);
      if (!pair) return undefined;
      key = isScalar(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isSeq(node)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(seg)) return undefined;
      const index = Number(seg);
      if (index >= node.items.length) return undefined;
      key = undefined;
      node = node.items[index];
    } else return undefined;
  }
  return { value: (node ?? null) as Node | null, key };
}
