/**
 * A small reader of `multipart/form-data` (RFC 7578), enough for the submission form: a few text
 * fields and one file, the whole body already in memory and bounded by the body parser's limit.
 * Written here rather than added as a dependency because the form needs so little of the format;
 * what it does not need (nested multipart/mixed, `filename*`, transfer encodings) it refuses or
 * ignores, never guesses. Pure: a Buffer in, parts or a French error out.
 */

export interface FormPart {
  name: string;
  /** The file's name as the browser sent it (no folder), or null for a plain field. */
  fileName: string | null;
  contentType: string | null;
  data: Buffer;
}

export type MultipartResult = { ok: true; parts: FormPart[] } | { ok: false; message: string };

export interface MultipartLimits {
  /** Parts in one body; the form has three. */
  maxParts: number;
  /** Bytes of one part's header block. */
  maxHeaderBytes: number;
}

export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = { maxParts: 10, maxHeaderBytes: 2048 };

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/** RFC 2046 §5.1.1: 1 to 70 characters of this set, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/form-data` content type, or null when the type is another or the boundary is malformed. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const [type, ...params] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') return null;
  for (const p of params) {
    const m = /^\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))\s*$/i.exec(p);
    if (m) {
      const b = m[1] ?? m[2];
      return BOUNDARY.test(b) ? b : null;
    }
  }
  return null;
}

/** Browsers never backslash-escape in form-data (a Windows path keeps its backslashes): the quotes are only removed. */
function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1) : v;
}

/** Browsers write `"`, CR and LF in names as %22, %0D, %0A (HTML's form encoding); nothing else is escaped. */
function decodeFormName(v: string): string {
  return v.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/** `form-data; name="texte"; filename="a.json"` → its parameters, lower-cased names. */
function dispositionParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  const rest = semicolon < 0 ? '' : value.slice(semicolon);
  const re = /;\s*([^=\s;]+)\s*=\s*("[^"]*"|[^;]*)/g;
  for (const m of rest.matchAll(re)) params.set(m[1].toLowerCase(), decodeFormName(unquote(m[2])));
  return { type, params };
}

function parseHeaders(block: string): Map<string, string> | string {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `en-tête de partie illisible : « ${line.slice(0, 60)} »`;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A file name without the folder some browsers prepend (`C:\fakepath\a.json`). */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? '';
}

export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits = DEFAULT_MULTIPART_LIMITS): MultipartResult {
  const fail = (message: string): MultipartResult => ({ ok: false, message: `formulaire mal formé : ${message}` });
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter opens the body, or follows a preamble and a CRLF.
  let pos = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
  if (pos < 0) return fail('séparateur absent');
  if (pos > 0) pos += 2;
  const parts: FormPart[] = [];
  for (;;) {
    let at = pos + delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return { ok: true, parts }; // "--": the closing delimiter.
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (!body.subarray(at, at + 2).equals(CRLF)) return fail('fin de ligne attendue après le séparateur');
    const headersStart = at + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd < 0 || headersEnd - headersStart > limits.maxHeaderBytes) return fail('en-têtes de partie trop longs ou non terminés');
    const headers = parseHeaders(body.subarray(headersStart, headersEnd).toString('utf8'));
    if (typeof headers === 'string') return fail(headers);
    const dataStart = headersEnd + HEADER_END.length;
    const dataEnd = body.indexOf(next, dataStart);
    if (dataEnd < 0) return fail('partie non terminée (corps tronqué ?)');
    const disposition = headers.get('content-disposition');
    if (!disposition) return fail('partie sans Content-Disposition');
    const { type, params } = dispositionParams(disposition);
    const name = params.get('name');
    if (type !== 'form-data' || name === undefined) return fail('partie sans nom de champ');
    const fileName = params.get('filename');
    parts.push({
      name,
      fileName: fileName === undefined ? null : baseName(fileName),
      contentType: headers.get('content-type')?.toLowerCase() ?? null,
      data: body.subarray(dataStart, dataEnd),
    });
    if (parts.length > limits.maxParts) return fail(`plus de ${limits.maxParts} champs`);
    pos = dataEnd + 2;
  }
}
