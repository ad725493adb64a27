import express, { Router, type Request, type Response } from 'express';
import { ruleEditorOf, type Services } from '../../service/services';
import type { EditRefusal, FieldError } from '../../service/rule-editor';
import { parameterKind, readParameterInput } from '../../rules/draft';
import { formatLintError } from '../../rules/model';
import { can } from '../../auth/roles';
import { MAX_REASON_LENGTH } from '../../dossier/withdrawal';
import {
  changeLines,
  DRAFT_LINKS,
  renderCheckPage,
  renderDraftFilePage,
  renderDraftPage,
  renderPreparePage,
  renderPublicationPage,
} from '../../pages/rule-draft';
import { PAGE_LINKS } from '../../pages/page';
import { HttpError, methodNotAllowed } from '../errors';
import { pageHeaders } from '../page-headers';
import { schoolYearParam } from '../params';
import { requestPrincipal } from '../middleware/authenticate';
import { authorOf } from './submissions';
import { pageErrors } from './pages';
import { refusalError } from './rule-drafts';

/**
 * The pages of a year's draft, for the académie's staff (the access table: a lecteur reads, a
 * juriste changes), server-rendered, no script, every form posted back to its page:
 *   GET|POST /regles/preparer                          « Préparer une année »
 *   GET|POST /regles/:schoolYear/brouillon             parameters, articles, files, versions
 *   GET|POST /regles/:schoolYear/brouillon/fichiers/…  one file as YAML in a text area
 *   GET      /regles/:schoolYear/verification          the YAML test cases and their coverage
 *   GET|POST /regles/:schoolYear/publication           confirmation, with the reason
 * A refused save answers its page again with what was typed and the errors by field (422), or
 * what changed meanwhile (409); a save done redirects (303) to the draft.
 */

const FORM_LIMIT = '1mb';
const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 400 });

function fields(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`.replace(/\.\.$/, '.');
}

function staleOf(r: EditRefusal): { message: string; changes: string[] } | undefined {
  return r.reason === 'stale' ? { message: sentence(r.message).replace(/\.$/, ''), changes: r.changes ? changeLines(r.changes) : [] } : undefined;
}

export function ruleDraftPageRoutes(services: () => Services): Router {
  const router = Router();
  const page = <Path extends string>(path: Path) => router.route(path).all(pageHeaders);
  const editor = () => ruleEditorOf(services());
  const bases = () => services().registry.ruleSets.map((r) => r.name);

  function draftPage(res: Response, schoolYear: string, extra: Partial<Parameters<typeof renderDraftPage>[0]> = {}, saved: string | null = null): string {
    const view = editor().view(schoolYear);
    if (!view)
      throw new HttpError(
        404,
        'unknown_school_year',
        `Aucun jeu de règles ${schoolYear} dans le dossier des règles : préparez-le depuis ${DRAFT_LINKS.prepare()}.`,
      );
    return renderDraftPage({
      schoolYear,
      version: view.version,
      ruleSet: view.ruleSet,
      base: view.base?.name ?? null,
      loadErrors: view.errors,
      sources: view.sources,
      proposals: view.proposals,
      versions: editor().versions(schoolYear),
      correction: view.correction && { of: view.correction.of, changes: view.correction.changes ? changeLines(view.correction.changes) : [] },
      mayEdit: can(requestPrincipal(res), 'edit_rules'),
      saved,
      ...extra,
    });
  }

  page('/regles/preparer')
    .get((_req, res) => {
      res.type('html').send(renderPreparePage({ bases: bases(), schoolYear: '', base: bases().at(-1) ?? '', problem: null }));
    })
    .post(form, async (req, res) => {
      const f = fields(req);
      const schoolYear = (f.annee ?? '').trim();
      const base = f.base ?? '';
      const again = (status: number, problem: { field: 'annee' | 'base'; message: string }) =>
        res
          .status(status)
          .type('html')
          .send(renderPreparePage({ bases: bases(), schoolYear, base, problem }));
      const m = /^(\d{4})-(\d{4})$/.exec(schoolYear);
      if (!m || Number(m[2]) !== Number(m[1]) + 1) {
        again(400, { field: 'annee', message: 'Saisissez une année scolaire au format AAAA-AAAA, deux années consécutives (par exemple 2022-2023).' });
        return;
      }
      const r = await editor().prepare(schoolYear, base, authorOf(requestPrincipal(res)));
      if (!r.ok) {
        const e = refusalError(r);
        again(e.status, { field: r.reason === 'exists' ? 'annee' : 'base', message: sentence(r.message) });
        return;
      }
      res.redirect(303, DRAFT_LINKS.draft(schoolYear));
    })
    .all(methodNotAllowed('GET', 'POST'));

  page('/regles/:schoolYear/brouillon')
    .get((req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const saved = typeof req.query.enregistre === 'string' && /^[0-9a-f]{16}$/.test(req.query.enregistre) ? req.query.enregistre : null;
      res.type('html').send(draftPage(res, schoolYear, {}, saved));
    })
    .post(form, async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const typed = fields(req);
      const view = editor().view(schoolYear);
      if (!view?.ruleSet) throw new HttpError(404, 'unknown_school_year', `Aucun brouillon lisible des règles ${schoolYear}.`);
      // Only what changed is written: the rest of ruleset.yaml stays as it is, inherited values inherited.
      const parameters: Record<string, unknown> = {};
      const fieldErrors: Record<string, string> = {};
      for (const p of view.ruleSet.parameters) {
        const kind = parameterKind(p);
        const proposal = view.proposals.find((x) => x.name === p.name);
        if (proposal && typed[`confirmer.${p.name}`] === 'oui') {
          parameters[p.name] = proposal.proposed;
          continue;
        }
        const raw = typed[`p.${p.name}`];
        if (raw === undefined) continue;
        const read = readParameterInput(kind, raw);
        if (!read.ok) fieldErrors[`p.${p.name}`] = sentence(read.message);
        else if (JSON.stringify(read.value) !== JSON.stringify(p.value)) parameters[p.name] = read.value;
      }
      const articles: Record<string, string> = {};
      for (const a of view.ruleSet.articles) {
        const raw = typed[`a.${a.id}`];
        if (raw !== undefined && raw.replace(/\r\n?/g, '\n').trim() !== a.text.trim()) articles[a.id] = raw;
      }
      const refused = (status: number, extra: Partial<Parameters<typeof renderDraftPage>[0]>) =>
        res
          .status(status)
          .type('html')
          .send(draftPage(res, schoolYear, { typed, ...extra }));
      if (Object.keys(fieldErrors).length) {
        refused(422, { fieldErrors });
        return;
      }
      const r = await editor().edit(schoolYear, typed.version, { parameters, articles }, authorOf(requestPrincipal(res)));
      if (!r.ok) {
        const e = refusalError(r);
        if (r.reason === 'lint') refused(422, byField(r.errors));
        else if (r.reason === 'stale') refused(409, { stale: staleOf(r) });
        else throw new HttpError(e.status, e.code, sentence(r.message));
        return;
      }
      res.redirect(303, `${DRAFT_LINKS.draft(schoolYear)}?enregistre=${r.version}`);
    })
    .all(methodNotAllowed('GET', 'POST'));

  page('/regles/:schoolYear/brouillon/fichiers/*path')
    .get((req, res) => {
      res.type('html').send(filePage(req, res, null));
    })
    .post(form, async (req, res) => {
      const typed = fields(req);
      const { schoolYear, path } = fileOf(req);
      const r = await editor().edit(schoolYear, typed.version, { file: { path, text: typed.texte ?? '' } }, authorOf(requestPrincipal(res)));
      if (!r.ok) {
        const e = refusalError(r);
        if (r.reason !== 'lint' && r.reason !== 'stale' && r.reason !== 'bad_path') throw new HttpError(e.status, e.code, sentence(r.message));
        res
          .status(e.status)
          .type('html')
          .send(
            filePage(req, res, {
              text: typed.texte ?? '',
              errors: r.reason === 'lint' ? r.errors.map(formatLintError) : r.reason === 'bad_path' ? [sentence(r.message)] : [],
              stale: staleOf(r),
            }),
          );
        return;
      }
      res.redirect(303, `${DRAFT_LINKS.draft(schoolYear)}?enregistre=${r.version}`);
    })
    .all(methodNotAllowed('GET', 'POST'));

  function fileOf(req: Request): { schoolYear: string; path: string } {
    const params = req.params as unknown as { schoolYear: string; path: string[] };
    return { schoolYear: schoolYearParam(params.schoolYear), path: params.path.join('/') };
  }

  function filePage(req: Request, res: Response, typed: { text: string; errors: string[]; stale?: { message: string; changes: string[] } } | null): string {
    const { schoolYear, path } = fileOf(req);
    const view = editor().view(schoolYear);
    if (!view) throw new HttpError(404, 'unknown_school_year', `Aucun jeu de règles ${schoolYear} dans le dossier des règles.`);
    const file = view.sources.find((f) => f.path === path);
    if (!file && !/^tests\/[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$|^rules\/[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/.test(path))
      throw new HttpError(404, 'unknown_file', `Aucun fichier « ${path.slice(0, 80)} » dans les règles ${schoolYear}.`);
    return renderDraftFilePage({
      schoolYear,
      path,
      version: view.version,
      text: typed?.text ?? file?.text ?? '',
      exists: file !== undefined,
      editable: can(requestPrincipal(res), 'edit_rules') && view.ruleSet?.status !== 'in_force',
      errors: typed?.errors ?? [],
      stale: typed?.stale,
    });
  }

  page('/regles/:schoolYear/verification')
    .get(async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const run = await editor().check(schoolYear);
      if (!run) throw new HttpError(404, 'unknown_school_year', `Aucun jeu de règles ${schoolYear} dans le dossier des règles.`);
      res.type('html').send(
        renderCheckPage({
          schoolYear,
          version: run.version,
          errors: run.errors,
          cases: run.cases,
          coverage: run.coverage.map((c) => ({ rule: c.rule, article: c.article, covered: c.passedIn.length > 0 && c.notPassedIn.length > 0 })),
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  function publicationPage(schoolYear: string, reason: string, problem: string | null, failures: string[] = []): string {
    const view = editor().view(schoolYear);
    if (!view) throw new HttpError(404, 'unknown_school_year', `Aucun jeu de règles ${schoolYear} dans le dossier des règles.`);
    if (view.ruleSet?.status === 'in_force') throw new HttpError(409, 'published', `Les règles ${schoolYear} sont déjà publiées.`);
    return renderPublicationPage({ schoolYear, version: view.version, base: view.base?.name ?? null, reason, problem, failures, maxLength: MAX_REASON_LENGTH });
  }

  // The button « Corriger ces règles… » of a published year's page: its correction opened (or the one already open) and shown.
  page('/regles/:schoolYear/correction')
    .post(form, async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const r = await editor().openCorrection(schoolYear, authorOf(requestPrincipal(res)));
      if (!r.ok && r.reason !== 'correction_open') {
        const e = refusalError(r);
        throw new HttpError(e.status, e.code, sentence(r.message));
      }
      res.redirect(303, DRAFT_LINKS.draft(schoolYear));
    })
    .all(methodNotAllowed('POST'));

  page('/regles/:schoolYear/publication')
    .get((req, res) => {
      res.type('html').send(publicationPage(schoolYearParam(req.params.schoolYear), '', null));
    })
    .post(form, async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const typed = fields(req);
      const r = await editor().publish(schoolYear, typed.motif, typed.version, authorOf(requestPrincipal(res)));
      if (!r.ok) {
        const e = refusalError(r);
        const failures =
          r.reason === 'tests'
            ? r.failures
            : r.reason === 'lint'
              ? r.errors.map(formatLintError)
              : r.reason === 'stale' && r.changes
                ? changeLines(r.changes)
                : [];
        res
          .status(e.status)
          .type('html')
          .send(publicationPage(schoolYear, typed.motif ?? '', sentence(r.message), failures));
        return;
      }
      res.redirect(303, PAGE_LINKS.ruleSet(schoolYear));
    })
    .all(methodNotAllowed('GET', 'POST'));

  router.use(pageErrors);
  return router;
}

/** A refused save's errors: those of a parameter or an article at its field, the others in the list. */
function byField(errors: readonly FieldError[]): { fieldErrors: Record<string, string>; otherErrors: string[] } {
  const fieldErrors: Record<string, string> = {};
  const otherErrors: string[] = [];
  for (const e of errors) {
    const key = e.field?.startsWith('parameters.') ? `p.${e.field.slice(11)}` : e.field?.startsWith('articles.') ? `a.${e.field.slice(9)}` : null;
    if (key && !fieldErrors[key]) fieldErrors[key] = `${sentence(e.message)} (ligne ${e.line} de ${e.file})`;
    else if (!key) otherErrors.push(formatLintError(e));
  }
  return { fieldErrors, otherErrors };
}
