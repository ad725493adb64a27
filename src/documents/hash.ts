import { createHash } from 'node:crypto';

/** SHA-256 of a text's UTF-8 bytes (or of bytes that are no text), hex: the fingerprint kept with every document and shown in its report. */
export function sha256Hex(text: string | Uint8Array): string {
  return (typeof text === 'string' ? createHash('sha256').update(text, 'utf8') : createHash('sha256').update(text)).digest('hex');
}
