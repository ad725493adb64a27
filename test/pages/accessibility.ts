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
    else if (!html.includes(`<label for="${id}"`)) problems.push(`#${id} has no <label for>`);
  }
  return problems;
}

export function safetyProblems(html: string): string[] {
  const problems: string[] = [];
  if (/<script/i.test(html)) problems.push('a <script>');
  if (/\s(src|href)="(https?:)?\/\//i.test(html)) problems.push('a resource or link to another site');
  if (/<link\b/i.test(html)) problems.push('a <link>');
  if (/url\(|@import/i.test(html)) problems.push('a CSS url() or @import');
  if (/\son[a-z]+=/i.test(html)) problems.push('an inline event handler');
  return problems;
}

export function pageProblems(html: string): string[] {
  const problems = [...headingProblems(html), ...fieldProblems(html), ...safetyProblems(html)];
  if (!/^<!doctype html>\n<html lang="fr">/.test(html)) problems.push('not a French HTML document');
  if (!/<body>\s*<a class="evitement" href="#[a-z]+">/.test(html)) problems.push('no skip link first in the body');
  return problems;
}
