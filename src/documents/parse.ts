import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { SchemaError } from '../domain/finding';
import { jsonShape, MAX_JSON_DEPTH, memberCount, scanJson, type JsonScan } from './json-scan';
import { segments, selfAndAncestors } from './pointer';
import { LineIndex, type SourcePosition } from './source-position';
import { MAX_ALIAS_COUNT } from '../limits';
import { notADocument } from './not-a-document';
import { describeYamlError, type YamlProblem } from './yaml-errors';

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
  /** Keyword `syntax`, path `""`, each with its line and column (none for a file that is no text at all). */
  errors: SchemaError[];
}

export type ParseResult = ParsedDocument | UnparsableDocument;

/** Bound on the values an alias may bring in (YAML "billion laughs"), from src/limits.ts. */
export { MAX_ALIAS_COUNT };

/** JSON when the text starts with `{` or `[`, YAML otherwise (every JSON document is also YAML 1.2). */
export function detectFormat(text: string): DocumentFormat {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''));
  return first && (first[0] === '{' || first[0] === '[') ? 'json' : 'yaml';
}

export function parseDocument(text: string, format?: DocumentFormat): ParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const chosen = format ?? detectFormat(source);
  // A PDF or a Word file read as YAML makes a list of meaningless errors: one sentence instead, at no line.
  const other = notADocument(source);
  if (other !== undefined) return { ok: false, format: chosen, errors: [{ path: '', message: other, keyword: 'syntax' }] };
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
  return {
    ok: false,
    format: 'json',
    errors: [syntaxError(`JSON invalide : ${parseError instanceof Error ? parseError.message : String(parseError)}`, lines.position(m ? Number(m[1]) : 0))],
  };
}

// ---------------------------------------------------------------------------------------------- YAML

function yamlProblem(e: YAMLError, text: string): YamlProblem {
  // The yaml package turns a stack overflow on deep nesting into RESOURCE_EXHAUSTION too.
  if (e.code === 'RESOURCE_EXHAUSTION') {
    const message = /call stack/i.test(e.message)
      ? `imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)`
      : 'trop d’alias : le document se développerait démesurément';
    return { message: `YAML invalide : ${message}`, offset: e.pos[0], rank: 0 };
  }
  if (e.code === 'TAG_RESOLVE_FAILED') {
    const written = /^!\S*/.exec(text.slice(e.pos[0], e.pos[1] + 256))?.[0];
    const tag = written ?? /tag:?\s*(\S+)/i.exec(e.message)?.[1] ?? '?';
    return {
      message: `étiquette YAML non autorisée : « ${tag} » (seuls les textes, nombres, booléens, listes et objets sont admis)`,
      offset: e.pos[0],
      rank: 0,
    };
  }
  return describeYamlError(e, text);
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
    // The parser itself gave up: in practice its stack, on a text nested beyond reason.
    return fail([
      syntaxError(e instanceof RangeError ? `YAML illisible : imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)` : 'YAML illisible', at(0)),
    ]);
  }
  if (docs.length === 0) return fail([syntaxError('document vide', at(0))]);
  if (docs.length > 1) {
    return fail([syntaxError('plusieurs documents YAML dans un même texte (séparés par « --- ») : un seul est attendu', at(docs[1].range?.[0] ?? 0))]);
  }
  const doc = docs[0];
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    // One message per place: the one that names the cause (see yaml-errors.ts).
    const best = new Map<number, YamlProblem>();
    for (const p of problems) {
      const d = yamlProblem(p, text);
      const seen = best.get(d.offset);
      if (!seen || d.rank < seen.rank) best.set(d.offset, d);
    }
    return fail([...best.values()].sort((a, b) => a.offset - b.offset).map((d) => syntaxError(d.message, at(d.offset))));
  }
  if (doc.contents === null) return fail([syntaxError('document vide', at(0))]);
  const tooDeep = deeperThan(doc.contents, MAX_JSON_DEPTH);
  if (tooDeep) return fail([syntaxError(`YAML invalide : imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)`, at(tooDeep.range?.[0] ?? 0))]);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The alias at fault: the first one, or the one named when its anchor is missing.
    const unresolved = /Unresolved alias.*?:\s*(\S+)\s*$/.exec(String((e as Error).message))?.[1];
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (unresolved !== undefined && node.source !== unresolved) return undefined;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const message = /alias count/i.test(String(e))
      ? `trop d'alias : le document se développerait démesurément (au plus ${MAX_ALIAS_COUNT} valeurs par alias)`
      : unresolved !== undefined
        ? `YAML invalide : alias « *${unresolved} » sans ancre « &${unresolved} » définie avant lui`
        : 'YAML invalide : alias impossible à résoudre';
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
