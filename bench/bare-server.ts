import express from 'express';

/** The baseline: Express answering a constant JSON, nothing else. Run as a child of the bench. */
const app = express();
app.disable('x-powered-by');
app.post('/bare', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
