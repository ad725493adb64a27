import { Router } from 'express';

/** `GET /`: what this service is, for a person who opens it in a browser. */

const PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ENT-école : contrôle de conformité</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1e1e1e; }
code, pre { background: #f2f2f2; border-radius: 3px; padding: 0 .2em; }
pre { padding: .6em; overflow-x: auto; }
</style>
</head>
<body>
<h1>Contrôle de conformité ENT-école</h1>
<p>Ce service vérifie les pièces de la convention de partenariat ENT-école entre l'Académie de
Montpellier et ses communes (conventions, avenants, résiliations, mises en demeure, conciliations,
titres de perception) avant qu'elles soient acceptées.</p>
<h2>Points d'accès</h2>
<ul>
<li><code>GET /health</code> : état du service.</li>
<li><code>POST /api/validate</code> : vérifie qu'une pièce respecte le format d'échange
(corps <code>application/json</code> ou <code>application/yaml</code>, 1 Mo au plus).</li>
</ul>
<pre>curl -X POST -H 'Content-Type: application/json' --data-binary @piece.json http://127.0.0.1:3000/api/validate</pre>
</body>
</html>
`;

export function homeRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}
