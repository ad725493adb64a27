import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentFormat } from '../documents/parse';

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

export async function batchSource(path: string): Promise<BatchSource> {
  const items = batchItems(path);
  const total = statSync(path).isDirectory() ? readdirSync(path).filter((n) => FORMATS[extname(n).toLowerCase()]).length : await countLines(path);
  return { items, total };
}

export function batchItems(path: string): AsyncIterable<BatchItem> {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new BatchSourceError(`lecture impossible de ${path} : ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (stat.isDirectory()) {
    const names = readdirSync(path).filter((n) => FORMATS[extname(n).toLowerCase()]).sort();
    if (!names.length) throw new BatchSourceError(`aucun fichier .json, .yaml ou .yml dans ${path}`);
    return (async function* () {
      for (const n of names) yield { source: join(path, n), text: readFileSync(join(path, n), 'utf8'), format: FORMATS[extname(n).toLowerCase()] };
    })();
  }
  if (!/\.jsonl$/i.test(path)) throw new BatchSourceError(`${path} : un dossier de fichiers JSON/YAML ou un fichier .jsonl est attendu`);
  return (async function* () {
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim()) yield { source: `${path}:${n}`, text: line, format: 'json' as const };
    }
  })();
}
