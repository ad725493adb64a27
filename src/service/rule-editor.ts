import { existsSync, rmSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { join } from 'node:path';
import { lintRuleSet, RULESET_FILE, ruleSetVersion } from '../rules/lint';
import { loadRuleSet, readBaseTestFolders, readTestFiles } from '../rules/load';
import type { LintError, RuleSet, RuleSetFile } from '../rules/model';
import { compileRuleSet } from '../rules/compile';
import { coverage, runRuleTests, type CaseResult, type RuleCoverage } from '../rules/rule-tests';
import { diffRuleSets, type RuleSetDiff } from '../rules/diff';
import { reloadRegistry } from '../rules/reload';
import type { RuleRegistry } from '../rules/registry';
import { dateProposals, fieldOfError, newDraftText, withArticleTexts, withParameterValues, withStatus, type DateProposal } from '../rules/draft';
import { folderFilePath, readFolderSources, removeFolderFilesBut, writeFolderFiles } from '../rules/write';
import { checkReason } from '../dossier/withdrawal';
import type { Store } from '../store/store';
import type { RuleSetHistoryEntry } from '../store/types';
import { formatDate } from '../wording/format';
import { KeyedMutex } from './keyed-mutex';

/**
 * A school year's rules prepared, edited and published by the legal staff from the pages or the
 * API, every version kept:
 *  - the folder `RULES_DIR/<year>` stays the exchange format (read in git, by the CLI): each save
 *    writes its files atomically (rules/write.ts), then reloads the rule sets;
 *  - every save is linted first, with the folder's files as they would be written: refused whole,
 *    nothing written, with each error at its file:line:column and, for ruleset.yaml, the field of
 *    the form it is about;
 *  - a save names the version it was made on (If-Match): another save meanwhile makes it stale,
 *    refused with what changed since, so that two juristes at once lose nothing;
 *  - a published version (`status: in_force`) is never edited in place;
 *  - every version made here, and every one found in RULES_DIR, is appended to the history
 *    (store: rule_set_history) with its resolved texts and its folder's files, and who made it.
 * One save at a time per year in this process (a queue, as for a dossier's deposits).
 */

/** A lint error, and the field of the parameters' form it is about when it is one (`parameters.termEnd`, `articles.3`). */
export interface FieldError extends LintError {
  field: string | null;
}

export type EditRefusal =
  | { reason: 'unknown_year'; message: string }
  | { reason: 'unknown_base'; message: string }
  | { reason: 'exists'; message: string }
  | { reason: 'not_published'; message: string }
  | { reason: 'correction_open'; message: string; version: string }
  | { reason: 'unchanged'; message: string }
  | { reason: 'bad_path'; message: string }
  | { reason: 'published'; message: string; version: string }
  | { reason: 'version_required'; message: string; version: string }
  | { reason: 'stale'; message: string; version: string; expected: string; changes: RuleSetDiff | null }
  | { reason: 'lint'; message: string; errors: FieldError[] }
  | { reason: 'tests'; message: string; failures: string[] }
  | { reason: 'bad_reason'; message: string };

export type EditOutcome<T> = ({ ok: true } & T) | ({ ok: false } & EditRefusal);

export interface Saved {
  version: string;
  /** What lints but a reviewer should see (a parameter's value written out in a title). */
  warnings: LintError[];
}

/** What a change of a draft says: parameters by name, articles' texts by id, or one file whole. */
export type DraftChange = { parameters?: Readonly<Record<string, unknown>>; articles?: Readonly<Record<string, string>> } | { file: RuleSetFile };

export interface DraftView {
  schoolYear: string;
  /** Null when the folder on disk does not lint (its errors in `errors`). */
  ruleSet: RuleSet | null;
  version: string;
  errors: LintError[];
  /** The folder's own files as written. */
  sources: RuleSetFile[];
  /** The set it extends (its nearest base), when it loads. */
  base: RuleSet | null;
  proposals: DateProposal[];
  /** For the correction of a published year: the version it corrects, and what it changes so far. */
  correction: { of: string; changes: RuleSetDiff | null } | null;
}

export interface CheckRun {
  version: string;
  errors: LintError[];
  cases: CaseResult[];
  coverage: RuleCoverage[];
}

const FOLDER_ORIGIN = 'dossier des règles (RULES_DIR)';

/**
 * Where a published year's correction is prepared: a folder of its own inside the year's,
 * `RULES_DIR/2021-2022/correction/`, with the same files (ruleset.yaml, rules/, tests/). The
 * registry reads only the year's own files, so that while the correction is a draft the published
 * version goes on judging the year's deposits; the correction is linted as if it stood in the
 * year's folder (its `extends` read from there), and its publication writes its files over the
 * year's and removes the folder.
 */
export const CORRECTION_FOLDER = 'correction';

/** The folders a year's draft is read from: `work` holds its files, `home` is the year's folder its `extends` is read from. */
interface Place {
  home: string;
  work: string;
  /** The published version a correction corrects; null for a year's own draft. */
  correctionOf: string | null;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && existsSync(join(dir, RULESET_FILE));
  } catch {
    return false;
  }
}

export class RuleEditor {
  private readonly queue = new KeyedMutex();

  constructor(
    readonly store: Store,
    readonly registry: RuleRegistry,
    readonly rulesDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Appends to the history every loaded version it does not hold yet (the folders as found at
   * start-up, after a reload, or changed by hand): so that the versions list says what served.
   */
  recordLoaded(): void {
    for (const r of this.registry.ruleSets) {
      if (this.store.ruleSetHistory(r.schoolYear).some((e) => e.version === r.version)) continue;
      const dir = join(this.rulesDir, r.name);
      this.store.recordRuleSetHistory({
        schoolYear: r.schoolYear,
        version: r.version,
        status: r.status,
        createdAt: this.now().toISOString(),
        createdBy: FOLDER_ORIGIN,
        publishedAt: r.status === 'in_force' ? this.now().toISOString() : null,
        reason: r.status === 'in_force' ? 'en vigueur dans le dossier des règles' : null,
        previousVersion: null,
        files: r.files,
        sources: isFolder(dir) ? readFolderSources(dir) : r.files,
      });
    }
    // A correction left open (found at start-up, written by hand) is among its year's versions too.
    for (const r of this.registry.ruleSets) {
      const open = isFolder(join(this.rulesDir, r.name, CORRECTION_FOLDER)) ? this.view(r.schoolYear) : undefined;
      if (!open?.correction || !open.ruleSet || this.store.ruleSetHistory(r.schoolYear).some((e) => e.version === open.version)) continue;
      this.store.recordRuleSetHistory({
        schoolYear: r.schoolYear,
        version: open.version,
        status: 'draft',
        createdAt: this.now().toISOString(),
        createdBy: FOLDER_ORIGIN,
        publishedAt: null,
        reason: null,
        previousVersion: open.correction.of,
        files: open.ruleSet.files,
        sources: open.sources,
      });
    }
  }

  versions(schoolYear: string): RuleSetHistoryEntry[] {
    return this.store.ruleSetHistory(schoolYear);
  }

  private dir(schoolYear: string): string {
    return join(this.rulesDir, schoolYear);
  }

  /** The year's folder, or its correction's while one is open; undefined when the year has no folder. */
  private place(schoolYear: string): Place | undefined {
    const home = this.dir(schoolYear);
    if (!isFolder(home)) return undefined;
    const work = join(home, CORRECTION_FOLDER);
    if (!isFolder(work)) return { home, work: home, correctionOf: null };
    const published = loadRuleSet(home);
    return { home, work, correctionOf: published.ok ? published.ruleSet.version : ruleSetVersion(readFolderSources(home)) };
  }

  /**
   * The draft (or published set) of a year as its folder says it now, or the correction of a
   * published year while one is open; undefined when there is no folder.
   */
  view(schoolYear: string): DraftView | undefined {
    const place = this.place(schoolYear);
    if (!place) return undefined;
    const sources = readFolderSources(place.work);
    const load = loadRuleSet(place.home, rulesOnly(sources));
    const correction: DraftView['correction'] = place.correctionOf === null ? null : { of: place.correctionOf, changes: null };
    if (!load.ok) return { schoolYear, ruleSet: null, version: ruleSetVersion(sources), errors: load.errors, sources, base: null, proposals: [], correction };
    const ruleSet = load.ruleSet;
    const nearest = ruleSet.bases[0];
    const baseLoad = nearest ? loadRuleSet(join(place.home, nearest.path)) : undefined;
    const base = baseLoad?.ok ? baseLoad.ruleSet : null;
    if (correction) {
      const published = loadRuleSet(place.home);
      if (published.ok) correction.changes = diffRuleSets(published.ruleSet, ruleSet);
    }
    // A correction keeps the year's dates: only a new year's are proposed a year later.
    const proposals = base && ruleSet.status === 'draft' && !correction ? dateProposals(ruleSet, base) : [];
    return { schoolYear, ruleSet, version: ruleSet.version, errors: [], sources, base, proposals, correction };
  }

  /**
   * Opens the correction of a published year: a draft with the year's own files, kept aside in
   * its folder `correction/` while the published version goes on judging. Refused for a year that
   * is still a draft (it is changed directly) and while a correction is already open.
   */
  openCorrection(schoolYear: string, author: string): Promise<EditOutcome<Saved & { correctionOf: string }>> {
    return this.queue.run<EditOutcome<Saved & { correctionOf: string }>>(schoolYear, () => {
      const place = this.place(schoolYear);
      if (!place) return Promise.resolve(refuse('unknown_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`));
      if (place.correctionOf !== null)
        return Promise.resolve({
          ok: false as const,
          reason: 'correction_open' as const,
          version: this.view(schoolYear)!.version,
          message: `une correction des règles ${schoolYear} est déjà en cours : modifiez-la plutôt que d’en ouvrir une autre`,
        });
      const published = this.view(schoolYear);
      if (published?.ruleSet?.status !== 'in_force')
        return Promise.resolve(
          refuse('not_published', `les règles ${schoolYear} ne sont pas publiées : leur brouillon se modifie directement, sans correction`),
        );
      this.recordLoaded();
      const sources = published.sources.map((f) => (f.path === RULESET_FILE ? { ...f, text: withStatus(f.text, 'draft') } : f));
      const target = { home: place.home, work: join(place.home, CORRECTION_FOLDER), correctionOf: published.version };
      const saved = this.save(schoolYear, target, sources, author, published.version);
      return Promise.resolve(saved.ok ? { ...saved, correctionOf: published.version } : saved);
    });
  }

  /** A new year's draft over an existing set: it extends it and changes nothing yet; the dates to move are proposed. */
  prepare(schoolYear: string, baseName: string, author: string): Promise<EditOutcome<Saved & { proposals: DateProposal[] }>> {
    return this.queue.run<EditOutcome<Saved & { proposals: DateProposal[] }>>(schoolYear, () => {
      const dir = this.dir(schoolYear);
      if (existsSync(dir))
        return Promise.resolve(refuse('exists', `les règles ${schoolYear} existent déjà : ouvrez leur brouillon plutôt que d’en préparer un autre`));
      const base = this.registry.ruleSets.find((r) => r.name === baseName);
      if (!base) return Promise.resolve(refuse('unknown_base', `aucun jeu de règles « ${baseName} » chargé sur lequel fonder ${schoolYear}`));
      if (Number(baseName.slice(0, 4)) >= Number(schoolYear.slice(0, 4)))
        return Promise.resolve(refuse('unknown_base', `les règles ${schoolYear} se préparent à partir d’une année antérieure, pas de ${baseName}`));
      this.recordLoaded();
      const at = this.now();
      const text = newDraftText(schoolYear, base, author, formatDate(at.toISOString().slice(0, 10)));
      const saved = this.save(schoolYear, { home: dir, work: dir, correctionOf: null }, [{ path: RULESET_FILE, text }], author, null);
      if (!saved.ok) return Promise.resolve(saved);
      const proposals = this.view(schoolYear)?.proposals ?? [];
      return Promise.resolve({ ...saved, proposals });
    });
  }

  /** Changes a draft, on the version the juriste saw (`ifMatch`). */
  edit(schoolYear: string, ifMatch: string | undefined, change: DraftChange, author: string): Promise<EditOutcome<Saved>> {
    return this.queue.run<EditOutcome<Saved>>(schoolYear, async () => {
      const place = this.place(schoolYear);
      const current = this.view(schoolYear);
      if (!place || !current) return refuse('unknown_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`);
      if (current.ruleSet?.status === 'in_force')
        return publishedRefusal(current.version, `les règles ${schoolYear} sont publiées : une version publiée ne se modifie pas, ouvrez sa correction`);
      if (!ifMatch)
        return {
          ok: false as const,
          reason: 'version_required' as const,
          version: current.version,
          message: `dites sur quelle version porte la modification (en-tête « If-Match: ${current.version} »)`,
        };
      if (ifMatch !== current.version) return this.stale(schoolYear, ifMatch, current);
      const rulesetText = current.sources.find((f) => f.path === RULESET_FILE)?.text ?? '';
      let files: RuleSetFile[];
      if ('file' in change) {
        const path = folderFilePath(change.file.path);
        if (!path) return refuse('bad_path', `fichier « ${change.file.path} » refusé : ruleset.yaml, rules/NOM.yaml ou tests/NOM.yaml`);
        files = [{ path, text: change.file.text }];
      } else {
        let text = rulesetText;
        if (change.parameters && Object.keys(change.parameters).length) text = withParameterValues(text, change.parameters);
        if (change.articles && Object.keys(change.articles).length) text = withArticleTexts(text, change.articles);
        files = [{ path: RULESET_FILE, text }];
      }
      const testsFile = files.find((f) => f.path.startsWith('tests/'));
      if (testsFile) {
        const problems = await this.testFileErrors(place, current, testsFile);
        if (problems.length) return lintRefusal(problems.map((e) => ({ ...e, field: null })));
      }
      this.recordLoaded();
      return this.save(schoolYear, place, files, author, current.version);
    });
  }

  /**
   * Lints the draft's folder (`place.work`) with `files` in place of its own, writes them if it
   * lints, reloads, keeps the version. A correction's publication writes its whole set of files to
   * the year's folder (`place.home`) and removes the correction's.
   */
  private save(
    schoolYear: string,
    place: Place,
    files: RuleSetFile[],
    author: string,
    previousVersion: string | null,
    publication?: { reason: string },
    whole = false,
  ): EditOutcome<Saved> {
    const onDisk = isFolder(place.work) && !whole ? readFolderSources(place.work) : [];
    const merged = [...onDisk.filter((f) => !files.some((n) => n.path === f.path)), ...files].sort((a, b) => (a.path < b.path ? -1 : 1));
    const rulesFiles = rulesOnly(merged);
    const load = loadRuleSet(place.home, rulesFiles);
    const rulesetText = rulesFiles.find((f) => f.path === RULESET_FILE)?.text ?? '';
    if (!load.ok) return lintRefusal(load.errors.map((e) => ({ ...e, field: fieldOfError(rulesetText, e) })));
    if (load.ruleSet.schoolYear !== schoolYear)
      return lintRefusal([{ file: RULESET_FILE, line: 1, column: 1, field: null, message: `schoolYear doit rester « ${schoolYear} », l’année du dossier` }]);
    if (publication && place.correctionOf !== null) {
      if (load.ruleSet.version === place.correctionOf)
        return refuse('unchanged', `la correction ne change rien aux règles ${schoolYear} publiées (version ${place.correctionOf}) : rien n’a été publié`);
      // The year's folder becomes the correction: its files written over the published ones, those it no longer has removed.
      writeFolderFiles(place.home, merged);
      removeFolderFilesBut(place.home, merged);
      rmSync(place.work, { recursive: true, force: true });
    } else {
      writeFolderFiles(place.work, files);
      if (whole) removeFolderFilesBut(place.work, files);
    }
    reloadRegistry(this.registry, this.rulesDir);
    const ruleSet = load.ruleSet;
    const at = this.now().toISOString();
    this.store.recordRuleSetHistory({
      schoolYear,
      version: ruleSet.version,
      status: ruleSet.status,
      createdAt: at,
      createdBy: author,
      publishedAt: ruleSet.status === 'in_force' ? at : null,
      reason: ruleSet.status === 'in_force' ? (publication?.reason ?? 'publiée par un fichier') : null,
      previousVersion,
      files: ruleSet.files,
      sources: merged,
    });
    return { ok: true, version: ruleSet.version, warnings: load.warnings };
  }

  private stale(schoolYear: string, expected: string, current: DraftView): { ok: false } & EditRefusal {
    const seen = this.store.ruleSetHistory(schoolYear).find((e) => e.version === expected);
    const before = seen ? lintRuleSet(schoolYear, seen.files) : undefined;
    const changes = before?.ok && current.ruleSet ? diffRuleSets(before.ruleSet, current.ruleSet) : null;
    const by = this.store.ruleSetHistory(schoolYear).find((e) => e.version === current.version)?.createdBy;
    return {
      ok: false,
      reason: 'stale',
      version: current.version,
      expected,
      changes,
      message: `les règles ${schoolYear} ont changé depuis la version ${expected} que vous modifiiez : elles sont à la version ${current.version}${by ? ` (enregistrée par ${by})` : ''} ; rien n’a été enregistré`,
    };
  }

  private async testFileErrors(place: Place, current: DraftView, file: RuleSetFile): Promise<LintError[]> {
    if (!current.ruleSet) return [];
    const tests = [...readTestFiles(place.work).filter((f) => f.path !== file.path), file];
    const run = await runRuleTests(tests, compileRuleSet(current.ruleSet), readBaseTestFolders(place.home, current.ruleSet));
    return run.errors.filter((e) => e.file === file.path);
  }

  /** The draft's YAML test cases (its own, and its base's when they inherit) and what they cover. */
  async check(schoolYear: string): Promise<CheckRun | undefined> {
    const place = this.place(schoolYear);
    const current = this.view(schoolYear);
    if (!place || !current) return undefined;
    if (!current.ruleSet) return { version: current.version, errors: current.errors, cases: [], coverage: [] };
    const compiled = compileRuleSet(current.ruleSet);
    const run = await runRuleTests(readTestFiles(place.work), compiled, readBaseTestFolders(place.home, current.ruleSet));
    return { version: current.version, errors: run.errors, cases: run.cases, coverage: coverage(compiled, run) };
  }

  /**
   * A rule set folder brought in whole (`rules import`), as the draft of the year its ruleset.yaml
   * names: a new year's folder, the year's draft replaced, or for a published year its correction
   * (kept aside, the published version still judging). Linted as if it stood in the year's folder,
   * its test files read; refused whole on any error, nothing written. Its status is written
   * `draft` whatever the folder said: publishing stays a step of its own, with its reason.
   */
  importFolder(files: readonly RuleSetFile[], author: string): Promise<EditOutcome<Saved & { schoolYear: string; correctionOf: string | null }>> {
    const ruleset = files.find((f) => f.path === RULESET_FILE);
    const schoolYear = ruleset ? declaredSchoolYear(ruleset.text) : undefined;
    if (!ruleset || !schoolYear) {
      // Without its year the folder cannot be placed: its own errors (a YAML that does not read) first, else the missing year.
      const alone = lintRuleSet('import', rulesOnly(files));
      const errors = !alone.ok && alone.errors.some((e) => e.file === RULESET_FILE) ? alone.errors.filter((e) => e.file === RULESET_FILE) : [];
      return Promise.resolve(
        lintRefusal(
          errors.length
            ? errors.map((e) => ({ ...e, field: null }))
            : [
                {
                  file: RULESET_FILE,
                  line: 1,
                  column: 1,
                  field: null,
                  message: ruleset ? 'schoolYear manquant : attendu une année scolaire « AAAA-AAAA »' : 'fichier manquant',
                },
              ],
        ),
      );
    }
    return this.queue.run(schoolYear, async () => {
      const home = this.dir(schoolYear);
      const existing = this.place(schoolYear);
      const current = existing && this.view(schoolYear);
      const publishedHere = existing?.correctionOf === null && current?.ruleSet?.status === 'in_force';
      const place: Place = !existing
        ? { home, work: home, correctionOf: null }
        : publishedHere
          ? { home, work: join(home, CORRECTION_FOLDER), correctionOf: current.version }
          : existing;
      const written = files.map((f) => (f.path === RULESET_FILE ? { ...f, text: withStatus(f.text, 'draft') } : f));
      const rules = loadRuleSet(home, rulesOnly(written));
      if (rules.ok) {
        const run = await runRuleTests(
          written.filter((f) => f.path.startsWith('tests/')),
          compileRuleSet(rules.ruleSet),
          readBaseTestFolders(home, rules.ruleSet),
        );
        if (run.errors.length) return lintRefusal(run.errors.map((e) => ({ ...e, field: null })));
      }
      this.recordLoaded();
      const previous = publishedHere ? place.correctionOf : (current?.version ?? null);
      const saved = this.save(schoolYear, place, written, author, previous, undefined, true);
      return saved.ok ? { ...saved, schoolYear, correctionOf: place.correctionOf } : saved;
    });
  }

  /**
   * Publishes the draft as it is (`expected`: the version the juriste reviewed): refused while it
   * does not lint or a test case fails. Writes `status: in_force` in its ruleset.yaml, which makes
   * a new version, kept with who, when and why; from then on it judges the year's deposits.
   */
  publish(schoolYear: string, reasonText: unknown, expected: string | undefined, author: string): Promise<EditOutcome<{ entry: RuleSetHistoryEntry }>> {
    return this.queue.run<EditOutcome<{ entry: RuleSetHistoryEntry }>>(schoolYear, async () => {
      const reason = checkReason(reasonText);
      if (!reason.ok) return refuse('bad_reason', reason.message);
      const place = this.place(schoolYear);
      const current = this.view(schoolYear);
      if (!place || !current) return refuse('unknown_year', `aucun jeu de règles ${schoolYear} dans le dossier des règles`);
      if (current.ruleSet?.status === 'in_force')
        return publishedRefusal(
          current.version,
          `les règles ${schoolYear} sont déjà publiées : une correction se prépare à part, puis se publie avec son motif`,
        );
      if (expected && expected !== current.version) return this.stale(schoolYear, expected, current);
      if (!current.ruleSet) return lintRefusal(current.errors.map((e) => ({ ...e, field: null })));
      const run = await this.check(schoolYear);
      const failures = [
        ...(run?.errors ?? []).map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`),
        ...(run?.cases ?? []).filter((c) => !c.ok).map((c) => `cas « ${c.name} » (${c.file}:${c.line}) : ${c.problems.join(' ; ')}`),
      ];
      if (failures.length)
        return {
          ok: false as const,
          reason: 'tests' as const,
          failures,
          message: `les règles ${schoolYear} ne peuvent pas être publiées : ${failures.length === 1 ? 'un cas de test échoue' : `${failures.length} cas de test échouent ou ne se lisent pas`}`,
        };
      this.recordLoaded();
      const rulesetText = current.sources.find((f) => f.path === RULESET_FILE)!.text;
      const saved = this.save(schoolYear, place, [{ path: RULESET_FILE, text: withStatus(rulesetText, 'in_force') }], author, current.version, {
        reason: reason.reason,
      });
      if (!saved.ok) return saved;
      return { ok: true as const, entry: this.store.ruleSetHistory(schoolYear).find((e) => e.version === saved.version)! };
    });
  }
}

/** The school year a ruleset.yaml declares, before it is linted: where an imported folder goes. */
function declaredSchoolYear(text: string): string | undefined {
  try {
    const value: unknown = (parseYaml(text) as Record<string, unknown> | null)?.schoolYear;
    return typeof value === 'string' && /^\d{4}-\d{4}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The files of a folder that make its rules (its tests are not part of them). */
function rulesOnly(files: readonly RuleSetFile[]): RuleSetFile[] {
  return files.filter((f) => !f.path.startsWith('tests/'));
}

function refuse<R extends 'unknown_year' | 'unknown_base' | 'exists' | 'bad_path' | 'bad_reason' | 'not_published' | 'unchanged'>(reason: R, message: string) {
  return { ok: false as const, reason, message };
}

/** A published version is never edited in place: which one, and what to do instead. */
function publishedRefusal(version: string, message: string) {
  return { ok: false as const, reason: 'published' as const, version, message };
}

function lintRefusal(errors: FieldError[]): { ok: false; reason: 'lint'; message: string; errors: FieldError[] } {
  return {
    ok: false,
    reason: 'lint',
    errors,
    message: `${errors.length === 1 ? 'une erreur de relecture' : `${errors.length} erreurs de relecture`} : rien n’a été enregistré`,
  };
}
