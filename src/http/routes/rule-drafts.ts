import express, { Router, type Request } from 'express';
import type { Services } from '../../service/services';
import { ruleEditorOf } from '../../service/services';
import type { EditRefusal } from '../../service/rule-editor';
import type { RuleSetHistoryEntry } from '../../store/types';
import { diffBody } from '../../rules/diff';
import { HttpError, methodNotAllowed } from '../errors';
import { schoolYearParam } from '../params';
import { requestPrincipal } from '../middleware/authenticate';
import { authorOf } from './submissions';

/**
 * A school year's rules prepared, edited and published through the API (service/rule-editor.ts):
 *   GET   /api/rules/:schoolYear/versions     every version kept, oldest first
 *   GET   /api/rules/:schoolYear/draft        the folder as it is: version, files, dates to confirm
 *   GET   /api/rules/:schoolYear/check        its YAML test cases run, and what they cover
 *   POST  /api/rules/:schoolYear/drafts       { "extends": "2021-2022" } → 201, a new year's draft
 *   PATCH /api/rules/:schoolYear/parameters   { "name": value, … }   with If-Match: <version>
 *   PATCH /api/rules/:schoolYear/articles     { "id": "text", … }    with If-Match: <version>
 *   PUT   /api/rules/:schoolYear/files/<path> the YAML text of a file, with If-Match: <version>
 *   POST  /api/rules/:schoolYear/corrections  → 201, the correction of a published year, kept aside
 *   POST  /api/rules/:schoolYear/publication  { "reason", "version"? } → 201
 * A save answers 200 with the new version (also in ETag); 422 with the lint errors, each with its
 * file:line:column and field, nothing written; 409 when the draft changed meanwhile (with what
 * changed) or is published; 428 without If-Match.
 */

const JSON_LIMIT = '256kb';
const FILE_LIMIT = '512kb';

export function historyBody(e: RuleSetHistoryEntry) {
  return {
    version: e.version,
    status: e.status,
    createdAt: e.createdAt,
    createdBy: e.createdBy,
    publishedAt: e.publishedAt,
    reason: e.reason,
    previousVersion: e.previousVersion,
  };
}

/** The one mapping of an editor's refusal to an HTTP error, for the API and the pages. */
export function refusalError(r: EditRefusal): HttpError {
  switch (r.reason) {
    case 'unknown_year':
      return new HttpError(404, 'unknown_school_year', r.message);
    case 'exists':
      return new HttpError(409, 'rule_set_exists', r.message);
    case 'not_published':
      return new HttpError(409, 'not_published', r.message);
    case 'correction_open':
      return new HttpError(409, 'correction_open', r.message, { version: r.version }, { ETag: `"${r.version}"` });
    case 'unchanged':
      return new HttpError(422, 'unchanged', r.message);
    case 'published':
      return new HttpError(409, 'published', r.message, { version: r.version });
    case 'stale':
      return new HttpError(
        409,
        'stale_version',
        r.message,
        { version: r.version, expected: r.expected, changes: r.changes && diffBody(r.changes) },
        { ETag: `"${r.version}"` },
      );
    case 'version_required':
      return new HttpError(428, 'version_required', r.message, { version: r.version }, { ETag: `"${r.version}"` });
    case 'lint':
      return new HttpError(422, 'lint', r.message, { errors: r.errors });
    case 'tests':
      return new HttpError(422, 'tests_failed', r.message, { failures: r.failures });
    case 'unknown_base':
      return new HttpError(422, 'unknown_base', r.message);
    case 'bad_path':
      return new HttpError(422, 'bad_path', r.message);
    case 'bad_reason':
      return new HttpError(422, 'bad_reason', r.message);
  }
}

/** `If-Match: "abc…"`, `If-Match: abc…` or `W/"abc…"`: the version, without quotes. */
function ifMatch(req: Request): string | undefined {
  const v = req.get('if-match')?.trim();
  return v ? v.replace(/^W\//, '').replace(/^"(.*)"$/, '$1') : undefined;
}

function objectBody(req: Request, what: string): Record<string, unknown> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'bad_request', `attendu un objet JSON ${what}`);
  return body as Record<string, unknown>;
}

export function ruleDraftRoutes(services: () => Services): Router {
  const router = Router();
  const json = express.json({ limit: JSON_LIMIT });
  const editor = () => ruleEditorOf(services());

  router
    .route('/rules/:schoolYear/versions')
    .get((req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const versions = editor().versions(schoolYear);
      // A year never prepared nor loaded has no versions: unknown, as on the year's other routes.
      if (versions.length === 0) throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`);
      res.json(versions.map(historyBody));
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/rules/:schoolYear/draft')
    .get((req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const view = editor().view(schoolYear);
      if (!view) throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`);
      res.set('ETag', `"${view.version}"`).json({
        schoolYear,
        version: view.version,
        status: view.ruleSet?.status ?? null,
        extends: view.base?.name ?? null,
        correctionOf: view.correction?.of ?? null,
        errors: view.errors,
        proposals: view.proposals,
        files: view.sources,
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/rules/:schoolYear/check')
    .get(async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const run = await editor().check(schoolYear);
      if (!run) throw new HttpError(404, 'unknown_school_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`);
      res.json({
        version: run.version,
        errors: run.errors,
        passed: run.cases.filter((c) => c.ok).length,
        failed: run.cases.filter((c) => !c.ok).map((c) => ({ file: c.file, line: c.line, name: c.name, problems: c.problems })),
        coverage: run.coverage.map((c) => ({ rule: c.rule, article: c.article, covered: c.passedIn.length > 0 && c.notPassedIn.length > 0 })),
      });
    })
    .all(methodNotAllowed('GET'));

  router
    .route('/rules/:schoolYear/drafts')
    .post(json, async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const base = objectBody(req, '{ "extends": "2021-2022" }').extends;
      if (typeof base !== 'string')
        throw new HttpError(422, 'unknown_base', '« extends » : attendu le nom du jeu de règles de base, par exemple « 2021-2022 »');
      const r = await editor().prepare(schoolYear, base, authorOf(requestPrincipal(res)));
      if (!r.ok) throw refusalError(r);
      res
        .status(201)
        .set('ETag', `"${r.version}"`)
        .location(`/api/rules/${schoolYear}/draft`)
        .json({ schoolYear, extends: base, version: r.version, status: 'draft', proposals: r.proposals, warnings: r.warnings });
    })
    .all(methodNotAllowed('POST'));

  for (const what of ['parameters', 'articles'] as const) {
    router
      .route(`/rules/:schoolYear/${what}`)
      .patch(json, async (req, res) => {
        const schoolYear = schoolYearParam(req.params.schoolYear);
        const body = objectBody(req, what === 'parameters' ? '{ "nom": valeur, … }' : '{ "article": "texte", … }');
        if (what === 'articles') {
          const bad = Object.entries(body).find(([, v]) => typeof v !== 'string');
          if (bad) throw new HttpError(422, 'lint', `article « ${bad[0]} » : attendu son texte`);
        }
        const change = what === 'parameters' ? { parameters: body } : { articles: body as Record<string, string> };
        const r = await editor().edit(schoolYear, ifMatch(req), change, authorOf(requestPrincipal(res)));
        if (!r.ok) throw refusalError(r);
        res.set('ETag', `"${r.version}"`).json({ schoolYear, version: r.version, warnings: r.warnings });
      })
      .all(methodNotAllowed('PATCH'));
  }

  router
    .route('/rules/:schoolYear/files/*path')
    .put(express.text({ type: ['text/*', 'application/yaml', 'application/x-yaml'], limit: FILE_LIMIT }), async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const segments = (req.params as unknown as { path: string[] }).path;
      if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'envoyez le texte YAML du fichier (Content-Type: text/yaml)');
      const r = await editor().edit(schoolYear, ifMatch(req), { file: { path: segments.join('/'), text: req.body } }, authorOf(requestPrincipal(res)));
      if (!r.ok) throw refusalError(r);
      res.set('ETag', `"${r.version}"`).json({ schoolYear, version: r.version, warnings: r.warnings });
    })
    .all(methodNotAllowed('PUT'));

  router
    .route('/rules/:schoolYear/corrections')
    .post(async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const r = await editor().openCorrection(schoolYear, authorOf(requestPrincipal(res)));
      if (!r.ok) throw refusalError(r);
      res
        .status(201)
        .set('ETag', `"${r.version}"`)
        .location(`/api/rules/${schoolYear}/draft`)
        .json({ schoolYear, version: r.version, status: 'draft', correctionOf: r.correctionOf, warnings: r.warnings });
    })
    .all(methodNotAllowed('POST'));

  router
    .route('/rules/:schoolYear/publication')
    .post(json, async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const body = objectBody(req, '{ "reason": "…" }');
      const version = typeof body.version === 'string' ? body.version : ifMatch(req);
      const r = await editor().publish(schoolYear, body.reason, version, authorOf(requestPrincipal(res)));
      if (!r.ok) throw refusalError(r);
      res
        .status(201)
        .set('ETag', `"${r.entry.version}"`)
        .json({ schoolYear, ...historyBody(r.entry) });
    })
    .all(methodNotAllowed('POST'));

  return router;
}
