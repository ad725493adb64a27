import type { SchemaError } from '../../domain/finding';
import type { DocumentFormat } from '../../documents/parse';
import { checkDocumentText, type DocumentCheck } from '../../validation/validator';
import { readDocumentFile } from '../files';
import { bodyLimitOf } from '../../config';
import type { Command, CommandIO } from './types';

const USAGE = `Usage : ent-compliance validate FICHIER... [--format text|json]

Vérifie que chaque pièce (JSON ou YAML) respecte le format d'échange : clés, types, dates,
identifiants, listes. Ne contrôle pas les clauses de la convention (voir « check »).
  --format text   (par défaut) « FICHIER: valide » ou une ligne par erreur :
                  FICHIER:ligne:colonne: /chemin: message
  --format json   un objet JSON par ligne et par fichier : {"file", "valid", "errors"}
  -h, --help      cette aide
Une pièce de plus de BODY_LIMIT (1 Mio par défaut) est refusée, comme par l'API.
Code de sortie : 0 toutes valides, 1 au moins une invalide, illisible ou trop volumineuse,
2 erreur d'usage ou fichier introuvable.
`;

type OutputFormat = 'text' | 'json';

interface Options {
  files: string[];
  format: OutputFormat;
  help: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const files: string[] = [];
  let format: string = 'text';
  let help = false;
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (optionsDone || !a.startsWith('-') || a === '-') {
      files.push(a);
    } else if (a === '--') {
      optionsDone = true;
    } else if (a === '-h' || a === '--help') {
      help = true;
    } else if (a === '--format') {
      const v = args[++i];
      if (v === undefined) return "l'option --format attend une valeur (text ou json)";
      format = v;
    } else if (a.startsWith('--format=')) {
      format = a.slice('--format='.length);
    } else {
      return `option inconnue « ${a} »`;
    }
  }
  if (help) return { files, format: 'text', help };
  if (format !== 'text' && format !== 'json') return `format inconnu « ${format} » (text ou json)`;
  if (files.length === 0) return 'aucun fichier à vérifier';
  return { files, format, help };
}

/** The format a file's name announces; otherwise guessed from its first character. */
export function formatOfFile(file: string): DocumentFormat | undefined {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return undefined;
}

export function formatErrorLine(file: string, e: SchemaError): string {
  // A file refused as a whole (no text at all, too large) has no line, nor a path in a document it is not.
  if (e.line === undefined && (e.keyword === 'syntax' || e.keyword === 'maxSize')) return `${file}: ${e.message}`;
  const where = e.line !== undefined ? `${file}:${e.line}:${e.column ?? 1}` : file;
  return `${where}: ${e.path || '/'}: ${e.message}`;
}

export async function runValidate(args: string[], io: CommandIO): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.stderr(`validate : ${opts}\n\n${USAGE}`);
    return 2;
  }
  if (opts.help) {
    io.stdout(USAGE);
    return 0;
  }
  let limit: number;
  try {
    limit = bodyLimitOf(io.env);
  } catch (e) {
    io.stderr(`validate : ${(e as Error).message}\n`);
    return 2;
  }
  let ioError = false;
  let invalid = false;
  for (const file of opts.files) {
    const read = readDocumentFile(io.cwd, file, limit);
    if (!read.ok && read.problem === 'unreadable') {
      io.stderr(`validate : ${read.message}\n`);
      ioError = true;
      continue;
    }
    const result: DocumentCheck = read.ok
      ? checkDocumentText(read.text, formatOfFile(file))
      : { ok: false, stage: 'syntax', errors: [{ path: '', keyword: read.problem === 'too-large' ? 'maxSize' : 'syntax', message: read.message }] };
    const errors = result.ok ? [] : result.errors;
    if (!result.ok) invalid = true;
    if (opts.format === 'json') {
      io.stdout(`${JSON.stringify({ file, valid: result.ok, errors })}\n`);
    } else if (result.ok) {
      io.stdout(`${file}: valide\n`);
    } else {
      io.stdout(errors.map((e) => `${formatErrorLine(file, e)}\n`).join(''));
    }
  }
  return ioError ? 2 : invalid ? 1 : 0;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: "vérifier que des pièces respectent le format d'échange (schéma)",
  usage: USAGE,
  run: runValidate,
};
