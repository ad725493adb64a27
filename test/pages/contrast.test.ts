import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../../src/reports/templates';

/**
 * Sufficient contrast (WCAG 2 AA, 4.5:1 for body text) for every text colour of the stylesheets on
 * every background they declare: dark text on each light background, white text on each dark one.
 * Checking every pair, not only those used together, keeps the palette safe to recombine.
 */

function luminance(hex: string): number {
  const h =
    hex.length === 4
      ? hex
          .slice(1)
          .split('')
          .map((c) => c + c)
          .join('')
      : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const css = readdirSync(join(TEMPLATES_DIR, 'partials'))
  .filter((n) => n.startsWith('styles-'))
  .map((n) => readFileSync(join(TEMPLATES_DIR, 'partials', n), 'utf8'))
  .join('\n');
const declared = (property: string) => [
  ...new Set([...css.matchAll(new RegExp(`(?:^|[\\s;{])${property}: (#[0-9a-fA-F]{3,6})\\b`, 'g'))].map((m) => m[1].toLowerCase())),
];
const isDark = (hex: string) => luminance(hex) < 0.2;

const texts = declared('color');
const backgrounds = [...declared('background'), '#fff'];

describe('contrast of the stylesheets’ colours', () => {
  it('finds the palette', () => {
    expect(texts.length).toBeGreaterThan(5);
    expect(backgrounds.length).toBeGreaterThan(5);
  });

  const pairs = texts.flatMap((t) => backgrounds.filter((b) => isDark(b) !== isDark(t)).map((b) => [t, b] as const));
  it.each(pairs)('text %s on %s: at least 4.5:1', (text, background) => {
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });
});
