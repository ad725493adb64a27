import { closeSync, createReadStream, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { DocumentFormat } from '../documents/parse';
import { fileProblem } from '../wording/file-errors';
import { campaignEntry, judgingOrder } from './order';

/**
 * Where a batch's documents come from: a folder of JSON/YAML files or a JSONL file (one document
 * a line). Read twice: once to date each document (order.ts), keeping only its place in the
 * campaign, then in the order of those dates, one document at a time, so that a campaign of any
 * size streams through.
 */
export interface BatchItem {
  /** Where the document is, relative to the campaign: `avenant.json`, `campagne.jsonl:42`. */
  source: string;
  text: string;
  format?: DocumentFormat;
}

export class BatchSourceError extends Error {}

const FORMATS: Record<string, DocumentFormat> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

export interface BatchSource {
  /** In the order to judge them: each dossier's documents by the date of their act. */
  items: AsyncIterable<BatchItem>;
  /** How many documents, counted beforehand. */
  total: number;
}

/** One document of the campaign: how to name it, and how to read it again. */
interface Place {
  source: string;
  format: DocumentFormat | undefined;
  read(): string;
}

/** `path` is where the campaign is, `shown` how the person named it, for messages. */
export async function batchSource(path: string, shown: string = path): Promise<BatchSource> {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new BatchSourceError(
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? `campagne introuvable : ni dossier ni fichier ${shown}` : fileProblem(e, shown, 'read'),
    );
  }
  if (stat.isDirectory()) return ordered(folderPlaces(path, shown));
  if (!/\.jsonl$/i.test(path)) throw new BatchSourceError(`${shown} : un dossier de fichiers JSON/YAML ou un fichier .jsonl est attendu`);
  const jsonl = await jsonlPlaces(path, shown);
  return ordered(jsonl.places, jsonl.close);
}

/** `close`: what to release once every document has been read, or the reading stopped. */
function ordered(places: readonly Place[], close: () => void = () => undefined): BatchSource {
  let order: number[];
  try {
    order = judgingOrder(places.map((p, position) => campaignEntry(position, p.read(), p.format)));
  } catch (e) {
    close();
    throw e;
  }
  return {
    total: places.length,
    items: (async function* () {
      try {
        for (const position of order) {
          const p = places[position];
          yield { source: p.source, text: p.read(), format: p.format };
        }
      } finally {
        close();
      }
    })(),
  };
}

function folderPlaces(path: string, shown: string): Place[] {
  let names: string[];
  try {
    names = readdirSync(path)
      .filter((n) => FORMATS[extname(n).toLowerCase()])
      .sort();
  } catch (e) {
    throw new BatchSourceError(fileProblem(e, shown, 'read-dir'));
  }
  if (!names.length) throw new BatchSourceError(`aucun fichier .json, .yaml ou .yml dans ${shown}`);
  return names.map((n) => ({
    source: n,
    format: FORMATS[extname(n).toLowerCase()],
    read() {
      try {
        return readFileSync(join(path, n), 'utf8');
      } catch (e) {
        throw new BatchSourceError(fileProblem(e, join(shown, n), 'read'));
      }
    },
  }));
}

/** Each line that is not blank, by its number and where its bytes are, to read it again alone. */
async function jsonlPlaces(path: string, shown: string): Promise<{ places: Place[]; close: () => void }> {
  const lines: Array<{ line: number; offset: number; length: number }> = [];
  let line = 0;
  let start = 0;
  let offset = 0;
  let blank = true;
  const end = (at: number) => {
    line++;
    if (!blank) lines.push({ line, offset: start, length: at - start });
    start = at + 1;
    blank = true;
  };
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      for (let i = 0; i < bytes.length; i++) {
        const c = bytes[i];
        if (c === 0x0a) end(offset + i);
        else if (c !== 0x0d && c !== 0x20 && c !== 0x09) blank = false;
      }
      offset += bytes.length;
    }
  } catch (e) {
    throw new BatchSourceError(fileProblem(e, shown, 'read'));
  }
  if (start < offset) end(offset);
  const name = basename(shown);
  let fd: number | undefined;
  const places = lines.map((l) => ({
    source: `${name}:${l.line}`,
    format: 'json' as const,
    read() {
      try {
        fd ??= openSync(path, 'r');
        const buffer = Buffer.alloc(l.length);
        readSync(fd, buffer, 0, l.length, l.offset);
        return buffer.toString('utf8').replace(/\r$/, '');
      } catch (e) {
        throw new BatchSourceError(fileProblem(e, shown, 'read'));
      }
    },
  }));
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return { places, close };
}
