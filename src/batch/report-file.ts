import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderUnfiledReport } from '../reports/render';
import type { RuleRegistry } from '../rules/registry';
import { fileProblem } from '../wording/file-errors';
import type { Judged } from './run';

/** The report of one judged document, as `check --format html` writes it. */
export function reportHtml({ item, submission, result }: Judged, registry: RuleRegistry, now: string): string {
  return renderUnfiledReport({
    fileName: item.source,
    sha256: createHash('sha256').update(item.text).digest('hex'),
    submission,
    result,
    registry,
    stage: result.errors.some((e) => e.keyword === 'syntax') ? 'syntax' : 'schema',
    kind: null,
    now,
  });
}

/**
 * Writes a report named `name` into `dir` (as the person typed it, relative to `cwd`), from
 * whichever thread judged it (see parallel.ts). The French sentence of the problem, or undefined when written.
 */
export function writeReport(cwd: string, dir: string, name: string, html: string): string | undefined {
  const shown = join(dir, name);
  try {
    writeFileSync(resolve(cwd, shown), html);
    return undefined;
  } catch (e) {
    return fileProblem(e, shown, 'write');
  }
}
