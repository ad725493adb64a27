import type { DocumentFormat } from '../documents/parse';
import { notADocument } from '../documents/not-a-document';
import type { FormProblem, SubmitAction, SubmitFormState } from '../pages/submit';
import type { FormPart } from './multipart';

/**
 * The submission form's fields (`fichier`, `texte`, `action`), from a multipart body or an
 * urlencoded one, checked: exactly one of a file and a text, an action among the two offered, a
 * file in UTF-8. Pure; the route turns problems into the form shown again with them.
 */

export interface SubmitFormInput {
  text: string;
  /** From the file's extension, else left to the parser to detect. */
  format?: DocumentFormat;
  fileName: string | null;
  action: SubmitAction;
}

export type SubmitFormRead = { ok: true; input: SubmitFormInput } | { ok: false; state: SubmitFormState };

interface RawFields {
  action: string | undefined;
  texte: string | undefined;
  file: { name: string; data: Buffer } | undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function formatOf(fileName: string | null): DocumentFormat | undefined {
  if (!fileName) return undefined;
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  if (/\.json$/i.test(fileName)) return 'json';
  return undefined;
}

/** A text area sends its lines ended by CRLF whatever was typed (HTML's form encoding): keep the text as pasted. */
function pastedText(value: string): string {
  return value.replace(/\r\n/g, '\n');
}

export function fieldsFromMultipart(parts: readonly FormPart[]): RawFields {
  const text = (name: string) => {
    const p = parts.find((x) => x.name === name && x.fileName === null);
    return p ? p.data.toString('utf8') : undefined;
  };
  const file = parts.find((x) => x.name === 'fichier' && x.fileName !== null);
  // A file input left empty still sends a part, with an empty name and no content.
  return {
    action: text('action'),
    texte: text('texte'),
    file: file && (file.fileName || file.data.length) ? { name: file.fileName ?? '', data: file.data } : undefined,
  };
}

export function fieldsFromUrlencoded(body: unknown): RawFields {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { action: str(b.action), texte: str(b.texte), file: undefined };
}

export function readSubmitForm(fields: RawFields): SubmitFormRead {
  const problems: FormProblem[] = [];
  const action: SubmitAction | undefined = fields.action === 'controler' || fields.action === 'deposer' ? fields.action : undefined;
  if (!action) problems.push({ field: 'action', message: 'Choisissez « Contrôler » ou « Déposer ».' });
  const pasted = pastedText(fields.texte ?? '');
  let fileText: string | undefined;
  const other = fields.file && notADocument(fields.file.data);
  if (fields.file && other) {
    problems.push({ field: 'fichier', message: `Le fichier « ${fields.file.name} » ne peut pas être contrôlé : ${other}.` });
  } else if (fields.file) {
    try {
      fileText = UTF8.decode(fields.file.data).replace(/^\uFEFF/, '');
    } catch {
      problems.push({
        field: 'fichier',
        message: `Le fichier « ${fields.file.name} » n’est pas un texte en UTF-8 : enregistrez-le en UTF-8 puis envoyez-le de nouveau.`,
      });
    }
  }
  const hasFile = fields.file !== undefined;
  const hasText = pasted.trim() !== '';
  if (hasFile && hasText)
    problems.push({ field: 'texte', message: 'Envoyez soit un fichier, soit un texte collé, pas les deux : videz la zone de texte ou retirez le fichier.' });
  if (!hasFile && !hasText) problems.push({ field: 'fichier', message: 'Choisissez le fichier de la pièce ou collez son texte.' });
  if (fileText !== undefined && fileText.trim() === '' && !hasText)
    problems.push({ field: 'fichier', message: `Le fichier « ${fields.file!.name} » est vide.` });
  const state: SubmitFormState = { text: fileText ?? pasted, action: action ?? 'controler', problems };
  if (problems.length) return { ok: false, state };
  const fileName = fields.file ? fields.file.name || null : null;
  return { ok: true, input: { text: fileText ?? pasted, format: formatOf(fileName), fileName, action: action! } };
}
