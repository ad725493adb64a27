/**
 * The bounds on what the tool accepts to read, in one place: the API, the pages and the command
 * line apply the same ones, so that a document `validate` accepts is one the API accepts. Each is
 * far above what a person writes and well below what would make the tool slow or its answers huge.
 * The format's own limits (500 schools, 100 communes of an RPI…) are in its schemas; these come
 * first, to bound the cost of reading before the schema is run.
 */

/** Largest document, in bytes, unless BODY_LIMIT says otherwise (1 Mio: a convention is a few Kio). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Longest list read: a longer one is refused before the schema looks into it (Ajv's time grows
 * faster than the list: 20 000 wrong items take seconds), with the format's own limit for that list.
 */
export const MAX_LIST_LENGTH = 1000;

/** Errors described one by one at most; the next says that the list is cut. */
export const MAX_SCHEMA_ERRORS = 100;

/** Nesting of objects and lists, JSON and YAML alike; it keeps every recursion bounded. */
export const MAX_DEPTH = 256;

/** Values a YAML alias may bring in (the « billion laughs »). */
export const MAX_ALIAS_COUNT = 100;

/** A size as people read it: « 1 Mio », « 512 Kio », « 1,05 Mio », « 800 octets ». */
export function sizeWords(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib) return `${String(Math.round((bytes / mib) * 100) / 100).replace('.', ',')} Mio`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} Kio`;
  return `${bytes} octet${bytes > 1 ? 's' : ''}`;
}
