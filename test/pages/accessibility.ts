/**
 * Structural checks of a page's accessibility that need no browser: one h1, headings that do not
 * skip a level, a label for every field, a skip link first, no script and no resource from
 * elsewhere. Each returns the problems found, so that a failing test says which.
 */

export function headingProblems(html: string): string[] {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  const problems: string[] = [];
  if (levels.filter((l) => l === 1).length !== 1) problems.push(`${levels.filter((l) => l === 1).length} h1 (one expected)`);
  if (levels[0] !== 1) problems.push(`first heading is h${levels[0]}`);
  for (let i = 1; i < levels.length; i++) if (levels[i] > levels[i - 1] + 1) problems.push(`h${levels[i - 1]} followed by h${levels[i]}`);
  return problems;
}

export function fieldProblems(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const attrs = m[2];
    if (/type="(hidden|submit|button)"/.test(attrs)) continue;
    const id = /\sid="([^"]+)"/.exec(attrs)?.[1];
    if (!id) problems.push(`<${m[1]}${attrs}> has no id`);
    else if (!new RegExp(`<label\\b[^>]*\\sfor="${id}"`).test(html)) problems.push(`#${id} has no <label for>`);
  }
  return problems;
}

/** Nothing that runs, nothing from elsewhere: a `<link>` only to a stylesheet or an icon the app serves itself. */
export function safetyProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a <script>');
  if (/\s(src|href|action|srcset|poster|formaction)="(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(html)) problems.push('a resource or link to another site');
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/^<link rel="(stylesheet|icon|apple-touch-icon)" href="\/assets\/[^"]+"/.test(m[0]))
      problems.push(`a <link> to something other than the app's assets: ${m[0]}`);
  }
  if (/url\(|@import/i.test(html)) problems.push('a CSS url() or @import');
  if (/\son[a-z]+=/i.test(html)) problems.push('an inline event handler');
  return problems;
}

/**
 * A page of the service: a French document in the DSFR's skeleton, the skip links first, its
 * styles from the app's files only (the pages' policy refuses inline styles).
 */
export function pageProblems(html: string): string[] {
  const problems = documentProblems(html);
  if (
    !/<body>\s*<div class="fr-skiplinks">\s*<nav class="fr-container" aria-label="Accès rapide">\s*<ul class="fr-skiplinks__list">\s*<li><a class="fr-link" href="#contenu">Contenu<\/a><\/li>/.test(
      html,
    )
  )
    problems.push('no skip link first in the body');
  if (!/<main id="contenu"/.test(html)) problems.push('no <main id="contenu">');
  if (/<style|\sstyle="/i.test(html)) problems.push('an inline style');
  if (
    !/<footer class="fr-footer"[^>]*>[\s\S]*<a class="fr-footer__bottom-link" href="\/accessibilite">Accessibilité : (non|partiellement|totalement) conforme<\/a>/.test(
      html,
    )
  )
    problems.push('no link to the accessibility statement in the footer');
  return problems;
}

/**
 * A document of its own (a stored report, `rules diff --format html`): a French HTML file read
 * outside the service, so its styles are inline and no DSFR skeleton is asked of it; the rest as a page.
 */
export function documentProblems(html: string): string[] {
  const problems = [...headingProblems(html), ...fieldProblems(html), ...safetyProblems(html)];
  if (!/^<!doctype html>\n<html lang="fr">/.test(html)) problems.push('not a French HTML document');
  if (!/<main\b[^>]*\sid="[^"]+"/.test(html)) problems.push('no <main> to skip to');
  return problems;
}
