import express from 'express';

/**
 * The baselines: Express answering a small constant JSON, without reading the body (`/bare`), and
 * after parsing the same JSON body the service receives (`/bare-json`, the reference).
 * Run as a child of the bench.
 */
const app = express();
app.disable('x-powered-by');
app.post('/bare', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/bare-json', express.json({ limit: '1mb' }), (req, res) => {
  res.json({ status: 'ok', kind: (req.body as { kind?: unknown }).kind });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
// Exits rather than dies on SIGTERM, so that a profile taken with --cpu-prof is written.
process.once('SIGTERM', () => process.exit(0));
