import { formatDuration, formatInteger } from '../wording/format';

/**
 * Progress of a long command: a bar redrawn in place on a terminal, a plain line every so often
 * otherwise (a log file should not fill with carriage returns).
 */
export interface Progress {
  tick(): void;
  done(): void;
}

export function progress(write: (s: string) => void, isTTY: boolean, label: string, total?: number, every = 1000): Progress {
  let n = 0;
  const started = Date.now();
  let lastDraw = 0;
  const rate = () => Math.round(n / Math.max((Date.now() - started) / 1000, 0.001));
  const fmt = formatInteger;
  return {
    tick() {
      n++;
      if (isTTY) {
        const t = Date.now();
        if (t - lastDraw < 100) return;
        lastDraw = t;
        if (total) {
          const width = 30;
          const filled = Math.min(width, Math.round((n / total) * width));
          write(
            `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor((n / total) * 100)} % ${fmt(n)}/${fmt(total)} ${fmt(rate())}/s   `,
          );
        } else write(`\r${label} : ${fmt(n)} ${n > 1 ? 'pièces' : 'pièce'}, ${fmt(rate())}/s   `);
      } else if (n % every === 0) write(`${label} : ${fmt(n)} pièces (${fmt(rate())}/s)\n`);
    },
    done() {
      write(
        `${isTTY ? '\r' : ''}${label} : ${fmt(n)} ${n > 1 ? 'pièces' : 'pièce'} en ${formatDuration(Date.now() - started)} (${fmt(rate())}/s)${isTTY ? '   ' : ''}\n`,
      );
    },
  };
}
