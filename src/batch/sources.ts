import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentFormat } from '../documents/parse';
import { fileProblem } from '../wording/file-errors';

/**
 * Where a batch's documents come from: a folder of JSON/YAML files (taken in name order) or a
 * JSONL file (one document a line). Read lazily, so a campaign of any size streams through.
 */
export interface BatchItem {
  /** `file` or `file:line`, for messages. */
  source: string;
  text: string;
  format?: DocumentFormat;
}

export class BatchSourceError extends Error {}

const FORMATS: Record<string, DocumentFormat> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

export interface BatchSource {
  items: AsyncIterable<BatchItem>;
  /** How many documents, counted beforehand (a JSONL file is read once more for it). */
  total: number;
}

function countLines(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    let inLine = false;
    createReadStream(path)
      .on('data', (chunk: Buffer | string) => {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        for (let i = 0; i < b.length; i++) {
          const c = b[i];
          if (c === 10) inLine = false;
          else if (!inLine && c !== 13 && c !== 32 && c !== 9) {
            inLine = true;
            n++;
          }
        }
      })
      .on('end', () => resolve(n))
      .on('error', reject);
  });
}

export async function batchSource(path: string, shown: string = path): Promise<BatchSource> {
  const items = batchItems(path, shown);
  try {
    const total = statSync(path).isDirectory() ? readdirSync(path).filter((n) => FORMATS[extname(n).toLowerCase()]).length : await countLines(path);
    return { items, total };
  } catch (e) {
    throw new BatchSourceError(fileProblem(e, shown, 'read'));
  }
}

/** `path` is where the campaign is, `shown` how the person named it, for messages. */
export function batchItems(path: string, shown: string = path): AsyncIterable<BatchItem> {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new BatchSourceError(
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? `campagne introuvable : ni dossier ni fichier ${shown}` : fileProblem(e, shown, 'read'),
    );
  }
  if (stat.isDirectory()) {
    let names: string[];
    try {
      names = readdirSync(path)
        .filter((n) => FORMATS[extname(n).toLowerCase()])
        .sort();
    } catch (e) {
      throw new BatchSourceError(fileProblem(e, shown, 'read-dir'));
    }
    if (!names.length) throw new BatchSourceError(`aucun fichier .json, .yaml ou .yml dans ${shown}`);
    return (async function* () {
      for (const n of names) {
        let text: string;
        try {
          text = readFileSync(join(path, n), 'utf8');
        } catch (e) {
          throw new BatchSourceError(fileProblem(e, join(shown, n), 'read'));
        }
        yield { source: join(path, n), text, format: FORMATS[extname(n).toLowerCase()] };
      }
    })();
  }
  if (!/\.jsonl$/i.test(path)) throw new BatchSourceError(`${shown} : un dossier de fichiers JSON/YAML ou un fichier .jsonl est attendu`);
  return (async function* () {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    try {
      for await (const line of lines) {
        n++;
        if (line.trim()) yield { source: `${path}:${n}`, text: line, format: 'json' as const };
      }
    } catch (e) {
      throw new BatchSourceError(fileProblem(e, shown, 'read'));
    }
  })();
}
