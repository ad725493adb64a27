import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { stringify } from 'yaml';
import { testApp, type TestApp } from '../support/api-app';
import { fixtureValue, VALID_FIXTURES } from '../support/submissions';

/**
 * Thousands of mutated documents sent to POST /api/check: each valid fixture of
 * test/fixtures/submissions with keys deleted, values of another type, strange strings, deep
 * structures, huge numbers, prototype keys, then sometimes its text cut or spliced. Whatever
 * arrives, the answer is a 2xx or 4xx, the app reports no fault, and Object.prototype is untouched.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

let t: TestApp;
let server: Server;
beforeAll((done) => {
  t = testApp();
  // One listening server for every request: supertest would otherwise open one per request.
  server = createServer(t.app).listen(0, '127.0.0.1', done);
});
afterAll((done) => {
  server.close(() => {
    t.close();
    done();
  });
});

const WEIRD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', '$ref', '0', 'kind'];

const weirdString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '\u0000',
    '\uFEFF',
    '\u202Eéd',
    '\uD800',
    '9'.repeat(400),
    'x'.repeat(5000),
    '2020-02-30',
    '2020-10-15T23:30:00+14:00',
    '0341301E',
    '21340270400018',
    'NaN',
    '{{constructor.constructor}}',
    '${process.exit()}',
  ),
);

const hugeNumber = fc.oneof(
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2, -0, 1e21, 0.1 + 0.2, 150.005),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Structures deep enough to cross the parser's 256 levels now and then. */
const deep = fc.tuple(fc.integer({ min: 1, max: 320 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  hugeNumber,
  fc.constantFrom(null, true, false, [], {}),
  deep,
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 30 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string()), fc.anything({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false }),
);

type Mutation = { op: 'delete'; at: number } | { op: 'set'; at: number; value: unknown } | { op: 'key'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: weirdValue }),
  fc.record({ op: fc.constant('key' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string()), value: weirdValue }),
);

/** Every container of the document with the keys inside it, in a stable order. */
function slots(doc: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
  };
  walk(doc);
  return out;
}

function apply(doc: Record<string, unknown>, m: Mutation): void {
  const all = slots(doc);
  if (all.length === 0) return;
  const { parent, key } = all[m.at % all.length];
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (m.op === 'set') {
    // defineProperty: a key named __proto__ becomes an own key, as JSON.parse makes it.
    Object.defineProperty(parent, key, { value: m.value, enumerable: true, writable: true, configurable: true });
  } else {
    const target = Array.isArray(parent) ? doc : parent;
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
}

type Encoding = { as: 'json' | 'yaml'; cut?: number; splice?: { at: number; text: string } };

const encoding: fc.Arbitrary<Encoding> = fc.record(
  {
    as: fc.constantFrom('json' as const, 'json' as const, 'yaml' as const),
    cut: fc.nat(),
    splice: fc.record({ at: fc.nat(), text: fc.oneof(weirdString, fc.constantFrom('{', ']', '"', ',', ': &a', '*a', '!!js/function', '---', '\t', '\\u12')) }),
  },
  { requiredKeys: ['as'] },
);

function encode(doc: unknown, e: Encoding): string {
  let text: string;
  try {
    text = e.as === 'json' ? JSON.stringify(doc) : stringify(doc, { aliasDuplicateObjects: false });
  } catch {
    // A value the encoders cannot write (a null-prototype object with a symbol, say): send its JSON attempt.
    text = String(JSON.stringify(doc) ?? '');
  }
  if (e.cut !== undefined && text.length > 0) text = text.slice(0, e.cut % (text.length + 1));
  if (e.splice && text.length > 0) {
    const at = e.splice.at % text.length;
    text = text.slice(0, at) + e.splice.text + text.slice(at);
  }
  return text;
}

it(`${RUNS} mutated documents: never a 5xx, never a fault, never a polluted prototype`, async () => {
  const statuses = new Map<number, number>();
  let rulesVerdicts = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...VALID_FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 6 }), encoding, async (name, mutations, enc) => {
      const doc = fixtureValue(name);
      for (const m of mutations) apply(doc, m);
      const body = encode(doc, enc);
      const res = await request(server)
        .post('/api/check')
        .set('Content-Type', enc.as === 'json' ? 'application/json' : 'application/yaml')
        .send(body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect([200, 400, 413]).toContain(res.status);
      expect(t.faults).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('fond');
      if (res.status === 200) {
        expect(['schema', 'rules']).toContain(res.body.stage);
        if (res.body.stage === 'rules') rulesVerdicts++;
      } else expect(res.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }),
    { numRuns: RUNS, interruptAfterTimeLimit: 60_000 },
  );
  // The mutations reach every outcome: unreadable text, a schema verdict and a rules verdict.
  expect(statuses.get(400)).toBeGreaterThan(0);
  expect(statuses.get(200)).toBeGreaterThan(0);
  expect(rulesVerdicts).toBeGreaterThan(0);
}, 120_000);
