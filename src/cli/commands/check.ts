import { basename } from 'node:path';
import type { CheckResult, Finding } from '../../domain/finding';
import type { Kind, Submission } from '../../domain/submission';
import { parseDocument, type ParseResult } from '../../documents/parse';
import { isKind, validateSubmission } from '../../validation/validator';
import { checkSubmission } from '../../rules/check';
import { renderUnfiledReport } from '../../reports/render';
import { sha256Hex } from '../../documents/hash';
import { mainFinding, verdictOfFindings } from '../../domain/verdict';
import { RULESET_STATUS_WORDS, VERDICT_WORDS } from '../../wording/labels';
import { articleShort } from '../../wording/format';
import { verdictNote } from '../../wording/verdict';
import { loadRegistry, readDocumentFile, writeTextFile } from '../files';
import { bodyLimitOf } from '../../config';
import type { Command, CommandIO } from './types';

const USAGE = `Usage : ent-compliance check FICHIER [--dossier ANTERIEURES.json] [--format json|text|html] [--out SORTIE]

Contrôle une pièce (JSON ou YAML) : schéma, puis règles de son année scolaire.
  --dossier F   tableau JSON des pièces déjà acceptées au dossier, de la plus ancienne à la plus récente
  --format      text (par défaut), json (un seul objet JSON) ou html (le rapport de conformité,
                autonome et imprimable, tel que le serveur le conserve avec une pièce déposée)
  --out F       écrit le résultat dans F au lieu de la sortie standard
Code de sortie : 0 acceptée, 1 rejetée, 2 erreur d'usage, de lecture ou d'écriture.
`;

const FORMATS = ['json', 'text', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  file: string;
  dossier?: string;
  format: Format;
  out?: string;
}

function parseArgs(args: string[]): Options | string {
  let file: string | undefined;
  let dossier: string | undefined;
  let out: string | undefined;
  let format = 'text';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dossier' || a === '--format' || a === '--out') {
      const v = args[++i];
      if (v === undefined) return `l'option ${a} attend une valeur`;
      if (a === '--dossier') dossier = v;
      else if (a === '--out') out = v;
      else format = v;
    } else if (a.startsWith('--')) return `option inconnue « ${a} »`;
    else if (file) return `un seul fichier à la fois (reçu aussi « ${a} »)`;
    else file = a;
  }
  if (!file) return 'fichier à contrôler manquant';
  if (!(FORMATS as readonly string[]).includes(format)) return `format inconnu « ${format} » (json, text ou html)`;
  return { file, dossier, format: format as Format, ...(out ? { out } : {}) };
}

/** The dossier's prior submissions, each validated: a bad history is an input error, not a verdict. */
export function readHistory(cwd: string, path: string, limit: number): Submission[] | string {
  const read = readDocumentFile(cwd, path, limit);
  if (!read.ok) return read.problem === 'unreadable' ? read.message : `${path} : ${read.message}`;
  const parsed = parseDocument(read.text);
  if (!parsed.ok) {
    const e = parsed.errors[0];
    return e.line === undefined ? `${path} : ${e.message}` : `${path}:${e.line}:${e.column ?? 1}: ${e.message}`;
  }
  if (!Array.isArray(parsed.value)) return `${path} : un tableau JSON des pièces acceptées est attendu`;
  const out: Submission[] = [];
  for (let i = 0; i < parsed.value.length; i++) {
    const v = validateSubmission(parsed.value[i]);
    if (!v.ok) {
      const e = v.errors[0];
      const at = parsed.locate(`/${i}${e.path}`);
      return `${path}${at ? `:${at.line}:${at.column}` : ''}: pièce n° ${i + 1} invalide : ${e.path || '/'} ${e.message}`;
    }
    out.push(v.submission);
  }
  return out;
}

const OUTCOME_MARK: Record<Finding['outcome'], string> = { pass: '✓', fail: '✗', review: '?', not_applicable: '-' };
const DECISION: Record<CheckResult['status'], string> = { accepted: 'ACCEPTÉE', rejected: 'REJETÉE' };

/** The result with its verdict (domain/verdict.ts), as `--format json` writes it: the API's `status` and `verdict`. */
export function resultWithVerdict(result: CheckResult) {
  const { status, ...rest } = result;
  return { status, verdict: verdictOfFindings(result), ...rest };
}

export function formatText(file: string, result: CheckResult): string {
  const verdict = verdictOfFindings(result);
  const lines = [`${file} : ${DECISION[result.status]}, ${VERDICT_WORDS[verdict].toLowerCase()} (${result.stage === 'schema' ? 'schéma' : 'règles'})`];
  const note = verdictNote(verdict, mainFinding(verdict, result.findings));
  if (note) lines.push(`  → ${note}`);
  if (result.ruleSet) lines.push(`Règles ${result.ruleSet.schoolYear} (${RULESET_STATUS_WORDS[result.ruleSet.status]}), version ${result.ruleSet.version}`);
  for (const e of result.errors)
    lines.push(
      e.line === undefined && e.keyword === 'syntax' ? `  ${e.message}` : `  ${e.line ? `${file}:${e.line}:${e.column}: ` : ''}${e.path || '/'} : ${e.message}`,
    );
  for (const f of result.findings) {
    const art = articleShort(f.article);
    const sev = f.outcome === 'fail' && f.severity !== 'error' ? ` [${f.severity === 'warning' ? 'avertissement' : 'information'}]` : '';
    lines.push(`  ${OUTCOME_MARK[f.outcome]} ${art} ${f.rule}${sev} : ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runCheck(args: string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    io.stderr(`check : ${opts}\n${USAGE}`);
    return 2;
  }
  let limit: number;
  try {
    limit = bodyLimitOf(io.env);
  } catch (e) {
    io.stderr(`check : ${(e as Error).message}\n`);
    return 2;
  }
  const read = readDocumentFile(io.cwd, opts.file, limit);
  if (!read.ok && read.problem !== 'refused') {
    io.stderr(`check : ${read.problem === 'too-large' ? `${opts.file} : ` : ''}${read.message}\n`);
    return 2;
  }
  let history: Submission[] = [];
  if (opts.dossier) {
    // A whole dossier, not one document: BODY_LIMIT does not bound it.
    const h = readHistory(io.cwd, opts.dossier, Number.POSITIVE_INFINITY);
    if (typeof h === 'string') {
      io.stderr(`check : ${h}\n`);
      return 2;
    }
    history = h;
  }
  const registry = loadRegistry(io);
  if (typeof registry === 'string') {
    io.stderr(`check : ${registry}\n`);
    return 2;
  }
  const format = /\.ya?ml$/i.test(opts.file) ? 'yaml' : undefined;
  const parsed: ParseResult = read.ok
    ? parseDocument(read.text, format)
    : { ok: false, format: format ?? 'json', errors: [{ path: '', keyword: 'syntax', message: read.message }] };
  let result: CheckResult;
  let submission: Submission | undefined;
  if (!parsed.ok) {
    result = { status: 'rejected', stage: 'schema', errors: parsed.errors, findings: [], ruleSet: null };
  } else {
    const v = validateSubmission(parsed.value);
    if (v.ok) submission = v.submission;
    result = v.ok
      ? await checkSubmission(v.submission, history, registry)
      : { status: 'rejected', stage: 'schema', errors: v.errors.map((e) => ({ ...e, ...parsed.locate(e.path) })), findings: [], ruleSet: null };
  }
  const output =
    opts.format === 'json'
      ? `${JSON.stringify(resultWithVerdict(result), null, 2)}\n`
      : opts.format === 'html'
        ? renderUnfiledReport({
            fileName: basename(opts.file),
            sha256: sha256Hex(read.ok ? read.text : read.bytes),
            submission,
            result,
            registry,
            stage: parsed.ok ? 'schema' : 'syntax',
            kind: namedKind(parsed.ok ? parsed.value : undefined),
            now: new Date().toISOString(),
          })
        : formatText(opts.file, result);
  if (opts.out) {
    const problem = writeTextFile(io.cwd, opts.out, output);
    if (problem) {
      io.stderr(`check : ${problem}\n`);
      return 2;
    }
  } else io.stdout(output);
  return result.status === 'accepted' ? 0 : 1;
}

/** The kind a readable document names, for the report of a document refused by the schema. */
function namedKind(value: unknown): Kind | null {
  const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  return isKind(kind) ? kind : null;
}

export const checkCommand: Command = { name: 'check', summary: 'contrôler une pièce contre les règles de son année', usage: USAGE, run: runCheck };
