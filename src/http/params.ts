import { isSubmissionId } from '../store/ids';
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
