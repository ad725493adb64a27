import { createHash } from 'node:crypto';
import Ajv2020, { _, type Options, type ValidateFunction } from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';

/**
 * Validators compiled once, at build time. Ajv compiles a schema into JavaScript; doing it when the
 * service starts cost several hundred milliseconds of the start-up, every time. `npm run build`
 * writes that JavaScript next to the compiled modules (`dist/src/validation/*.generated.js`), and
 * the service loads it. The generated file carries a hash of the schemas it was made from: a file
 * made from other schemas (a schema edited without rebuilding) is ignored, and the validators are
 * compiled at start-up as before — which is also what happens under the tests, which run from
 * the TypeScript sources.
 */

export interface ValidatorSet {
  /** Made by `new Ajv2020(options)`, with formats and keywords, every schema added. */
  ajv: Ajv2020;
  /** Export name → schema `$id`. */
  refs: Record<string, string>;
  /** Everything the validators depend on, for the hash. */
  schemas: readonly unknown[];
}

export function schemasHash(schemas: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(schemas)).digest('hex');
}

/** Options every validator set is built with: the same at build time and at start-up. */
export function ajvOptions(options: Options): Options {
  return { ...options, code: { ...options.code, source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } };
}

export function generatedSource(set: ValidatorSet): string {
  return `${standaloneCode(set.ajv, set.refs)}\nexports.schemasHash = ${JSON.stringify(schemasHash(set.schemas))};\n`;
}

/**
 * The validators of `name`: from its generated file when there is one made from these very
 * schemas, else compiled now by `build()`.
 */
export function loadValidators(name: string, schemas: readonly unknown[], build: () => ValidatorSet): Record<string, ValidateFunction> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file written at build time, which may be absent
    const generated = require(`./${name}.generated.js`) as Record<string, ValidateFunction> & { schemasHash?: string };
    if (generated.schemasHash === schemasHash(schemas)) return generated;
  } catch {
    // No generated file: running from the sources.
  }
  const set = build();
  return Object.fromEntries(Object.entries(set.refs).map(([k, id]) => [k, set.ajv.getSchema(id)!]));
}
