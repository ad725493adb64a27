/**
 * JSON Pointers (RFC 6901): `/schools/2/uai`, `""` for the whole document. `~` is written `~0`
 * and `/` inside a key is written `~1`.
 */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `child('/schools', 2)` → `/schools/2`. */
export function child(pointer: string, segment: string | number): string {
  return `${pointer}/${escapeSegment(String(segment))}`;
}

/** The segments of a pointer, or `undefined` when it is not one (it must be empty or start with `/`). */
export function segments(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The pointer and each of its ancestors, nearest first: `/a/b` → `/a/b`, `/a`, `""`. */
export function selfAndAncestors(pointer: string): string[] {
  const out = [pointer];
  let p = pointer;
  while (p !== '') {
    const slash = p.lastIndexOf('/');
    if (slash < 0) break;
    p = p.slice(0, slash);
    out.push(p);
  }
  return out;
}
