import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import { ruleEditorOf, type Services } from '../../service/services';
import type { DossierView } from '../../service/dossier-service';
import { detectFormat, parseDocument, type DocumentFormat } from '../../documents/parse';
import type { SubmissionSummary } from '../../store/types';
import { sha256Hex } from '../../documents/hash';
import { ruleSetFor } from '../../rules/registry';
import { examplesOf } from '../../rules/examples';
import { defaultRulesDir } from '../../config';
import type { CompiledRuleSet } from '../../rules/compile';
import { checkDocumentText, isKind } from '../../validation/validator';
import type { SchemaReportInput } from '../../reports/input';
import { renderHomePage, type HomeRuleSet } from '../../pages/home';
import { renderDossiersPage } from '../../pages/dossiers';
import { renderDuesPage } from '../../pages/dues';
import { renderDeadlinesPage } from '../../pages/deadlines';
import { renderAttentionPage } from '../../pages/attention';
import { renderDossierPage, type DossierPageData } from '../../pages/dossier';
import { renderRuleSetPage, renderRuleSetsPage } from '../../pages/rule-set';
import { renderRuleReloadPage } from '../../pages/rule-reload';
import { EMPTY_TOKEN_FORM, renderTokenRevocationPage, renderTokensPage, type TokenForm } from '../../pages/tokens';
import { checkNewToken, TOKEN_ID } from '../../auth/tokens';
import { reloadRules } from '../../service/services';
import { reloadStatus } from '../views';
import { diffView, renderRuleDiffPage } from '../../pages/rule-diff';
import { impactView, renderImpactPage } from '../../pages/rule-impact';
import { diffRuleSets } from '../../rules/diff';
import { measureImpact } from '../../service/impact';
import type { RuleRegistry } from '../../rules/registry';
import { EMPTY_FORM, renderResultPage, renderSchemaErrorsPage, renderSubmitPage } from '../../pages/submit';
import { renderPiecePage, renderWithdrawalPage, type PieceFacts } from '../../pages/piece';
import type { StoredSubmission } from '../../store/types';
import { checkReason } from '../../dossier/withdrawal';
import { formatInstant } from '../../wording/format';
import { can } from '../../auth/roles';
import { authorOf } from './submissions';
import { PAGE_LINKS, type SubmissionLine } from '../../pages/page';
import { HttpError, methodNotAllowed, sendErrorPage, toHttpError } from '../errors';
import { ConcurrentWriteError } from '../../service/dossier-service';
import { ATTENTION_VERDICTS, dossierListQuery, duesFilterQuery, verdictQuery, schoolYearParam, siretParam, submissionIdParam } from '../params';
import { multipartBoundary, parseMultipart } from '../multipart';
import { fieldsFromMultipart, fieldsFromUrlencoded, readSubmitForm } from '../submit-form';
import { pageHeaders } from '../page-headers';
import { DEFAULT_BODY_LIMIT, sizeWords } from '../../limits';
import { confinedTo, ruleSetsSeenBy } from '../../auth/roles';
import { requestPrincipal } from '../middleware/authenticate';
import { assertMay, assertMayFileFor } from '../middleware/authorize';

/**
 * The web pages for the legal and finance staff, rendered on the server (src/pages/*), no script:
 *   GET  /                     rule sets by year, latest submissions
 *   GET  /dossiers?q=&page=    dossiers, searched by name or SIRET
 *   GET  /dossiers/:siret      a dossier: state, schools and dues per year, history and reports
 *   GET  /regles               rule sets; GET /regles/:schoolYear: a year's rules in words
 *   POST /regles/recharger     (juristes) read the rules again, as POST /api/rules/reload, and say what it did
 *   GET  /jetons               (juristes) the access tokens and the form to make one; POST: make it, its value shown once
 *   GET  /jetons/:id/revocation  (juristes) confirm a revocation; POST: revoke it, then back to the list
 *   GET  /regles/:a/comparer/:b  what changes from year a's rules to year b's
 *   GET  /regles/:schoolYear/impact  what the year's rules would change to the stored dossiers
 *   GET  /controle             the form; POST /controle: check (keeps nothing) and show the report,
 *                              or file a document and redirect (303) to its page
 *   GET  /pieces/:id           a filed submission: deposited or found there already, withdrawn or not, its report
 *   GET  /pieces/:id/retrait   what withdrawing it changes, and the form to confirm with a reason;
 *                              POST: withdraw it (juristes), then back to its page
 * Handlers only fetch through the dossier service and the store, and hand plain data to the page
 * renderers. Errors are answered as HTML pages, not as the API's JSON.
 */

const RECENT = 10;

export interface PageRoutesOptions {
  /** Largest form body, in bytes or as `'1mb'`: the document and the form's few fields. */
  bodyLimit: string | number;
  now?: () => Date;
}

function line(s: SubmissionSummary): SubmissionLine {
  const w = s.withdrawal;
  return {
    id: s.id,
    siret: s.siret,
    partyName: s.partyName,
    kind: s.kind,
    schoolYear: s.schoolYear,
    receivedAt: s.receivedAt,
    documentDate: s.documentDate,
    verdict: s.verdict,
    mainFinding: s.mainFinding,
    withdrawal: w && { withdrawnAt: w.withdrawnAt, author: w.author, reason: w.reason },
  };
}

function homeRuleSet(r: CompiledRuleSet): HomeRuleSet {
  return {
    schoolYear: r.schoolYear,
    status: r.status,
    version: r.version,
    title: r.title,
    ruleCount: r.rules.length,
    uncheckedCount: r.articles.filter((a) => a.notCheckable).length,
  };
}

/** The rule set of a school year, or a 404 page that says why there is none. */
function yearRules(registry: RuleRegistry, schoolYear: string): CompiledRuleSet {
  const ruleSet = ruleSetFor(registry, schoolYear);
  if (ruleSet) return ruleSet;
  const refused = registry.failures.some((f) => f.name === schoolYear);
  throw new HttpError(
    404,
    'unknown_school_year',
    refused
      ? `Les règles ${schoolYear} sont refusées à la relecture : voir leurs erreurs sur ${PAGE_LINKS.ruleSet(schoolYear)}.`
      : `Aucun jeu de règles pour l’année scolaire ${schoolYear}.`,
  );
}

function dossierPageData(d: DossierView): DossierPageData {
  return {
    siret: d.siret,
    name: d.name,
    state: { status: d.state.status, label: d.state.label },
    communes: d.communes.map((c) => ({ name: c.name, inseeCode: c.inseeCode ?? null, siret: c.siret ?? null })),
    submissions: d.submissions.map(line),
    years: d.dues.map((x) => ({ schoolYear: x.schoolYear, schools: x.schools, schoolCount: x.schoolCount, amount: x.amount, explanation: x.explanation })),
  };
}

/** What a refused document says it is, when it says so readably: for the page's heading. */
function refusedIdentity(text: string, format: DocumentFormat | undefined): Pick<SchemaReportInput, 'kind' | 'dossier'> {
  const parsed = parseDocument(text, format);
  const value = parsed.ok && parsed.value && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>) : {};
  const party = value.party && typeof value.party === 'object' ? (value.party as Record<string, unknown>) : {};
  const siret = typeof party.siret === 'string' ? party.siret.slice(0, 40) : null;
  const name = typeof party.name === 'string' ? party.name.slice(0, 200) : null;
  return { kind: isKind(value.kind) ? value.kind : null, dossier: siret && name ? { siret, name } : null };
}

/** The form's fields, from whichever encoding the browser used. */
function formFields(req: Request) {
  const boundary = multipartBoundary(req.get('content-type'));
  if (boundary) {
    if (!Buffer.isBuffer(req.body)) throw new HttpError(400, 'bad_request', 'formulaire vide');
    const parsed = parseMultipart(req.body, boundary);
    if (!parsed.ok) throw new HttpError(400, 'bad_request', parsed.message);
    return fieldsFromMultipart(parsed.parts);
  }
  if (req.is('application/x-www-form-urlencoded')) return fieldsFromUrlencoded(req.body);
  throw new HttpError(415, 'unsupported_media_type', 'envoyez le formulaire de la page « Contrôler ou déposer »');
}

export function pageRoutes(services: () => Services, options: PageRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());
  // The security headers on each page's route only: this router sits in front of the API's.
  const page = <Path extends string>(path: Path) => router.route(path).all(pageHeaders);

  page('/')
    .get((_req, res) => {
      const { registry, dossiers } = services();
      const principal = requestPrincipal(res);
      const own = confinedTo(principal);
      const schoolYear = dossiers.currentSchoolYear();
      res.type('html').send(
        renderHomePage({
          ruleSets: ruleSetsSeenBy(principal, registry.ruleSets).map(homeRuleSet),
          failures: registry.failures.map((f) => ({ name: f.name, errorCount: f.errors.length })),
          recent: dossiers.recent(RECENT, own).map(line),
          // The académie's figures are for its staff: a commune sees nothing of the others.
          figures:
            own === undefined ? { schoolYear, months: dossiers.depositsByMonth(schoolYear), dues: dossiers.duesByDepartement(schoolYear).departements } : null,
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  page('/dossiers')
    .get((req, res) => {
      const query = dossierListQuery(req.query);
      const { items, total, schoolYear } = services().dossiers.dossiers({ ...query, siret: confinedTo(requestPrincipal(res)) });
      res.type('html').send(
        renderDossiersPage({
          q: query.q ?? '',
          convention: query.convention,
          schoolYear,
          total,
          page: query.page,
          pageSize: query.pageSize,
          items: items.map((d) => ({
            siret: d.siret,
            name: d.name,
            submissionCount: d.submissionCount,
            lastReceivedAt: d.lastReceivedAt,
            last: line(d.last),
            status: d.state.status,
            stateLabel: d.state.label,
            amount: d.dues?.amount ?? null,
          })),
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  page('/dossiers/:siret')
    .get((req, res) => {
      const siret = siretParam(req.params.siret);
      const view = services().dossiers.dossier(siret);
      if (!view)
        throw new HttpError(404, 'unknown_dossier', `Aucun dossier pour le SIRET ${siret} : aucune pièce de cette commune ou de ce RPI n’a été déposée.`);
      res.type('html').send(renderDossierPage(dossierPageData(view)));
    })
    .all(methodNotAllowed('GET'));

  page('/sommes-dues')
    .get((req, res) => {
      const { registry, dossiers } = services();
      const asked = typeof req.query.annee === 'string' && req.query.annee !== '' ? schoolYearParam(req.query.annee) : undefined;
      const schoolYear = asked ?? dossiers.duesYear();
      const filter = duesFilterQuery(req.query);
      const r = dossiers.yearDuesList(schoolYear, filter, confinedTo(requestPrincipal(res)));
      if (!r.ok) throw new HttpError(404, 'unknown_school_year', `Aucun jeu de règles ne fixe la participation de l’année scolaire ${schoolYear}.`);
      const years = ruleSetsSeenBy(requestPrincipal(res), registry.ruleSets)
        .map((x) => x.schoolYear)
        .sort()
        .reverse();
      res.type('html').send(renderDuesPage({ schoolYear, years, filter, lines: r.lines, total: r.total }));
    })
    .all(methodNotAllowed('GET'));

  page('/a-traiter')
    .get((req, res) => {
      const { registry, dossiers } = services();
      const own = confinedTo(requestPrincipal(res));
      const query = verdictQuery(req.query, own);
      const { items, total } = dossiers.byVerdict(query);
      const verdict = query.verdicts.length === 1 ? query.verdicts[0] : undefined;
      res.type('html').send(
        renderAttentionPage({
          filter: { verdict, schoolYear: query.schoolYear, kind: query.kind, siret: own === undefined ? query.siret : undefined },
          verdicts: ATTENTION_VERDICTS,
          years: ruleSetsSeenBy(requestPrincipal(res), registry.ruleSets)
            .map((r) => r.schoolYear)
            .sort()
            .reverse(),
          dossiers: own === undefined ? dossiers.allDossiers().map((d) => ({ siret: d.siret, name: d.name })) : [],
          items: items.map(line),
          total,
          page: query.page,
          pageSize: query.pageSize,
          ...(req.query.pageSize ? { pageSizeAsked: query.pageSize } : {}),
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  page('/echeances')
    .get((_req, res) => {
      const { today, deadlines } = services().dossiers.deadlines({}, confinedTo(requestPrincipal(res)));
      res.type('html').send(renderDeadlinesPage({ today, deadlines }));
    })
    .all(methodNotAllowed('GET'));

  page('/regles')
    .get((_req, res) => {
      const { registry } = services();
      res.type('html').send(
        renderRuleSetsPage({
          ruleSets: ruleSetsSeenBy(requestPrincipal(res), registry.ruleSets).map(homeRuleSet),
          failures: registry.failures.map((f) => ({ name: f.name, errorCount: f.errors.length })),
          mayPrepare: can(requestPrincipal(res), 'edit_rules'),
          mayReload: can(requestPrincipal(res), 'reload'),
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  // Before `/regles/:schoolYear`, whose 405 would otherwise answer a POST here.
  page('/regles/recharger')
    .post((_req, res) => {
      const outcome = reloadRules(services());
      res.status(reloadStatus(outcome)).type('html').send(renderRuleReloadPage(outcome, services().registry));
    })
    .all(methodNotAllowed('POST'));

  page('/jetons')
    .get((req, res) => {
      const { tokens } = services();
      const revoked = typeof req.query.revoque === 'string' && TOKEN_ID.test(req.query.revoque) ? tokens.byId(req.query.revoque) : undefined;
      res
        .type('html')
        .send(renderTokensPage({ tokens: tokens.list(), form: EMPTY_TOKEN_FORM, problem: null, created: null, revoked: revoked?.revokedAt ? revoked : null }));
    })
    .post(express.urlencoded({ extended: false, limit: TOKEN_FORM_LIMIT, parameterLimit: 5 }), (req, res) => {
      const { tokens } = services();
      const form = tokenForm(req.body);
      const checked = checkNewToken(form);
      if (!checked.ok) {
        res
          .status(400)
          .type('html')
          .send(renderTokensPage({ tokens: tokens.list(), form, problem: checked.problem, created: null, revoked: null }));
        return;
      }
      const created = tokens.create(checked.token);
      // The token's value is on this page only: kept by no cache, and no address leads back to it.
      res.set('Cache-Control', 'no-store');
      res.type('html').send(renderTokensPage({ tokens: tokens.list(), form: EMPTY_TOKEN_FORM, problem: null, created, revoked: null }));
    })
    .all(methodNotAllowed('GET', 'POST'));

  page('/jetons/:id/revocation')
    .get((req, res) => {
      const token = knownToken(services, req.params.id);
      if (token.revokedAt) throw alreadyRevoked(token.id, token.revokedAt);
      res.type('html').send(renderTokenRevocationPage(token, requestPrincipal(res).tokenId === token.id));
    })
    .post((req, res) => {
      const token = knownToken(services, req.params.id);
      const r = services().tokens.revoke(token.id);
      if (!r.ok) throw alreadyRevoked(token.id, r.reason === 'already_revoked' ? r.token.revokedAt : null);
      res.redirect(303, `${PAGE_LINKS.tokens()}?revoque=${token.id}`);
    })
    .all(methodNotAllowed('GET', 'POST'));

  page('/regles/:schoolYear/comparer/:other')
    .get((req, res) => {
      const { registry } = services();
      const from = yearRules(registry, schoolYearParam(req.params.schoolYear));
      const to = yearRules(registry, schoolYearParam(req.params.other));
      res.type('html').send(renderRuleDiffPage(diffView(diffRuleSets(from, to))));
    })
    .all(methodNotAllowed('GET'));

  page('/regles/:schoolYear/impact')
    .get(async (req, res) => {
      const { registry, dossiers } = services();
      const target = yearRules(registry, schoolYearParam(req.params.schoolYear));
      const report = await measureImpact({ store: dossiers.store, registry, target });
      res.type('html').send(renderImpactPage(impactView(report)));
    })
    .all(methodNotAllowed('GET'));

  page('/regles/:schoolYear')
    .get(async (req, res) => {
      const schoolYear = schoolYearParam(req.params.schoolYear);
      const { registry, rulesDir } = services();
      // A draft is not for a commune: its year is unknown to it, as if there were no rules.
      const ruleSet =
        ruleSetsSeenBy(
          requestPrincipal(res),
          [ruleSetFor(registry, schoolYear)].filter((r) => r !== undefined),
        )[0] ?? null;
      const failure = registry.failures.find((f) => f.name === schoolYear);
      if (!ruleSet && !failure) throw new HttpError(404, 'unknown_school_year', `Aucun jeu de règles pour l’année scolaire ${schoolYear}.`);
      // The messages with the values of the year's own test cases, run once per loaded rule set.
      const examples = ruleSet ? await examplesOf(ruleSet, rulesDir ?? defaultRulesDir()) : undefined;
      const principal = requestPrincipal(res);
      const correction =
        ruleSet?.status === 'in_force' && can(principal, 'edit_rules')
          ? ruleEditorOf(services()).view(schoolYear)?.correction
            ? ('open' as const)
            : ('possible' as const)
          : null;
      const review = can(principal, 'review')
        ? { otherYears: registry.ruleSets.map((r) => r.schoolYear).filter((y) => y !== schoolYear), correction }
        : undefined;
      res.type('html').send(renderRuleSetPage({ schoolYear, ruleSet, lintErrors: failure?.errors ?? [], examples, review }));
    })
    .all(methodNotAllowed('GET'));

  page('/controle')
    .get((_req, res) => {
      res.type('html').send(renderSubmitPage(EMPTY_FORM));
    })
    .post(
      // The whole body is bounded before it is read: a multipart body as bytes for the reader of
      // multipart.ts, an urlencoded one by Express.
      express.raw({ type: 'multipart/form-data', limit: options.bodyLimit }),
      express.urlencoded({ extended: false, limit: options.bodyLimit, parameterLimit: 10 }),
      async (req, res) => {
        const read = readSubmitForm(formFields(req));
        if (!read.ok) {
          res.status(400).type('html').send(renderSubmitPage(read.state));
          return;
        }
        const { text, fileName, action } = read.input;
        const format = read.input.format ?? detectFormat(text);
        const receivedAt = now().toISOString();
        const checked = checkDocumentText(text, format);
        if (!checked.ok) {
          const input: SchemaReportInput = {
            stage: checked.stage,
            errors: checked.errors,
            ...(fileName ? { fileName } : {}),
            ...refusedIdentity(text, format),
            receivedAt,
            checkedAt: receivedAt,
            sha256: sha256Hex(text),
          };
          res
            .status(422)
            .type('html')
            .send(renderSchemaErrorsPage(input, { text, action, problems: [] }));
          return;
        }
        const { dossiers } = services();
        const submission = checked.submission;
        // The access table lets a reader check; filing, and a commune's other dossiers, are refused here.
        const principal = requestPrincipal(res);
        if (action === 'deposer') assertMay(principal, 'file');
        assertMayFileFor(principal, submission.party.siret);
        // The same service calls as the API's, and the same errors (a dossier kept busy by other
        // writers is a 503 with Retry-After, from the app's one mapping of typed errors).
        if (action === 'deposer') {
          const filed = await dossiers.submit({ submission, rawText: text, contentType: `application/${format}` });
          if (filed.outcome === 'refused') {
            // Nothing kept: the form again, with the document, saying why and that « Contrôler » still answers.
            const refused = toHttpError(filed.error)!;
            res
              .status(refused.status)
              .type('html')
              .send(renderSubmitPage({ text, action, problems: [{ field: 'action', message: refused.message }] }));
            return;
          }
          // POST → redirect → GET: the page of what was kept (or found there already), which a
          // refresh reads again without depositing anything.
          res.redirect(303, PAGE_LINKS.piece(filed.stored.id, filed.outcome));
          return;
        }
        const { report } = await dossiers.checkWithReport(submission, text);
        res.type('html').send(renderResultPage({ report, dossierExists: dossiers.hasDossier(submission.party.siret) }));
      },
    )
    .all(methodNotAllowed('GET', 'POST'));

  page('/pieces/:id')
    .get((req, res) => {
      const id = submissionIdParam(req.params.id);
      const filed = services().dossiers.filed(id);
      // Worded as authorize.ts refuses another commune's submission: the two answers must not differ.
      if (!filed) throw new HttpError(404, 'unknown_submission', `aucune pièce « ${id} »`);
      const depot = req.query.depot;
      res.type('html').send(
        renderPiecePage({
          piece: pieceFacts(filed.submission, filed.dossierName),
          report: filed.report,
          deposit: depot === 'depose' ? 'stored' : depot === 'deja-depose' ? 'duplicate' : null,
          mayWithdraw: can(requestPrincipal(res), 'withdraw'),
        }),
      );
    })
    .all(methodNotAllowed('GET'));

  page('/pieces/:id/retrait')
    .get((req, res) => {
      const id = submissionIdParam(req.params.id);
      res.type('html').send(withdrawalPage(services, id, '', null));
    })
    .post(express.urlencoded({ extended: false, limit: WITHDRAWAL_FORM_LIMIT, parameterLimit: 5 }), async (req, res) => {
      const id = submissionIdParam(req.params.id);
      const typed = (req.body as Record<string, unknown> | undefined)?.motif;
      const checked = checkReason(typed);
      if (!checked.ok) {
        res
          .status(400)
          .type('html')
          .send(withdrawalPage(services, id, typeof typed === 'string' ? typed : '', sentence(checked.message)));
        return;
      }
      const principal = requestPrincipal(res);
      const r = await services().dossiers.withdraw({ submissionId: id, reason: checked.reason, author: authorOf(principal), tokenId: principal.tokenId });
      if (!r.ok && r.reason === 'unknown_submission') throw new HttpError(404, 'unknown_submission', `aucune pièce « ${id} »`);
      if (!r.ok) throw alreadyWithdrawn(r.withdrawal);
      res.redirect(303, PAGE_LINKS.piece(id));
    })
    .all(methodNotAllowed('GET', 'POST'));

  router.use(pageErrors);
  return router;
}

/** The form of a new token: three short fields. */
const TOKEN_FORM_LIMIT = '4kb';

function tokenForm(body: unknown): TokenForm {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { role: text(b.role), siret: text(b.siret).trim(), label: text(b.label).trim() };
}

function knownToken(services: () => Services, id: string) {
  const token = TOKEN_ID.test(id) ? services().tokens.byId(id) : undefined;
  if (!token) throw new HttpError(404, 'unknown_token', `Aucun jeton « ${id.slice(0, 40)} ».`);
  return token;
}

function alreadyRevoked(id: string, at: string | null): HttpError {
  return new HttpError(409, 'already_revoked', `Le jeton ${id} est déjà révoqué${at ? ` (le ${formatInstant(at)})` : ''}.`);
}

/** The withdrawal form: a reason and a few fields at most. */
const WITHDRAWAL_FORM_LIMIT = '16kb';

function pieceFacts(s: StoredSubmission, dossierName: string): PieceFacts {
  return {
    id: s.id,
    siret: s.siret,
    dossierName,
    kind: s.kind,
    schoolYear: s.schoolYear,
    receivedAt: s.receivedAt,
    documentDate: s.documentDate,
    status: s.status,
    verdict: s.verdict,
    mainFinding: s.mainFinding,
    withdrawal: s.withdrawal,
    chain: s.chain,
  };
}

function alreadyWithdrawn(w: { withdrawnAt: string; author: string; reason: string }): HttpError {
  return new HttpError(409, 'already_withdrawn', `Cette pièce a déjà été retirée le ${formatInstant(w.withdrawnAt)} par ${w.author} : ${w.reason}`);
}

/** The page that asks to confirm a withdrawal, with what it changes; refused for a submission withdrawn already. */
function withdrawalPage(services: () => Services, id: string, reason: string, problem: string | null): string {
  const preview = services().dossiers.withdrawalPreview(id);
  if (!preview) throw new HttpError(404, 'unknown_submission', `aucune pièce « ${id} »`);
  if (preview.submission.withdrawal) throw alreadyWithdrawn(preview.submission.withdrawal);
  return renderWithdrawalPage({
    piece: pieceFacts(preview.submission, preview.dossierName),
    changes: preview.changes,
    judgedWithIt: preview.judgedWithIt,
    reason,
    problem,
  });
}

/** A message of the API's kind (« le motif … ») as a sentence on a page. */
function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/** Errors of the pages as pages: a person reads them in a browser. Faults go on to the app's handler. */
export const pageErrors: ErrorRequestHandler = (err, req, res, next) => {
  const e = err as { type?: unknown; status?: unknown };
  if (e && e.type === 'entity.too.large') {
    if (req.path === '/controle') {
      res
        .status(413)
        .type('html')
        .send(renderSubmitPage({ ...EMPTY_FORM, problems: [{ field: 'fichier', message: `Le document dépasse la taille acceptée (${limitWords(err)}).` }] }));
      return;
    }
  }
  if (err instanceof HttpError || err instanceof ConcurrentWriteError) {
    sendErrorPage(res, toHttpError(err)!);
    return;
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    sendErrorPage(res, { status: e.status, message: 'La demande n’a pas pu être lue.' });
    return;
  }
  next(err);
};

function limitWords(err: unknown): string {
  const limit = (err as { limit?: unknown }).limit;
  return `${sizeWords(typeof limit === 'number' ? limit : DEFAULT_BODY_LIMIT)} au plus`;
}
