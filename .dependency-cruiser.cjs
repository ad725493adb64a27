/**
 * The architecture, checked (`npm run lint:architecture`, run by CI): the folders of `src/` in
 * layers, the contract's model at the bottom and the edges on top. A folder may import its own
 * layer's foundations and anything below it, never a layer above: so no folder imports one that
 * imports it back, and the store and the contract know nothing of HTTP, pages, reports or the CLI.
 * The README's « Architecture » section describes the same layers.
 */
const LAYERS = [
  // 0. Foundations: types of the interchange format, calendar, identifiers, reading documents, configuration.
  ['domain', 'dates', 'identifiers', 'documents', 'types', 'config.ts', 'log.ts'],
  // 1. The contract's model: parameters, facts, enrolment and dues.
  ['contract'],
  // 2. One way to word things: euros, dates, labels.
  ['wording'],
  // 3. The interchange format's schemas.
  ['validation'],
  // 4. The rules of each school year: lint, compile, evaluate, check.
  ['rules'],
  // 5. Storage.
  ['store'],
  // 6. What a dossier is and owes; who may do what.
  ['dossier', 'auth'],
  // 7. Reports.
  ['reports'],
  // 8. The one service every edge goes through.
  ['service'],
  // 9. Views and campaigns.
  ['pages', 'batch'],
  // 10. Edges.
  ['http', 'cli', 'build', 'server.ts'],
];

const path = (name) => `^src/${name.replace('.', '\\.')}${name.endsWith('.ts') ? '$' : '/'}`;

const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'Two modules that import each other, directly or through others.',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'domain-stands-alone',
    severity: 'error',
    comment: 'The types of the interchange format depend on nothing else of the project.',
    from: { path: '^src/domain/' },
    to: { path: '^src/', pathNot: '^src/domain/' },
  },
];

LAYERS.forEach((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  if (!above.length) return;
  forbidden.push({
    name: `layer-${i}-${layer.join('-').replace(/\.ts/g, '')}-imports-no-layer-above`,
    severity: 'error',
    comment: `${layer.join(', ')} may not import ${above.join(', ')}.`,
    from: { path: layer.map(path).join('|') },
    to: { path: above.map(path).join('|') },
  });
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
