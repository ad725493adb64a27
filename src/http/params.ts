import { isSubmissionId } from '../store/ids';
import { VERDICT_CODES, type VerdictCode } from '../domain/verdict';
import { KINDS } from '../domain/submission';
import type { VerdictQuery } from '../store/store';
import { HttpError } from './errors';

/**
 * Path and query parameters, checked before anything is looked up. A path parameter of the wrong
 * shape names nothing that could exist: 404, as for an unknown one. A bad query is a 400.
 */

const SIRET = /^[0-9]{14}$/;

/** The value as quoted back in a message: short, whatever was sent. */
function quoted(value: string | undefined): string {
  const v = value ?? '';
  return `« ${v.length > 40 ? `${v.slice(0, 40)}…` : v} »`;
}
const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
const VERSION = /^[0-9a-f]{16}$/;

export function siretParam(value: string | undefined): string {
  if (value !== undefined && SIRET.test(value)) return value;
  throw new HttpError(404, 'unknown_dossier', `aucun dossier ${quoted(value)} : un SIRET compte 14 chiffres`);
}

/** `AAAA-AAAA`, two consecutive years. */
export function schoolYearParam(value: string | undefined): string {
  const m = value === undefined ? null : SCHOOL_YEAR.exec(value);
  if (m && Number(m[2]) === Number(m[1]) + 1) return value!;
  throw new HttpError(
    404,
    'unknown_school_year',
    `aucune année scolaire ${quoted(value)} : attendu AAAA-AAAA, deux années consécutives (par exemple 2020-2021)`,
  );
}

export function submissionIdParam(value: string | undefined): string {
  if (value !== undefined && isSubmissionId(value)) return value;
  throw new HttpError(404, 'unknown_submission', `aucune pièce ${quoted(value)}`);
}

export function ruleSetVersionParam(value: string | undefined): string {
  if (value !== undefined && VERSION.test(value)) return value;
  throw new HttpError(404, 'unknown_rule_set_version', `aucune version de jeu de règles ${quoted(value)} : 16 caractères hexadécimaux attendus`);
}

function queryString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new HttpError(400, 'invalid_query', `paramètre « ${name} » donné plusieurs fois ou mal formé`);
}

function positiveInteger(value: unknown, name: string, fallback: number, max: number): number {
  const text = queryString(value, name);
  if (text === undefined || text === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new HttpError(400, 'invalid_query', `paramètre « ${name} » : entier de 1 à ${max} attendu, reçu ${quoted(text)}`);
  }
  return Number(text);
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageQuery {
  page: number;
  pageSize: number;
  q?: string;
}

export function pageQuery(query: Record<string, unknown>): PageQuery {
  const q = queryString(query.q, 'q')?.trim();
  if (q !== undefined && q.length > 200) throw new HttpError(400, 'invalid_query', 'paramètre « q » : 200 caractères au plus');
  return {
    page: positiveInteger(query.page, 'page', 1, 1_000_000),
    pageSize: positiveInteger(query.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    ...(q ? { q } : {}),
  };
}

const DUES_CONVENTION = ['in_force', 'terminated', 'no_convention'] as const;
const DUES_TITRE = ['missing', 'different'] as const;

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  const text = queryString(value, name);
  if (text === undefined || text === '') return undefined;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  // « a », « b » ou « c » attendu: one of them is expected, whence the singular.
  const words = allowed.map((a) => `« ${a} »`);
  const choices = words.length > 1 ? `${words.slice(0, -1).join(', ')} ou ${words[words.length - 1]}` : words.join('');
  throw new HttpError(400, 'invalid_query', `paramètre « ${name} » : ${choices} attendu, reçu ${quoted(text)}`);
}

/** `?convention=in_force|terminated|no_convention`: the convention's state a list of dossiers or of dues is narrowed to. */
function conventionQuery(query: Record<string, unknown>): { convention?: (typeof DUES_CONVENTION)[number] } {
  const convention = oneOf(query.convention, 'convention', DUES_CONVENTION);
  return convention ? { convention } : {};
}

/** The dossiers' list: `?page=&pageSize=&q=&convention=`. */
export function dossierListQuery(query: Record<string, unknown>): PageQuery & { convention?: (typeof DUES_CONVENTION)[number] } {
  return { ...pageQuery(query), ...conventionQuery(query) };
}

/** `?convention=in_force|terminated|no_convention&titre=missing|different` of the dues' list. */
export function duesFilterQuery(query: Record<string, unknown>): { convention?: (typeof DUES_CONVENTION)[number]; titre?: (typeof DUES_TITRE)[number] } {
  const { convention } = conventionQuery(query);
  const titre = oneOf(query.titre, 'titre', DUES_TITRE);
  return { ...(convention ? { convention } : {}), ...(titre ? { titre } : {}) };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?from=AAAA-MM-JJ&to=AAAA-MM-JJ`, both optional, `from` not after `to`. */
export function dateRangeQuery(query: Record<string, unknown>): { from?: string; to?: string } {
  const day = (name: string): string | undefined => {
    const text = queryString(query[name], name);
    if (text === undefined || text === '') return undefined;
    if (ISO_DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) return text;
    throw new HttpError(400, 'invalid_query', `paramètre « ${name} » : date AAAA-MM-JJ attendue, reçu ${quoted(text)}`);
  };
  const from = day('from');
  const to = day('to');
  if (from && to && from > to) throw new HttpError(400, 'invalid_query', `paramètre « from » (${from}) postérieur à « to » (${to})`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** The verdicts that wait for a person: every one but « Conforme ». */
export const ATTENTION_VERDICTS: readonly VerdictCode[] = VERDICT_CODES.filter((v) => v !== 'conforme');

/**
 * `?verdict=&schoolYear=&kind=&siret=&page=&pageSize=` of « À traiter »: `verdict` one of the
 * verdicts that wait for a person (all of them when absent), `siret` a dossier (a commune's token
 * is confined to its own, whatever it asks).
 */
export function verdictQuery(query: Record<string, unknown>, confined: string | undefined): VerdictQuery {
  const verdict = oneOf(query.verdict, 'verdict', ATTENTION_VERDICTS);
  const kind = oneOf(query.kind, 'kind', KINDS);
  const yearText = queryString(query.schoolYear, 'schoolYear');
  let schoolYear: string | undefined;
  if (yearText) {
    try {
      schoolYear = schoolYearParam(yearText);
    } catch {
      throw new HttpError(400, 'invalid_query', `paramètre « schoolYear » : année scolaire AAAA-AAAA attendue, reçu ${quoted(yearText)}`);
    }
  }
  const siretText = queryString(query.siret, 'siret');
  if (siretText && !SIRET.test(siretText)) throw new HttpError(400, 'invalid_query', `paramètre « siret » : 14 chiffres attendus, reçu ${quoted(siretText)}`);
  const { page, pageSize } = pageQuery({ page: query.page, pageSize: query.pageSize });
  const siret = confined ?? (siretText || undefined);
  return {
    verdicts: verdict ? [verdict] : ATTENTION_VERDICTS,
    ...(schoolYear ? { schoolYear } : {}),
    ...(kind ? { kind } : {}),
    ...(siret !== undefined ? { siret } : {}),
    page,
    pageSize,
  };
}
