import { createHash } from 'node:crypto';

/** SHA-256 of a text's UTF-8 bytes, hex: the fingerprint kept with every document and shown in its report. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
