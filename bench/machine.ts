import { cpus, totalmem, platform, release } from 'node:os';

/** One line saying on what the figures were measured. */
export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? 'processeur inconnu'}, ${cpu.length} cœurs, ${(totalmem() / 2 ** 30).toFixed(0)} Gio, ${platform()} ${release()}, Node ${process.version}`;
}
