import { notADocument } from './not-a-document';

/**
 * A document's bytes as text. The interchange format is UTF-8, and the text kept must be the text
 * sent: bytes that are not UTF-8 (a file saved in Latin-1, its accents silently destroyed by a
 * lenient decoder) are refused, with where; a file that is no text at all is named (see
 * not-a-document.ts). Used wherever a file arrives as bytes: the API, the form, the command line.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1.
 * Refuses what the decoder refuses: overlong forms, surrogates, code points above U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** « n'est pas un texte UTF-8 valide (ligne 6, octet 120 : 0xe9) : … », after the name of what is refused. */
export function invalidUtf8Message(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  const where = at >= 0 ? ` (ligne ${lineOf(bytes, at)}, octet ${at + 1} : 0x${bytes[at].toString(16).padStart(2, '0')})` : '';
  return `n'est pas un texte UTF-8 valide${where} : enregistrez-le en UTF-8 puis envoyez-le de nouveau`;
}

export type DecodedDocument = { ok: true; text: string } | { ok: false; message: string };

/** The text of a file meant to be a document, or the one sentence that says why it is not one. */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  const other = notADocument(bytes);
  if (other !== undefined) return { ok: false, message: other };
  try {
    return { ok: true, text: UTF8.decode(bytes) };
  } catch {
    return { ok: false, message: `le fichier ${invalidUtf8Message(bytes)}` };
  }
}
