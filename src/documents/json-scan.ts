import { MAX_DEPTH } from '../limits';
import { child } from './pointer';

/**
 * A strict scan of JSON text (RFC 8259) that says where the first error is, in French, and where
 * every value and key starts. `JSON.parse` builds the value; this scan is what gives people a line
 * and a column, and refuses what `JSON.parse` lets through silently: a key given twice.
 */

export interface NodeOffsets {
  /** Offset of the value. */
  value: number;
  /** Offset of the key naming it, for a member of an object. */
  key?: number;
}

export interface JsonScan {
  error?: { offset: number; message: string };
  /** JSON Pointer → offsets. */
  nodes: Map<string, NodeOffsets>;
}

/** Far beyond any submission or rule file; it keeps the scan's recursion bounded (src/limits.ts). */
export const MAX_JSON_DEPTH = MAX_DEPTH;

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

function show(c: string | undefined): string {
  if (c === undefined) return 'la fin du texte';
  if (c === '\n' || c === '\r') return 'un retour à la ligne';
  if (c === '\t') return 'une tabulation';
  return `« ${c} »`;
}

class Scanner {
  private i = 0;
  readonly nodes = new Map<string, NodeOffsets>();

  constructor(private readonly s: string) {}

  run(): void {
    this.ws();
    if (this.i >= this.s.length) throw new ScanError(0, 'document vide');
    this.value('', 0, undefined);
    this.ws();
    if (this.i < this.s.length) throw new ScanError(this.i, `texte en trop après la fin du document JSON : ${show(this.s[this.i])}`);
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private value(pointer: string, depth: number, keyOffset: number | undefined): void {
    this.ws();
    const s = this.s;
    const c = s[this.i];
    this.nodes.set(pointer, keyOffset === undefined ? { value: this.i } : { value: this.i, key: keyOffset });
    if (c === undefined) throw new ScanError(this.i, 'fin du texte inattendue : une valeur est attendue');
    if (c === '{' || c === '[') {
      if (depth >= MAX_JSON_DEPTH) throw new ScanError(this.i, `imbrication trop profonde (plus de ${MAX_JSON_DEPTH} niveaux)`);
      if (c === '{') this.object(pointer, depth);
      else this.array(pointer, depth);
      return;
    }
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = this.i;
      const m = NUMBER.exec(s);
      if (!m) throw new ScanError(this.i, 'nombre mal formé');
      this.i += m[0].length;
      const next = s[this.i];
      if (next !== undefined && /[0-9A-Za-z.+-]/.test(next)) throw new ScanError(this.i, `nombre mal formé : ${show(next)} inattendu`);
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
    }
    if (c === "'") throw new ScanError(this.i, 'les chaînes JSON sont entre guillemets droits doubles « " », pas entre apostrophes');
    if (c === '}' || c === ']' || c === ',') throw new ScanError(this.i, `une valeur est attendue, trouvé ${show(c)}`);
    throw new ScanError(this.i, `valeur inattendue commençant par ${show(c)} (les textes s'écrivent entre guillemets)`);
  }

  private object(pointer: string, depth: number): void {
    const s = this.s;
    this.i++;
    this.ws();
    if (s[this.i] === '}') {
      this.i++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      this.ws();
      const c = s[this.i];
      if (c !== '"') {
        if (c === '}') throw new ScanError(this.i, 'virgule en trop avant « } »');
        throw new ScanError(this.i, `nom de propriété entre guillemets attendu, trouvé ${show(c)}`);
      }
      const keyOffset = this.i;
      const key = JSON.parse(s.slice(keyOffset, this.string())) as string;
      if (keys.has(key)) throw new ScanError(keyOffset, `propriété en double : « ${key} »`);
      keys.add(key);
      this.ws();
      if (s[this.i] !== ':') throw new ScanError(this.i, `« : » attendu après le nom de propriété « ${key} », trouvé ${show(s[this.i])}`);
      this.i++;
      this.value(child(pointer, key), depth + 1, keyOffset);
      this.ws();
      const next = s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') {
        this.i++;
        return;
      }
      throw new ScanError(this.i, `« , » ou « } » attendu, trouvé ${show(next)}`);
    }
  }

  private array(pointer: string, depth: number): void {
    const s = this.s;
    this.i++;
    this.ws();
    if (s[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.ws();
      if (s[this.i] === ']') throw new ScanError(this.i, 'virgule en trop avant « ] »');
      this.value(child(pointer, index), depth + 1, undefined);
      this.ws();
      const next = s[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === ']') {
        this.i++;
        return;
      }
      throw new ScanError(this.i, `« , » ou « ] » attendu, trouvé ${show(next)}`);
    }
  }

  /** Scans the string at the cursor; returns the offset just past its closing quote. */
  private string(): number {
    const s = this.s;
    const start = this.i;
    let i = start + 1;
    for (;;) {
      if (i >= s.length) throw new ScanError(start, 'chaîne non terminée : guillemet fermant manquant');
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        const e = s[i + 1];
        if (e === 'u') {
          if (!HEX4.test(s.slice(i + 2, i + 6))) throw new ScanError(i, 'séquence \\u mal formée : quatre chiffres hexadécimaux attendus');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) throw new ScanError(i, `séquence d'échappement invalide « \\${e ?? ''} »`);
        i += 2;
        continue;
      }
      if (c === 10 || c === 13) throw new ScanError(start, 'chaîne non terminée avant la fin de la ligne : guillemet fermant manquant');
      if (c < 32) throw new ScanError(i, 'caractère de contrôle dans une chaîne : il doit être échappé');
      i++;
    }
    this.i = i + 1;
    return this.i;
  }
}

export function scanJson(text: string): JsonScan {
  const scanner = new Scanner(text);
  try {
    scanner.run();
    return { nodes: scanner.nodes };
  } catch (e) {
    if (e instanceof ScanError) return { error: { offset: e.offset, message: e.message }, nodes: scanner.nodes };
    throw e;
  }
}

/**
 * Of a text that JSON.parse accepted: how many object members it writes (one `:` outside strings
 * each) and how deep its containers nest. One pass, no allocation.
 */
export function jsonShape(text: string): { members: number; depth: number } {
  let members = 0;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58) members++;
    else if (c === 123 || c === 91) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return { members, depth: deepest };
}

/** Members of every object in a parsed value: fewer than `jsonShape` counts when a key was given twice. */
export function memberCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += memberCount(item);
    return n;
  }
  for (const key of Object.keys(value)) n += 1 + memberCount((value as Record<string, unknown>)[key]);
  return n;
}
