import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** Requests per second and latency percentiles of one route, measured with autocannon on loopback. */
export interface HttpResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /**
   * Processor time the server spent per request answered (user + system, µs), when its process
   * is known: less bent than requests/s by a neighbour taking a core, since it counts only what
   * the server itself burnt.
   */
  cpuMicrosPerRequest?: number;
}

/** User + system time of a process so far, in µs; undefined where /proc is not there. */
export function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces, hence the last parenthesis).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

export async function load(
  name: string,
  opts: {
    url: string;
    method?: 'GET' | 'POST';
    body?: string;
    contentType?: string;
    authorization?: string;
    seconds: number;
    connections?: number;
    pid?: number;
  },
): Promise<HttpResult> {
  const cpuBefore = processCpuMicros(opts.pid);
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: { ...(opts.contentType ? { 'content-type': opts.contentType } : {}), ...(opts.authorization ? { authorization: opts.authorization } : {}) },
    duration: opts.seconds,
    connections: opts.connections ?? 10,
  });
  const cpuAfter = processCpuMicros(opts.pid);
  const answered = r.requests.total;
  return {
    name,
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    ...(cpuBefore !== undefined && cpuAfter !== undefined && answered > 0 ? { cpuMicrosPerRequest: Math.round((cpuAfter - cpuBefore) / answered) } : {}),
  };
}
