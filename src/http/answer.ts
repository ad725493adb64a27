import type { Response } from 'express';

/**
 * The verdicts of POST /api/check and /api/submissions, written without Express's generic path:
 * the two headers `res.json` would set, without its charset parsing (content-type parse and
 * format on every answer) and freshness checks, which a POST answer never uses.
 *
 * The text itself is JSON.stringify's. A schema-driven serialiser (fast-json-stringify) was
 * measured on these verdicts and is slower here: their French messages are long strings with
 * accents, which it escapes in JavaScript where JSON.stringify does it natively, and the facts
 * shown are of any shape. `npm run bench` measures both again (bench/serialize.ts).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
