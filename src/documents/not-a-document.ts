/**
 * A file that is not a document at all: the PDF of a signed convention, a Word file, a scan, an
 * archive. Read as JSON or YAML, such a file yields errors that say nothing useful (« directive
 * YAML invalide », « texte UTF-8 invalide, octet 11 ») to a person who simply picked the wrong
 * file; recognised by its first bytes, it is refused in one sentence that names what it is.
 *
 * JSON and YAML are text, and neither admits a NUL character: a NUL among the first 8 000 bytes
 * (git's own test for a binary file) is enough to say that a file is not one of them.
 */

const SNIFFED_BYTES = 8000;

interface Signature {
  /** The first bytes, after any leading white space for the text formats. */
  starts: number[] | string;
  text?: boolean;
  what: string | ((head: string) => string);
}

/** Not another format but another encoding: the text may be right, saved the wrong way. */
const UTF16 = 'un texte enregistré en UTF-16';

const bytesOf = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Which office file a ZIP archive is, from the names of its first entries. */
function zipKind(head: string): string {
  if (head.includes('word/')) return 'un document Word (.docx)';
  if (head.includes('xl/')) return 'un classeur Excel (.xlsx)';
  if (head.includes('ppt/')) return 'une présentation PowerPoint (.pptx)';
  if (head.includes('application/vnd.oasis.opendocument.text')) return 'un document OpenDocument (.odt)';
  if (head.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'un classeur OpenDocument (.ods)';
  return 'une archive ZIP';
}

const SIGNATURES: readonly Signature[] = [
  { starts: '%PDF-', what: 'un fichier PDF' },
  { starts: 'PK\u0003\u0004', what: zipKind },
  { starts: 'PK\u0005\u0006', what: 'une archive ZIP vide' },
  { starts: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'un document Word ou Excel (.doc, .xls)' },
  { starts: '{\\rtf', what: 'un document RTF (texte mis en forme)' },
  { starts: [0x89, 0x50, 0x4e, 0x47], what: 'une image PNG' },
  { starts: [0xff, 0xd8, 0xff], what: 'une image JPEG' },
  { starts: 'GIF8', what: 'une image GIF' },
  { starts: 'II*\u0000', what: 'une image TIFF (numérisation ?)' },
  { starts: 'MM\u0000*', what: 'une image TIFF (numérisation ?)' },
  { starts: [0x1f, 0x8b], what: 'une archive compressée (gzip)' },
  { starts: '7z\u00bc\u00af', what: 'une archive 7-Zip' },
  { starts: 'Rar!', what: 'une archive RAR' },
  { starts: [0xff, 0xfe], what: UTF16 },
  { starts: [0xfe, 0xff], what: UTF16 },
  { starts: '<?xml', text: true, what: 'un document XML' },
  { starts: '<!doctype html', text: true, what: 'une page HTML' },
  { starts: '<html', text: true, what: 'une page HTML' },
];

const COMPILED = SIGNATURES.map((s) => ({ ...s, bytes: typeof s.starts === 'string' ? bytesOf(s.starts) : s.starts }));

/** The code unit (a byte of a Buffer, or a character of a string) at `i`. */
function unitAt(head: Uint8Array | string, i: number): number {
  return typeof head === 'string' ? head.charCodeAt(i) : head[i];
}

function startsWith(head: Uint8Array | string, at: number, bytes: readonly number[], caseless: boolean): boolean {
  if (head.length - at < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) {
    let c = unitAt(head, at + i);
    if (caseless && c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== bytes[i]) return false;
  }
  return true;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function firstNonBlank(head: Uint8Array | string): number {
  let i = 0;
  // A UTF-8 byte order mark, as bytes or as the character it decodes to.
  if (startsWith(head, 0, UTF8_BOM, false)) i = 3;
  else if (unitAt(head, 0) === 0xfeff) i = 1;
  for (let c = unitAt(head, i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = unitAt(head, ++i));
  return i;
}

/** The signatures by their first unit (lower case for those of text): each document is compared with a few at most. */
const BY_FIRST = new Map<number, typeof COMPILED>();
for (const s of COMPILED) BY_FIRST.set(s.bytes[0], [...(BY_FIRST.get(s.bytes[0]) ?? []), s]);

function lowered(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/**
 * What the file is when it is not a JSON or YAML text (« un fichier PDF », « un document Word
 * (.docx) », « un fichier binaire »), or undefined when it may be one. Takes the raw bytes, or the
 * text already decoded (a pasted text, a rule file): only the first 8 000 units are looked at.
 */
export function notADocumentKind(content: Uint8Array | string): string | undefined {
  const n = Math.min(content.length, SNIFFED_BYTES);
  const head = typeof content === 'string' ? content.slice(0, n) : content.subarray(0, n);
  const text = firstNonBlank(head);
  const candidates = [...(BY_FIRST.get(unitAt(head, 0)) ?? []), ...(BY_FIRST.get(lowered(unitAt(head, text))) ?? [])];
  for (const s of candidates) {
    if (startsWith(head, s.text ? text : 0, s.bytes, s.text === true)) {
      return typeof s.what === 'string' ? s.what : s.what(typeof head === 'string' ? head : Buffer.from(head).toString('latin1'));
    }
  }
  const nul = typeof head === 'string' ? head.indexOf('\u0000') : Buffer.from(head.buffer, head.byteOffset, head.length).indexOf(0);
  return nul >= 0 ? 'un fichier binaire' : undefined;
}

/** The one sentence that refuses such a file, or undefined when it may be a document. */
export function notADocument(content: Uint8Array | string): string | undefined {
  const what = notADocumentKind(content);
  if (what === undefined) return undefined;
  if (what === UTF16) return `c’est ${what} : enregistrez-le en UTF-8 puis envoyez-le de nouveau`;
  return `c’est ${what}, pas un document JSON ou YAML (le format d’échange des pièces)`;
}
