/** Text → HTML text or attribute value. Every value that reaches a page goes through it. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value) ?? String(value);
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
